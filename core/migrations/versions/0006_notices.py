"""notices: nudge settings of each rep, and the latest personal message to each person

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

The scheduler's housekeeping jobs write to people directly: at-risk alerts to managers,
nudge digests to reps. `notice` keeps the latest of each kind per person (its local day,
the delivery that holds that day, and what it said), so that nobody hears the same
thing twice or twice a day; `nudge_setting` keeps a rep's mute or snooze.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "nudge_setting",
        sa.Column("rep_id", sa.Integer(), nullable=False),
        sa.Column("muted", sa.Boolean(), nullable=False),
        sa.Column("snoozed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["rep_id"], ["rep.id"]),
        sa.PrimaryKeyConstraint("rep_id"),
    )
    op.create_table(
        "notice",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("rep_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("said", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["rep_id"], ["rep.id"]),
        sa.PrimaryKeyConstraint("kind", "rep_id"),
    )


def downgrade() -> None:
    op.drop_table("notice")
    op.drop_table("nudge_setting")
