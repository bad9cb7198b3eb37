"""org_version: a counter that moves whenever reps, teams or memberships change

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

The organisation is read on every question asked of Quotabot. Readers keep it in
memory and reload it only when this counter has moved; the database moves it
itself, so no writer can forget to.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WATCHED = ("rep", "team", "team_membership")
ACTIONS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    op.create_table(
        "org_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
    )
    op.execute("INSERT INTO org_version (id, version) VALUES (1, 0)")
    bump = "UPDATE org_version SET version = version + 1 WHERE id = 1"

    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for action in ACTIONS:
                op.execute(
                    f"CREATE TRIGGER {table}_{action.lower()}_org_version AFTER {action} "
                    f"ON {table} BEGIN {bump}; END"
                )
        return

    op.execute(
        "CREATE FUNCTION org_version_bump() RETURNS trigger AS $$ "
        f"BEGIN {bump}; RETURN NULL; END $$ LANGUAGE plpgsql"
    )
    for table in WATCHED:
        op.execute(
            f"CREATE TRIGGER {table}_org_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION org_version_bump()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for action in ACTIONS:
                op.execute(f"DROP TRIGGER {table}_{action.lower()}_org_version")
    else:
        for table in WATCHED:
            op.execute(f"DROP TRIGGER {table}_org_version ON {table}")
        op.execute("DROP FUNCTION org_version_bump()")
    op.drop_table("org_version")
