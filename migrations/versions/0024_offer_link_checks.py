"""offers: the last check of their link (HTTP status, 0 when it did not answer)

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-30 06:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0024'
down_revision: str | None = '0023'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration: no link has been checked yet."""
    with op.batch_alter_table('region_offers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('link_status', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('link_checked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('region_offers', schema=None) as batch_op:
        batch_op.drop_column('link_checked_at')
        batch_op.drop_column('link_status')
