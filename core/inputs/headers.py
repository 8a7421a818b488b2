"""The Italian an office writes for its sheets and columns: the titles and headers the template writes,
read back as the codes (``persone`` is people, ``punti_massimi`` is max_points); the codes stay accepted.
A plugin's own sheets and columns take the words of its :class:`core.outcomes.InputSchema`."""

from __future__ import annotations

import attrs

from ciclope.core.inputs.tables import Sheet
from ciclope.core.outcomes import InputSchema
from ciclope.core.vocabulary import HEADERS_IT, SHEET_ALIASES, SHEET_TITLES

__all__ = [
    "HEADERS_IT",
    "SHEET_ALIASES",
    "SHEET_TITLES",
    "column_code",
    "header_label",
    "italian_headers",
    "sheet_title",
]


def _fold(text: str) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").split())


_CODES = {name: {_fold(it): code for code, it in cols.items()} for name, cols in HEADERS_IT.items()}


def header_label(sheet: str, code: str, schema: InputSchema | None = None) -> str:
    """The Italian header the template writes for a column (its code when there is none); a plugin's own
    columns by the words of its ``schema``."""
    own = schema.headers.get(f"{sheet}.csv", {}) if schema is not None else {}
    return own.get(code) or HEADERS_IT.get(sheet, {}).get(code, code)


def column_code(sheet: str, header: str, schema: InputSchema | None = None) -> str:
    """A header as written → the column's code: «Punti massimi», «punti_massimi» → max_points; a code
    or an unknown header is returned as written."""
    if schema is not None:
        own = {_fold(it): code for code, it in schema.headers.get(f"{sheet}.csv", {}).items()}
        if _fold(header) in own:
            return own[_fold(header)]
    return _CODES.get(sheet, {}).get(_fold(header), header)


def sheet_title(name: str, schema: InputSchema | None = None) -> str:
    """The Italian title of a sheet (``persone``; a plugin's sheet by its schema's words)."""
    own = schema.titles.get(f"{name}.csv") if schema is not None else None
    return own or SHEET_TITLES.get(name, name)


def italian_headers(sheet: Sheet, schema: InputSchema | None = None) -> Sheet:
    """The sheet with its Italian headers read as the codes; ``shown`` keeps what the user wrote, so
    problems name the column as the user sees it. A code already in the header wins (the Italian
    twin is then an unknown column, reported)."""
    codes = [column_code(sheet.name, h, schema) for h in sheet.header]
    renamed = {h: c for h, c in zip(sheet.header, codes) if c != h and c not in sheet.header}
    if not renamed or len(set(codes)) < len(codes):
        return sheet
    header = tuple(renamed.get(h, h) for h in sheet.header)
    columns = {renamed.get(h, h): v for h, v in sheet.columns.items()}
    shown = {c: h for h, c in renamed.items()}
    return attrs.evolve(sheet, header=header, columns=columns, shown=shown)
