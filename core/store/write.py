"""Writing runs into the store: one transaction per ente, from the parent process."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

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
        statement = _bulk_statement(conn.dialect, table, columns)
        for start in range(0, len(rows), CHUNK):  # bounded memory for a 30,000-person ente
            batch = rows[start : start + CHUNK]
            if statement is None:
                conn.execute(insert(table), [{"result": result_id, **dict(zip(columns, row))} for row in batch])
            else:
                sql, make = statement
                conn.exec_driver_sql(sql, [make(result_id, row) for row in batch])
    return int(result_id)


@functools.lru_cache(maxsize=64)
def _bulk_statement(dialect, table, columns: tuple[str, ...]) -> tuple[str, Callable[[int, tuple], Any]] | None:
    """The figures' rows go to the driver's ``executemany`` directly: SQLAlchemy compiles the INSERT for
    the database and gives each column's bind processor (the Money type's text on SQLite), but building
    each row's parameters through ``Connection.execute`` was ~40% of writing an ente, in the parent
    process that competes with the ``--jobs`` workers (issue 18). None: use ``Connection.execute``."""
    keys = ("result", *columns)
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    order = list(compiled.positiontup or ()) if dialect.positional else list(compiled.binds)
    if sorted(order) != sorted(keys):  # bind names other than the column keys: not this fast path
        return None
    at = [keys.index(name) for name in order]
    procs = [table.c[keys[i]].type.dialect_impl(dialect).bind_processor(dialect) for i in at]  # as execute() does
    # only the columns with a bind processor are touched (the Money text, a Boolean): a row of the people
    # table has one, so its parameters are a copy of the row and one call, not one test per value
    todo = [(n, proc) for n, proc in enumerate(procs) if proc is not None]
    natural = at == list(range(len(at)))  # the statement's columns in the row's order (no reordering)

    def values(result_id: int, row: tuple) -> list:
        raw = [result_id, *row]
        out = raw if natural else [raw[i] for i in at]
        for n, proc in todo:
            out[n] = proc(out[n])
        return out

    if dialect.positional:
        return str(compiled), lambda result_id, row: tuple(values(result_id, row))
    return str(compiled), lambda result_id, row: dict(zip(order, values(result_id, row)))
