"""Writing runs into the store: one transaction per ente, from the parent process."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from itertools import repeat

from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError

from ciclope.core.fmt import quoted
from ciclope.core.store import schema as s
from ciclope.core.store.engine import write_lock
from ciclope.core.store.record import Record, now

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
            "benchmark",
            "percent",
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


# The statements of every ente, built once: building and coercing them for each ente (~70 values) was a
# third of SQLAlchemy's own time in writing one; their values are passed as parameters.
_ENTE = select(s.enti.c.name, s.enti.c.plugin).where(s.enti.c.id == bindparam("ente"))
_NEW_ENTE = insert(s.enti)
_FOUND = select(s.results.c.id).where(s.results.c.sha256 == bindparam("sha256"))
_NEW_RESULT = insert(s.results).returning(s.results.c.id)
_RUN_ENTE = insert(s.run_enti)


def add_ente(engine: Engine, run: int, ente: str, status: str, reason: str, output: str, record: Record | None) -> None:
    """Record one ente of a run. Its figures are written once per distinct results.json (sha256): a rerun
    on the same inputs only links the run to the result already stored."""
    with engine.begin() as conn:
        write_lock(conn)  # another run may be recording the same ente or result right now
        result_id = None
        if record is not None:
            _upsert_ente(conn, record)
            found = conn.execute(_FOUND, {"sha256": record.sha256}).first()
            result_id = found[0] if found else _insert_result(conn, record)
        conn.execute(
            _RUN_ENTE,
            {
                "run": run,
                "ente": ente,
                "status": status,
                "reason": reason[:4000],
                "result": result_id,
                "output": output,
            },
        )


class IdentityRefused(ValueError):
    """An ente id already in the store under another identity: the run's result is not recorded."""


def same_name(a: str, b: str) -> bool:
    """Names compared as people read them: case and runs of spaces do not make another ente."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


_YEAR_PLUGINS = (
    select(s.results.c.plugin)
    .where(s.results.c.ente == bindparam("ente"), s.results.c.year == bindparam("year"))
    .distinct()
)


def _upsert_ente(conn, record: Record) -> None:
    """An ente is its id plus the identity recorded at its first run (``enti.name``, ``enti.plugin``): the same id
    under another name, or under another plugin for a year already stored, is another office's ente and is refused
    — never silently made this ente's current result and history. A plugin change in a new year is the ente's
    regulation changing: recorded in its results (``results.plugin``) and shown by history and the trend."""
    known = conn.execute(_ENTE, {"ente": record.ente}).first()
    if known is None:
        conn.execute(_NEW_ENTE, {"id": record.ente, "name": record.name, "plugin": record.plugin})
        return
    name, plugin = known
    if not same_name(name, record.name):
        raise IdentityRefused(
            f"l'ente {quoted(record.ente)} è già nell'archivio come «{name}» (plugin {plugin}); questa esecuzione lo "
            f"chiama «{record.name}»: risultato NON registrato. Se è un altro ente, dagli un id diverso in "
            "cycle.toml; se è lo stesso ente che ha cambiato nome, rinominalo nell'archivio come spiega "
            "docs/store.md («Identità di un ente»)"
        )
    others = [
        p for (p,) in conn.execute(_YEAR_PLUGINS, {"ente": record.ente, "year": record.year}) if p != record.plugin
    ]
    if others:
        raise IdentityRefused(
            f"l'ente {quoted(record.ente)} ha già nell'archivio un risultato {record.year} calcolato col plugin "
            f"{others[0]}; questa esecuzione usa {record.plugin}: risultato NON registrato (due configurazioni "
            "diverse per lo stesso ente e anno). Usa un id diverso in cycle.toml, o vedi docs/store.md "
            "(«Identità di un ente»)"
        )


def _insert_result(conn, r: Record) -> int:
    result_id = conn.execute(
        _NEW_RESULT,
        {
            "sha256": r.sha256,
            "ente": r.ente,
            "year": r.year,
            "plugin": r.plugin,
            "plugin_version": r.plugin_version,
            "until": r.until,
            "performance": r.performance,
            "attested": r.attested,
            "people": r.people_count,
            "errors": r.errors,
            "warnings": r.warnings,
            "allocated": r.allocated,
            "distributed": r.distributed,
            "residual": r.residual,
            "inputs": r.inputs,
            "document": r.document,
            "trace": r.trace,
        },
    ).one()[0]
    for table, field, columns in TABLE_ROWS:
        rows = getattr(r, field)
        bulk = _bulk_statement(conn.dialect, table, columns)
        for start in range(0, len(rows), CHUNK):  # bounded memory for a 30,000-person ente
            batch = rows[start : start + CHUNK]
            if bulk is None:
                conn.execute(insert(table), [{"result": result_id, **dict(zip(columns, row))} for row in batch])
            else:
                bulk.write(conn, result_id, batch)
    return int(result_id)


class _Bulk:
    """The rows of one figure table, written by the driver: SQLAlchemy compiles the INSERT for
    the database and gives each column's bind processor (the Money type's text on SQLite), but building
    each row's parameters through ``Connection.execute`` was ~40% of writing an ente, in the parent
    process that competes with the ``--jobs`` workers.

    The parameters are made a column at a time: the rows are turned into columns, each processor is
    mapped over its column only, and the columns are zipped back into the driver's rows, so no Python
    code runs per row but the processors'. On PostgreSQL (psycopg) the rows go through ``COPY … FROM
    STDIN``: an INSERT per row costs the parent psycopg's Python for each row, and the server as much."""

    def __init__(self, dialect, table, columns: tuple[str, ...]) -> None:
        keys = ("result", *columns)
        self.copy = dialect.name == "postgresql" and dialect.driver == "psycopg"
        if self.copy:
            quote = dialect.identifier_preparer.quote
            names = ", ".join(quote(k) for k in keys)
            self.statement = f"COPY {dialect.identifier_preparer.format_table(table)} ({names}) FROM STDIN"
            self.order = list(keys)
        else:
            compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
            self.statement = str(compiled)
            self.order = list(compiled.positiontup or ()) if dialect.positional else list(compiled.binds)
        self.positional = dialect.positional
        self.at = [keys.index(name) for name in self.order]  # the statement's columns among (result, *columns)
        # each column's bind processor, as Connection.execute() applies it (None: the value as it is)
        self.procs = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in self.order]

    @classmethod
    def of(cls, dialect, table, columns: tuple[str, ...]) -> _Bulk | None:
        """None when the INSERT's bind names are not the column keys (then Connection.execute writes)."""
        bulk = cls(dialect, table, columns)
        return bulk if sorted(bulk.order) == sorted(("result", *columns)) else None

    def parameters(self, result_id: int, rows: Sequence[tuple]) -> Iterator[tuple]:
        """Each row's parameters, in the statement's order, processed as Connection.execute does."""
        if not rows:
            return iter(())
        given = [repeat(result_id), *zip(*rows)]
        cols = [given[i] if proc is None else map(proc, given[i]) for i, proc in zip(self.at, self.procs)]
        return zip(*cols)

    def write(self, conn, result_id: int, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        params = self.parameters(result_id, rows)
        if self.copy:  # in the transaction of ``conn``, on its psycopg connection
            dbapi = conn.dialect.loaded_dbapi
            try:
                with conn.connection.dbapi_connection.cursor() as cursor, cursor.copy(self.statement) as copy:
                    for row in params:
                        copy.write_row(row)
            except dbapi.Error as exc:  # the database refused a row: SQLAlchemy's error, as an INSERT gives it
                raise DBAPIError.instance(self.statement, None, exc, dbapi.Error, dialect=conn.dialect) from exc
        elif self.positional:
            conn.exec_driver_sql(self.statement, list(params))
        else:
            conn.exec_driver_sql(self.statement, [dict(zip(self.order, row)) for row in params])


@functools.lru_cache(maxsize=64)
def _bulk_statement(dialect, table, columns: tuple[str, ...]) -> _Bulk | None:
    """How the figures of ``table`` are written on this database (:class:`_Bulk`); None: through
    ``Connection.execute`` (a table whose bind names are not its column keys)."""
    return _Bulk.of(dialect, table, columns)
