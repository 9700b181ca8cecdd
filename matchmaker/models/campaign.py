"""Recruiters' campaigns: municipalities, period, goal, practices and invited candidates."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from matchmaker.domain.bounds import INT32_MAX
from matchmaker.models._common import utcnow


class CampaignBase(SQLModel):
    """What a recruiter sets up."""

    name: str = Field(max_length=160)
    starts_on: date
    ends_on: date
    goal: int = Field(default=0, ge=0, le=10_000)
    municipalities: list[str] = Field(default_factory=list, sa_type=JSON)


class Campaign(CampaignBase, table=True):
    """A recruitment campaign."""

    __tablename__ = "campaigns"

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    # The incentive package: ids of the region's incentive offers chosen for this campaign.
    incentive_ids: list[int] = Field(default_factory=list, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow)


class CampaignInput(CampaignBase):
    """Validated input for a campaign."""


class CampaignPractice(SQLModel, table=True):
    """A practice taking part in a campaign."""

    __tablename__ = "campaign_practices"

    campaign_id: int = Field(foreign_key="campaigns.id", primary_key=True, ondelete="CASCADE")
    practice_id: int = Field(foreign_key="practices.id", primary_key=True, ondelete="CASCADE")
    places: int | None = None  # successor places in this campaign's rounds; None: by its form


class CampaignMember(SQLModel, table=True):
    """A candidate invited to a campaign, by email, with a personal link."""

    __tablename__ = "campaign_members"

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaigns.id", index=True, ondelete="CASCADE")
    email: str = Field(max_length=254)
    profile_id: int | None = Field(
        default=None, foreign_key="candidate_profiles.id", ondelete="SET NULL"
    )
    token: str = Field(max_length=64, unique=True, index=True)
    invited_at: datetime = Field(default_factory=utcnow)
    viewed_at: datetime | None = None


class CampaignRanking(SQLModel, table=True):
    """One side's ranking in a campaign: a candidate ranks practices, a practice candidates."""

    __tablename__ = "campaign_rankings"

    campaign_id: int = Field(foreign_key="campaigns.id", primary_key=True, ondelete="CASCADE")
    side: str = Field(max_length=10, primary_key=True)  # "candidate" or "practice"
    owner_id: int = Field(primary_key=True)  # candidate profile id or practice id
    ranked: list[int] = Field(default_factory=list, sa_type=JSON)  # most wanted first
    updated_at: datetime = Field(default_factory=utcnow)


class CampaignRound(SQLModel, table=True):
    """A match round run by the recruiter: the proposed assignment and its blocking pairs."""

    __tablename__ = "campaign_rounds"

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaigns.id", index=True, ondelete="CASCADE")
    run_at: datetime = Field(default_factory=utcnow)
    unplaced: int = Field(default=0)
    blocking: list[list[int]] = Field(default_factory=list, sa_type=JSON)


class RoundProposal(SQLModel, table=True):
    """A proposed pair; both sides accept or decline."""

    __tablename__ = "round_proposals"

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="campaign_rounds.id", index=True, ondelete="CASCADE")
    candidate_id: int = Field(foreign_key="candidate_profiles.id", index=True, ondelete="CASCADE")
    practice_id: int = Field(foreign_key="practices.id", index=True, ondelete="CASCADE")
    candidate_answer: bool | None = None
    practice_answer: bool | None = None


class CampaignEventBase(SQLModel):
    """What a recruiter plans: a kennismakingsdag, bus tour or meeloopdag."""

    kind: str = Field(max_length=20)  # an EventKind value
    title: str = Field(max_length=160)
    day: date
    starts: time
    ends: time
    place: str = Field(max_length=200)  # address or meeting point
    capacity: int | None = Field(default=None, ge=1, le=10_000)
    description: str = Field(default="", max_length=2000)
    practice_id: int | None = Field(
        default=None, ge=1, le=INT32_MAX, foreign_key="practices.id", ondelete="SET NULL"
    )


class CampaignEvent(CampaignEventBase, table=True):
    """An event of a campaign, open to its candidates and holders."""

    __tablename__ = "campaign_events"

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaigns.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow)
    reminded_at: datetime | None = None  # the day-before reminder went out
    # iCalendar: a change raises SEQUENCE and sets the revision time (DTSTAMP), so calendar
    # apps subscribed to a feed replace the event instead of adding a second one.
    sequence: int = Field(default=0, ge=0)
    changed_at: datetime | None = None


class CancelledEvent(SQLModel, table=True):
    """What stays of a cancelled event: enough for calendar feeds to carry the cancellation
    (same UID, a higher SEQUENCE, STATUS:CANCELLED) to those who had it in their agenda.

    Title and place are as a visitor without consent may see them (an anonymous host masked).
    """

    __tablename__ = "cancelled_events"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(index=True)  # the event's id (the row itself is gone)
    campaign_id: int = Field(foreign_key="campaigns.id", index=True, ondelete="CASCADE")
    title: str = Field(max_length=160)
    place: str = Field(max_length=200)
    day: date
    starts: time
    ends: time
    sequence: int = Field(default=1, ge=0)
    attendees: list[int] = Field(default_factory=list, sa_type=JSON)  # who had signed up
    cancelled_at: datetime = Field(default_factory=utcnow, index=True)


class CampaignEventInput(CampaignEventBase):
    """Validated input for an event."""


class EventSignup(SQLModel, table=True):
    """Someone coming to an event, possibly with their partner."""

    __tablename__ = "event_signups"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="campaign_events.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    party: int = Field(default=1, ge=1, le=2)
    note: str = Field(default="", max_length=300)  # diet, access needs, questions
    attended: bool | None = None  # recorded by the recruiter afterwards
    created_at: datetime = Field(default_factory=utcnow)
