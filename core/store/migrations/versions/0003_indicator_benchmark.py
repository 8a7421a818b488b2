"""The comparability code of an indicator (``indicators.csv`` column ``benchmark``): enti are compared on an
indicator only when they declare the same code, or, failing that, the same id, type and name.

A store written before keeps its results; their code stays NULL (compared by id, type and name) until
the ente is run again.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicators") as batch:
        batch.add_column(sa.Column("benchmark", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("indicators") as batch:
        batch.drop_column("benchmark")
