"""Reading the store: the current result of each (ente, year), series over the years, documents.

The *current* result of an (ente, year) is the one of its latest run that went through the whole
cycle (``until = rendicontazione``) and produced a result; earlier runs stay as history (``runs``)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import attrs
from sqlalchemy import Engine, and_, func, select

from ciclope.core.store import schema as s
from ciclope.core.store.record import decode_trace

COMPLETE = "rendicontazione"


@attrs.frozen
class Current:
    ente: str
    name: str
    plugin: str
    plugin_version: str
    year: int
    run_id: int
    result_id: int
    status: str
    performance: float | None
    people: int
    errors: int
    warnings: int
    allocated: Decimal | None
    distributed: Decimal | None
    residual: Decimal | None
    output: str
    finished: dt.datetime | None


@attrs.frozen
class Point:
    """One year of an ente's series."""

    year: int
    result_id: int
    performance: float | None
    areas: dict = attrs.field(factory=dict)  # area id → achievement
    plugin: str = ""  # the regulation the year was computed with
    indicators: dict = attrs.field(factory=dict)  # indicator id → achievement
    objectives: dict = attrs.field(factory=dict)  # objective id → achievement


@attrs.frozen
class PersonRow:
    person: str
    name: str
    role: str
    category: str | None
    unit: str
    score: float | None
    level: str | None
    status: str | None
    band: str | None
    amount: Decimal | None


def _latest(year: int | None = None, ente: str | None = None):
    """(ente, year, run) of the latest complete run of every (ente, year) that has a result; ``year`` and
    ``ente`` narrow it inside the grouping, through the (ente, year) index: filtered only outside it, the
    history of one ente grouped every ente's runs, once per ente of a run — quadratic in the enti."""
    query = (
        select(s.run_enti.c.ente, s.results.c.year, func.max(s.run_enti.c.run).label("run"))
        .join(s.results, s.results.c.id == s.run_enti.c.result)
        .where(s.results.c.until == COMPLETE)
    )
    if year is not None:
        query = query.where(s.results.c.year == year)
    if ente is not None:
        query = query.where(s.results.c.ente == ente)
    return query.group_by(s.run_enti.c.ente, s.results.c.year).subquery("latest")


def current_query(year: int | None = None, ente: str | None = None):
    latest = _latest(year, ente)
    return (
        select(
            s.results.c.ente,
            s.enti.c.name,
            s.results.c.plugin,
            s.results.c.plugin_version,
            s.results.c.year,
            s.run_enti.c.run,
            s.results.c.id,
            s.run_enti.c.status,
            s.results.c.performance,
            s.results.c.people,
            s.results.c.errors,
            s.results.c.warnings,
            s.results.c.allocated,
            s.results.c.distributed,
            s.results.c.residual,
            s.run_enti.c.output,
            s.runs.c.finished,
        )
        .select_from(latest)
        .join(s.run_enti, and_(s.run_enti.c.run == latest.c.run, s.run_enti.c.ente == latest.c.ente))
        .join(s.results, s.results.c.id == s.run_enti.c.result)
        .join(s.enti, s.enti.c.id == s.results.c.ente)
        .join(s.runs, s.runs.c.id == s.run_enti.c.run)
    )


def current(engine: Engine, year: int | None = None, ente: str | None = None) -> list[Current]:
    """The current result of every ente for ``year`` (None: every year), sorted by ente and year."""
    query = current_query(year, ente)
    if year is not None:
        query = query.where(s.results.c.year == year)
    if ente is not None:
        query = query.where(s.results.c.ente == ente)
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(s.results.c.ente, s.results.c.year)).all()
    return [Current(*row) for row in rows]


def failed_since(engine: Engine, year: int) -> dict[str, tuple[int, str]]:
    """Enti whose latest whole-cycle run of ``year`` failed: ente → (that run, its reason). Their
    current result is an older run's, which the portal must not show as if it were the latest."""
    latest = (
        select(s.run_enti.c.ente, func.max(s.run_enti.c.run).label("run"))
        .join(s.runs, s.runs.c.id == s.run_enti.c.run)
        .where(s.runs.c.year == year, s.runs.c.until == COMPLETE)
        .group_by(s.run_enti.c.ente)
        .subquery("last_run")
    )
    query = (
        select(s.run_enti.c.ente, s.run_enti.c.run, s.run_enti.c.reason)
        .join(latest, and_(s.run_enti.c.ente == latest.c.ente, s.run_enti.c.run == latest.c.run))
        .where(s.run_enti.c.status == "failed")
    )
    with engine.connect() as conn:
        return {ente: (int(run), reason) for ente, run, reason in conn.execute(query)}


def names(engine: Engine, enti: list[str]) -> dict[str, str]:
    """The name each of ``enti`` has in the store (from its first recorded result); an ente never computed has none."""
    if not enti:
        return {}
    query = select(s.enti.c.id, s.enti.c.name).where(s.enti.c.id.in_(enti))
    with engine.connect() as conn:
        return {ente: name for ente, name in conn.execute(query)}


TREND_YEARS = 3  # the Relazione's trend: the year and the three before (history.trend)


def corrections(engine: Engine, year: int, runs: dict[str, int]) -> dict[str, list[int]]:
    """The earlier years whose result changed after each ente's Relazione of ``year`` was written: ente → the
    years (of the trend's three) with a whole-cycle result recorded after the run ``runs[ente]`` that differs
    from the one current then (or that had none then). That Relazione's trend no longer matches the store
    (issue 36: a later year's Relazione silently kept the old figures after a correction)."""
    query = (
        select(s.run_enti.c.ente, s.results.c.year, s.run_enti.c.run, s.run_enti.c.result)
        .join(s.results, s.results.c.id == s.run_enti.c.result)
        .join(s.runs, s.runs.c.id == s.run_enti.c.run)
        .where(
            s.runs.c.until == COMPLETE,
            s.results.c.year >= year - TREND_YEARS,
            s.results.c.year < year,
            s.run_enti.c.ente.in_(list(runs)),
        )
        .order_by(s.run_enti.c.run)
    )
    then: dict[tuple[str, int], int] = {}
    now: dict[tuple[str, int], int] = {}
    with engine.connect() as conn:
        for ente, y, run, result in conn.execute(query):
            (then if run <= runs[ente] else now)[(ente, int(y))] = result  # ordered by run: the last one wins
    out: dict[str, list[int]] = {}
    for (ente, y), result in sorted(now.items()):
        if then.get((ente, y)) != result:
            out.setdefault(ente, []).append(y)
    return out


def latest_per_ente(engine: Engine) -> list[Current]:
    """Each ente's current result of its latest year."""
    best: dict[str, Current] = {}
    for c in current(engine):
        best[c.ente] = c  # sorted by year: the last one wins
    return sorted(best.values(), key=lambda c: c.ente)


def years(engine: Engine) -> list[int]:
    latest = _latest()
    with engine.connect() as conn:
        return [int(y) for (y,) in conn.execute(select(latest.c.year).distinct().order_by(latest.c.year))]


def document(engine: Engine, result_id: int) -> dict:
    with engine.connect() as conn:
        text = conn.execute(select(s.results.c.document).where(s.results.c.id == result_id)).scalar_one()
    return json.loads(text)


def fund(engine: Engine, ente: str, year: int) -> dict | None:
    """The fondo risorse decentrate of the ente's current result of ``year`` (the ``fondo`` section of its
    results.json, kept whole in ``results.document``), or None when there is no result or it has no fund."""
    found = current(engine, year=year, ente=ente)
    if not found:
        return None
    kept = document(engine, found[0].result_id).get("fondo")
    return kept if isinstance(kept, dict) else None


def digests(engine: Engine, result_ids: list[int]) -> dict[int, str]:
    """The sha256 of the results.json bytes of each result."""
    with engine.connect() as conn:
        rows = conn.execute(select(s.results.c.id, s.results.c.sha256).where(s.results.c.id.in_(result_ids)))
        return {rid: digest for rid, digest in rows}


def trace(engine: Engine, result_id: int) -> dict[str, dict]:
    with engine.connect() as conn:
        blob = conn.execute(select(s.results.c.trace).where(s.results.c.id == result_id)).scalar_one()
    return decode_trace(blob)


def series(engine: Engine, ente: str, upto_year: int | None = None, limit: int | None = None) -> list[Point]:
    """The ente's current result per year, ascending, with areas, objectives and indicators achievements;
    ``upto_year`` keeps the years up to it, ``limit`` the last ``limit`` of those."""
    points = [c for c in current(engine, ente=ente) if upto_year is None or c.year <= upto_year]
    if limit is not None:
        points = points[-limit:]
    if not points:
        return []
    ids = [c.result_id for c in points]
    detail: dict[int, dict[str, dict]] = {i: {"areas": {}, "indicators": {}, "objectives": {}} for i in ids}
    with engine.connect() as conn:
        for table, key, field in (
            (s.areas, s.areas.c.area, "areas"),
            (s.indicators, s.indicators.c.indicator, "indicators"),
            (s.objectives, s.objectives.c.objective, "objectives"),
        ):
            for rid, ident, value in conn.execute(
                select(table.c.result, key, table.c.achievement).where(table.c.result.in_(ids))
            ):
                detail[rid][field][ident] = value
    return [
        Point(year=c.year, result_id=c.result_id, performance=c.performance, plugin=c.plugin, **detail[c.result_id])
        for c in points
    ]


def people(engine: Engine, result_id: int) -> list[PersonRow]:
    cols = [
        s.people.c[n]
        for n in ("person", "name", "role", "category", "unit", "score", "level", "status", "band", "amount")
    ]
    with engine.connect() as conn:
        rows = conn.execute(select(*cols).where(s.people.c.result == result_id).order_by(s.people.c.person)).all()
    return [PersonRow(*row) for row in rows]


def rows(engine: Engine, table, result_id: int) -> list[dict]:
    """Every row of a figure table for one result, as dicts (in primary-key order)."""
    with engine.connect() as conn:
        found = conn.execute(select(table).where(table.c.result == result_id).order_by(*table.primary_key.columns))
        return [dict(r._mapping) for r in found]


def runs_of(engine: Engine, ente: str) -> list[dict]:
    """Every run of the ente, newest first: run id, when, status of the run and of the ente, year, result."""
    query = (
        select(
            s.runs.c.id,
            s.runs.c.started,
            s.runs.c.status,
            s.runs.c.until,
            s.run_enti.c.status.label("ente_status"),
            s.results.c.year,
            s.run_enti.c.result,
        )
        .join(s.run_enti, s.run_enti.c.run == s.runs.c.id)
        .outerjoin(s.results, s.results.c.id == s.run_enti.c.result)
        .where(s.run_enti.c.ente == ente)
        .order_by(s.runs.c.id.desc())
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def result_of_run(engine: Engine, run: int, ente: str) -> int | None:
    with engine.connect() as conn:
        return conn.execute(
            select(s.run_enti.c.result).where(s.run_enti.c.run == run, s.run_enti.c.ente == ente)
        ).scalar_one_or_none()
