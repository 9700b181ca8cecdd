"""campaign practices: the successor places a practice offers in the campaign's match rounds

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-30 05:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration: empty means the default for the practice's form."""
    with op.batch_alter_table('campaign_practices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('places', sa.Integer(), nullable=True))


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('campaign_practices', schema=None) as batch_op:
        batch_op.drop_column('places')
