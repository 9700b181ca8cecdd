"""stop plans: the practice's name, and contact details shared with the region's recruiter

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30 05:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration: nothing is shared until the holder chooses to."""
    with op.batch_alter_table('stop_plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('practice_name', sqlmodel.sql.sqltypes.AutoString(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('share_contact', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=32), server_default='', nullable=False))


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('stop_plans', schema=None) as batch_op:
        batch_op.drop_column('phone')
        batch_op.drop_column('share_contact')
        batch_op.drop_column('practice_name')
