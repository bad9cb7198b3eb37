"""win stories: how a won deal was won, asked of its owner once

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "win_story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("rep_id", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("told_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("difference", sa.String(length=1000), nullable=True),
        sa.Column("helpers", sa.String(length=1000), nullable=True),
        sa.Column("tip", sa.String(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"]),
        sa.ForeignKeyConstraint(["rep_id"], ["rep.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("deal_id"),
    )
    op.create_index("ix_win_story_rep_id", "win_story", ["rep_id"])
    op.create_index("ix_win_story_told_at", "win_story", ["told_at"])


def downgrade() -> None:
    op.drop_index("ix_win_story_told_at", table_name="win_story")
    op.drop_index("ix_win_story_rep_id", table_name="win_story")
    op.drop_table("win_story")
