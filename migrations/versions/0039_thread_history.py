"""thread history: a recruiter reads earlier messages only when both parties agree

Revision ID: 0039
Revises: 0038
Create Date: 2026-12-08 06:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0039'
down_revision: str | None = '0038'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration; recruiters already in a thread keep reading what they read."""
    with op.batch_alter_table('thread_members') as batch_op:
        batch_op.add_column(sa.Column('history_by_candidate', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('history_by_holder', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute(
        "UPDATE thread_members SET history_by_candidate = true, history_by_holder = true "
        "WHERE role = 'recruiter'"
    )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('thread_members') as batch_op:
        batch_op.drop_column('history_by_holder')
        batch_op.drop_column('history_by_candidate')
