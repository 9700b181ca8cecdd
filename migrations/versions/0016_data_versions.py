"""data versions: one change token per topic for the caches

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 03:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOPICS = ("practices", "candidates", "offers", "introductions")


def upgrade() -> None:
    """Apply this migration."""
    table = op.create_table(
        'data_versions',
        sa.Column('topic', sa.String(length=40), nullable=False),
        sa.Column('token', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('topic'),
    )
    op.bulk_insert(table, [{"topic": t, "token": 0} for t in TOPICS])


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table('data_versions')
