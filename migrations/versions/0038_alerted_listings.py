"""alerted listings: who was told of which listing, so nobody hears of one twice

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-08 05:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0038'
down_revision: str | None = '0037'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration; people already told through a search count as told."""
    op.create_table(
        'alerted_listings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'practice_id'),
    )
    op.create_index(op.f('ix_alerted_listings_user_id'), 'alerted_listings', ['user_id'])
    op.create_index(op.f('ix_alerted_listings_practice_id'), 'alerted_listings', ['practice_id'])
    op.execute(
        "INSERT INTO alerted_listings (user_id, practice_id, created_at) "
        "SELECT saved_searches.user_id, search_alerts.practice_id, MIN(search_alerts.created_at) "
        "FROM search_alerts JOIN saved_searches ON saved_searches.id = search_alerts.search_id "
        "GROUP BY saved_searches.user_id, search_alerts.practice_id"
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_alerted_listings_practice_id'), table_name='alerted_listings')
    op.drop_index(op.f('ix_alerted_listings_user_id'), table_name='alerted_listings')
    op.drop_table('alerted_listings')
