"""Holders' stop plans (not published) and the pipeline alerts sent to recruiters."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from matchmaker.models._common import utcnow


class StopPlanBase(SQLModel):
    """When a holder expects to stop, before any listing exists."""

    planned_stop: date
    postcode: str = Field(max_length=8)
    patients: int = Field(ge=1, le=60_000)
    practice_name: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=1000)
    # The holder lets the recruiters of the municipality see their email and phone.
    share_contact: bool = Field(default=False)
    phone: str = Field(default="", max_length=32)
    patient_stop: str | None = Field(default=None, max_length=8)  # as on a listing


class StopPlan(StopPlanBase, table=True):
    """A stop plan, seen only by the holder and the recruiters of its municipality."""

    __tablename__ = "stop_plans"

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="users.id", unique=True, index=True, ondelete="CASCADE")
    gemeentecode: str = Field(max_length=6, index=True)
    updated_at: datetime = Field(default_factory=utcnow)


class StopPlanInput(StopPlanBase):
    """Validated input for a stop plan."""


class PipelineAlert(SQLModel, table=True):
    """A pipeline item a recruiter was alerted about (sent once per item)."""

    __tablename__ = "pipeline_alerts"

    key: str = Field(primary_key=True, max_length=32)
    alerted_at: datetime = Field(default_factory=utcnow)
