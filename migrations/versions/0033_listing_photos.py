"""listing photos: resized, stripped of metadata, marked identifying or not

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-04 20:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0033'
down_revision: str | None = '0032'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        'listing_photos',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('caption', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('identifying', sa.Boolean(), nullable=False),
        sa.Column('files', sa.JSON(), nullable=False),
        sa.Column('width', sa.Integer(), nullable=False),
        sa.Column('height', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_listing_photos_practice_id'), 'listing_photos', ['practice_id'])


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_listing_photos_practice_id'), table_name='listing_photos')
    op.drop_table('listing_photos')
