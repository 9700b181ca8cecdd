"""listing periods: a holder's statistics written once per closed week and block

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-08 05:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0037'
down_revision: str | None = '0036'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        'listing_periods',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('start', sa.Date(), nullable=False),
        sa.Column('weeks', sa.Integer(), nullable=False),
        sa.Column('views', sa.Integer(), nullable=False),
        sa.Column('viewers', sa.Integer(), nullable=False),
        sa.Column('stars', sa.Integer(), nullable=False),
        sa.Column('requests', sa.Integer(), nullable=False),
        sa.Column('median_score', sa.Float(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('practice_id', 'start', 'weeks'),
    )
    op.create_index(op.f('ix_listing_periods_practice_id'), 'listing_periods', ['practice_id'])


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_listing_periods_practice_id'), table_name='listing_periods')
    op.drop_table('listing_periods')
