"""contests: competitions on a metric over some days, their entrants and their posts

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

A contest's start, standings and winners are posted through a subscription of kind
contest, which names its contest.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("ranking", sa.String(length=16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("prize", sa.String(length=500), nullable=False),
        sa.Column("everyone", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "contest_entrant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("rep_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["contest_id"], ["contest.id"]),
        sa.ForeignKeyConstraint(["rep_id"], ["rep.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contest_entrant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contest_entrant_contest_id"), ["contest_id"], unique=False
        )
    with op.batch_alter_table("subscription", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contest_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_subscription_contest_id", "contest", ["contest_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("subscription", schema=None) as batch_op:
        batch_op.drop_constraint("fk_subscription_contest_id", type_="foreignkey")
        batch_op.drop_column("contest_id")
    with op.batch_alter_table("contest_entrant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contest_entrant_contest_id"))
    op.drop_table("contest_entrant")
    op.drop_table("contest")
