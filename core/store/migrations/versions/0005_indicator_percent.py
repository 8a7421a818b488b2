"""Whether an indicator's target and measures were written as percentages (``72%``): `ciclope history` and
`ciclope benchmark` read them back as the office wrote them (72%, never 0,72).

A store written by revision 0004 keeps its results; their indicators read as numbers (NULL) until the enti
are run again.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicators") as batch:
        batch.add_column(sa.Column("percent", sa.Boolean))


def downgrade() -> None:
    with op.batch_alter_table("indicators") as batch:
        batch.drop_column("percent")
