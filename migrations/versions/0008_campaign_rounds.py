"""campaign rounds

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 09:07:17.920772
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table('campaign_rankings',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('side', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('ranked', sa.JSON(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'side', 'owner_id')
    )
    op.create_table('campaign_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('run_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('unplaced', sa.Integer(), nullable=False),
    sa.Column('blocking', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('campaign_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_rounds_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('round_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('candidate_answer', sa.Boolean(), nullable=True),
    sa.Column('practice_answer', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate_profiles.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['campaign_rounds.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('round_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_proposals_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_round_proposals_practice_id'), ['practice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_round_proposals_round_id'), ['round_id'], unique=False)



def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('round_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_proposals_round_id'))
        batch_op.drop_index(batch_op.f('ix_round_proposals_practice_id'))
        batch_op.drop_index(batch_op.f('ix_round_proposals_candidate_id'))

    op.drop_table('round_proposals')
    with op.batch_alter_table('campaign_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_rounds_campaign_id'))

    op.drop_table('campaign_rounds')
    op.drop_table('campaign_rankings')
