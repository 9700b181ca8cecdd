"""candidate disclosure: what practice holders may see before an introduction

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 04:45:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration: nothing is shared until the candidate chooses to."""
    with op.batch_alter_table('candidate_profiles', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('share_with_holders', sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('candidate_profiles', schema=None) as batch_op:
        batch_op.drop_column('share_with_holders')
