"""candidate match weights

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 07:58:17.715098
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table('candidate_profiles', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('match_weights', sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )



def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('candidate_profiles', schema=None) as batch_op:
        batch_op.drop_column('match_weights')

