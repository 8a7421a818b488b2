"""An ente's figures over the years, from the store: the trend table (the current year and up to three
before it, ``003…`` art. 8: "almeno al triennio precedente") and the objectives of multi-year plans
(``004…``: triennial strategic objectives "con target definiti per ogni annualità").

Cumulative progress of a multi-year objective (an assumption, docs/store.md): the mean of its yearly
achievements over the plan years recorded so far, each year weighing the same; years not in the store
are listed as missing and not counted."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs
from sqlalchemy import select

from ciclope.core.reports import fmt
from ciclope.core.store import Store
from ciclope.core.store import schema as s

TREND_YEARS = 4  # the current year and the three before it


@attrs.frozen
class TrendRow:
    kind: str  # ente | area | indicator | objective
    ident: str
    label: str
    values: tuple[float | None, ...]  # one per year of the table


@attrs.frozen
class Trend:
    """The trend table: ``years`` are calendar years, consecutive — a year the store has no result for is in it
    with no values (a gap, never two years drawn as one step); ``plugins`` is the regulation of each year ("" for
    a gap)."""

    ente: str
    years: tuple[int, ...]
    rows: tuple[TrendRow, ...]
    plugins: tuple[str, ...] = ()

    @property
    def stored(self) -> tuple[int, ...]:
        return tuple(y for y, p in zip(self.years, self.plugins) if p) if self.plugins else self.years

    @property
    def missing(self) -> tuple[int, ...]:
        return tuple(y for y in self.years if y not in self.stored)

    @property
    def has_history(self) -> bool:
        return len(self.stored) > 1

    @property
    def changes(self) -> tuple[tuple[int, str, str], ...]:
        """(year, regulation before, regulation from that year) for every change between stored years."""
        out = []
        seen = [(y, p) for y, p in zip(self.years, self.plugins) if p]
        for (_, before), (year, now) in zip(seen, seen[1:]):
            if before != now:
                out.append((year, before, now))
        return tuple(out)


def trend(store: Store, ente: str, year: int, years: int = TREND_YEARS) -> Trend:
    """Ente performance, each strategic area of any year in the window and each indicator with the same id in the
    current year and in at least one earlier year. The window is by calendar year — ``year`` and the ``years − 1``
    before it — whatever the store holds: a missing year is a gap, and a year further back never fills it.
    Areas and indicators are named as in the latest year that has them (a regulation change may rename them)."""
    stored = [p for p in store.series(ente, upto_year=year) if p.year > year - years]
    if not stored:
        return Trend(ente, (), ())
    by_year = {p.year: p for p in stored}
    calendar = tuple(range(stored[0].year, stored[-1].year + 1))
    points = [by_year.get(y) for y in calendar]
    last = stored[-1]
    names: dict[tuple[str, str], str] = {}
    for p in reversed(stored):  # the latest name of each figure wins
        for key, label in _names(store, p.result_id).items():
            names.setdefault(key, label)
    rows = [TrendRow("ente", ente, "Performance dell'ente", tuple(_get(p, None) for p in points))]
    areas = list(dict.fromkeys(a for p in reversed(stored) for a in p.areas))  # this year's first, then older ones
    for ident in areas:
        rows.append(
            TrendRow("area", ident, names.get(("area", ident), ident), tuple(_get(p, ("areas", ident)) for p in points))
        )
    for ident in last.indicators:
        values = tuple(_get(p, ("indicators", ident)) for p in points)
        earlier = [v for v in values[:-1] if v is not None]
        if values[-1] is None or not earlier:
            continue  # an indicator scored only this year (or not this year) has no trend
        rows.append(TrendRow("indicator", ident, names.get(("indicator", ident), ident), values))
    return Trend(ente, calendar, tuple(rows), tuple(p.plugin if p is not None else "" for p in points))


def _get(point, where: tuple[str, str] | None) -> float | None:
    if point is None:
        return None
    if where is None:
        return point.performance
    return getattr(point, where[0]).get(where[1])


def _names(store: Store, result_id: int) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    with store.engine.connect() as conn:
        for kind, table, key, name in (
            ("area", s.areas, s.areas.c.area, s.areas.c.name),
            ("objective", s.objectives, s.objectives.c.objective, s.objectives.c.title),
            ("indicator", s.indicators, s.indicators.c.indicator, s.indicators.c.name),
        ):
            for ident, label in conn.execute(select(key, name).where(table.c.result == result_id)):
                out[(kind, ident)] = label
    return out


@attrs.frozen
class PlanYear:
    year: int
    stored: bool  # False: the store has no result of the ente for that year
    achievement: float | None = None
    indicators: tuple[tuple[str, str, str, str], ...] = ()  # (id, name, target, actual) as in results.json


@attrs.frozen
class PlanObjective:
    objective: str
    title: str
    first: int
    last: int
    years: tuple[PlanYear, ...]

    @property
    def cumulative(self) -> float | None:
        values = [y.achievement for y in self.years if y.stored and y.achievement is not None]
        return round(sum(values) / len(values), 4) if values else None


def plans(store: Store, ente: str, year: int, only_ending: bool = True) -> list[PlanObjective]:
    """The strategic objectives of the ente's multi-year plans in ``year``'s result (``only_ending``: only
    the plans whose last year is ``year``), each followed across its years."""
    current = {c.year: c for c in store.current(ente=ente)}
    if year not in current:
        return []
    with store.engine.connect() as conn:
        objectives = conn.execute(
            select(s.objectives.c.objective, s.objectives.c.title, s.objectives.c.plan_first, s.objectives.c.plan_last)
            .where(
                s.objectives.c.result == current[year].result_id,
                s.objectives.c.plan_first.is_not(None),
                s.objectives.c.kind == "strategic",  # the triennial plan's strategic objectives (004… §2)
            )
            .order_by(s.objectives.c.objective)
        ).all()
        out = []
        for oid, title, first, last in objectives:
            if only_ending and last != year:
                continue
            years = []
            for y in range(first, last + 1):
                c = current.get(y)
                if c is None:
                    years.append(PlanYear(y, False))
                    continue
                achievement = conn.execute(
                    select(s.objectives.c.achievement).where(
                        s.objectives.c.result == c.result_id, s.objectives.c.objective == oid
                    )
                ).scalar_one_or_none()
                indicators = conn.execute(
                    select(
                        s.indicators.c.indicator,
                        s.indicators.c.name,
                        s.indicators.c.target,
                        s.indicators.c.actual,
                        s.indicators.c.percent,
                    )
                    .where(s.indicators.c.result == c.result_id, s.indicators.c.objective == oid)
                    .order_by(s.indicators.c.indicator)
                ).all()
                years.append(
                    PlanYear(
                        y, True, achievement, tuple((i, n, _shown(t, p), _shown(a, p)) for i, n, t, a, p in indicators)
                    )
                )
            out.append(PlanObjective(oid, title, first, last, tuple(years)))
    return out


def _shown(text: str | None, percent: bool | None) -> str:
    """A target or actual as stored (JSON) → as people read it."""
    return said(None if text is None else json.loads(text), bool(percent))


def said(value: Any, percent: bool) -> str:
    """A target or actual as results.json holds it → as the office wrote it: 72% where it wrote percentages (the
    number 0.72), a date in Italian, sì / no."""
    if value is None:
        return fmt.NONE
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, (int, float)):
        return fmt.measure(Decimal(str(value)), percent)
    try:
        return fmt.date_it(dt.date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)
