"""rewards: the day points and badges count on, and where scheduled posts went

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

Points and badges count on a day of the company calendar (a deal's close date, an
activity's day), kept with each ledger entry so that the points leaderboard is one
aggregate. The column is added in place: rebuilding the table would drop the
triggers that keep the ledger append-only. Posts that a platform accepted are
remembered with their message id, so that a reaction to a celebration finds its wins;
a person's kudos for a win are kept unique by a partial index.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("ledger_entry", sa.Column("occurred_on", sa.Date(), nullable=True))
    op.create_index(
        "ix_ledger_kind_day", "ledger_entry", ["kind", "occurred_on", "rep_id", "amount"]
    )
    kudos = sa.text("code = 'kudos' AND reverses_id IS NULL")
    op.create_index(
        "uq_ledger_kudos",
        "ledger_entry",
        ["cause"],
        unique=True,
        sqlite_where=kudos,
        postgresql_where=kudos,
    )
    op.create_table(
        "posted_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=300), nullable=False),
        sa.Column("message_id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("stamp", sa.DateTime(timezone=True), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("platform", "channel", "message_id"),
    )


def downgrade() -> None:
    op.drop_table("posted_message")
    op.drop_index("uq_ledger_kudos", table_name="ledger_entry")
    op.drop_index("ix_ledger_kind_day", table_name="ledger_entry")
    # SQLite drops a column in place since 3.35; the append-only triggers stay.
    op.drop_column("ledger_entry", "occurred_on")
