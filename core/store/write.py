"""Writing runs into the store: one transaction per ente, from the parent process."""

from __future__ import annotations

from sqlalchemy import Engine, insert, select, update

from . import schema as s
from .record import Record, now

CHUNK = 5000  # rows per executemany

TABLE_ROWS = (
    (s.areas, "areas", ("area", "name", "achievement")),
    (
        s.objectives,
        "objectives",
        ("objective", "kind", "title", "parent", "area", "achievement", "plan_first", "plan_last"),
    ),
    (
        s.indicators,
        "indicators",
        (
            "indicator",
            "objective",
            "name",
            "type",
            "target",
            "actual",
            "value",
            "achievement",
            "scored",
            "plan_first",
            "plan_last",
        ),
    ),
    (s.units, "units", ("unit", "name", "parent", "achievement")),
    (s.people, "people", ("person", "name", "role", "category", "unit", "score", "level", "status", "band", "amount")),
    (s.pools, "pools", ("pool", "amount", "distributed", "residual")),
    (s.violations, "violations", ("n", "severity", "rule", "source", "where", "message")),
)


def start_run(engine: Engine, *, config: str, year: int, until: str, version: str) -> int:
    with engine.begin() as conn:
        row = conn.execute(
            insert(s.runs)
            .values(started=now(), status="running", ciclope_version=version, config=config, year=year, until=until)
            .returning(s.runs.c.id)
        ).one()
    return int(row[0])


def finish_run(engine: Engine, run: int, status: str = "complete") -> None:
    with engine.begin() as conn:
        conn.execute(update(s.runs).where(s.runs.c.id == run).values(finished=now(), status=status))


def add_ente(engine: Engine, run: int, ente: str, status: str, reason: str, output: str, record: Record | None) -> None:
    """Record one ente of a run. Its figures are written once per distinct results.json (sha256): a rerun
    on the same inputs only links the run to the result already stored."""
    with engine.begin() as conn:
        result_id = None
        if record is not None:
            _upsert_ente(conn, record)
            found = conn.execute(select(s.results.c.id).where(s.results.c.sha256 == record.sha256)).first()
            result_id = found[0] if found else _insert_result(conn, record)
        conn.execute(
            insert(s.run_enti).values(
                run=run, ente=ente, status=status, reason=reason[:4000], result=result_id, output=output
            )
        )


def _upsert_ente(conn, record: Record) -> None:
    known = conn.execute(select(s.enti.c.name, s.enti.c.plugin).where(s.enti.c.id == record.ente)).first()
    if known is None:
        conn.execute(insert(s.enti).values(id=record.ente, name=record.name, plugin=record.plugin))
    elif tuple(known) != (record.name, record.plugin):
        conn.execute(update(s.enti).where(s.enti.c.id == record.ente).values(name=record.name, plugin=record.plugin))


def _insert_result(conn, r: Record) -> int:
    result_id = conn.execute(
        insert(s.results)
        .values(
            sha256=r.sha256,
            ente=r.ente,
            year=r.year,
            plugin=r.plugin,
            plugin_version=r.plugin_version,
            until=r.until,
            performance=r.performance,
            attested=r.attested,
            people=r.people_count,
            errors=r.errors,
            warnings=r.warnings,
            allocated=r.allocated,
            distributed=r.distributed,
            residual=r.residual,
            inputs=r.inputs,
            document=r.document,
            trace=r.trace,
        )
        .returning(s.results.c.id)
    ).one()[0]
    for table, field, columns in TABLE_ROWS:
        rows = getattr(r, field)
        for start in range(0, len(rows), CHUNK):  # bounded memory for a 30,000-person ente
            batch = rows[start : start + CHUNK]
            conn.execute(insert(table), [{"result": result_id, **dict(zip(columns, row))} for row in batch])
    return int(result_id)
