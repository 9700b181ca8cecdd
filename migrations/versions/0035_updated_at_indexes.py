"""indexes on the change stamps the match caches read: which listings and profiles changed
since a moment is an index range, not a scan of every row

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-04 21:20:00
"""
from collections.abc import Sequence

from alembic import op


revision: str = '0035'
down_revision: str | None = '0034'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_index(op.f('ix_practices_updated_at'), 'practices', ['updated_at'])
    op.create_index(
        op.f('ix_candidate_profiles_updated_at'), 'candidate_profiles', ['updated_at']
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_candidate_profiles_updated_at'), table_name='candidate_profiles')
    op.drop_index(op.f('ix_practices_updated_at'), table_name='practices')
