"""Email verification: users.email_verified_at.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the column; demo accounts count as verified, real ones confirm by email."""
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("email_verified_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
    users = sa.table(
        "users",
        sa.column("is_demo", sa.Boolean),
        sa.column("created_at", sa.DateTime),
        sa.column("email_verified_at", sa.DateTime),
    )
    op.execute(users.update().where(users.c.is_demo).values(email_verified_at=users.c.created_at))


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email_verified_at")
