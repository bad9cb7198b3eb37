"""seen keys: requests and deliveries already received, shared by every replica

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

A chat platform may deliver the same request twice (a retry, a replay). Each one's key
is inserted here with an expiry; the primary key lets exactly one insert succeed, in
whichever server process the repeat reaches.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "seen_key",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("seen_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seen_key_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("seen_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seen_key_expires_at"))

    op.drop_table("seen_key")
