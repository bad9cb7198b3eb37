"""teams conversations: where the bot may post to in Teams, with their references

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

Teams lets a bot post to a conversation only with the reference it was given when it
was added there or spoken to; each one is kept here, one row per tenant and
conversation, so that scheduled posts can go out later.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "teams_conversation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.String(length=100), nullable=False),
        sa.Column("conversation_id", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("team_id", sa.String(length=300), nullable=True),
        sa.Column("user_id", sa.String(length=300), nullable=True),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "conversation_id"),
    )


def downgrade() -> None:
    op.drop_table("teams_conversation")
