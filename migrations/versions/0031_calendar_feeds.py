"""calendar feeds: a feed token per account, event sequences, cancelled events kept for feeds

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-04 19:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0031'
down_revision: str | None = '0030'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('calendar_token', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.create_unique_constraint('uq_users_calendar_token', ['calendar_token'])
    with op.batch_alter_table('campaign_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sequence', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('changed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.create_table(
        'cancelled_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
        sa.Column('place', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('starts', sa.Time(), nullable=False),
        sa.Column('ends', sa.Time(), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('attendees', sa.JSON(), nullable=False),
        sa.Column('cancelled_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_cancelled_events_event_id'), 'cancelled_events', ['event_id'])
    op.create_index(op.f('ix_cancelled_events_campaign_id'), 'cancelled_events', ['campaign_id'])
    op.create_index(op.f('ix_cancelled_events_cancelled_at'), 'cancelled_events', ['cancelled_at'])


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_cancelled_events_cancelled_at'), table_name='cancelled_events')
    op.drop_index(op.f('ix_cancelled_events_campaign_id'), table_name='cancelled_events')
    op.drop_index(op.f('ix_cancelled_events_event_id'), table_name='cancelled_events')
    op.drop_table('cancelled_events')
    with op.batch_alter_table('campaign_events', schema=None) as batch_op:
        batch_op.drop_column('changed_at')
        batch_op.drop_column('sequence')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('uq_users_calendar_token', type_='unique')
        batch_op.drop_column('calendar_token')
