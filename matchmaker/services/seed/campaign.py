"""A demo campaign with events and a funnel (synthetic, labelled as demo).

Everything is labelled "(demo)": the campaign, its events, and the synthetic candidates who
take part. The named demo starter and the demo holder's inbox are left out, so the guided
journeys in the README start from a clean state.
"""

from __future__ import annotations

import random
import secrets
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from matchmaker.domain.events import EventKind
from matchmaker.domain.introductions import PROGRESS
from matchmaker.domain.offers import OfferKind
from matchmaker.models import (
    Campaign,
    CampaignEvent,
    CampaignMember,
    CampaignPractice,
    CandidateProfile,
    EventSignup,
    Introduction,
    IntroductionEvent,
    Offer,
    Practice,
    User,
)
from matchmaker.models._common import utcnow

NAME = "Polderdokter 2026–2027 (demo)"
AREA = "GM0171"  # Noordoostpolder
# How far each of up to 24 invited demo candidates got: a narrowing funnel (furthest kept
# first when a small seed has fewer candidates).
LADDER = (
    ["invited"] * 6
    + ["viewed"] * 6
    + ["requested"] * 4
    + ["introduced"] * 3
    + ["meeting", "trial_day", "negotiation", "agreement", "settled"]
)


def seed_demo_campaign(
    *,
    session: Session,
    rng: random.Random,
    recruiter: User,
    holder: User | None,
    profile_ids: list[int],
) -> None:
    """Create the demo campaign once, from this seed's synthetic candidates."""
    if (
        not profile_ids
        or session.exec(select(Campaign.id).where(Campaign.owner_id == recruiter.id)).first()
    ):
        return
    today, now = date.today(), utcnow()
    incentive_ids = session.exec(
        select(Offer.id).where(
            Offer.kind == OfferKind.INCENTIVE, Offer.gemeentecode == AREA, col(Offer.is_demo)
        )
    ).all()
    campaign = Campaign(
        owner_id=recruiter.id or 0,
        name=NAME,
        starts_on=today - timedelta(days=150),
        ends_on=today + timedelta(days=580),
        goal=6,
        municipalities=[AREA],
        incentive_ids=[i for i in incentive_ids if i is not None],
    )
    session.add(campaign)
    session.flush()
    local = list(
        session.exec(
            select(Practice).where(Practice.gemeentecode == AREA, Practice.status != "handed_over")
        )
    )
    for practice in local:
        session.add(CampaignPractice(campaign_id=campaign.id or 0, practice_id=practice.id or 0))
    # Introductions go to a synthetic holder's practice, never to the demo holder's inbox.
    target = next((p for p in local if holder is None or p.owner_id != holder.id), None)
    emails = dict(
        session.exec(
            select(CandidateProfile.id, User.email)
            .join(User, col(User.id) == CandidateProfile.user_id)
            .where(col(CandidateProfile.id).in_(profile_ids))
        ).all()
    )
    chosen = rng.sample(profile_ids, min(len(LADDER), len(profile_ids)))
    reached: dict[int, tuple[str, datetime]] = {}
    for pid, stage in zip(chosen, reversed(LADDER), strict=False):  # furthest first
        invited = now - timedelta(days=rng.randint(110, 150), hours=rng.randint(0, 23))
        viewed = invited + timedelta(days=rng.randint(1, 9)) if stage != "invited" else None
        session.add(
            CampaignMember(
                campaign_id=campaign.id or 0,
                email=emails.get(pid, f"kandidaat-{pid}@demo.example"),
                token=secrets.token_urlsafe(24),
                profile_id=pid,
                invited_at=invited,
                viewed_at=viewed,
            )
        )
        if viewed is not None:
            reached[pid] = (stage, viewed)
        if target is not None and viewed is not None and stage in PROGRESS:
            _introduction(session, rng, target, pid, stage, viewed, now)
    _events(session, rng, campaign, target, reached, today, now)
    session.flush()


def _introduction(
    session: Session,
    rng: random.Random,
    practice: Practice,
    profile_id: int,
    final: str,
    start: datetime,
    now: datetime,
) -> None:
    steps = PROGRESS[: PROGRESS.index(final) + 1]
    at = start + timedelta(days=rng.randint(2, 10))
    intro = Introduction(
        practice_id=practice.id or 0,
        candidate_id=profile_id,
        initiated_by="candidate",
        status=final,
        message="Via de Polderdokter-campagne. (demo)",
        created_at=at,
    )
    session.add(intro)
    session.flush()
    for step in steps:
        session.add(IntroductionEvent(introduction_id=intro.id or 0, status=step, at=min(at, now)))
        at += timedelta(days=rng.randint(5, 18))


def _events(
    session: Session,
    rng: random.Random,
    campaign: Campaign,
    practice: Practice | None,
    reached: dict[int, tuple[str, datetime]],
    today: date,
    now: datetime,
) -> None:
    plans: list[tuple[EventKind, str, int, int, int | None]] = [
        (EventKind.INTRODUCTION_DAY, "Kennismakingsdag Noordoostpolder (demo)", -60, 40, None),
        (EventKind.BUS_TOUR, "Bustour langs praktijken, scholen en woningen (demo)", 24, 30, None),
    ]
    if practice is not None:
        plans.append((EventKind.TRIAL_DAY, "Meeloopdag (demo)", 38, 4, practice.id))
    profiles = {
        p.id: p.user_id
        for p in session.exec(
            select(CandidateProfile).where(col(CandidateProfile.id).in_(list(reached)))
        )
    }
    keen = [pid for pid, (stage, _) in reached.items() if stage != "viewed"]
    for kind, title, offset, capacity, practice_id in plans:
        event = CampaignEvent(
            campaign_id=campaign.id or 0,
            kind=kind,
            title=title,
            day=today + timedelta(days=offset),
            starts=time(10) if kind != EventKind.BUS_TOUR else time(9, 30),
            ends=time(16),
            place="Gemeentehuis Emmeloord" if kind != EventKind.TRIAL_DAY else "In de praktijk",
            capacity=capacity,
            description="Een dag meelopen in de praktijk. (demo)"
            if kind == EventKind.TRIAL_DAY
            else "Programma met lunch; partners zijn welkom. (demo)",
            practice_id=practice_id,
        )
        session.add(event)
        session.flush()
        past = offset < 0
        people = keen if past else rng.sample(keen, min(len(keen), 3 if practice_id else 6))
        seats = capacity
        for pid in people:
            user_id = profiles.get(pid)
            party = 1 if kind == EventKind.TRIAL_DAY else rng.choice((1, 2, 2))
            if user_id is None or party > seats:
                continue
            seats -= party
            session.add(
                EventSignup(
                    event_id=event.id or 0,
                    user_id=user_id,
                    party=party,
                    attended=(rng.random() < 0.85) if past else None,
                    created_at=min(reached[pid][1] + timedelta(days=1), now),
                )
            )
