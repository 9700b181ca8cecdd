"""Factory functions for test data, with defaults and ``**overrides``."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.models import CandidateProfile, Introduction, Practice, User
from matchmaker.models.candidate import CandidateProfileInput
from matchmaker.models.practice import PracticeInput
from matchmaker.models.user import UserCreate
from matchmaker.services import accounts, candidates, practices

PASSWORD = "correct-horse-battery"
_seq = itertools.count(1)


def create_user(
    session: Session, role: Role = Role.CANDIDATE, *, verified: bool = True, **overrides: Any
) -> User:
    """An account (address confirmed unless told otherwise); email and name unique per call."""
    n = next(_seq)
    data = {
        "email": f"user{n}@example.org",
        "display_name": f"Test User {n}",
        "role": role,
        "password": PASSWORD,
        **overrides,
    }
    return accounts.create_user(session=session, data=UserCreate(**data), verified=verified)


def practice_input(**overrides: Any) -> PracticeInput:
    """A valid listing in Emmeloord (Noordoostpolder)."""
    start = date.today() + timedelta(days=200)
    data: dict[str, Any] = {
        "name": "Huisartsenpraktijk Test",
        "anonymous": False,
        "postcode": "8302",
        "street": "Geheime Straat 7",
        "patients": 2500,
        "form": "solo",
        "dispensing": False,
        "building": "rented",
        "handover_from": start,
        "handover_until": start + timedelta(days=180),
        "handover_model": "gradual",
        "goodwill_min": 20_000,
        "goodwill_max": 40_000,
        "fte": 1.0,
        "days_per_week": 4,
        "anw_hours_per_month": 12,
        "staff_assistants": 3,
        "staff_poh": 1,
        "description": "Een fijne praktijk.",
        "contact_email": "secret-contact@example.org",
        "contact_phone": "0527123456",
        "status": "published",
    }
    data.update(overrides)
    return PracticeInput(**data)


def create_practice(session: Session, owner: User | None = None, **overrides: Any) -> Practice:
    """A listing (published unless overridden), owned by a new holder by default."""
    owner = owner or create_user(session, Role.HOLDER)
    return practices.create_listing(session=session, owner=owner, data=practice_input(**overrides))


def profile_input(**overrides: Any) -> CandidateProfileInput:
    """A valid profile of a haio living in Utrecht with a family."""
    data: dict[str, Any] = {
        "display_name": "Test Kandidaat",
        "stage": "haio_3",
        "earliest_start": date.today() + timedelta(days=100),
        "latest_start": date.today() + timedelta(days=500),
        "days_per_week": 4,
        "home_postcode": "3512",
        "max_distance_km": 100,
        "search_regions": ["Flevoland"],
        "forms_acceptable": ["solo", "duo"],
        "partner_work": "needs_job",
        "partner_sector": "education",
        "children_birth_years": [2021, 2024],
        "housing_need": "buy",
        "housing_budget": 400_000,
        "bedrooms_min": 3,
    }
    data.update(overrides)
    return CandidateProfileInput(**data)


def create_candidate(
    session: Session, user: User | None = None, **overrides: Any
) -> CandidateProfile:
    """A candidate account with a saved profile."""
    user = user or create_user(session, Role.CANDIDATE)
    return candidates.save_profile(session=session, user=user, data=profile_input(**overrides))


def offer_input(**overrides: Any) -> Any:
    """A valid housing offer in Noordoostpolder."""
    from matchmaker.models.offer import OfferInput

    data: dict[str, Any] = {
        "kind": "housing",
        "gemeentecode": "GM0171",
        "title": "Gezinswoning Emmeloord",
        "tenure": "rent",
        "price": 1250,
        "bedrooms": 4,
        "postcode": "8302",
    }
    data.update(overrides)
    return OfferInput(**data)


def create_recruiter(
    session: Session, regions: tuple[str, ...] = ("GM0171",), **overrides: Any
) -> User:
    """A recruiter for the given municipalities."""
    user = create_user(session, Role.RECRUITER, **overrides)
    accounts.set_recruiter_regions(session=session, user=user, codes=list(regions))
    return user


def create_campaign(session: Session, recruiter: User, **overrides: Any) -> Any:
    """A campaign in Noordoostpolder that runs for a year from today."""
    from datetime import date, timedelta

    from matchmaker.models.campaign import CampaignInput
    from matchmaker.services import campaigns

    data: dict[str, Any] = {
        "name": "Polderdokter 2027",
        "starts_on": date.today(),
        "ends_on": date.today() + timedelta(days=365),
        "goal": 3,
        "municipalities": ["GM0171"],
        **overrides,
    }
    return campaigns.create(session=session, user=recruiter, data=CampaignInput(**data))


def create_imported_candidate(session: Session, email: str, *, consent: bool = False) -> User:
    """A candidate as a recruiter's import leaves them: no password, consent as given."""
    user = create_user(session, Role.CANDIDATE, email=email, display_name="Sanne de Boer")
    profile = create_candidate(session, user=user, children_birth_years=[2023])
    user.invited, user.password_hash, profile.consent = True, "!invited", consent
    session.add_all([user, profile])
    session.commit()
    return user


def create_incentive(
    session: Session, recruiter: User, incentive_type: str, amount: int | None, title: str = ""
) -> Any:
    """A published incentive in Noordoostpolder (titled by its type unless given)."""
    from matchmaker.services import offers

    data = offer_input(
        kind="incentive",
        incentive_type=incentive_type,
        amount=amount,
        tenure=None,
        price=None,
        title=title or incentive_type,
    )
    return offers.create_offer(session=session, user=recruiter, data=data)


def create_introduction(session: Session, practice: Practice, status: str) -> Introduction:
    """A new candidate's introduction to the practice in ``status``, flushed (the caller
    commits)."""
    intro = Introduction(
        practice_id=practice.id or 0,
        candidate_id=create_candidate(session).id or 0,
        initiated_by="candidate",
        status=status,
    )
    session.add(intro)
    session.flush()
    return intro
