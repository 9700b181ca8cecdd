"""listing views: counts per listing and week for the holder's statistics

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-04 19:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0030'
down_revision: str | None = '0029'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        'listing_views',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('week', sa.Date(), nullable=False),
        sa.Column('score', sa.Float(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('practice_id', 'user_id', 'week'),
    )
    op.create_index(op.f('ix_listing_views_practice_id'), 'listing_views', ['practice_id'])
    op.create_index(op.f('ix_listing_views_user_id'), 'listing_views', ['user_id'])


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_listing_views_user_id'), table_name='listing_views')
    op.drop_index(op.f('ix_listing_views_practice_id'), table_name='listing_views')
    op.drop_table('listing_views')
