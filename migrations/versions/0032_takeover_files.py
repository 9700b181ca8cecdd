"""takeover files: the steps of a practice takeover per introduction, history, documents

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-04 20:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0032'
down_revision: str | None = '0031'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = sqlmodel.sql.sqltypes.AutoString
T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        'takeover_files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('introduction_id', sa.Integer(), nullable=False),
        sa.Column('opened_at', T(), nullable=False),
        sa.ForeignKeyConstraint(['introduction_id'], ['introductions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_takeover_files_introduction_id'), 'takeover_files', ['introduction_id'], unique=True)
    op.create_table(
        'takeover_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('file_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('step_key', S(length=40), nullable=False),
        sa.Column('title_nl', S(length=300), nullable=False),
        sa.Column('title_en', S(length=300), nullable=False),
        sa.Column('help_nl', S(length=300), nullable=False),
        sa.Column('help_en', S(length=300), nullable=False),
        sa.Column('party', S(length=16), nullable=False),
        sa.Column('due', sa.Date(), nullable=True),
        sa.Column('status', S(length=16), nullable=False),
        sa.Column('notes', S(length=2000), nullable=False),
        sa.Column('updated_at', T(), nullable=False),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('overdue_told_at', T(), nullable=True),
        sa.ForeignKeyConstraint(['file_id'], ['takeover_files.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['updated_by'], ['users.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('file_id', 'step_key'),
    )
    op.create_index(op.f('ix_takeover_items_file_id'), 'takeover_items', ['file_id'])
    op.create_table(
        'takeover_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('by_user_id', sa.Integer(), nullable=True),
        sa.Column('field', S(length=16), nullable=False),
        sa.Column('old', S(length=300), nullable=False),
        sa.Column('new', S(length=300), nullable=False),
        sa.Column('at', T(), nullable=False),
        sa.ForeignKeyConstraint(['by_user_id'], ['users.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['item_id'], ['takeover_items.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_takeover_changes_item_id'), 'takeover_changes', ['item_id'])
    op.create_index(op.f('ix_takeover_changes_at'), 'takeover_changes', ['at'])
    op.create_table(
        'takeover_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('name', S(length=200), nullable=False),
        sa.Column('key', S(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('by_user_id', sa.Integer(), nullable=True),
        sa.Column('created_at', T(), nullable=False),
        sa.ForeignKeyConstraint(['by_user_id'], ['users.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['item_id'], ['takeover_items.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_takeover_documents_item_id'), 'takeover_documents', ['item_id'])


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_takeover_documents_item_id'), table_name='takeover_documents')
    op.drop_table('takeover_documents')
    op.drop_index(op.f('ix_takeover_changes_at'), table_name='takeover_changes')
    op.drop_index(op.f('ix_takeover_changes_item_id'), table_name='takeover_changes')
    op.drop_table('takeover_changes')
    op.drop_index(op.f('ix_takeover_items_file_id'), table_name='takeover_items')
    op.drop_table('takeover_items')
    op.drop_index(op.f('ix_takeover_files_introduction_id'), table_name='takeover_files')
    op.drop_table('takeover_files')
