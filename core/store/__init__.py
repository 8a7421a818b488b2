"""The results store (archivio dei risultati): every run of every ente, queryable over the years.

SQLAlchemy Core 2 for SQLite (the default ``ciclope.db`` beside cycle.toml) and PostgreSQL, Alembic
migrations applied when a store is opened. Docs: docs/store.md.

- :mod:`.schema` the tables; :mod:`.record` what a worker extracts from a Result; :mod:`.write` one
  transaction per ente; :mod:`.read` current results and series; :mod:`.benchmark` comparisons among enti.
"""

from __future__ import annotations

from sqlalchemy import Engine

from ciclope.core.store import read, schema
from ciclope.core.store.benchmark import Benchmark, Distribution, Position, benchmark
from ciclope.core.store.engine import engine_for, migrate, redacted, store_url
from ciclope.core.store.read import Current, PersonRow, Point
from ciclope.core.store.record import Record, record_of

__all__ = [
    "Benchmark",
    "Current",
    "Distribution",
    "PersonRow",
    "Point",
    "Position",
    "Record",
    "Store",
    "open_store",
    "record_of",
    "store_url",
]


class Store:
    """An open, migrated store. Reads are the functions of :mod:`.read` bound to this engine."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @property
    def shown(self) -> str:
        """The location as shown to people (no password)."""
        return redacted(self.url)

    def years(self) -> list[int]:
        return read.years(self.engine)

    def current(self, year: int | None = None, ente: str | None = None) -> list[Current]:
        return read.current(self.engine, year=year, ente=ente)

    def latest(self) -> list[Current]:
        return read.latest_per_ente(self.engine)

    def document(self, result_id: int) -> dict:
        return read.document(self.engine, result_id)

    def trace(self, result_id: int) -> dict[str, dict]:
        return read.trace(self.engine, result_id)

    def series(self, ente: str, upto_year: int | None = None, limit: int | None = None) -> list[Point]:
        return read.series(self.engine, ente, upto_year=upto_year, limit=limit)

    def people(self, result_id: int) -> list[PersonRow]:
        return read.people(self.engine, result_id)

    def unit_names(self, result_id: int) -> dict[str, str]:
        """Each unit of the result by its name: people read a unit by its name, never its code."""
        return {r["unit"]: r["name"] for r in read.rows(self.engine, schema.units, result_id)}

    def fund(self, ente: str, year: int) -> dict | None:
        """The ente's fondo risorse decentrate of ``year`` as recorded (results.json's ``fondo``), or None."""
        return read.fund(self.engine, ente, year)

    def benchmark(self, year: int) -> Benchmark:
        return benchmark(self.engine, year)

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str) -> Store:
    """Connect and bring the schema to the newest revision (raises CiclopeError for a bad URL; the
    database's own errors — server down, read-only file — propagate as SQLAlchemy errors)."""
    engine = engine_for(url)
    migrate(engine)
    return Store(engine, url)
