"""An ente's figures over the years, from the store: the trend table (the current year and up to three
before it, ``003…`` art. 8: "almeno al triennio precedente") and the objectives of multi-year plans
(``004…``: triennial strategic objectives "con target definiti per ogni annualità").

Cumulative progress of a multi-year objective (an assumption, docs/store.md): the mean of its yearly
achievements over the plan years recorded so far, each year weighing the same; years not in the store
are listed as missing and not counted."""

from __future__ import annotations

import datetime as dt
import json

import attrs
from sqlalchemy import select

from . import Store
from . import schema as s

TREND_YEARS = 4  # the current year and the three before it


@attrs.frozen
class TrendRow:
    kind: str  # ente | area | indicator | objective
    ident: str
    label: str
    values: tuple[float | None, ...]  # one per year of the table


@attrs.frozen
class Trend:
    ente: str
    years: tuple[int, ...]
    rows: tuple[TrendRow, ...]

    @property
    def has_history(self) -> bool:
        return len(self.years) > 1


def trend(store: Store, ente: str, year: int, years: int = TREND_YEARS) -> Trend:
    """Ente performance, each strategic area and each indicator with the same id in the current year and in
    at least one earlier year; areas and indicators named as in the current (latest) year."""
    points = store.series(ente, upto_year=year, limit=years)
    if not points:
        return Trend(ente, (), ())
    last = points[-1]
    names = _names(store, last.result_id)
    rows = [TrendRow("ente", ente, "Performance dell'ente", tuple(p.performance for p in points))]
    for kind, field in (("area", "areas"), ("indicator", "indicators")):
        for ident in getattr(last, field):
            values = tuple(getattr(p, field).get(ident) for p in points)
            earlier = [v for v in values[:-1] if v is not None]
            if kind != "area" and (values[-1] is None or not earlier):
                continue  # an indicator scored only this year (or not this year) has no trend
            rows.append(TrendRow(kind, ident, names.get((kind, ident), ident), values))
    return Trend(ente, tuple(p.year for p in points), tuple(rows))


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
                    select(s.indicators.c.indicator, s.indicators.c.name, s.indicators.c.target, s.indicators.c.actual)
                    .where(s.indicators.c.result == c.result_id, s.indicators.c.objective == oid)
                    .order_by(s.indicators.c.indicator)
                ).all()
                years.append(
                    PlanYear(y, True, achievement, tuple((i, n, _shown(t), _shown(a)) for i, n, t, a in indicators))
                )
            out.append(PlanObjective(oid, title, first, last, tuple(years)))
    return out


def _shown(text: str | None) -> str:
    """A target or actual as stored (JSON) → as people read it."""
    from ..reports import fmt

    if text is None:
        return fmt.NONE
    value = json.loads(text)
    if value is None:
        return fmt.NONE
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, (int, float)):
        return fmt.decimal_it(value)
    try:
        return fmt.date_it(dt.date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)
