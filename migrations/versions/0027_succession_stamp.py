"""data_versions: a 'succession' stamp for what the shortage index reads

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-04 16:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0027'
down_revision: str | None = '0026'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_versions = sa.table('data_versions', sa.column('topic', sa.String), sa.column('token', sa.BigInteger))


def upgrade() -> None:
    """Apply this migration: the stamp starts at 0, like every topic's first row."""
    op.bulk_insert(_versions, [{'topic': 'succession', 'token': 0}])


def downgrade() -> None:
    """Revert this migration."""
    op.execute(_versions.delete().where(_versions.c.topic == 'succession'))
