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
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from . import model as m
from .entetoml import funds_and_dates
from .outcomes import InputSchema
from .problems import CiclopeError, Problem
from .reports import fmt
from .tables import Sheet, read_csv, read_xlsx
from .tomlcompat import read_toml
from .values import (
    INACTIVE,
    choice,
    parse_bool,
    parse_date,
    parse_id,
    parse_money,
    parse_nonnegative,
    parse_number,
    parse_positive_fraction,
    parse_share,
    parse_text,
    to_decimal,
)

CONTRACT = "SPEC.md §5"


def _category(s: str) -> str:
    value = s.strip().upper()
    if value not in m.CATEGORIES:
        raise ValueError(f"attesa una categoria tra {', '.join(m.CATEGORIES)}, trovato {s!r}")
    return value


_RAW = object()  # columns parsed by their owner (indicator values depend on the type)


def _aliases(labels: dict[str, str]) -> dict[str, str]:
    """The Italian label a report prints → the input code (round trip: what a report shows, the input reads)."""
    return {label: code for code, label in labels.items()}


# file → column → (parser, required column)
CANONICAL: dict[str, dict[str, tuple[Any, bool]]] = {
    "units": {
        "id": (parse_id, True),
        "name": (parse_text, False),
        "kind": (choice(*m.UNIT_KINDS, aliases=_aliases(fmt.UNIT_KIND_LABELS)), True),
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
        "role": (choice(*m.ROLES, aliases=_aliases(fmt.ROLE_LABELS)), True),
        "category": (_category, False),
        "unit": (parse_id, True),
        "fte": (parse_positive_fraction, False),
        "absence_days": (parse_nonnegative, False),
        "insufficient": (parse_bool, False),
        "evaluator": (parse_id, False),
    },
    "objectives": {
        "id": (parse_id, True),
        "kind": (choice(*m.OBJECTIVE_KINDS, aliases=_aliases(fmt.KIND_LABELS)), True),
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
        "type": (choice(*m.INDICATOR_TYPES, aliases=_aliases(fmt.TYPE_LABELS)), True),
        "weight": (parse_nonnegative, False),
        "baseline": (_RAW, False),
        "target": (_RAW, False),
        "actual": (_RAW, False),
        "target_mid": (_RAW, False),
        "actual_mid": (_RAW, False),
        "neutralized": (parse_bool, False),
        "reason": (parse_text, False),
        "source": (parse_text, False),
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
    },
    "revisions": {
        "indicator": (parse_id, True),
        "field": (choice("target", "target_mid", "weight"), True),
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
REQUIRED_FILES = ("units", "people")
ENTE_TOML_KEYS = {"name", "funds", "approvals"}
APPROVAL_NUMBERS = {"oiv_attested"}
_TARGET_YEAR = re.compile(r"^target_(\d{4})$")
MONITORED = "monitoraggio"  # a target_<year> cell of a scored indicator: only monitored that year


class _Loader:
    def __init__(self, folder: Path, ente_id: str, year: int, schema: InputSchema):
        self.folder = folder
        self.ente_id = ente_id
        self.year = year
        self.schema = schema
        self.problems: list[Problem] = []
        self.sheets: dict[str, Sheet] = {}
        self.files: dict[str, str] = {}
        self.format = "csv"
        self.rejected: set[str] = set()  # ids of rows already reported: no cascade of "unknown id"
        self._years: dict[str, dict[int, str]] = {}  # indicators sheet → its target_<year> columns

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
        if ref is not None and ref in self.rejected:
            return  # the referenced row was rejected and reported already: no cascade
        self.problems.append(Problem(rule=rule, message=message, file=label, row=row, column=column, source=source))

    # -- reading ---------------------------------------------------------------------------
    def read(self) -> None:
        xlsx = self.folder / "ente.xlsx"
        known = set(CANONICAL) | {f.removesuffix(".csv") for f in self.schema.files}
        if xlsx.exists() and not self.confined(xlsx):
            return
        if xlsx.exists():
            self.format = "xlsx"
            self.files["ente.xlsx"] = _sha256(xlsx)
            for title, sheet in read_xlsx(xlsx, self.problems).items():
                name = SHEET_ALIASES.get(title.strip().lower(), title.strip())
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
                self.sheets[name] = sheet
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
                self.files[path.name] = _sha256(path)
                csv_sheet = read_csv(path, name, self.problems)
                if csv_sheet is not None:
                    self.sheets[name] = csv_sheet
        for name in REQUIRED_FILES:
            if name not in self.sheets and not any(p.file.startswith(name) for p in self.problems):
                label = f"ente.xlsx[{name}]" if self.format == "xlsx" else f"{name}.csv"
                self.err(label, None, "", "core.input.missing_file", f"manca {label}, obbligatorio")

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
        return cols

    def rows(self, name: str) -> Iterator[tuple[Sheet, int, dict[str, Any]]]:
        """Parsed rows of a sheet, each as ``{column: value}``; a row with any bad cell is reported and skipped."""
        parsed = self._parsed(name)
        if parsed is not None:
            sheet, names, values, bad = parsed
            rows = zip(*values) if values else itertools.repeat((), len(sheet.numbers))
            for _, n, row in self._kept(sheet, bad, rows):
                yield sheet, n, dict(zip(names, row))

    def rows_as(
        self, name: str, fields: tuple[str, ...], rest: bool = False
    ) -> Iterator[tuple[Sheet, int, tuple[Any, ...]]]:
        """The same rows, problems and order as :meth:`rows`, each as the tuple of ``fields`` (None for a
        column the sheet lacks): no dictionary per row, for the big sheets (issue 18). With ``rest`` the
        tuple ends with ``{column: value}`` of the sheet's other columns (a plugin's own)."""
        parsed = self._parsed(name)
        if parsed is None:
            return
        sheet, names, values, bad = parsed
        where = dict(zip(names, values))
        absent = [None] * len(sheet.numbers)
        rows: Iterable[tuple[Any, ...]] = zip(*[where.get(f, absent) for f in fields])
        if rest:
            others = [c for c in names if c not in fields]
            extras = zip(*[where[c] for c in others]) if others else itertools.repeat((), len(sheet.numbers))
            rows = (row + (dict(zip(others, extra)),) for row, extra in zip(rows, extras))
        yield from self._kept(sheet, bad, rows)

    def _parsed(self, name: str) -> tuple[Sheet, list[str], list[list[Any]], dict[int, list]] | None:
        """A sheet's columns checked and parsed: (sheet, column names, parsed columns, problems by row
        index); None when there is no sheet or it lacks a required column (reported)."""
        sheet = self.sheets.get(name)
        if sheet is None:
            return None
        cols = self.columns(name)
        for col in sheet.header:
            if col in cols or col.startswith("x_") or (name == "indicators" and _TARGET_YEAR.match(col)):
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
        # before the row would have been yielded, as a parse cell by cell reported them (issue 18).
        names: list[str] = []
        values: list[list[Any]] = []
        bad: dict[int, list[tuple[str, str, str]]] = {}  # kept row → (column, rule, message)
        for col in sheet.header:
            if col.startswith("x_"):
                continue
            parser, required = cols.get(col, (_RAW, False))
            texts = sheet.columns[col]
            parsed: list[Any]
            if parser is _RAW or parser is parse_text:
                seen: dict[str, str] = {}  # one string object per distinct text (a card's items repeat)
                parsed = [seen.setdefault(text, text) for text in texts]
            elif any(parser is p for p in _PURE_PARSERS):
                known: dict[str, Any] = {}
                failed: dict[str, str] = {}
                for text in dict.fromkeys(texts):
                    if text:
                        try:
                            known[text] = parser(text)
                        except ValueError as exc:
                            failed[text] = str(exc)
                parsed = list(map(known.get, texts))
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
            if "" in texts:
                for i, text in enumerate(texts):
                    if not text:
                        parsed[i] = None
                        if required:
                            message = f"valore obbligatorio mancante in {col!r}"
                            bad.setdefault(i, []).append((col, "core.input.required", message))
            names.append(col)
            values.append(parsed)
        return sheet, names, values, bad

    def _kept(self, sheet: Sheet, bad: dict[int, list], rows: Iterable[tuple]) -> Iterator[tuple[Sheet, int, tuple]]:
        """``rows`` (one per row of the sheet) less those with a bad cell, whose problems are reported in
        their turn, as a parse cell by cell reported them; the id of a skipped row is remembered."""
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

    def unique(self, items: dict, key: str, sheet: Sheet, n: int, obj) -> None:
        if key in items:
            self.err(
                sheet,
                n,
                "id",
                "core.input.duplicate",
                f"identificativo {key!r} ripetuto (già alla riga {items[key].row})",
            )
        else:
            items[key] = obj

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
        name = data.get("name", self.ente_id)
        return str(name), funds, approvals

    # -- the canonical files ---------------------------------------------------------------
    def load(self) -> m.Ente:
        self.read()
        name, funds, approvals = self.ente_toml()
        units: dict[str, m.Unit] = {}
        for sheet, n, (uid, uname, kind, parent, head) in self.rows_as(
            "units", ("id", "name", "kind", "parent", "head")
        ):
            self.unique(units, uid, sheet, n, m.Unit(uid, uname or uid, kind, parent, head, n))
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
        people: dict[str, m.Person] = {}
        for sheet, n, (pid, pname, role, category, unit, fte, absence, insufficient, evaluator, extra) in self.rows_as(
            "people",
            ("id", "name", "role", "category", "unit", "fte", "absence_days", "insufficient", "evaluator"),
            rest=True,
        ):
            self.unique(
                people,
                pid,
                sheet,
                n,
                m.Person(
                    pid,
                    pname or pid,
                    role,
                    category,
                    unit,
                    fte or Decimal(1),
                    absence or Decimal(0),
                    bool(insufficient),
                    evaluator,
                    extra,
                    n,
                ),
            )
        objectives: dict[str, m.Objective] = {}
        for sheet, n, (oid, kind, title, parent, area, weight, owner) in self.rows_as(
            "objectives", ("id", "kind", "title", "parent", "area", "weight", "owner")
        ):
            self.unique(objectives, oid, sheet, n, m.Objective(oid, kind, title or oid, parent, area, weight, owner, n))
        indicators: dict[str, m.Indicator] = {}
        for sheet, n, r in self.rows("indicators"):
            ind = self.indicator(sheet, n, r)
            if ind is not None:
                self.unique(indicators, ind.id, sheet, n, ind)
        assignments = tuple(
            m.Assignment(cruscotto, owner, ref, weight, n)
            for _, n, (cruscotto, owner, ref, weight) in self.rows_as(
                "assignments", ("cruscotto", "owner", "ref", "weight")
            )
        )
        evaluations = []
        item = m.EvaluationItem  # ~4 items per person: built from the columns, by position
        for sheet, n, (person, evaluator, section, what, max_points, points, weight) in self.rows_as(
            "evaluations", ("person", "evaluator", "section", "item", "max_points", "points", "weight")
        ):
            if max_points <= 0:
                self.err(
                    sheet,
                    n,
                    "max_points",
                    "core.card.max_points",
                    "max_points deve essere maggiore di 0",
                    source="rules/core.md §3",
                )
                continue
            if not (0 <= points <= max_points):
                self.err(
                    sheet,
                    n,
                    "points",
                    "core.card.points",
                    f"punti {points} fuori da [0, {max_points}]",
                    source="rules/core.md §3",
                )
                continue
            evaluations.append(item(person, evaluator, section or "", what, max_points, points, weight, n))
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
            evaluations=tuple(evaluations),
            revisions=revisions,
            appeals=appeals,
            tables=tables,
            files=dict(sorted(self.files.items())),
            source_format=self.format,
            approval_keys=tuple(self.schema.approvals),
        )
        self.references(ente)
        if any(p.is_error for p in self.problems):
            raise CiclopeError(self.problems)
        return attrs.evolve(ente, notes=tuple(self.problems)) if self.problems else ente

    def _year_columns(self, sheet: Sheet) -> dict[int, str]:
        """``target_<year>`` columns of indicators.csv by year (the multi-year plan), read once per sheet."""
        found = self._years.get(sheet.label)
        if found is None:
            found = self._years[sheet.label] = {
                int(mm.group(1)): c for c in sheet.header if (mm := _TARGET_YEAR.match(c))
            }
        return found

    def indicator(self, sheet: Sheet, n: int, r: dict[str, Any]) -> m.Indicator | None:
        kind = r["type"]
        year_cols = self._year_columns(sheet)
        targets: dict[int, Any] = {}
        ok = True

        def value(col: str, text: str | None) -> Any:
            nonlocal ok
            if text is None or text == "":
                return None
            if text == INACTIVE and col.startswith("target"):
                return INACTIVE
            if kind != "monitor" and _TARGET_YEAR.match(col) and text.strip().lower() == MONITORED:
                return MONITORED  # the plan only monitors this indicator that year (002… §3.2)
            try:
                return parse_indicator_value(kind, text)
            except ValueError as exc:
                if col == "baseline":  # informational: keep what the plan says
                    return text
                self.err(sheet, n, col, "core.input.value", str(exc))
                ok = False
                return None

        for y, col in sorted(year_cols.items()):
            targets[y] = value(col, r.get(col))
        if self.year in year_cols:
            target, tcol = targets[self.year], year_cols[self.year]
        elif "target" in sheet.header:
            target, tcol = value("target", r.get("target")), "target"
        elif year_cols:
            self.err(
                sheet,
                1,
                f"target_{self.year}",
                "core.input.missing_column",
                f"nessuna colonna target per l'anno {self.year} (presenti: {', '.join(year_cols.values())})",
            )
            return None
        else:
            target, tcol = None, "target"
        active = target != INACTIVE
        if not active:
            target = None
        monitored = target == MONITORED  # "monitoraggio" in the cycle year's column: a monitor that year
        if monitored:
            kind, target = "monitor", None
        neutralized = bool(r.get("neutralized"))
        if neutralized and not (r.get("reason") or "").strip():
            self.err(
                sheet, n, "reason", "core.input.required", "un indicatore neutralizzato richiede il motivo (reason)"
            )
            ok = False
        if active and kind != "monitor" and target is None and not neutralized and ok:
            self.err(sheet, n, tcol, "core.input.required", "manca il target dell'indicatore")
            ok = False
        if kind in ("higher", "project") and isinstance(target, Decimal) and target <= 0 and not neutralized:
            self.err(
                sheet,
                n,
                tcol,
                "core.indicator.target",
                "il target deve essere maggiore di 0",
                source="rules/core.md §1",
            )
            ok = False
        if kind == "monitor" and r.get("weight") and not monitored:
            self.err(
                sheet,
                n,
                "weight",
                "core.indicator.monitor_weight",
                "un indicatore di monitoraggio non si pondera: peso vuoto o 0",
                source="002_cb68e27bcf5376bc.txt §3.2; rules/core.md §1",
            )
            ok = False
        actual = value("actual", r.get("actual"))
        target_mid = value("target_mid", r.get("target_mid"))
        actual_mid = value("actual_mid", r.get("actual_mid"))
        baseline = value("baseline", r.get("baseline"))
        if kind in ("higher", "project") and isinstance(target_mid, Decimal) and target_mid <= 0 and not neutralized:
            self.err(
                sheet,
                n,
                "target_mid",
                "core.indicator.target",
                "il target intermedio deve essere maggiore di 0",
                source="rules/core.md §1",
            )
            ok = False
        if not ok:
            return None
        return m.Indicator(
            id=r["id"],
            objective=r["objective"],
            name=r.get("name") or r["id"],
            type=kind,
            weight=None if monitored else r.get("weight"),
            baseline=baseline,
            target=target,
            actual=actual,
            target_mid=target_mid if target_mid != INACTIVE else None,
            actual_mid=actual_mid,
            neutralized=neutralized,
            reason=r.get("reason") or "",
            source=r.get("source") or "",
            active=active,
            targets={y: (None if t == INACTIVE else t) for y, t in targets.items()},
            row=n,
            target_column=tcol,
        )

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
            if p.evaluator is not None and p.evaluator not in e.people:
                self.err(
                    L("people"),
                    p.row,
                    "evaluator",
                    "core.ref.person",
                    f"valutatore {p.evaluator!r} inesistente",
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
            if it.evaluator is not None and it.evaluator not in e.people:
                self.err(
                    L("evaluations"),
                    it.row,
                    "evaluator",
                    "core.ref.person",
                    f"valutatore {it.evaluator!r} inesistente",
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
        """Every loop of ``parent`` links, each reported once; linear in the nodes (each is walked once:
        issue 19, the old walk was cubic on a chain of 2,000 units)."""
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


def parse_indicator_value(kind: str, text: str) -> Any:
    """An indicator's target or actual as its type reads it (rules/core.md §1)."""
    if kind == "deadline":
        return parse_date(text)
    if kind == "boolean":
        return parse_bool(text)
    if kind == "monitor":
        for parse in (parse_number, parse_date):
            try:
                return parse(text)
            except ValueError:
                pass
        return text  # "monitoraggio": measured and reported, never scored
    return parse_number(text)


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


# Italian names an office gives its sheets (issue 14): «Persone» is people, and so on.
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
    return InputSchema(columns=columns, files=files, required=required, funds=funds, approvals=approvals)


def load_ente(folder: Path, ente_id: str, year: int, schema: InputSchema | None = None) -> m.Ente:
    """Load one ente or raise :class:`CiclopeError` with every problem found."""
    return _Loader(Path(folder), ente_id, year, schema or InputSchema()).load()
