"""The first schema: runs, enti, results and their figures.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from ciclope.core.store.schema import Money

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _result_fk() -> sa.Column:
    return sa.Column("result", sa.Integer, sa.ForeignKey("results.id"), primary_key=True)


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started", sa.DateTime, nullable=False),
        sa.Column("finished", sa.DateTime),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("ciclope_version", sa.String(32), nullable=False),
        sa.Column("config", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("until", sa.String(32), nullable=False),
    )
    op.create_table(
        "enti",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("plugin", sa.String(64), nullable=False),
    )
    op.create_table(
        "results",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("ente", sa.String(64), sa.ForeignKey("enti.id"), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("plugin", sa.String(64), nullable=False),
        sa.Column("plugin_version", sa.String(32), nullable=False),
        sa.Column("until", sa.String(32), nullable=False),
        sa.Column("performance", sa.Float),
        sa.Column("attested", sa.Float),
        sa.Column("people", sa.Integer, nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
        sa.Column("allocated", Money),
        sa.Column("distributed", Money),
        sa.Column("residual", Money),
        sa.Column("inputs", sa.Text, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("trace", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "run_enti",
        sa.Column("run", sa.Integer, sa.ForeignKey("runs.id"), primary_key=True),
        sa.Column("ente", sa.String(64), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("result", sa.Integer, sa.ForeignKey("results.id")),
        sa.Column("output", sa.Text, nullable=False),
    )
    op.create_index("ix_run_enti_result", "run_enti", ["result"])
    op.create_table(
        "areas",
        _result_fk(),
        sa.Column("area", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("achievement", sa.Float),
    )
    op.create_table(
        "objectives",
        _result_fk(),
        sa.Column("objective", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("parent", sa.String(64)),
        sa.Column("area", sa.String(64)),
        sa.Column("achievement", sa.Float),
    )
    op.create_table(
        "indicators",
        _result_fk(),
        sa.Column("indicator", sa.String(64), primary_key=True),
        sa.Column("objective", sa.String(64), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("target", sa.Text),
        sa.Column("actual", sa.Text),
        sa.Column("value", sa.Float),
        sa.Column("achievement", sa.Float),
        sa.Column("scored", sa.Boolean, nullable=False),
    )
    op.create_table(
        "units",
        _result_fk(),
        sa.Column("unit", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("parent", sa.String(64)),
        sa.Column("achievement", sa.Float),
    )
    op.create_table(
        "people",
        _result_fk(),
        sa.Column("person", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("category", sa.String(8)),
        sa.Column("unit", sa.String(64), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("level", sa.Text),
        sa.Column("status", sa.String(32)),
        sa.Column("band", sa.Text),
        sa.Column("amount", Money),
    )
    op.create_table(
        "pools",
        _result_fk(),
        sa.Column("pool", sa.String(128), primary_key=True),
        sa.Column("amount", Money, nullable=False),
        sa.Column("distributed", Money, nullable=False),
        sa.Column("residual", Money, nullable=False),
    )
    op.create_table(
        "violations",
        _result_fk(),
        sa.Column("n", sa.Integer, primary_key=True),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("rule", sa.String(128), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("where", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("violations", "pools", "people", "units", "indicators", "objectives", "areas", "run_enti"):
        op.drop_table(table)
    for table in ("results", "enti", "runs"):
        op.drop_table(table)
