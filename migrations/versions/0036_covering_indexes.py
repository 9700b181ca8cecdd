"""covering indexes for what every save makes the caches read: the census of public listings
and consenting candidates, and the shortage index's sums per municipality, read from the
index alone; the single-column indexes they start with go

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-04 23:50:00
"""
from collections.abc import Sequence

from alembic import op


revision: str = '0036'
down_revision: str | None = '0035'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPORTED = ['gemeentecode', 'is_demo', 'status', 'patient_stop', 'handover_from', 'patients', 'id']


def upgrade() -> None:
    """Apply this migration."""
    op.create_index('ix_practices_status_id', 'practices', ['status', 'id'])
    op.create_index('ix_practices_reports', 'practices', REPORTED)
    op.create_index('ix_candidate_profiles_consent_id', 'candidate_profiles', ['consent', 'id'])
    op.drop_index('ix_practices_status', table_name='practices')
    op.drop_index('ix_practices_gemeentecode', table_name='practices')
    op.drop_index('ix_candidate_profiles_consent', table_name='candidate_profiles')


def downgrade() -> None:
    """Revert this migration."""
    op.create_index('ix_candidate_profiles_consent', 'candidate_profiles', ['consent'])
    op.create_index('ix_practices_gemeentecode', 'practices', ['gemeentecode'])
    op.create_index('ix_practices_status', 'practices', ['status'])
    op.drop_index('ix_candidate_profiles_consent_id', table_name='candidate_profiles')
    op.drop_index('ix_practices_reports', table_name='practices')
    op.drop_index('ix_practices_status_id', table_name='practices')
