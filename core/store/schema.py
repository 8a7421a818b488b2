"""The results store's tables (SQLAlchemy Core), as the newest migration leaves them.

The migrations in ``migrations/versions/`` create and change these tables; a test checks that a
database upgraded to the head revision has exactly this schema (Alembic's ``compare_metadata``).
Queries in :mod:`.read` use these ``Table`` objects: no SQL string is written by hand, so the same code
runs on SQLite and PostgreSQL. docs/store.md shows the diagram and how to query the tables from SQL.

One *result* is one (ente, year) computed from one set of inputs: rerunning a cycle whose inputs did
not change adds a ``runs`` row and a ``run_enti`` row pointing at the same result (same
``results.json`` bytes, same sha256), never a second copy of its figures.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    TypeDecorator,
)


class Money(TypeDecorator):
    """Euro amounts, exact: NUMERIC(16, 2) where the database has an exact decimal type (PostgreSQL); on
    SQLite, whose NUMERIC is a float, the exact text of results.json ("1234.56"), which
    ``CAST(amount AS NUMERIC)`` reads in SQL. Python always gets a ``Decimal``."""

    impl = Numeric(16, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(24))
        return dialect.type_descriptor(Numeric(16, 2, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return f"{Decimal(value):.2f}" if dialect.name == "sqlite" else Decimal(value)

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", DateTime, nullable=False),
    Column("finished", DateTime),  # NULL while running or when the run was interrupted
    Column("status", String(16), nullable=False),  # running | complete | interrupted
    Column("ciclope_version", String(32), nullable=False),
    Column("config", Text, nullable=False),  # the cycle.toml path
    Column("year", Integer, nullable=False),
    Column("until", String(32), nullable=False),  # the last phase run (rendicontazione: the whole cycle)
)

enti = Table(
    "enti",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),  # as in the ente's latest stored result
    Column("plugin", String(64), nullable=False),
)

results = Table(
    "results",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True),  # of the results.json bytes
    Column("ente", String(64), ForeignKey("enti.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("plugin", String(64), nullable=False),
    Column("plugin_version", String(32), nullable=False),
    Column("until", String(32), nullable=False),
    Column("performance", Float),  # organizational.ente
    Column("attested", Float),  # organizational.oiv_attested
    Column("people", Integer, nullable=False),
    Column("errors", Integer, nullable=False),
    Column("warnings", Integer, nullable=False),
    Column("allocated", Money),
    Column("distributed", Money),
    Column("residual", Money),
    Column("inputs", Text, nullable=False),  # JSON {file: sha256} of the input files (results.json audit)
    Column("document", Text, nullable=False),  # the whole results.json
    Column("trace", LargeBinary, nullable=False),  # zlib-compressed JSON of every explanation figure
)

run_enti = Table(
    "run_enti",
    metadata,
    Column("run", Integer, ForeignKey("runs.id"), primary_key=True),
    Column("ente", String(64), primary_key=True),
    Column("status", String(16), nullable=False),  # ok | errors | failed (failed: no result)
    Column("reason", Text, nullable=False),
    Column("result", Integer, ForeignKey("results.id")),
    Column("output", Text, nullable=False),  # the OUT/<ente> folder written by that run
)

output_sums = Table(
    "output_sums",
    metadata,
    Column("run", Integer, ForeignKey("runs.id"), primary_key=True),
    Column("ente", String(64), primary_key=True),
    Column("output", Text, nullable=False),  # the OUT/<ente> folder, as in run_enti
    Column("sums", Text, nullable=False),  # its SHA256SUMS once the run was complete (revision 0004)
)

areas = Table(
    "areas",
    metadata,
    Column("result", Integer, ForeignKey("results.id"), primary_key=True),
    Column("area", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("achievement", Float),
)

objectives = Table(
    "objectives",
    metadata,
    Column("result", Integer, ForeignKey("results.id"), primary_key=True),
    Column("objective", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),  # strategic | operational | individual
    Column("title", Text, nullable=False),
    Column("parent", String(64)),
    Column("area", String(64)),
    Column("achievement", Float),
    Column("plan_first", Integer),  # multi-year plan: first and last year with a target (revision 0002)
    Column("plan_last", Integer),
)

indicators = Table(
    "indicators",
    metadata,
    Column("result", Integer, ForeignKey("results.id"), primary_key=True),
    Column("indicator", String(64), primary_key=True),
    Column("objective", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("target", Text),  # as in results.json (JSON: a number, a date, true/false)
    Column("actual", Text),
    Column("value", Float),  # the actual as a number where it is one (benchmarking)
    Column("achievement", Float),
    Column("scored", Boolean, nullable=False),
    Column("plan_first", Integer),  # revision 0002
    Column("plan_last", Integer),
    Column("benchmark", String(64)),  # revision 0003: the comparability code, NULL for none
    Column("percent", Boolean),  # revision 0005: target and measures written as percentages; NULL before
)

units = Table(
    "units",
    metadata,
    Column("result", Integer, ForeignKey("results.id"), primary_key=True),
    Column("unit", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("parent", String(64)),
    Column("achievement", Float),
)

people = Table(
    "people",
    metadata,
    Column("result", Integer, ForeignKey("results.id"), primary_key=True),
    Column("person", String(64), primary_key=True),
    Column("name", Text, nullable=False),  # internal data, as people.csv: the public site never reads it
    Column("role", String(16), nullable=False),
    Column("category", String(8)),
    Column("unit", String(64), nullable=False),
    Column("score", Float),
    Column("level", Text),
    Column("status", String(32)),
    Column("band", Text),
    Column("amount", Money),  # every award of the person, summed
)

pools = Table(
    "pools",
    metadata,
    Column("result", Integer, ForeignKey("results.id"), primary_key=True),
    Column("pool", String(128), primary_key=True),
    Column("amount", Money, nullable=False),
    Column("distributed", Money, nullable=False),
    Column("residual", Money, nullable=False),
)

violations = Table(
    "violations",
    metadata,
    Column("result", Integer, ForeignKey("results.id"), primary_key=True),
    Column("n", Integer, primary_key=True),  # order in results.json
    Column("severity", String(8), nullable=False),
    Column("rule", String(128), nullable=False),
    Column("source", Text, nullable=False),
    Column("where", Text, nullable=False),
    Column("message", Text, nullable=False),
)

Index("ix_results_ente_year", results.c.ente, results.c.year)  # revision 0002: history and benchmark
Index("ix_run_enti_result", run_enti.c.result)
Index("ix_output_sums_output", output_sums.c.output)  # revision 0004: verify finds a folder's digests
