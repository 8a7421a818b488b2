"""An ente's data folder (CSV files or ``ente.xlsx``, plus ``ente.toml``) → :class:`core.model.Ente`.

Every problem is collected (file, row, column, the rule broken and what was expected) and raised
once in a :class:`core.problems.CiclopeError`; a traceback never reaches the user. Cross-reference
problems that make the data meaningless (unknown ids, cycles, duplicates) are load errors too; the
regulation's own checks come later (``ciclope_validate``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ciclope.core import labels
from ciclope.core import model as m
from ciclope.core.entetoml import canonical, funds_and_dates
from ciclope.core.inputs import narrative
from ciclope.core.inputs.tables import Sheet, read_csv, read_xlsx
from ciclope.core.outcomes import InputSchema
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.tomlcompat import read_toml
from ciclope.core.values import CONTROL as _CONTROL
from ciclope.core.values import (
    INACTIVE,
    choice,
    parse_bool,
    parse_date,
    parse_distinct,
    parse_id,
    parse_indicator_value,
    parse_money,
    parse_nonnegative,
    parse_number,
    parse_positive_fraction,
    parse_share,
    parse_text,
    to_decimal,
)

CONTRACT = "SPEC.md §5"


_AREE = {area.lower(): code for code, area in labels.AREE_2023.items()}


def _category(s: str) -> str:
    """A category (A–D, DIR), or the Area of the CCNL 16.11.2022 that took its place (the same code)."""
    value = _AREE.get(s.strip().lower()) or s.strip().upper()
    if value not in m.CATEGORIES:
        raise ValueError(
            f"attesa una categoria tra {', '.join(m.CATEGORIES)} o un'Area del CCNL 16.11.2022 "
            f"({', '.join(labels.AREE_2023.values())}), trovato {s!r}"
        )
    return value


_category.choices = m.CATEGORIES  # type: ignore[attr-defined]  # a closed list: the template's drop-down

_RAW = object()  # columns parsed by their owner (indicator values depend on the type)


def _aliases(labels: dict[str, str]) -> dict[str, str]:
    """The Italian label a report prints → the input code (round trip: what a report shows, the input reads)."""
    return {label: code for code, label in labels.items()}


# file → column → (parser, required column)
CANONICAL: dict[str, dict[str, tuple[Any, bool]]] = {
    "units": {
        "id": (parse_id, True),
        "name": (parse_text, False),
        "kind": (choice(*m.UNIT_KINDS, aliases=_aliases(labels.UNIT_KIND_LABELS)), True),
        "parent": (parse_id, False),
        "head": (parse_id, False),
    },
    "areas": {
        "id": (parse_id, True),
        "name": (parse_text, False),
        "weight": (parse_nonnegative, False),
        "separate": (parse_bool, False),
    },
    "people": {
        "id": (parse_id, True),
        "name": (parse_text, False),
        "role": (choice(*m.ROLES, aliases={**_aliases(labels.ROLE_LABELS), **labels.ROLE_ALIASES}), True),
        "category": (_category, False),
        "unit": (parse_id, True),
        "fte": (parse_positive_fraction, False),
        "absence_days": (parse_nonnegative, False),
        "insufficient": (parse_bool, False),
        "evaluator": (parse_id, False),
    },
    "objectives": {
        "id": (parse_id, True),
        "kind": (choice(*m.OBJECTIVE_KINDS, aliases=_aliases(labels.KIND_LABELS)), True),
        "title": (parse_text, False),
        "parent": (parse_id, False),
        "area": (parse_id, False),
        "weight": (parse_nonnegative, False),
        "owner": (parse_id, False),
    },
    "indicators": {
        "id": (parse_id, True),
        "objective": (parse_id, True),
        "name": (parse_text, False),
        "type": (choice(*m.INDICATOR_TYPES, aliases=_aliases(labels.TYPE_LABELS)), True),
        "weight": (parse_nonnegative, False),
        "baseline": (_RAW, False),
        "target": (_RAW, False),
        "actual": (_RAW, False),
        "target_mid": (_RAW, False),
        "actual_mid": (_RAW, False),
        "neutralized": (parse_bool, False),
        "reason": (parse_text, False),
        "source": (parse_text, False),
        "benchmark": (parse_text, False),
    },
    "assignments": {
        "cruscotto": (parse_id, True),
        "owner": (parse_id, True),
        "ref": (parse_id, True),
        "weight": (parse_nonnegative, False),
    },
    "evaluations": {
        "person": (parse_id, True),
        "evaluator": (parse_id, False),
        "section": (parse_text, False),
        "item": (parse_text, True),
        "max_points": (parse_number, True),
        "points": (parse_number, True),
        "weight": (parse_nonnegative, False),
        "motivation": (parse_text, False),  # the evaluator's words for the card, shown on the scheda personale
    },
    "revisions": {
        "indicator": (parse_id, True),
        "field": (
            choice("target", "target_mid", "weight", aliases={"target_30_6": "target_mid", "peso": "weight"}),
            True,
        ),
        "old": (parse_text, False),
        "new": (parse_text, True),
        "reason": (parse_text, False),
        "oiv_validated": (parse_bool, False),
        "approved": (parse_bool, False),
    },
    "appeals": {
        "person": (parse_id, True),
        "stage": (choice(*m.APPEAL_STAGES), True),
        "date": (parse_date, False),
        "outcome": (choice(*m.APPEAL_OUTCOMES), False),
        "new_points_item": (parse_text, False),
        "new_points": (parse_nonnegative, False),
    },
}
# The core's parsers are pure functions of the text returning immutable values, so a column's repeated
# texts (ids, points, weights, flags) are parsed once: profiled, parsing was half of the loading time.
_PURE_PARSERS = tuple(
    {parser for cols in CANONICAL.values() for parser, _ in cols.values() if parser is not _RAW}
    | {
        parse_id,
        parse_bool,
        parse_date,
        parse_money,
        parse_nonnegative,
        parse_number,
        parse_positive_fraction,
        parse_share,
    }
)
PERSON_COLUMNS = ("id", "name", "role", "category", "unit", "fte", "absence_days", "insufficient", "evaluator")
REQUIRED_FILES = ("units", "people")
ENTE_TOML_KEYS = {"name", "funds", "approvals", "evaluators", "piano"}
APPROVAL_NUMBERS = {"oiv_attested"}
_TARGET_YEAR = re.compile(r"^target_(\d{4})$")
MEASURES = ("actual", "target_mid", "actual_mid", "baseline")  # an indicator's cells read after its checks
MONITORED = "monitoraggio"  # a target_<year> cell of a scored indicator: only monitored that year


@attrs.frozen
class _Table:
    """A sheet's columns parsed: ``values[c][i]`` is the value of column ``c`` (header order, ``x_``
    columns aside) in the sheet's ``i``-th kept row, None for an empty or bad cell; ``bad`` holds the
    problems of the rows with a bad cell: row index → [(column, rule, message)], in column order."""

    sheet: Sheet
    values: dict[str, list[Any]]
    bad: dict[int, list[tuple[str, str, str]]]

    def column(self, name: str) -> list[Any]:
        """The column's values; None in every row for a column the sheet lacks."""
        found = self.values.get(name)
        return [None] * len(self.sheet.numbers) if found is None else found


class _Loader:
    def __init__(self, folder: Path, ente_id: str, year: int, schema: InputSchema, collecting: bool = False):
        self.folder = folder
        # ``raccolta crea``: a card's items may wait for their points (the evaluators fill them)
        self.collecting = collecting
        self.ente_id = ente_id
        self.year = year
        self.schema = schema
        self.problems: list[Problem] = []
        self.sheets: dict[str, Sheet] = {}
        self.files: dict[str, str] = {}
        self.format = "csv"
        self.evaluators: dict[str, str] = {}  # ente.toml [evaluators]: external evaluator id → who they are
        self.plan: tuple[int, int] | None = None  # ente.toml [piano] anni: the multi-year plan's declared span
        self.rejected: set[str] = set()  # ids of rows already reported: no cascade of "unknown id"
        self._years: dict[str, tuple[dict[int, str], list[tuple[int, str]]]] = {}  # indicators.csv's target_<year>
        self._cells: dict[tuple[str, str, str | None], tuple[Any, str | None]] = {}  # indicators' cells read

    # -- problems --------------------------------------------------------------------------
    def err(
        self,
        sheet: Sheet | str,
        row: int | None,
        column: str,
        rule: str,
        message: str,
        source: str = CONTRACT,
        ref: str | None = None,
    ) -> None:
        label = sheet.label if isinstance(sheet, Sheet) else sheet
        shown = sheet.shown if isinstance(sheet, Sheet) else self._shown(label)
        column = shown.get(column, column)  # the header as the user wrote it (Italian)
        if ref is not None and ref in self.rejected:
            return  # the referenced row was rejected and reported already: no cascade
        self.problems.append(Problem(rule=rule, message=message, file=label, row=row, column=column, source=source))

    def _shown(self, label: str) -> dict[str, str]:
        return next((s.shown for s in self.sheets.values() if s.label == label), {})

    # -- reading ---------------------------------------------------------------------------
    def read(self) -> None:
        xlsx = self.folder / "ente.xlsx"
        known = set(CANONICAL) | {f.removesuffix(".csv") for f in self.schema.files}
        if xlsx.exists() and not self.confined(xlsx):
            return
        if xlsx.exists():
            self.format = "xlsx"
            self.files["ente.xlsx"] = _sha256(xlsx)
            seen_as: dict[str, str] = {}  # canonical sheet name → the title it was read from
            own_titles = {t.lower(): f.removesuffix(".csv") for f, t in self.schema.titles.items()}
            for title, sheet in read_xlsx(xlsx, self.problems).items():
                name = SHEET_ALIASES.get(title.strip().lower()) or own_titles.get(title.strip().lower(), title.strip())
                if name != title:
                    sheet = attrs.evolve(sheet, name=name)
                if name not in known:
                    self.err(
                        sheet,
                        None,
                        "",
                        "core.input.unknown_file",
                        f"foglio sconosciuto {name!r} (attesi: {', '.join(sorted(known))})",
                    )
                    continue
                if name in self.sheets:  # «people» and «Persone»: which one is meant is the office's call
                    self.err(
                        sheet,
                        None,
                        "",
                        "core.input.duplicate_sheet",
                        f"il foglio {title!r} è lo stesso di {seen_as[name]!r} ({name}): tieni uno solo dei due",
                    )
                    continue
                seen_as[name] = title
                self.sheets[name] = italian_headers(sheet, self.schema)
        else:
            for path in sorted(self.folder.glob("*.csv")):
                name = path.stem
                if name not in known:
                    if not name.startswith("x_"):
                        self.err(
                            path.name,
                            None,
                            "",
                            "core.input.unknown_file",
                            f"file sconosciuto {path.name} (attesi: {', '.join(sorted(k + '.csv' for k in known))};"
                            " i file aggiuntivi vanno prefissati x_)",
                        )
                    continue
                if not self.confined(path):
                    continue
                raw = path.read_bytes() if path.is_file() else None  # read once, fingerprinted and parsed
                self.files[path.name] = "" if raw is None else hashlib.sha256(raw).hexdigest()
                csv_sheet = read_csv(path, name, self.problems, raw)
                if csv_sheet is not None:
                    self.sheets[name] = italian_headers(csv_sheet, self.schema)
        old_excel = self.folder / "ente.xls"
        if not xlsx.exists() and old_excel.exists():  # Excel 97-2003: never read, never silently ignored
            self.err(
                "ente.xls",
                None,
                "",
                "core.input.xls",
                "ente.xls è nel formato Excel 97-2003, che ciclope non legge: aprilo e salvalo come .xlsx "
                "(«Cartella di lavoro di Excel»), con il nome ente.xlsx",
            )
        for sheet in self.sheets.values():  # a row refused whole: what refers to it is not reported again
            self.rejected.update(sheet.refused)
        for name in REQUIRED_FILES:
            if name not in self.sheets and not any(p.file.startswith(name) for p in self.problems):
                label = f"ente.xlsx[{name}]" if self.format == "xlsx" else f"{name}.csv"
                self.err(label, None, "", "core.input.missing_file", f"manca {label}, obbligatorio")

    def narrative(self) -> dict[str, str]:
        """The Relazione's own words (core/inputs/narrative.py): fingerprinted like any input; a misnamed file warns."""
        found = narrative.read(self.folder)
        self.files.update(found.files)
        self.problems.extend(found.problems)
        return found.texts

    def confined(self, path: Path) -> bool:
        """A file linked from outside the data folder is refused (no reading of arbitrary files)."""
        if path.is_symlink() and not _inside(path.resolve(), self.folder.resolve()):
            self.err(path.name, None, "", "core.input.symlink", "collegamento simbolico fuori dalla cartella dati")
            return False
        return True

    def columns(self, name: str) -> dict[str, tuple[Any, bool]]:
        cols = dict(CANONICAL.get(name, {}))
        for col, parser in self.schema.columns.get(f"{name}.csv", {}).items():
            cols[col] = (parser, False)
        for col, parser in self.schema.files.get(f"{name}.csv", {}).items():
            cols[col] = (parser, False)
        for col in self.schema.required.get(f"{name}.csv", ()):
            if col in cols:
                cols[col] = (cols[col][0], True)
        if self.collecting and name == "evaluations":
            cols["points"] = (cols["points"][0], False)
        return cols

    def rows(self, name: str) -> Iterator[tuple[Sheet, int, dict[str, Any]]]:
        """Parsed rows of a sheet, each as ``{column: value}``; a row with any bad cell is reported and
        skipped. For the small sheets; the big ones are built from their columns (:meth:`built`)."""
        table = self.table(name)
        if table is not None:
            names = list(table.values)
            rows = zip(*table.values.values()) if names else itertools.repeat((), len(table.sheet.numbers))
            for _, n, row in self._kept(table, rows):
                yield table.sheet, n, dict(zip(names, row))

    def table(self, name: str) -> _Table | None:
        """A sheet's columns checked and parsed; None when there is no sheet or it lacks a required
        column (reported)."""
        sheet = self.sheets.get(name)
        if sheet is None:
            return None
        cols = self.columns(name)
        for col in sheet.header:
            if col in cols or col.startswith("x_") or (name == "indicators" and _TARGET_YEAR.match(col)):
                continue
            if f"{name}.csv" in self.schema.open_columns:  # named by the regulation: its plugin checks them
                continue
            self.err(
                sheet,
                1,
                col,
                "core.input.unknown_column",
                f"colonna sconosciuta {col!r} (le colonne aggiuntive vanno prefissate x_)",
            )
        for col, (_, required) in cols.items():
            if required and col not in sheet.header:
                self.err(sheet, 1, col, "core.input.missing_column", f"manca la colonna obbligatoria {col!r}")
        if any(p.file == sheet.label and p.row == 1 and p.rule == "core.input.missing_column" for p in self.problems):
            return None
        # Each column is parsed as a whole: a column repeats few distinct texts (a card's items, the
        # units, the ratings), and a pure parser sees each distinct text once. The problems of a row
        # (columns are parsed in header order, so each row's list is in column order) are reported right
        # before the row would have been yielded, as a parse cell by cell reported them.
        values: dict[str, list[Any]] = {}
        bad: dict[int, list[tuple[str, str, str]]] = {}  # kept row → (column, rule, message)
        for col in sheet.header:
            if col.startswith("x_"):
                continue
            parser, required = cols.get(col, (self.schema.open_columns.get(f"{name}.csv", _RAW), False))
            texts = sheet.columns[col]
            parsed: list[Any]
            pure = False  # with ``empty``: whether the column has an empty cell, known as its texts are read
            if parser is _RAW or parser is parse_text:
                # one string object per distinct text (a card's items repeat), the first one read, None for
                # an empty cell: one dict operation per cell (``setdefault``, in C)
                seen: dict[str, Any] = {"": None}
                parsed = list(map(seen.setdefault, texts, texts))
                if _CONTROL.search("".join(seen)):  # one search over the distinct texts; rare: then each
                    for i, text in enumerate(texts):
                        found = _CONTROL.search(text)
                        if found:
                            message = f"il testo contiene il carattere di controllo U+{ord(found.group()):04X}: toglilo"
                            bad.setdefault(i, []).append((col, "core.input.value", message))
            elif any(parser is p for p in _PURE_PARSERS) or getattr(parser, "pure", False) is True:
                pure = True
                seen = dict.fromkeys(texts)  # a value is made once per distinct text
                empty = "" in seen  # whether a cell is empty
                if empty:
                    del seen[""]
                known, failed = parse_distinct(parser, seen)  # the distinct texts, in order of first appearance
                parsed = _looked_up(known, failed, empty, texts) if seen else [None] * len(texts)
                if failed:
                    for i, text in enumerate(texts):
                        if text in failed:
                            bad.setdefault(i, []).append((col, "core.input.value", failed[text]))
            else:  # a plugin's parser: called for every cell
                parsed = []
                for i, text in enumerate(texts):
                    if not text:
                        parsed.append(None)
                        continue
                    try:
                        parsed.append(parser(text))
                    except ValueError as exc:
                        parsed.append(None)
                        bad.setdefault(i, []).append((col, "core.input.value", str(exc)))
            if required and (empty if pure else "" in texts):
                message = f"valore obbligatorio mancante in {col!r}"
                for i, text in enumerate(texts):
                    if not text:
                        bad.setdefault(i, []).append((col, "core.input.required", message))
            values[col] = parsed
        return _Table(sheet, values, bad)

    def _kept(self, table: _Table, rows: Iterable[Any]) -> Iterator[tuple[Sheet, int, Any]]:
        """``rows`` (one per row of the sheet) less those with a bad cell, whose problems are reported in
        their turn, as a parse cell by cell reported them; the id of a skipped row is remembered."""
        sheet, bad = table.sheet, table.bad
        numbers, ids = sheet.numbers, sheet.columns.get("id")
        for i, row in enumerate(rows):
            found = bad.get(i)
            if found is None:
                yield sheet, numbers[i], row
                continue
            for col, rule, message in found:
                self.err(sheet, numbers[i], col, rule, message)
            if ids is not None and ids[i]:
                self.rejected.add(ids[i])

    # A big sheet's records are built from its columns (:func:`core.model.from_columns`), then kept:
    # every record at once when the sheet has no bad cell (the common case), else row by row through
    # :meth:`_kept`, which reports the bad rows in their turn (the slow path, and the reference of the
    # fast one: ``fast = False`` takes it always; tests compare the two).
    fast = True

    def built(self, table: _Table, records: Iterable[Any]) -> list[Any]:
        """The records (one per row of the sheet) of the rows without a bad cell."""
        if self.fast and not table.bad:
            return list(records)
        return [record for _, _, record in self._kept(table, records)]

    def by_id(self, name: str, cls: type, fields: Callable[[_Table, list[Any]], Iterable[Sequence[Any]]]) -> dict:
        """The records of a sheet with ids (units, people, objectives) by id (:meth:`keyed`), each of
        class ``cls`` built from the columns: the ids, ``fields(table, ids)`` in field order, the row."""
        table = self.table(name)
        if table is None:
            return {}
        ids = table.column("id")
        return self.keyed(table, ids, m.from_columns(cls, ids, *fields(table, ids), table.sheet.numbers))

    def keyed(self, table: _Table, ids: list[Any], records: Iterable[Any]) -> dict[str, Any]:
        """The records of the rows without a bad cell by id, the first of a repeated id kept and the
        others reported (:meth:`unique`), in row order."""
        if self.fast and not table.bad:
            records = list(records)
            found = dict(zip(ids, records))
            if len(found) == len(records):
                return found  # no id repeated (else the slow path reports each repetition)
        found = {}
        for sheet, n, (key, record) in self._kept(table, zip(ids, records)):
            self.unique(found, key, sheet, n, record)
        return found

    def cards(self, table: _Table) -> tuple[m.EvaluationItem, ...]:
        """The items of evaluations.csv (~4 a person) less the bad rows and those that break a card's
        checks (rules/core.md §3), each reported in its turn. The checks are made on whole columns first
        (comparisons in C): when no row breaks one, the items are kept without a loop."""
        max_points, points = table.column("max_points"), table.column("points")
        items = m.from_columns(
            m.EvaluationItem,
            table.column("person"),
            table.column("evaluator"),
            [section or "" for section in table.column("section")],
            table.column("item"),
            max_points,
            points,
            table.column("weight"),
            table.sheet.numbers,
            *_no_appeal(len(points)),
        )
        if self.fast and not table.bad and _cards_hold(max_points, points):
            return tuple(items)
        kept = []
        for sheet, n, (most, got, item) in self._kept(table, zip(max_points, points, items)):
            if got is None and most > 0:  # only when collecting: the points are still to be given
                kept.append(item)
                continue
            if most <= 0:
                self.err(
                    sheet,
                    n,
                    "max_points",
                    "core.card.max_points",
                    "max_points deve essere maggiore di 0",
                    source="rules/core.md §3",
                )
                continue
            if not (0 <= got <= most):
                self.err(
                    sheet,
                    n,
                    "points",
                    "core.card.points",
                    f"punti {got} fuori da [0, {most}]",
                    source="rules/core.md §3",
                )
                continue
            kept.append(item)
        return tuple(kept)

    def unique(self, items: dict, key: str, sheet: Sheet, n: int, obj) -> None:
        if key in items:
            self.duplicate(sheet, n, key, items[key].row)
        else:
            items[key] = obj

    def duplicate(self, sheet: Sheet, n: int, key: str, first: int) -> None:
        self.err(sheet, n, "id", "core.input.duplicate", f"identificativo {key!r} ripetuto (già alla riga {first})")

    # -- ente.toml -------------------------------------------------------------------------
    def ente_toml(self) -> tuple[str, dict, dict]:
        path = self.folder / "ente.toml"
        if not path.exists():
            self.err("ente.toml", None, "", "core.input.missing_file", "manca ente.toml, obbligatorio")
            return self.ente_id, {}, {}
        if not self.confined(path):
            return self.ente_id, {}, {}
        if not path.is_file():
            self.err("ente.toml", None, "", "core.input.not_a_file", "ente.toml non è un file normale")
            return self.ente_id, {}, {}
        self.files["ente.toml"] = _sha256(path)
        try:
            data = read_toml(path)
        except ValueError as exc:
            self.err("ente.toml", None, "", "core.input.toml", str(exc))
            return self.ente_id, {}, {}
        data, renamed = canonical(data)
        self.problems += renamed
        for key in data:
            if key not in ENTE_TOML_KEYS and not key.startswith("x_"):
                self.err(
                    "ente.toml",
                    None,
                    key,
                    "core.input.unknown_key",
                    f"chiave sconosciuta {key!r} (ammesse: {', '.join(sorted(ENTE_TOML_KEYS))})",
                )
        funds = {}
        raw_funds = data.get("funds", {})
        if not isinstance(raw_funds, dict):
            self.err("ente.toml", None, "funds", "core.input.value", "[funds] deve essere una tabella")
            raw_funds = {}
        for key, raw in raw_funds.items():
            try:
                funds[key] = parse_money(raw if isinstance(raw, str) else str(to_decimal(raw)))
            except ValueError as exc:
                self.err("ente.toml", None, f"funds.{key}", "core.input.value", str(exc))
        approvals: dict[str, Any] = {}
        raw_appr = data.get("approvals", {})
        if not isinstance(raw_appr, dict):
            self.err("ente.toml", None, "approvals", "core.input.value", "[approvals] deve essere una tabella")
            raw_appr = {}
        for key, raw in raw_appr.items():
            try:
                approvals[key] = _approval(key, raw)
            except ValueError as exc:
                self.err("ente.toml", None, f"approvals.{key}", "core.input.value", str(exc))
        for problem in funds_and_dates(raw_funds, approvals, self.schema):
            self.problems.append(problem)
        self.external_evaluators(data.get("evaluators", {}))
        self.plan_span(data.get("piano", {}))
        name = data.get("name", self.ente_id)
        return str(name), funds, approvals

    def external_evaluators(self, raw: Any) -> None:
        """``[evaluators] OIV = "Organismo indipendente di valutazione"``: evaluators who are not staff (the
        Segretario Generale is usually evaluated by the OIV or the President, rules/core.md §3)."""
        if not isinstance(raw, dict):
            self.err("ente.toml", None, "evaluators", "core.input.value", "[evaluators] deve essere una tabella")
            return
        for key, who in raw.items():
            if not isinstance(who, str) or not who.strip():
                self.err(
                    "ente.toml",
                    None,
                    f"evaluators.{key}",
                    "core.input.value",
                    f"valutatore esterno {key!r}: scrivi chi è, es. {key} = \"Organismo indipendente di valutazione\"",
                )
                continue
            self.evaluators[str(key)] = who.strip()

    def plan_span(self, raw: Any) -> None:
        """``[piano] anni = "2021-2023"``: the years of the multi-year plan, declared — never inferred from the
        ``target_<year>`` columns a file happens to have (a baseline column would stretch the plan)."""
        if not isinstance(raw, dict):
            self.err("ente.toml", None, "piano", "core.input.value", "[piano] deve essere una tabella")
            return
        text = raw.get("anni")
        if text is None:
            return
        found = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", str(text))
        if found is None or int(found[1]) >= int(found[2]):
            self.err(
                "ente.toml",
                None,
                "piano.anni",
                "core.input.value",
                f"anni del piano {text!r}: scrivi il primo e l'ultimo anno, es. anni = \"2021-2023\"",
            )
            return
        self.plan = (int(found[1]), int(found[2]))

    # -- the canonical files ---------------------------------------------------------------
    def load(self) -> m.Ente:
        self.read()
        name, funds, approvals = self.ente_toml()
        units: dict[str, m.Unit] = self.by_id(
            "units",
            m.Unit,
            lambda table, ids: (
                _or(table.column("name"), ids),
                table.column("kind"),
                table.column("parent"),
                table.column("head"),
            ),
        )
        areas: dict[str, m.StrategicArea] = {}
        for sheet, n, r in self.rows("areas"):
            self.unique(
                areas,
                r["id"],
                sheet,
                n,
                m.StrategicArea(
                    id=r["id"],
                    name=r.get("name") or r["id"],
                    weight=r.get("weight"),
                    separate=bool(r.get("separate")),
                    row=n,
                ),
            )
        people: dict[str, m.Person] = self.by_id("people", m.Person, _person_columns)
        objectives: dict[str, m.Objective] = self.by_id(
            "objectives",
            m.Objective,
            lambda table, ids: (
                table.column("kind"),
                _or(table.column("title"), ids),
                table.column("parent"),
                table.column("area"),
                table.column("weight"),
                table.column("owner"),
            ),
        )
        indicators: dict[str, m.Indicator] = {}
        table = self.table("indicators")
        if table is not None:
            indicators = self.indicators(table)
        assignments: tuple[m.Assignment, ...] = ()
        table = self.table("assignments")
        if table is not None:
            assignments = tuple(
                self.built(
                    table,
                    m.from_columns(
                        m.Assignment,
                        table.column("cruscotto"),
                        table.column("owner"),
                        table.column("ref"),
                        table.column("weight"),
                        table.sheet.numbers,
                    ),
                )
            )
        evaluations: tuple[m.EvaluationItem, ...] = ()
        motivations: dict[str, str] = {}
        table = self.table("evaluations")
        if table is not None:
            evaluations = self.cards(table)
            motivations = _motivations(table.column("person"), table.column("motivation"))
        revisions = tuple(
            m.Revision(
                indicator=r["indicator"],
                field=r["field"],
                old=r.get("old") or "",
                new=r["new"],
                reason=r.get("reason") or "",
                oiv_validated=bool(r.get("oiv_validated")),
                approved=bool(r.get("approved")),
                row=n,
            )
            for _, n, r in self.rows("revisions")
        )
        appeals = tuple(
            m.Appeal(
                person=r["person"],
                stage=r["stage"],
                date=r.get("date"),
                outcome=r.get("outcome"),
                new_points_item=r.get("new_points_item"),
                new_points=r.get("new_points"),
                row=n,
            )
            for _, n, r in self.rows("appeals")
        )
        tables = {}
        for fname in self.schema.files:
            stem = fname.removesuffix(".csv")
            tables[stem] = tuple(m.Row(values=r, row=n) for _, n, r in self.rows(stem))
        texts = self.narrative()  # before the Ente: its files join the inputs' fingerprints
        ente = m.Ente(
            id=self.ente_id,
            name=name,
            year=self.year,
            funds=funds,
            approvals=approvals,
            units=units,
            areas=areas,
            people=people,
            objectives=objectives,
            indicators=indicators,
            assignments=assignments,
            evaluations=evaluations,
            revisions=revisions,
            appeals=appeals,
            tables=tables,
            files=dict(sorted(self.files.items())),
            source_format=self.format,
            approval_keys=tuple(self.schema.approvals),
            evaluators=self.evaluators,
            plan=self.plan,
            headers={name: tuple(sheet.header) for name, sheet in self.sheets.items()},
            sheet_labels={name: sheet.label for name, sheet in self.sheets.items()},
            shown={name: dict(sheet.shown) for name, sheet in self.sheets.items() if sheet.shown},
            texts=texts,
            motivations=motivations,
        )
        self.references(ente)
        if any(p.is_error for p in self.problems):
            raise CiclopeError(self.problems)
        return attrs.evolve(ente, notes=tuple(self.problems)) if self.problems else ente

    def _year_columns(self, sheet: Sheet) -> tuple[dict[int, str], list[tuple[int, str]]]:
        """``target_<year>`` columns of indicators.csv by year (the multi-year plan), in header order and
        in year order, read once per sheet."""
        found = self._years.get(sheet.label)
        if found is None:
            by_year = {int(mm.group(1)): c for c in sheet.header if (mm := _TARGET_YEAR.match(c))}
            found = self._years[sheet.label] = (by_year, sorted(by_year.items()))
        return found

    def _cell(self, column: str, kind: str, text: str | None) -> tuple[Any, str | None]:
        """An indicator's cell as its type reads it: (the value, None), or (None, the problem's message).
        A pure function of the column, the type and the text, so each distinct triple of the ente is read
        once (targets repeat: 100%, the same deadline)."""
        key = (column, kind, text)
        found = self._cells.get(key)
        if found is None:
            found = self._cells[key] = self._read_cell(column, kind, text)
        return found

    def _cells_of(self, column: str, kinds: list[Any], texts: list[Any]) -> list[tuple[Any, str | None]]:
        """:meth:`_cell` of each row of a column, with the row's type: each distinct (type, text) is
        read once, and the rows are mapped in C (no call per row)."""
        keys = list(zip(kinds, texts))
        read = {key: self._cell(column, *key) for key in dict.fromkeys(keys)}
        return list(map(read.__getitem__, keys))

    def _read_cell(self, column: str, kind: str, text: str | None) -> tuple[Any, str | None]:
        if text is None or text == "":
            return None, None
        if text == INACTIVE and column.startswith("target"):
            return INACTIVE, None
        if kind != "monitor" and _TARGET_YEAR.match(column) and text.strip().lower() == MONITORED:
            return MONITORED, None  # the plan only monitors this indicator that year (002… §3.2)
        try:
            return parse_indicator_value(kind, text), None
        except ValueError as exc:
            if column == "baseline":  # informational: keep what the plan says
                return text, None
            return None, str(exc)

    def indicators(self, table: _Table) -> dict[str, m.Indicator]:
        """indicators.csv: each kept row's cells read as its type says and its checks (rules/core.md §1),
        the problems in row order, then the indicators built from their fields' columns (one
        :func:`core.model.from_columns`). A row with a problem is skipped; a repeated id is reported."""
        sheet, numbers = table.sheet, table.sheet.numbers
        year_cols, in_order = self._year_columns(sheet)
        if self.year in year_cols:
            tcol: str | None = year_cols[self.year]
        elif "target" in sheet.header or not year_cols:
            tcol = "target"
        else:
            tcol = None  # the plan has years, not this one: each row says so
        ids, kinds, weights = table.column("id"), table.column("type"), table.column("weight")
        objectives, names, sources = table.column("objective"), table.column("name"), table.column("source")
        neutral, reasons = table.column("neutralized"), table.column("reason")
        benchmarks = table.column("benchmark")
        raw = {c: table.column(c) for c in (*year_cols.values(), "target", *MEASURES)}
        read = {c: self._cells_of(c, kinds, texts) for c, texts in raw.items()}  # with each row's type
        # the rows whose target or measures were written as percentages (``90%``): shown as such
        percent = {i for c in {tcol or "target", *MEASURES} for i, text in enumerate(raw[c]) if _is_percent(text)}
        err = self.err
        first: dict[str, int] = {}  # id → row of the indicator kept
        records: list[tuple] = []
        for sheet, n, i in self._kept(table, range(len(numbers))):
            kind = kinds[i]
            ok = True
            targets: dict[int, Any] = {}  # as read, "-" included
            plan: dict[int, Any] = {}  # as kept: None for "-"
            for y, col in in_order:
                value, message = read[col][i]
                if message is not None:
                    err(sheet, n, col, "core.input.value", message)
                    ok = False
                targets[y] = value
                plan[y] = None if _is(value, INACTIVE) else value
            if tcol is None:
                err(
                    sheet,
                    1,
                    f"target_{self.year}",
                    "core.input.missing_column",
                    f"nessuna colonna target per l'anno {self.year} (presenti: {', '.join(year_cols.values())})",
                )
                continue
            if tcol == "target":
                target, message = read["target"][i]
                if message is not None:
                    err(sheet, n, "target", "core.input.value", message)
                    ok = False
            else:
                target = targets[self.year]
            active = not _is(target, INACTIVE)
            if not active:
                target = None
            monitored = _is(target, MONITORED)  # "monitoraggio" in the cycle year's column: a monitor that year
            if monitored:
                kind, target = "monitor", None
            neutralized = bool(neutral[i])
            if neutralized and not (reasons[i] or "").strip():
                err(
                    sheet, n, "reason", "core.input.required", "un indicatore neutralizzato richiede il motivo (reason)"
                )
                ok = False
            if active and kind != "monitor" and target is None and not neutralized and ok:
                err(sheet, n, tcol, "core.input.required", "manca il target dell'indicatore")
                ok = False
            if kind in ("higher", "project") and isinstance(target, Decimal) and target <= 0 and not neutralized:
                err(
                    sheet,
                    n,
                    tcol,
                    "core.indicator.target",
                    "il target deve essere maggiore di 0",
                    source="rules/core.md §1",
                )
                ok = False
            if kind == "monitor" and weights[i] and not monitored:
                err(
                    sheet,
                    n,
                    "weight",
                    "core.indicator.monitor_weight",
                    "un indicatore di monitoraggio non si pondera: peso vuoto o 0",
                    source="002_cb68e27bcf5376bc.txt §3.2; rules/core.md §1",
                )
                ok = False
            measured = []  # actual, target_mid, actual_mid, baseline, read as the type of this year says
            for col in MEASURES:
                value, message = self._cell(col, kind, raw[col][i]) if monitored else read[col][i]
                if message is not None:
                    err(sheet, n, col, "core.input.value", message)
                    ok = False
                measured.append(value)
            actual, target_mid, actual_mid, baseline = measured
            if (
                kind in ("higher", "project")
                and isinstance(target_mid, Decimal)
                and target_mid <= 0
                and not neutralized
            ):
                err(
                    sheet,
                    n,
                    "target_mid",
                    "core.indicator.target",
                    "il target intermedio deve essere maggiore di 0",
                    source="rules/core.md §1",
                )
                ok = False
            if not ok:
                continue
            iid = ids[i]
            if iid in first:
                self.duplicate(sheet, n, iid, first[iid])
                continue
            first[iid] = n
            records.append(
                (
                    iid,
                    objectives[i],
                    names[i] or iid,
                    kind,
                    None if monitored else weights[i],
                    baseline,
                    target,
                    actual,
                    None if _is(target_mid, INACTIVE) else target_mid,
                    actual_mid,
                    neutralized,
                    reasons[i] or "",
                    sources[i] or "",
                    active,
                    plan,
                    n,
                    tcol,
                    (benchmarks[i] or "").strip(),
                    i in percent,
                )
            )
        fields = list(zip(*records)) if records else [() for _ in attrs.fields(m.Indicator)]
        return dict(zip(first, m.from_columns(m.Indicator, *fields)))

    # -- references ------------------------------------------------------------------------
    def references(self, e: m.Ente) -> None:
        L = e.file_of
        roots = [u for u in e.units.values() if u.parent is None]
        if e.units and len(roots) != 1:
            self.err(
                L("units"),
                None,
                "parent",
                "core.units.root",
                f"l'organigramma deve avere una sola radice (unità senza parent), trovate {len(roots)}",
            )
        for u in e.units.values():
            if u.parent is not None and u.parent not in e.units:
                self.err(L("units"), u.row, "parent", "core.ref.unit", f"unità {u.parent!r} inesistente", ref=u.parent)
            if u.head is not None and u.head not in e.people:
                self.err(L("units"), u.row, "head", "core.ref.person", f"persona {u.head!r} inesistente", ref=u.head)
        self.cycles(L("units"), {u.id: u.parent for u in e.units.values()}, {u.id: u.row for u in e.units.values()})
        for p in e.people.values():
            if p.unit not in e.units:
                self.err(L("people"), p.row, "unit", "core.ref.unit", f"unità {p.unit!r} inesistente", ref=p.unit)
            if p.evaluator is not None and p.evaluator not in e.people and p.evaluator not in e.evaluators:
                self.err(
                    L("people"),
                    p.row,
                    "evaluator",
                    "core.ref.person",
                    f"valutatore {p.evaluator!r} inesistente: né una persona dell'ente né un valutatore esterno di "
                    "ente.toml [evaluators]",
                    ref=p.evaluator,
                )
        for o in e.objectives.values():
            if o.parent is not None and o.parent not in e.objectives:
                self.err(
                    L("objectives"),
                    o.row,
                    "parent",
                    "core.ref.objective",
                    f"obiettivo {o.parent!r} inesistente",
                    ref=o.parent,
                )
            if o.area is not None and o.area not in e.areas:
                self.err(
                    L("objectives"),
                    o.row,
                    "area",
                    "core.ref.area",
                    f"area strategica {o.area!r} inesistente in areas.csv",
                    ref=o.area,
                )
            if o.owner is not None and o.owner not in e.units and o.owner not in e.people:
                self.err(
                    L("objectives"),
                    o.row,
                    "owner",
                    "core.ref.owner",
                    f"responsabile {o.owner!r}: né unità né persona",
                    ref=o.owner,
                )
        self.cycles(
            L("objectives"),
            {o.id: o.parent for o in e.objectives.values()},
            {o.id: o.row for o in e.objectives.values()},
        )
        for i in e.indicators.values():
            if i.objective not in e.objectives:
                self.err(
                    L("indicators"),
                    i.row,
                    "objective",
                    "core.ref.objective",
                    f"obiettivo {i.objective!r} inesistente",
                    ref=i.objective,
                )
        for a in e.assignments:
            if a.ref not in e.indicators and a.ref not in e.objectives:
                self.err(
                    L("assignments"), a.row, "ref", "core.ref.ref", f"{a.ref!r}: né indicatore né obiettivo", ref=a.ref
                )
            if a.owner not in e.units and a.owner not in e.people:
                self.err(
                    L("assignments"),
                    a.row,
                    "owner",
                    "core.ref.owner",
                    f"titolare {a.owner!r}: né unità né persona",
                    ref=a.owner,
                )
        for it in e.evaluations:
            if it.person not in e.people:
                self.err(
                    L("evaluations"),
                    it.row,
                    "person",
                    "core.ref.person",
                    f"persona {it.person!r} inesistente",
                    ref=it.person,
                )
            if it.evaluator is not None and it.evaluator not in e.people and it.evaluator not in e.evaluators:
                self.err(
                    L("evaluations"),
                    it.row,
                    "evaluator",
                    "core.ref.person",
                    f"valutatore {it.evaluator!r} inesistente: né una persona dell'ente né un valutatore esterno di "
                    "ente.toml [evaluators]",
                    ref=it.evaluator,
                )
        for rv in e.revisions:
            if rv.indicator not in e.indicators:
                self.err(
                    L("revisions"),
                    rv.row,
                    "indicator",
                    "core.ref.indicator",
                    f"indicatore {rv.indicator!r} inesistente",
                    ref=rv.indicator,
                )
        for ap in e.appeals:
            if ap.person not in e.people:
                self.err(
                    L("appeals"),
                    ap.row,
                    "person",
                    "core.ref.person",
                    f"persona {ap.person!r} inesistente",
                    ref=ap.person,
                )

    def cycles(self, label: str, parent: dict[str, str | None], rows: dict[str, int]) -> None:
        """Every loop of ``parent`` links, each reported once; linear in the nodes (each is walked once, so a
        long chain of units stays linear)."""
        done: set[str] = set()
        for start in parent:
            path: list[str] = []
            on_path: dict[str, int] = {}
            node: str | None = start
            while node is not None and node in parent and node not in done and node not in on_path:
                on_path[node] = len(path)
                path.append(node)
                node = parent[node]
            if node is not None and node in on_path:
                loop = path[on_path[node] :]
                self.err(
                    label, rows.get(node), "parent", "core.ref.cycle", f"ciclo nei parent: {' → '.join(loop + [node])}"
                )
            done.update(path)


def _or(values: list[Any], defaults: list[Any]) -> list[Any]:
    """``value or default`` row by row (a name left empty is the id)."""
    return [value or default for value, default in zip(values, defaults)]


def _person_columns(table: _Table, ids: list[Any]) -> tuple[Sequence[Any], ...]:
    """people.csv's columns in :class:`core.model.Person`'s field order after the id, with the
    defaults of an empty cell; ``extra``: the plugin's own columns, as {column: value} for each person."""
    others = [c for c in table.values if c not in PERSON_COLUMNS]
    extras = (
        list(map(dict, map(zip, itertools.repeat(others), zip(*[table.values[c] for c in others]))))
        if others
        else [{} for _ in ids]
    )
    one, zero = Decimal(1), Decimal(0)
    return (
        _or(table.column("name"), ids),
        table.column("role"),
        table.column("category"),
        table.column("unit"),
        [fte or one for fte in table.column("fte")],
        [days or zero for days in table.column("absence_days")],
        list(map(bool, table.column("insufficient"))),
        table.column("evaluator"),
        extras,
    )


def _motivations(people: list[Any], texts: list[Any]) -> dict[str, str]:
    """Each person's card motivation: the texts of the card's rows, each once, in row order."""
    out: dict[str, list[str]] = {}
    for person, text in zip(people, texts):
        if person and text and text not in out.setdefault(person, []):
            out[person].append(text)
    return {person: " ".join(found) for person, found in out.items() if found}


def _looked_up(known: dict[str, Any], failed: dict[str, str], empty: bool, texts: list[str]) -> list[Any]:
    """Each text's value in ``known`` (None for an empty or failed text; ``known`` is the caller's to
    change), taken from the dict by one ``itemgetter`` of all the texts."""
    if empty:
        known[""] = None
    for text in failed:
        known[text] = None
    if len(texts) < 2:  # an itemgetter of one item gives the value, not a tuple
        return [known[text] for text in texts]
    return list(operator.itemgetter(*texts)(known))


def _cards_hold(max_points: list[Any], points: list[Any]) -> bool:
    """Whether every row passes the card's checks: no max_points <= 0, no points < 0, no points >
    max_points. A card's values repeat (a column's equal texts are one Decimal), so the checks are made
    once for each distinct (max_points, points) pair. False, for the row-by-row checks to say what is wrong, when a value does not hash or
    compare (a plugin's parser)."""
    try:
        return all(not most <= 0 and not got < 0 and got <= most for most, got in set(zip(max_points, points)))
    except TypeError:
        return False


def _is_percent(text: str | None) -> bool:
    return text is not None and text.rstrip().endswith("%")


def _is(value: Any, word: str) -> bool:
    """``value == word`` for an indicator's value: a Decimal compared with a text asks ``numbers``'
    abstract classes each time, hence the type first."""
    return isinstance(value, str) and value == word


def _approval(key: str, raw: Any) -> Any:
    if key in APPROVAL_NUMBERS:
        return parse_share(str(to_decimal(raw)))
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, (dt.date, bool)):
        return raw
    if isinstance(raw, str):
        try:
            return parse_date(raw)
        except ValueError:
            return raw
    if isinstance(raw, (int, float)):
        return to_decimal(raw)
    raise ValueError(f"valore non ammesso per {key}: {raw!r}")


def _sha256(path: Path) -> str:
    """The input's fingerprint; "" for anything but a regular file (a FIFO would block the read)."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _fold(text: str) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").split())


# Italian names an office gives its sheets: «Persone» is people, and so on.
SHEET_ALIASES = {
    "persone": "people",
    "personale": "people",
    "unita": "units",
    "unità": "units",
    "strutture": "units",
    "aree": "areas",
    "obiettivi": "objectives",
    "indicatori": "indicators",
    "assegnazioni": "assignments",
    "cruscotti": "assignments",
    "valutazioni": "evaluations",
    "schede": "evaluations",
    "revisioni": "revisions",
    "ricorsi": "appeals",
    "posizioni": "positions",
    "progetti": "projects",
}


# The Italian the template writes (issue 42): a sheet's title and its columns' headers. One table, read
# both ways: the template writes these words, the loader reads them back as the codes (and the codes
# stay accepted). Plugin sheets and columns not listed here keep their code.
SHEET_TITLES = {
    "units": "unità",
    "areas": "aree",
    "people": "persone",
    "objectives": "obiettivi",
    "indicators": "indicatori",
    "assignments": "cruscotti",
    "evaluations": "valutazioni",
    "revisions": "revisioni",
    "appeals": "ricorsi",
    "positions": "posizioni",
    "projects": "progetti",
}
_SHARED = {"id": "codice", "name": "nome", "weight": "peso", "parent": "superiore", "reason": "motivo"}
HEADERS_IT: dict[str, dict[str, str]] = {
    "units": {**_SHARED, "kind": "tipo", "head": "responsabile"},
    "areas": {**_SHARED, "separate": "separata"},
    "people": {
        **_SHARED,
        "role": "ruolo",
        "category": "categoria",
        "unit": "unità",
        "fte": "quota_tempo",
        "absence_days": "giorni_assenza",
        "insufficient": "insufficiente",
        "evaluator": "valutatore",
    },
    "objectives": {**_SHARED, "kind": "tipo", "title": "titolo", "area": "area", "owner": "responsabile"},
    "indicators": {
        **_SHARED,
        "objective": "obiettivo",
        "type": "tipo",
        "baseline": "valore_base",
        "target": "target",
        "actual": "consuntivo",
        "target_mid": "target_30_6",
        "actual_mid": "consuntivo_30_6",
        "neutralized": "neutralizzato",
        "source": "fonte",
        "benchmark": "confronto",
    },
    "assignments": {"cruscotto": "cruscotto", "owner": "titolare", "ref": "voce", "weight": "peso"},
    "evaluations": {
        "person": "persona",
        "evaluator": "valutatore",
        "section": "sezione",
        "item": "voce",
        "max_points": "punti_massimi",
        "points": "punti",
        "weight": "peso",
        "motivation": "motivazione",
    },
    "revisions": {
        "indicator": "indicatore",
        "field": "campo",
        "old": "valore_precedente",
        "new": "nuovo_valore",
        "reason": "motivo",
        "oiv_validated": "validata_oiv",
        "approved": "approvata",
    },
    "appeals": {
        "person": "persona",
        "stage": "fase",
        "date": "data",
        "outcome": "esito",
        "new_points_item": "voce_rivista",
        "new_points": "nuovi_punti",
    },
}
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


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def merge_schemas(schemas: Iterable[InputSchema]) -> InputSchema:
    schemas = list(schemas)
    columns: dict[str, dict] = {}
    files: dict[str, dict] = {}
    required: dict[str, tuple] = {}
    for s in schemas:
        for f, cols in s.columns.items():
            columns.setdefault(f, {}).update(cols)
        for f, cols in s.files.items():
            files.setdefault(f, {}).update(cols)
        for f, names in s.required.items():
            required[f] = tuple(required.get(f, ())) + tuple(names)
    funds = tuple(dict.fromkeys(f for s in schemas for f in s.funds))
    approvals = tuple(dict.fromkeys(a for s in schemas for a in s.approvals))
    titles: dict[str, str] = {}
    headers: dict[str, dict[str, str]] = {}
    open_columns: dict[str, Any] = {}
    for s in schemas:
        titles.update(s.titles)
        open_columns.update(s.open_columns)
        for f, words in s.headers.items():
            headers.setdefault(f, {}).update(words)
    return InputSchema(
        columns=columns,
        files=files,
        required=required,
        funds=funds,
        approvals=approvals,
        titles=titles,
        headers=headers,
        open_columns=open_columns,
    )


def load_ente(
    folder: Path, ente_id: str, year: int, schema: InputSchema | None = None, collecting: bool = False
) -> m.Ente:
    """Load one ente or raise :class:`CiclopeError` with every problem found. ``collecting``: the cards'
    items may have no points yet (``raccolta crea`` sends them to be filled); a run always needs them."""
    return _Loader(Path(folder), ente_id, year, schema or InputSchema(), collecting).load()


def _no_appeal(n: int) -> tuple[list[int], list[str], list[None]]:
    """The appeal fields of ``n`` card items as read (no conciliation stage yet: core.conciliation sets them)."""
    return [0] * n, [""] * n, [None] * n
