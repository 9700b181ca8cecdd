"""regional offers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 08:33:49.368445
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table('region_offers',
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('gemeentecode', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('postcode', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
    sa.Column('available_from', sa.Date(), nullable=True),
    sa.Column('contact', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('link', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('tenure', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
    sa.Column('price', sa.Integer(), nullable=True),
    sa.Column('bedrooms', sa.Integer(), nullable=True),
    sa.Column('sector', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
    sa.Column('employer', sqlmodel.sql.sqltypes.AutoString(length=160), nullable=True),
    sa.Column('hours_per_week', sa.Integer(), nullable=True),
    sa.Column('places', sa.Integer(), nullable=True),
    sa.Column('ages', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('priority_for_doctors', sa.Boolean(), nullable=False),
    sa.Column('incentive_type', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
    sa.Column('amount', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('region_offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_region_offers_gemeentecode'), ['gemeentecode'], unique=False)
        batch_op.create_index(batch_op.f('ix_region_offers_kind'), ['kind'], unique=False)



def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('region_offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_region_offers_kind'))
        batch_op.drop_index(batch_op.f('ix_region_offers_gemeentecode'))

    op.drop_table('region_offers')
