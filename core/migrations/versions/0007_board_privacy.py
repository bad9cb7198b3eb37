"""board privacy: reps who appear anonymous on public leaderboards

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

A rep may ask, from chat, to be left unnamed on the boards posted to channels; one
row per rep who did.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "board_opt_out",
        sa.Column("rep_id", sa.Integer(), nullable=False),
        sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["rep_id"], ["rep.id"]),
        sa.PrimaryKeyConstraint("rep_id"),
    )


def downgrade() -> None:
    op.drop_table("board_opt_out")
