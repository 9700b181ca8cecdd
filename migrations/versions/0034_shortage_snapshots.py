"""shortage snapshots: the index per municipality and day, for reports over a period

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-04 21:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0034'
down_revision: str | None = '0033'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        'shortage_snapshots',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('gemeentecode', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
        sa.Column('recruitment', sa.Float(), nullable=True),
        sa.Column('access', sa.Float(), nullable=True),
        sa.Column('score', sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('day', 'gemeentecode'),
    )
    op.create_index(op.f('ix_shortage_snapshots_day'), 'shortage_snapshots', ['day'])
    op.create_index(op.f('ix_shortage_snapshots_gemeentecode'), 'shortage_snapshots', ['gemeentecode'])


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_shortage_snapshots_gemeentecode'), table_name='shortage_snapshots')
    op.drop_index(op.f('ix_shortage_snapshots_day'), table_name='shortage_snapshots')
    op.drop_table('shortage_snapshots')
