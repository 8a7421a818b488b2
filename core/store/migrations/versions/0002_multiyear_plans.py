"""Multi-year plans and faster history: the plan years of objectives and indicators, and an index on
(ente, year) for history, trends and benchmarking.

A store written by revision 0001 keeps its results: their plan years stay NULL (shown as "piano di un
anno") until the ente is run again.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("objectives", "indicators"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("plan_first", sa.Integer))
            batch.add_column(sa.Column("plan_last", sa.Integer))
    op.create_index("ix_results_ente_year", "results", ["ente", "year"])


def downgrade() -> None:
    op.drop_index("ix_results_ente_year", "results")
    for table in ("objectives", "indicators"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("plan_last")
            batch.drop_column("plan_first")
