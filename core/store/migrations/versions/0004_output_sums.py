"""The digests of every output a run left, as its SHA256SUMS said once the Relazioni were complete: `ciclope
verify` compares the files with them, so editing the outputs and rewriting SHA256SUMS is still noticed.

A store written by revision 0003 keeps its runs; they have no digests until the enti are run again.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "output_sums",
        sa.Column("run", sa.Integer, sa.ForeignKey("runs.id"), primary_key=True),
        sa.Column("ente", sa.String(64), primary_key=True),
        sa.Column("output", sa.Text, nullable=False),
        sa.Column("sums", sa.Text, nullable=False),
    )
    op.create_index("ix_output_sums_output", "output_sums", ["output"])


def downgrade() -> None:
    op.drop_index("ix_output_sums_output", "output_sums")
    op.drop_table("output_sums")
