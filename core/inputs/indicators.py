"""indicators.csv → the ente's indicators: each row's cells read as its type says (a number, a
percentage, a date, "-" for a target not active, "monitoraggio" for a year only monitored), the cycle
year's target taken from ``target`` or from the multi-year plan's ``target_<year>`` columns, and the
indicator's checks (rules/core.md §1), each problem in the order the row is read."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import fmt
from ciclope.core import model as m
from ciclope.core.inputs.columns import TARGET_YEAR, Table, kept
from ciclope.core.inputs.reading import Reading
from ciclope.core.inputs.records import duplicate
from ciclope.core.inputs.tables import Sheet
from ciclope.core.values import INACTIVE, in_percent_points, parse_indicator_value

MEASURES = ("actual", "target_mid", "actual_mid", "baseline")  # an indicator's cells read after its checks
MONITORED = "monitoraggio"  # a target_<year> cell of a scored indicator: only monitored that year


def read_indicators(r: Reading, found: Table) -> dict[str, m.Indicator]:
    """indicators.csv: each kept row's cells read as its type says and its checks (rules/core.md §1),
    the problems in row order, then the indicators built from their fields' columns (one
    :func:`core.model.from_columns`). A row with a problem is skipped; a repeated id is reported."""
    rows = _Rows(r, found)
    first: dict[str, int] = {}  # id → row of the indicator kept
    records: list[tuple] = []
    for sheet, n, i in kept(r, found, range(len(found.sheet.numbers))):
        record = rows.record(sheet, n, i)
        if record is None:
            continue
        iid = record[0]
        if iid in first:
            duplicate(r, sheet, n, iid, first[iid])
            continue
        first[iid] = n
        records.append(record)
    fields = list(zip(*records)) if records else [() for _ in attrs.fields(m.Indicator)]
    return dict(zip(first, m.from_columns(m.Indicator, *fields)))


class _Rows:
    """The columns of indicators.csv, their cells read with each row's type; :meth:`record` checks a
    row and gives its :class:`core.model.Indicator` fields, or None when it breaks a rule (reported)."""

    def __init__(self, r: Reading, found: Table):
        self.r = r
        sheet = found.sheet
        by_year = {int(mm.group(1)): c for c in sheet.header if (mm := TARGET_YEAR.match(c))}
        self.year_cols, self.in_order = by_year, sorted(by_year.items())  # the multi-year plan's columns
        if r.asked.year in by_year:
            self.tcol: str | None = by_year[r.asked.year]
        elif "target" in sheet.header or not by_year:
            self.tcol = "target"
        else:
            self.tcol = None  # the plan has years, not this one: each row says so
        self.ids, self.kinds, self.weights = found.column("id"), found.column("type"), found.column("weight")
        self.objectives, self.names = found.column("objective"), found.column("name")
        self.sources, self.benchmarks = found.column("source"), found.column("benchmark")
        self.neutral, self.reasons = found.column("neutralized"), found.column("reason")
        self._cells: dict[tuple[str, str, str | None], tuple[Any, str | None]] = {}  # the cells read
        self.raw = raw = {c: found.column(c) for c in (*by_year.values(), "target", *MEASURES)}
        self.read = {c: self._cells_of(c, self.kinds, texts) for c, texts in raw.items()}  # with each row's type
        # the rows whose target or measures were written as percentages (``90%``): shown as such (the
        # test written in the comprehension, not as a function: it runs for every cell of these columns)
        self.percent = {
            i
            for c in {self.tcol or "target", *MEASURES}
            for i, text in enumerate(raw[c])
            if text is not None and text.rstrip().endswith("%")
        }

    def record(self, sheet: Sheet, n: int, i: int) -> tuple | None:
        """Row ``i``'s fields in :class:`core.model.Indicator`'s order, or None (its problems reported)."""
        found = self._targets(sheet, n, i)
        if found is None:
            return None
        target, plan, ok = found
        kind = self.kinds[i]
        # a word of the plan ("-", "monitoraggio") is a text: the type is asked first, as a Decimal
        # compared with a text asks ``numbers``' abstract classes each time
        active = not (isinstance(target, str) and target == INACTIVE)
        if not active:
            target = None
        # "monitoraggio" in the cycle year's column: a monitor that year
        monitored = isinstance(target, str) and target == MONITORED
        if monitored:
            kind, target = "monitor", None
        neutralized = bool(self.neutral[i])
        ok = self._target_holds(sheet, n, i, kind, target, active, monitored, neutralized, ok)
        measured, ok = self._measures(sheet, n, i, kind, monitored, neutralized, ok)
        if not ok:
            return None
        actual, target_mid, actual_mid, baseline = measured
        self._percent_points(sheet, n, kind, ((target, actual, "actual"), (target_mid, actual_mid, "actual_mid")))
        iid = self.ids[i]
        return (
            iid,
            self.objectives[i],
            self.names[i] or iid,
            kind,
            None if monitored else self.weights[i],
            baseline,
            target,
            actual,
            None if isinstance(target_mid, str) and target_mid == INACTIVE else target_mid,
            actual_mid,
            neutralized,
            self.reasons[i] or "",
            self.sources[i] or "",
            active,
            plan,
            n,
            self.tcol,
            (self.benchmarks[i] or "").strip(),
            i in self.percent,
        )

    def _targets(self, sheet: Sheet, n: int, i: int) -> tuple[Any, dict[int, Any], bool] | None:
        """Row ``i``'s target for the cycle year (as read: "-" and "monitoraggio" included), its plan
        (``target_<year>`` cells in year order, None for "-") and whether every cell read was good; None
        when the sheet has no target column for the cycle year (reported on each row)."""
        ok = True
        targets: dict[int, Any] = {}  # as read, "-" included
        plan: dict[int, Any] = {}  # as kept: None for "-"
        for y, col in self.in_order:
            value, message = self.read[col][i]
            if message is not None:
                self.r.err(sheet, n, col, "core.input.value", message)
                ok = False
            targets[y] = value
            plan[y] = None if isinstance(value, str) and value == INACTIVE else value
        year = self.r.asked.year
        if self.tcol is None:
            self.r.err(
                sheet,
                1,
                f"target_{year}",
                "core.input.missing_column",
                f"nessuna colonna target per l'anno {year} (presenti: {', '.join(self.year_cols.values())})",
            )
            return None
        if self.tcol != "target":
            return targets[year], plan, ok
        target, message = self.read["target"][i]
        if message is not None:
            self.r.err(sheet, n, "target", "core.input.value", message)
            ok = False
        return target, plan, ok

    def _target_holds(
        self,
        sheet: Sheet,
        n: int,
        i: int,
        kind: str,
        target: Any,
        active: bool,
        monitored: bool,
        neutralized: bool,
        ok: bool,
    ) -> bool:
        """``ok`` and the row's target checks: a neutralized indicator has its reason, an active scored
        one its target (when no cell was bad), above 0 for the higher-is-better kinds; a monitor is not
        weighted."""
        err, tcol = self.r.err, self.tcol or "target"
        if neutralized and not (self.reasons[i] or "").strip():
            err(sheet, n, "reason", "core.input.required", "un indicatore neutralizzato richiede il motivo")
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
        if kind == "monitor" and self.weights[i] and not monitored:
            err(
                sheet,
                n,
                "weight",
                "core.indicator.monitor_weight",
                "un indicatore di monitoraggio non si pondera: peso vuoto o 0",
                source="002_cb68e27bcf5376bc.txt §3.2; rules/core.md §1",
            )
            ok = False
        return ok

    def _measures(
        self, sheet: Sheet, n: int, i: int, kind: str, monitored: bool, neutralized: bool, ok: bool
    ) -> tuple[list, bool]:
        """Row ``i``'s actual, target_mid, actual_mid, baseline, read as the type of this year says (a
        year only monitored reads them as a monitor's), then the check of target_mid (above 0 for the
        higher-is-better kinds); ``ok`` and whether each was good."""
        measured = []
        for col in MEASURES:
            value, message = self._cell(col, kind, self.raw[col][i]) if monitored else self.read[col][i]
            if message is not None:
                self.r.err(sheet, n, col, "core.input.value", message)
                ok = False
            measured.append(value)
        target_mid = measured[1]
        if kind in ("higher", "project") and isinstance(target_mid, Decimal) and target_mid <= 0 and not neutralized:
            self.r.err(
                sheet,
                n,
                "target_mid",
                "core.indicator.target",
                "il target intermedio deve essere maggiore di 0",
                source="rules/core.md §1",
            )
            ok = False
        return measured, ok

    def _percent_points(self, sheet: Sheet, n: int, kind: str, pairs: tuple[tuple[Any, Any, str], ...]) -> None:
        """A warning for each actual that looks typed in percentage points against a share (80 for a project's
        100%, read 8,000% and counted as fully achieved): :func:`ciclope.core.values.in_percent_points`."""
        for target, actual, column in pairs:
            if in_percent_points(kind, target, actual):
                it = _plain_it
                self.r.err(
                    sheet,
                    n,
                    column,
                    "core.indicator.percentuale",
                    # the target a share, so said as a percentage (the office reads «90%», not «0,9»)
                    f"consuntivo {it(actual)} con un target {_the_pct(target, 'di')}: sembra scritto in punti "
                    f"percentuali e si legge {it(actual * 100)}%; se è {_the_pct(actual / 100)}, scrivi {it(actual)}% "
                    f"(o {it(actual / 100)})",
                    source="rules/core.md §1",
                    severity="warning",
                )

    def _cell(self, column: str, kind: str, text: str | None) -> tuple[Any, str | None]:
        """An indicator's cell as its type reads it: (the value, None), or (None, the problem's message).
        A pure function of the column, the type and the text, so each distinct triple of the sheet is
        read once (targets repeat: 100%, the same deadline)."""
        key = (column, kind, text)
        found = self._cells.get(key)
        if found is None:
            found = self._cells[key] = _read_cell(column, kind, text, self.r.asked.year)
        return found

    def _cells_of(self, column: str, kinds: list[Any], texts: list[Any]) -> list[tuple[Any, str | None]]:
        """:meth:`_cell` of each row of a column, with the row's type: each distinct (type, text) is
        read once, and the rows are mapped in C (no call per row)."""
        keys = list(zip(kinds, texts))
        read = {key: self._cell(column, *key) for key in dict.fromkeys(keys)}
        return list(map(read.__getitem__, keys))


def _the_pct(share: Decimal, prep: str = "") -> str:
    """A share as a percentage with its article and as many decimals as it needs: «il 90%», «l'87,5%», «del 100%»."""
    places = max(0, -(share * 100).normalize().as_tuple().exponent)  # type: ignore[operator]
    return fmt.the_pct(share, places, prep)


def _plain_it(value: Decimal) -> str:
    """A number as the office writes it: a decimal comma, no exponent, no trailing zeros (7400, 0,72)."""
    return fmt.decimal_it(Decimal(format(value.normalize(), "f")), group=False)


def _read_cell(column: str, kind: str, text: str | None, year: int) -> tuple[Any, str | None]:
    """A cell of indicators.csv read with its row's type; a date's examples of the cycle's ``year``."""
    if text is None or text == "":
        return None, None
    if text == INACTIVE and column.startswith("target"):
        return INACTIVE, None
    if kind != "monitor" and TARGET_YEAR.match(column) and text.strip().lower() == MONITORED:
        return MONITORED, None  # the plan only monitors this indicator that year (002… §3.2)
    try:
        return parse_indicator_value(kind, text, year), None
    except ValueError as exc:
        if column == "baseline":  # informational: keep what the plan says
            return text, None
        return None, str(exc)
