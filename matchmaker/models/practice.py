"""Practice listings of (retiring) practice holders."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Integer
from sqlmodel import Field, SQLModel

from matchmaker.domain.bounds import MAX_EUROS
from matchmaker.domain.practice import ListingStatus
from matchmaker.models._common import utcnow


class PracticeBase(SQLModel):
    """What a holder tells about the practice."""

    name: str = Field(max_length=160)
    anonymous: bool = Field(default=False)
    postcode: str = Field(max_length=4, index=True)
    street: str | None = Field(default=None, max_length=160)
    patients: int = Field(ge=1, le=60_000)
    form: str = Field(max_length=24)
    dispensing: bool = Field(default=False)
    building: str = Field(max_length=24)
    handover_from: date
    handover_until: date
    handover_model: str = Field(max_length=24)
    goodwill_min: int | None = Field(default=None, ge=0, le=MAX_EUROS)
    goodwill_max: int | None = Field(default=None, ge=0, le=MAX_EUROS)
    fte: float = Field(gt=0, le=20)
    days_per_week: int = Field(ge=1, le=5)
    anw_hours_per_month: int | None = Field(default=None, ge=0, le=200)
    staff_assistants: int = Field(default=0, ge=0, le=100)
    staff_poh: int = Field(default=0, ge=0, le=100)
    description: str = Field(default="", max_length=4000)
    contact_email: str | None = Field(default=None, max_length=254)
    contact_phone: str | None = Field(default=None, max_length=32)
    status: str = Field(default=ListingStatus.DRAFT, max_length=16)  # indexed: Practice
    # Does the practice take new patients? "yes" (a stop), "partly", "no"; None = not said.
    patient_stop: str | None = Field(default=None, max_length=8)


# What the shortage index reads of a listing, after its municipality (report_totals).
_REPORTED = ("is_demo", "status", "patient_stop", "handover_from", "patients")
_VERSION = Column("version", Integer, nullable=False, server_default="1")


class Practice(PracticeBase, table=True):
    """A listed practice with its derived location."""

    __tablename__ = "practices"
    # Read on every save the match caches follow, so they hold every column those reads need
    # (an index-only read, no table rows): the census of public listings counts (status, id);
    # the shortage index sums real listings' patients per municipality from the second one
    # (services/shortage.report_totals). Each also serves queries on its first column.
    __table_args__ = (
        Index("ix_practices_status_id", "status", "id"),
        Index("ix_practices_reports", "gemeentecode", *_REPORTED, "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    gemeentecode: str = Field(max_length=6)
    province: str = Field(max_length=32, index=True)
    lat: float
    lon: float
    is_demo: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)
    # Set on every insert and update (bulk updates too): the match caches compare it to find
    # the rows that changed (services/matching/rows.py), a range read of this index.
    updated_at: datetime = Field(
        default_factory=utcnow, index=True, sa_column_kwargs={"onupdate": utcnow}
    )
    # Optimistic locking: every save bumps it, and a save based on an older version fails
    # (SQLAlchemy's version_id_col), so two tabs never silently overwrite each other.
    version: int = Field(default=1, sa_column=_VERSION)

    __mapper_args__ = {"version_id_col": _VERSION}


class PracticeInput(PracticeBase):
    """Validated input for creating or updating a listing (any postcode spelling)."""

    postcode: str = Field(max_length=8)
