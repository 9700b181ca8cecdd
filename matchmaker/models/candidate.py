"""Candidate profiles (young GPs, haio's, locums) and duo invitations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from annotated_types import Ge, Le
from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from matchmaker.domain.bounds import MAX_EUROS
from matchmaker.models._common import utcnow

# Any year a child of a working GP can be born in; the profile checks the real range.
BirthYear = Annotated[int, Ge(1900), Le(2100)]


class CandidateProfileBase(SQLModel):
    """What a candidate tells about work wishes and household."""

    display_name: str = Field(max_length=120)
    stage: str = Field(max_length=24)
    earliest_start: date | None = None
    latest_start: date | None = None
    days_per_week: int | None = Field(default=None, ge=1, le=5)
    home_postcode: str = Field(max_length=4)
    max_distance_km: int | None = Field(default=None, ge=1, le=400)
    search_regions: list[str] = Field(default_factory=list, sa_type=JSON)
    forms_acceptable: list[str] = Field(default_factory=list, sa_type=JSON)
    dispensing_ok: bool = Field(default=True)
    building_wishes: list[str] = Field(default_factory=list, sa_type=JSON)
    goodwill_budget: int | None = Field(default=None, ge=0, le=MAX_EUROS)
    partner_sector: str | None = Field(default=None, max_length=24)
    partner_work: str | None = Field(default=None, max_length=24)
    children_birth_years: list[BirthYear] = Field(default_factory=list, sa_type=JSON)
    housing_need: str | None = Field(default=None, max_length=16)
    housing_budget: int | None = Field(default=None, ge=0, le=MAX_EUROS)
    bedrooms_min: int | None = Field(default=None, ge=1, le=10)
    about: str = Field(default="", max_length=4000)
    digest_opt_in: bool = Field(default=False)
    # What holders may see before an introduction (domain.household.Shared); nothing by default.
    share_with_holders: list[str] = Field(default_factory=list, sa_type=JSON)


class CandidateProfile(CandidateProfileBase, table=True):
    """A candidate's profile with the derived home location."""

    __tablename__ = "candidate_profiles"
    # The census of consenting candidates the match caches take on every save: index only.
    __table_args__ = (Index("ix_candidate_profiles_consent_id", "consent", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", unique=True, index=True, ondelete="CASCADE")
    home_lat: float
    home_lon: float
    gemeentecode: str = Field(max_length=6, index=True)
    province: str = Field(max_length=32)
    duo_partner_id: int | None = Field(
        default=None, foreign_key="candidate_profiles.id", ondelete="SET NULL"
    )
    match_weights: dict[str, int] = Field(default_factory=dict, sa_type=JSON)
    # Imported candidates are matched only after they consent; self-registered ones have.
    consent: bool = Field(default=True)  # indexed with the id: see __table_args__
    last_digest_at: datetime | None = None
    is_demo: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)
    # Set on every insert and update (bulk updates too): the match caches compare it to find
    # the rows that changed (services/matching/rows.py), a range read of this index.
    updated_at: datetime = Field(
        default_factory=utcnow, index=True, sa_column_kwargs={"onupdate": utcnow}
    )


class CandidateProfileInput(CandidateProfileBase):
    """Validated input for saving a profile (any postcode spelling)."""

    home_postcode: str = Field(max_length=8)


class DuoInvitation(SQLModel, table=True):
    """A candidate's invitation to another candidate to apply together as a duo."""

    __tablename__ = "duo_invitations"

    id: int | None = Field(default=None, primary_key=True)
    inviter_id: int = Field(foreign_key="candidate_profiles.id", index=True, ondelete="CASCADE")
    invitee_email: str = Field(max_length=254, index=True)
    status: str = Field(default="pending", max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    responded_at: datetime | None = None
