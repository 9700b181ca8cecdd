"""import consent and invitations

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 08:39:52.571700
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table('candidate_profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.create_index(batch_op.f('ix_candidate_profiles_consent'), ['consent'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invited', sa.Boolean(), nullable=False, server_default=sa.false()))



def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('invited')

    with op.batch_alter_table('candidate_profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_profiles_consent'))
        batch_op.drop_column('consent')

