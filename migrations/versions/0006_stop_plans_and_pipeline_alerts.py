"""stop plans and pipeline alerts

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 08:54:36.739469
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table('pipeline_alerts',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('alerted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('stop_plans',
    sa.Column('planned_stop', sa.Date(), nullable=False),
    sa.Column('postcode', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('patients', sa.Integer(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('gemeentecode', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('stop_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stop_plans_gemeentecode'), ['gemeentecode'], unique=False)
        batch_op.create_index(batch_op.f('ix_stop_plans_owner_id'), ['owner_id'], unique=True)



def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('stop_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stop_plans_owner_id'))
        batch_op.drop_index(batch_op.f('ix_stop_plans_gemeentecode'))

    op.drop_table('stop_plans')
    op.drop_table('pipeline_alerts')
