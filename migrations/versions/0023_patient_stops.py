"""listings and stop plans: whether the practice has a patient stop (for the access index)

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30 05:45:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0023'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration: empty means the holder has not said."""
    for table in ('practices', 'stop_plans'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('patient_stop', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True))


def downgrade() -> None:
    """Revert this migration."""
    for table in ('stop_plans', 'practices'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('patient_stop')
