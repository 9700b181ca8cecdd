"""marks: a candidate's shortlist, hidden listings and interest; a holder's starred candidates

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-04 18:15:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0028'
down_revision: str | None = '0027'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        'practice_marks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'practice_id', 'kind'),
    )
    op.create_index(op.f('ix_practice_marks_user_id'), 'practice_marks', ['user_id'])
    op.create_index(op.f('ix_practice_marks_practice_id'), 'practice_marks', ['practice_id'])
    op.create_table(
        'candidate_marks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('candidate_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['candidate_id'], ['candidate_profiles.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'practice_id', 'candidate_id', 'kind'),
    )
    op.create_index(op.f('ix_candidate_marks_user_id'), 'candidate_marks', ['user_id'])
    op.create_index(op.f('ix_candidate_marks_candidate_id'), 'candidate_marks', ['candidate_id'])


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_candidate_marks_candidate_id'), table_name='candidate_marks')
    op.drop_index(op.f('ix_candidate_marks_user_id'), table_name='candidate_marks')
    op.drop_table('candidate_marks')
    op.drop_index(op.f('ix_practice_marks_practice_id'), table_name='practice_marks')
    op.drop_index(op.f('ix_practice_marks_user_id'), table_name='practice_marks')
    op.drop_table('practice_marks')
