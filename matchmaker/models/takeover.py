"""The takeover file of an introduction in negotiation: its steps, their history, documents."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from matchmaker.models._common import utcnow


class TakeoverFile(SQLModel, table=True):
    """One per introduction, opened when it reaches negotiation."""

    __tablename__ = "takeover_files"

    id: int | None = Field(default=None, primary_key=True)
    introduction_id: int = Field(
        foreign_key="introductions.id", unique=True, index=True, ondelete="CASCADE"
    )
    opened_at: datetime = Field(default_factory=utcnow)


class TakeoverItem(SQLModel, table=True):
    """One step of the file, with the titles it had when the file opened (an operator's later
    change of the step list does not rewrite a file under way)."""

    __tablename__ = "takeover_items"
    __table_args__ = (UniqueConstraint("file_id", "step_key"),)

    id: int | None = Field(default=None, primary_key=True)
    file_id: int = Field(foreign_key="takeover_files.id", index=True, ondelete="CASCADE")
    position: int = Field(default=0, ge=0, le=1000)
    step_key: str = Field(max_length=40)
    title_nl: str = Field(max_length=300)
    title_en: str = Field(max_length=300)
    help_nl: str = Field(default="", max_length=300)
    help_en: str = Field(default="", max_length=300)
    party: str = Field(max_length=16)  # domain.takeover.Party
    due: date | None = None
    status: str = Field(default="open", max_length=16)  # domain.takeover.ItemStatus
    notes: str = Field(default="", max_length=2000)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    overdue_told_at: datetime | None = None  # the bell said it is overdue (once per due date)


class TakeoverChange(SQLModel, table=True):
    """The history: who changed what on which step, and when."""

    __tablename__ = "takeover_changes"

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="takeover_items.id", index=True, ondelete="CASCADE")
    by_user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    field: str = Field(max_length=16)  # status, due, notes, document
    old: str = Field(default="", max_length=300)
    new: str = Field(default="", max_length=300)
    at: datetime = Field(default_factory=utcnow, index=True)


class TakeoverDocument(SQLModel, table=True):
    """A PDF attached to a step (stored like conversation attachments)."""

    __tablename__ = "takeover_documents"

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="takeover_items.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    key: str = Field(max_length=64)
    size: int = Field(default=0, ge=0)
    by_user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
