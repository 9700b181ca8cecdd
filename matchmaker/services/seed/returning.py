"""What brings the demo accounts back (issue 22): the starter's saved search, shortlist and
calendar feed with a meeloopdag; a few weeks of statistics on the demo holder's listings.

All of it is synthetic demo activity on demo listings; no regional figure is touched.
"""

from __future__ import annotations

import random
import secrets
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from matchmaker.domain.alerts import Criteria, Frequency, Scope
from matchmaker.domain.events import EventKind
from matchmaker.domain.listing_stats import monday
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.shortlist import Mark
from matchmaker.models import (
    Campaign,
    CampaignEvent,
    CampaignMember,
    CandidateProfile,
    EventSignup,
    ListingView,
    Practice,
    PracticeMark,
    SavedSearch,
    User,
)
from matchmaker.models._common import utcnow
from matchmaker.services import accounts, listing_stats
from matchmaker.services.seed.logins import HOLDER_EMAIL, RECRUITER_EMAIL, STARTER_EMAIL

STATS_WEEKS = 26  # weeks of views on the demo holder's listings: a closed block of twelve
SHORTLIST = 3


def seed_returning(session: Session, rng: random.Random, profile_ids: list[int]) -> None:
    """Once: the starter's search, stars, feed and meeloopdag; the holder's statistics."""
    starter = accounts.find_user(session=session, email=STARTER_EMAIL)
    holder = accounts.find_user(session=session, email=HOLDER_EMAIL)
    if starter is None or starter.id is None:
        return
    if session.exec(select(SavedSearch.id).where(SavedSearch.user_id == starter.id)).first():
        return
    profile = session.exec(
        select(CandidateProfile).where(CandidateProfile.user_id == starter.id)
    ).first()
    session.add(
        SavedSearch(
            user_id=starter.id,
            name="Flevoland (demo)",
            scope=Scope.PRACTICES,
            criteria=Criteria(province="Flevoland").to_json(),
            weights={},
            frequency=Frequency.DAILY,
            unsubscribe_token=secrets.token_urlsafe(24),
        )
    )
    _shortlist(session, starter, holder)
    starter.calendar_token = starter.calendar_token or secrets.token_urlsafe(32)
    session.add(starter)
    if profile is not None:
        _meeloopdag(session, starter, profile)
    if holder is not None:
        _statistics(session, rng, holder, profile_ids)
    session.flush()
    session.add_all(listing_stats.due_periods(session=session))  # as the daily task would
    session.flush()


def _shortlist(session: Session, starter: User, holder: User | None) -> None:
    """The demo holder's published listing and two more, Flevoland first, starred."""
    public = col(Practice.status).in_(PUBLIC_STATUSES)
    own = (
        list(session.exec(select(Practice.id).where(Practice.owner_id == holder.id, public)))
        if holder is not None
        else []
    )
    more = session.exec(
        select(Practice.id)
        .where(public, col(Practice.id).notin_(own))
        .order_by(col(Practice.province) != "Flevoland", col(Practice.id))  # Flevoland first
        .limit(SHORTLIST)
    ).all()
    for practice_id in [*own, *more][:SHORTLIST]:
        session.add(
            PracticeMark(user_id=starter.id or 0, practice_id=practice_id or 0, kind=Mark.SAVED)
        )


def _meeloopdag(session: Session, starter: User, profile: CandidateProfile) -> None:
    """The starter takes part in the demo campaign and comes to its meeloopdag."""
    recruiter = accounts.find_user(session=session, email=RECRUITER_EMAIL)
    if recruiter is None:
        return
    campaign = session.exec(select(Campaign).where(Campaign.owner_id == recruiter.id)).first()
    if campaign is None:
        return
    session.add(
        CampaignMember(
            campaign_id=campaign.id or 0,
            email=starter.email,
            token=secrets.token_urlsafe(24),
            profile_id=profile.id,
            viewed_at=utcnow(),
        )
    )
    trial = session.exec(
        select(CampaignEvent).where(
            CampaignEvent.campaign_id == campaign.id,
            CampaignEvent.kind == EventKind.TRIAL_DAY,
            col(CampaignEvent.day) >= date.today(),
        )
    ).first()
    if trial is not None:
        session.add(EventSignup(event_id=trial.id or 0, user_id=starter.id or 0, party=1))


def _statistics(session: Session, rng: random.Random, holder: User, profile_ids: list[int]) -> None:
    """Synthetic candidates looked at and starred the demo holder's listings in recent weeks."""
    listings = session.exec(
        select(Practice.id).where(
            Practice.owner_id == holder.id, col(Practice.status).in_(PUBLIC_STATUSES)
        )
    ).all()
    users = list(
        session.exec(
            select(CandidateProfile.user_id).where(col(CandidateProfile.id).in_(profile_ids[:200]))
        )
    )
    if not users:
        return
    this_week = monday(date.today())
    listed_since = datetime.combine(this_week - timedelta(weeks=STATS_WEEKS), time(9), UTC)
    for practice_id in listings:
        session.exec(
            update(Practice).where(col(Practice.id) == practice_id).values(created_at=listed_since)
        )
        starred: set[int] = set()
        for back in range(STATS_WEEKS):
            week = this_week - timedelta(weeks=back)
            for user_id in rng.sample(users, min(len(users), rng.randint(1, 9))):
                session.add(
                    ListingView(
                        practice_id=practice_id or 0,
                        user_id=user_id,
                        week=week,
                        score=round(rng.uniform(0.42, 0.86), 3),
                    )
                )
                if rng.random() < 0.2 and user_id not in starred:
                    starred.add(user_id)
                    session.add(
                        PracticeMark(
                            user_id=user_id,
                            practice_id=practice_id or 0,
                            kind=Mark.SAVED,
                            created_at=datetime.combine(week, time(12), UTC),
                        )
                    )
