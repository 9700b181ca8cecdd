"""saved searches: filters with alerts, the alerts they raised, unsubscribe links on email

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-04 18:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0029'
down_revision: str | None = '0028'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        'saved_searches',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('criteria', sa.JSON(), nullable=False),
        sa.Column('weights', sa.JSON(), nullable=False),
        sa.Column('frequency', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('unsubscribe_token', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('emails_on', sa.Boolean(), nullable=False),
        sa.Column('last_emailed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('unsubscribe_token'),
    )
    op.create_index(op.f('ix_saved_searches_user_id'), 'saved_searches', ['user_id'])
    op.create_table(
        'search_alerts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('search_id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('emailed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['search_id'], ['saved_searches.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('search_id', 'practice_id'),
    )
    op.create_index(op.f('ix_search_alerts_search_id'), 'search_alerts', ['search_id'])
    op.create_index(op.f('ix_search_alerts_practice_id'), 'search_alerts', ['practice_id'])
    op.create_index(op.f('ix_search_alerts_emailed_at'), 'search_alerts', ['emailed_at'])
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('unsubscribe_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True)
        )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('unsubscribe_url')
    op.drop_index(op.f('ix_search_alerts_emailed_at'), table_name='search_alerts')
    op.drop_index(op.f('ix_search_alerts_practice_id'), table_name='search_alerts')
    op.drop_index(op.f('ix_search_alerts_search_id'), table_name='search_alerts')
    op.drop_table('search_alerts')
    op.drop_index(op.f('ix_saved_searches_user_id'), table_name='saved_searches')
    op.drop_table('saved_searches')
