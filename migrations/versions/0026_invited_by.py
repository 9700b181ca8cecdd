"""users: which recruiter's import created an unclaimed account

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-04 16:05:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0026'
down_revision: str | None = '0025'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration: accounts imported before are nobody's (no import changes them)."""
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invited_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_users_invited_by_users', 'users', ['invited_by'], ['id'], ondelete='SET NULL'
        )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('fk_users_invited_by_users', type_='foreignkey')
        batch_op.drop_column('invited_by')
