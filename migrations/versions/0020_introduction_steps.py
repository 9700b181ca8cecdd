"""introduction steps: a reason for skipped steps, and a confirmed start in the practice

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 05:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table('introductions', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('settle_proposed_by', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )
    with op.batch_alter_table('introduction_events', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'note', sqlmodel.sql.sqltypes.AutoString(length=300), server_default='', nullable=False
            )
        )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('introduction_events', schema=None) as batch_op:
        batch_op.drop_column('note')
    with op.batch_alter_table('introductions', schema=None) as batch_op:
        batch_op.drop_column('settle_proposed_by')
