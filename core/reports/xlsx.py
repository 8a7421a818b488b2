"""``schede.xlsx``: the Relazione's tables for the performance office, one sheet per scheda.

Internal document (it holds names and individual amounts). Numbers are stored as numbers with a
number format (achievements as %, money in euro), so the office can sort, filter and sum; text from
the input is always stored as text, never as a formula (:mod:`core.reports.safe`). The file is
byte-identical across runs: fixed document properties and fixed dates inside the zip.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from html import escape
from math import isinf, isnan
from pathlib import Path
from typing import Any

from ciclope.core.reports import fmt, safe, sheets, xlsxpack
from ciclope.core.reports.model import Column, Flag, Total, Typed
from ciclope.core.reports.xlsxstyles import FORMATS, Styles  # noqa: F401  (the formats are part of this module's interface)
from ciclope.core.result import Result

TEXT_CACHE = 20_000  # distinct texts of a role whose XML is kept for reuse
MAX_TEXT = 32767  # characters of a cell (Excel's limit)
NUMBER_CACHE = 20_000  # distinct numbers of a kind whose XML is kept for reuse


class Sheets:
    """The workbook being built, one sheet at a time, straight into its archive (:mod:`.xlsxpack`).

    openpyxl's write-only cells cost more than the whole calculation of an ente, almost all in building
    and serializing one XML element per cell. Here a cell is a string: its style index comes from openpyxl once per
    distinct style (:meth:`style`, :mod:`.xlsxstyles`), its XML is a string with the same bytes
    openpyxl would write, and the package around the sheets is :class:`.xlsxpack.Package`
    (tests/core/run/test_scale.py compares every part of the file, uncompressed, with openpyxl's own writer;
    the deflated bytes differ: level 1 here, 6 in openpyxl).
    """

    def __init__(self) -> None:
        self.registry = Styles()  # the style recipes met, in order (openpyxl's numbering)
        self.names: set[str] = set()
        self.styles: dict[tuple, str] = {}  # style recipe (or ("number", kind, role)) → ' s="N"' or ""
        # role → {text: the cell's XML after its reference's value}; "" → "" (an empty text is no cell in a row)
        self.texts: dict[str, dict[str, str]] = {}
        # (kind, role) → {str(Decimal): the number cell's XML after its reference}
        self.numbers: dict[tuple[str, str], dict[str, str]] = {}
        self._package: xlsxpack.Package | None = None
        self._done: bytes | None = None  # the archive, once closed

    @property
    def package(self) -> xlsxpack.Package:
        if self._package is None:
            self._package = xlsxpack.Package()
        return self._package

    def sheet_name(self, title: str) -> str:
        name = re.sub(r"[\[\]:*?/\\]", "-", title).strip("' ") or "Foglio"
        if len(name) > 31:  # Excel's limit: cut at a word, never mid-word ("Note e ipotesi del regolamento")
            name = _cut(name[:31].rsplit(" ", 1)[0]) or name[:31]
        if name.lower() == "history":  # reserved by Excel
            name = "History (sezione)"
        base, n = name, 2
        while name.lower() in self.names:
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
            n += 1
        self.names.add(name.lower())
        return name

    def style(self, what: str, number_format: str | None = None, role: str = "", quote: bool = False) -> str:
        """The ``s`` attribute of a cell styled by this recipe, registered with openpyxl on first use.

        ``what`` is "text", "number" (of ``number_format``), "date" or "empty"; ``quote`` marks a
        text that starts like a formula (:mod:`.safe`). Styles are numbered in the order of first
        use, as openpyxl numbers them (:mod:`.xlsxstyles`), so styles.xml is the same.
        """
        key = (what, number_format, role, quote)
        attr = self.styles.get(key)
        if attr is None:
            attr = self.styles[key] = self.registry.attr(key)
        return attr

    def text(self, ref: str, value: str, role: str = "") -> str:
        if not value:  # a styled empty text cell (a header or note ""): rare, and never cached (see _rows)
            return f'<c r="{ref}{self._text_tail(value, role)}'
        texts = self.texts.get(role)
        if texts is None:
            texts = self.texts[role] = {"": ""}
        tail = texts.get(value)  # names, ids, levels repeat: each distinct text is rendered once
        if tail is None:
            if len(texts) >= TEXT_CACHE:  # a big ente's names and titles: bounded memory
                self._forget(texts)
            tail = texts[value] = self._text_tail(value, role)
        return f'<c r="{ref}{tail}'

    @staticmethod
    def _forget(texts: dict[str, str]) -> None:
        texts.clear()
        texts[""] = ""

    def _text_tail(self, value: str, role: str) -> str:
        """A text cell's XML after its reference's value, from the closing quote (its style registered
        on first use)."""
        # a printable text has no control character (they are all non-printable): nothing to clean
        clean = value if len(value) <= MAX_TEXT and value.isprintable() else _clean_text(value)
        quote = clean.startswith(safe.FORMULA_STARTS)
        s = self.styles.get(("text", None, role, quote))
        if s is None:
            s = self.style("text", None, role, quote)
        if clean == "":
            return f'"{s} t="inlineStr" />'
        stripped = clean.strip()
        t = '<t xml:space="preserve">' if stripped and stripped != clean else "<t>"
        # ``& < >`` escaped as openpyxl's serializer does; tested first: ~1,200 new texts per ente, few with any
        if "&" in clean or "<" in clean or ">" in clean:
            clean = escape(clean, quote=False)
        return f'"{s} t="inlineStr"><is>{t}{clean}</t></is></c>'

    def number_style(self, kind: str, role: str) -> str:
        s = self.styles.get(("number", kind, role))
        if s is None:
            s = self.styles[("number", kind, role)] = self.style(
                "number", FORMATS.get(kind, "General") if kind != "text" else "General", role
            )
        return s

    def cell(self, ref: str, value: Any, kind: str, role: str = "") -> str:
        """One cell's XML (what openpyxl's ``WriteOnlyCell`` and writer produce), "" for no cell."""
        t = type(value)
        if t is str and value:
            return self.text(ref, value, role)
        if t is Typed:
            value, kind = value.value, value.kind
        elif t is Flag:  # a table the Relazione shows too: its flag's words
            return self.text(ref, value.text, role)
        if value is None or value == "":
            if role:
                return f'<c r="{ref}"{self.style("empty", None, role)} t="n" />'
            return ""
        if isinstance(value, bool):
            return self.text(ref, "SI" if value else "NO", role)
        if isinstance(value, fmt.Money):
            kind = "money"
        elif isinstance(value, fmt.Share):  # 8,3333% for 1/12, never 8,33%, which does not multiply back
            kind = "ach" if fmt.hundredths(value) else "share4"
        elif isinstance(value, fmt.Percent):
            kind = "ach"
        elif isinstance(value, fmt.Points):
            kind = "score"
        if isinstance(value, (Decimal, int, float)):
            s = self.number_style(kind, role)
            v = number_text(value)
            return f'<c r="{ref}"{s} t="n"><v>{v}</v></c>' if v else f'<c r="{ref}"{s} t="n"><v /></c>'
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            s = self.style("date", None, role)
            return f'<c r="{ref}"{s} t="n"><v>{date_serial(value)}</v></c>'
        if isinstance(value, (tuple, list)):
            value = fmt.param_value(value)
        return self.text(ref, str(value), role)

    def add(self, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]], note: str = "") -> None:
        if self._done is not None:
            raise ValueError("schede.xlsx: the workbook is already closed")
        name = self.sheet_name(title)
        letters = [column_letter(i) for i in range(1, len(columns) + 1)]
        first = 2 if note else 1  # the header's row
        data_rows = sum(1 for row in rows if not isinstance(row, Total))  # totals stay outside the filter
        autofilter = f"A{first}:{letters[-1]}{first + data_rows}" if data_rows else None
        self.package.sheet(
            name, [width for _, _, width in columns], first + 1, self._rows(letters, columns, rows, note), autofilter
        )

    def _rows(
        self, letters: list[str], columns: Sequence[Column], rows: Sequence[Sequence[Any]], note: str
    ) -> Iterator[str]:
        """The ``<row>`` elements of a sheet, one at a time (they are compressed as they come)."""
        yield from self._heads(letters, columns, note)
        n = 2 if note else 1
        kinds = [kind for _, kind, _ in columns]
        cell, styles, text_tail = self.cell, self.styles, self._text_tail
        texts = self.texts.get("")
        if texts is None:
            texts = self.texts[""] = {"": ""}
        # per column, its kind's number cells by the Decimal's text: a number cell costs a str() and a
        # dict lookup instead of "%.16g" % Decimal (Decimal → str → float → 16 digits)
        numbers = [self.numbers.setdefault((kind, ""), {}) for kind in kinds]
        starts = [f'<c r="{letter}' for letter in letters]  # a cell is start + row number + tail
        column = {start: (letter, kind) for start, letter, kind in zip(starts, letters, kinds)}
        for row in rows:
            n += 1
            if isinstance(row, Total):
                yield self._total(letters, kinds, row, n)
                continue
            r = str(n)
            out = [f'<row r="{r}">']
            # the common cells inline (a text already seen, a finite number of a known style); the rest,
            # and every first occurrence, through :meth:`cell` — the same XML either way. A cached tail
            # starts with the reference's closing quote.
            for start, nums, value in zip(starts, numbers, row):
                t = type(value)
                if t is str:
                    tail = texts.get(value)
                    if tail is None:
                        if len(texts) >= TEXT_CACHE:  # a big ente's names and titles: bounded memory
                            self._forget(texts)
                        tail = texts[value] = text_tail(value, "")
                    if tail:  # "" is no cell
                        out.append(f"{start}{r}{tail}")
                elif value is None:
                    continue
                elif t is Decimal:
                    key = str(value)
                    tail = nums.get(key)
                    if tail is None:
                        letter, kind = column[start]
                        style = styles.get(("number", kind, ""))
                        if style is None or not value.is_finite():  # the first of its style registers it
                            out.append(cell(letter + r, value, kind))
                            continue
                        tail = _number_tail(style, key)
                        if len(nums) < NUMBER_CACHE:  # a big ente's amounts: bounded memory
                            nums[key] = tail
                    out.append(f"{start}{r}{tail}")
                else:
                    letter, kind = column[start]
                    style = styles.get(("number", kind, "")) if t is int else None
                    if style is None:
                        out.append(cell(letter + r, value, kind))
                    else:
                        out.append(f'{start}{r}"{style} t="n"><v>{"%.16g" % value}</v></c>')  # noqa: UP031
            out.append("</row>")
            yield "".join(out)

    def _heads(self, letters: list[str], columns: Sequence[Column], note: str) -> Iterator[str]:
        """The note's row, if there is one, and the header's."""
        n = 0
        if note:
            n += 1
            yield f'<row r="{n}">{self.text(f"A{n}", note, "note")}</row>'
        n += 1
        cells = "".join(self.text(f"{letter}{n}", head, "header") for letter, (head, _, _) in zip(letters, columns))
        yield f'<row r="{n}">{cells}</row>'

    def _total(self, letters: list[str], kinds: list[str], row: Sequence[Any], n: int) -> str:
        """A total row (bold): every cell through :meth:`cell`, empty ones included."""
        cells = "".join(self.cell(f"{letter}{n}", v, kind, "total") for letter, kind, v in zip(letters, kinds, row))
        return f'<row r="{n}">{cells}</row>'

    def bytes(self) -> bytes:
        """The finished archive, after the last :meth:`add` (a sheet added later is refused)."""
        if self._done is None:
            self._done = self.package.close(self.registry.stylesheet())
        return self._done


def _number_tail(style: str, text: str) -> str:
    """A finite Decimal's number cell after its reference's value (from the closing quote), from the
    Decimal's text: openpyxl writes
    ``"%.16g" % value`` (through ``float``, which for a Decimal is ``float(str(value))``; ``format()``
    would differ), and no value for a number beyond the float range."""
    f = float(text)
    if isinf(f):
        return f'"{style} t="n"><v /></c>'
    return f'"{style} t="n"><v>{"%.16g" % f}</v></c>'  # noqa: UP031


# What openpyxl 3.1 does with a cell's value, done here so that writing schede.xlsx never imports openpyxl
# (~0.15 s of every run's start-up); tests/core/reports/test_xlsx_styles.py compares each with openpyxl's own.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # openpyxl.cell.cell's
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of the 1900 date system, as Excel counts it


def number_text(value: Decimal | int | float) -> str:
    """A number cell's value (openpyxl's ``safe_string``): ``"%.16g"``, nothing for NaN and infinities."""
    if isnan(value) or isinf(value):
        return ""
    return "%.16g" % value  # noqa: UP031


def date_serial(value: dt.date) -> str:
    """A date's serial number in the 1900 date system (openpyxl's ``to_excel``): days since 30/12/1899, one
    fewer up to 28/02/1900 (Excel counts a 29/02/1900 that never was)."""
    days = (value - EXCEL_EPOCH).days
    if 0 < days <= 60:
        days -= 1
    return str(days)


def column_letter(index: int) -> str:
    """The letters of the ``index``-th column, from 1: A … Z, AA … (openpyxl's ``get_column_letter``)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _clean_text(value: str) -> str:
    """Text as a worksheet can hold it: at most 32,767 characters (openpyxl cuts there too), and the
    control characters XML cannot carry replaced by U+FFFD (openpyxl would raise and lose the ente)."""
    value = value[:MAX_TEXT]
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


# -- the sheets ------------------------------------------------------------------------------


def build(result: Result) -> Sheets:
    """The workbook of the internal report's tables (:func:`.sheets.tables`)."""
    book = Sheets()
    for table in sheets.tables(result):
        book.add(table.title, table.columns, table.rows, note=table.note)
    return book


def write(result: Result, path: Path) -> None:
    path.write_bytes(build(result).bytes())


# words a title cut at Excel's 31 characters must not end on: «Allegato — Il sistema di» reads as a mistake
_DANGLING = frozenset(
    "a ad al alla alle agli ai che con da dal dalla dai dalle degli dei del della delle dello di dove e ed gli i il "
    "in la le lo nel nella nei nelle o per su sul sulla tra un una uno".split()
)


def _cut(name: str) -> str:
    """``name`` without the separators and the articles, prepositions and conjunctions it ends on after a cut."""
    words = name.rstrip(" —-–,").split(" ")
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words = " ".join(words[:-1]).rstrip(" —-–,").split(" ")
    return " ".join(words)
