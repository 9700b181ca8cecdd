"""Public, typed shapes of data that leave the system (API and public pages)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class PracticePublic(BaseModel):
    """A published listing as anyone may see it: never name when anonymous, no contact."""

    model_config = ConfigDict(frozen=True)  # shared between requests (matching.cache)

    id: int
    title: str
    anonymous: bool
    municipality: str
    gemeentecode: str
    province: str
    lat: float
    lon: float
    patients: int
    list_size_ratio: float | None = Field(description="patients per FTE / normpraktijk (2,095)")
    form: str
    dispensing: bool
    building: str
    handover_from: date
    handover_until: date
    handover_model: str
    goodwill_min: int | None
    goodwill_max: int | None
    fte: float
    days_per_week: int
    anw_hours_per_month: int | None
    staff_assistants: int
    staff_poh: int
    description: str
    status: str
    patient_stop: str | None = Field(
        description="yes (no new patients), partly, no; null when the holder has not said"
    )
    is_demo: bool


class PracticePage(BaseModel):
    """One page of published listings."""

    items: list[PracticePublic]
    total: int
    page: int
    per_page: int


MAX_PAGE = 1_000_000  # far past the last page of any list; its offset fits every database


class PageQuery(BaseModel):
    """Pagination parameters."""

    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    per_page: int = Field(default=20, ge=1, le=100)


class HomeLocation(BaseModel):
    """Where a candidate lives, as PC4 centroid."""

    postcode: str
    lat: float
    lon: float
    municipality: str


class Me(BaseModel):
    """The logged-in account."""

    id: int
    email: str
    display_name: str
    role: Literal["holder", "candidate", "recruiter", "admin"]
    locale: str
    home: HomeLocation | None = None
    practices: list[int] | None = None
    regions: list[str] | None = None


class Health(BaseModel):
    """Liveness and database reachability."""

    status: Literal["ok", "degraded"]
    database: Literal["ok", "error"]


class ApiError(BaseModel):
    """An error answer."""

    error: str


class MatchReason(BaseModel):
    """One explanation of a score, in the reader's language."""

    key: str
    component: str
    tone: Literal["plus", "minus", "info"]
    text: str


class MatchPractice(BaseModel):
    """The public face of a matched practice."""

    id: int
    title: str
    municipality: str
    gemeentecode: str
    province: str
    lat: float
    lon: float
    patients: int
    form: str
    dispensing: bool
    building: str
    handover_from: date
    handover_until: date
    is_demo: bool


class MatchCandidate(BaseModel):
    """A matched candidate as a holder sees them before an introduction: no name, no contact."""

    model_config = ConfigDict(frozen=True)  # shared between requests (matching.pages)

    ref: int = Field(description="profile id, for introductions")
    stage: str
    municipality: str
    province: str
    duo: bool
    partner_sector: str | None = Field(description="null unless the candidate shares it")
    partner_needs_job: bool | None = Field(description="null unless the candidate shares it")
    children: int | None = Field(description="null unless the candidate shares it")
    housing_need: str | None = Field(description="null unless the candidate shares it")
    children_needs: list[str] | None = Field(
        default=None, description="childcare, primary, secondary: null unless shared"
    )
    earliest_start: date | None = Field(description="null unless the candidate shares it")
    latest_start: date | None = Field(default=None, description="null unless shared")
    days_per_week: int | None = Field(default=None, description="null unless shared")
    max_distance_km: int | None = Field(default=None, description="search area, null unless shared")
    search_regions: list[str] | None = Field(default=None, description="null unless shared")
    forms_acceptable: list[str] | None = Field(default=None, description="null unless shared")
    dispensing_ok: bool | None = Field(default=None, description="null unless shared")
    building_wishes: list[str] | None = Field(default=None, description="null unless shared")
    goodwill_budget: int | None = Field(default=None, description="null unless shared")
    housing_budget: int | None = Field(default=None, description="null unless shared")
    about: str | None = Field(default=None, description="'Over mij', null unless shared")
    shared: list[str] = Field(default_factory=list, description="what the candidate shares")
    is_demo: bool
    big_verified: bool = Field(default=False, description="BIG number checked by a recruiter")


class IncentiveLineOut(BaseModel):
    """How one regional incentive counts for this household."""

    title: str
    kind: str
    applies: bool
    amount: int
    rule: str
    in_kind: bool = Field(default=False, description="applies, worth something other than money")
    quantity: int = Field(default=1, description="how many times it counts (children)")


class IncentivesOut(BaseModel):
    """The region's incentives for this match: total euros and the rules that made it."""

    total: int
    lines: list[IncentiveLineOut]


class MatchItem(BaseModel):
    """One ranked match; components are in [0, 1], or null when neutral or unknown."""

    practice: MatchPractice
    candidate: MatchCandidate | None = None
    score: float = Field(ge=0, le=1)
    score_basis: Literal["all", "shared"] = Field(
        default="all",
        description="'shared': computed only over the components the candidate shares with "
        "holders, location banded (what a holder sees)",
    )
    components: dict[str, float | None]
    component_status: dict[str, Literal["scored", "neutral", "unknown", "private"]] = Field(
        description="'private': a household component the candidate does not share with holders"
    )
    distance_km: float | None = Field(description="null for holders, who see only the band")
    distance_band: str = Field(description='coarse distance in km: "< 10", "10–25", … "> 100"')
    reasons: list[MatchReason]
    introduction: str | None = Field(default=None, description="status of an introduction, if any")
    incentives: IncentivesOut | None = None
    saved: bool = Field(default=False, description="on the viewer's shortlist")
    interested: bool = Field(
        default=False, description="the viewer marked interest (both sides: introduced at once)"
    )


class MatchList(BaseModel):
    """Ranked matches, best first."""

    items: list[MatchItem]
    weights: dict[str, int]


class MatchQuery(BaseModel):
    """How many matches to return."""

    limit: int = Field(default=20, ge=1, le=100)


class RegionComponent(BaseModel):
    """One component of the shortage index: measured value, scaled value, weight."""

    dimension: str = Field(description="recruitment or access")
    raw: float | None
    normalised: float | None = Field(description="0–1, higher = more shortage; null = unknown")
    weight: float = Field(description="within its dimension; an unknown one's is shared out")
    unit: str


class RegionScores(BaseModel):
    """The two kinds of GP shortage, each 0–100 (null when no component has data)."""

    recruitment: float | None = Field(description="opvolging en werving")
    access: float | None = Field(description="toegang voor patiënten")


class RegionItem(BaseModel):
    """A municipality with its shortage score."""

    code: str = Field(description="CBS municipality code, e.g. GM0171")
    name: str
    province: str
    shortage_score: float | None = Field(
        description="0–100, the higher of the two dimensions; what matching uses"
    )
    shortage_region: bool
    scores: RegionScores
    components: dict[str, RegionComponent]
    missing: list[str] = Field(description="components without data, left out of the scores")
    population: int | None
    practices: int = Field(description="published listings")
    lat: float
    lon: float


class RegionList(BaseModel):
    """All municipalities."""

    items: list[RegionItem]


class RecruiterContact(BaseModel):
    """Who recruits for a region."""

    name: str
    email: str


class RegionDetail(RegionItem):
    """A municipality with what it offers."""

    indicators: dict[str, float | None]
    listings: list[PracticePublic] = Field(
        description="the first 24 published listings by handover date; `practices` counts all"
    )
    recruiters: list[RecruiterContact]
