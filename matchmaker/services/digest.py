"""The weekly email of new, well-fitting practices (for candidates who opted in)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from matchmaker.models import CandidateProfile, Practice, User
from matchmaker.models._common import utcnow
from matchmaker.services import matching, notifications

DIGEST_PERIOD = timedelta(days=7)
DIGEST_MAX_ITEMS = 10
DIGEST_SEARCH = 200  # rank this many, then keep the new ones


def send_weekly(*, session: Session, min_score: float, now: datetime | None = None) -> int:
    """Queue a digest for every opted-in candidate with new matches; returns how many."""
    now = now or utcnow()
    queued = 0
    profiles = session.exec(
        select(CandidateProfile).where(
            col(CandidateProfile.digest_opt_in), col(CandidateProfile.consent)
        )
    ).all()
    for profile in profiles:
        since = profile.last_digest_at or now - DIGEST_PERIOD
        page = matching.for_candidate(session=session, profile=profile, limit=DIGEST_SEARCH)
        good = [i for i in page.items if i.match.score >= min_score]
        created = dict(
            session.exec(
                select(Practice.id, Practice.created_at).where(
                    col(Practice.id).in_([i.match.practice_id for i in good])
                )
            ).all()
        )
        new = [
            i
            for i in good
            if created.get(i.match.practice_id) and created[i.match.practice_id] > since
        ]
        profile.last_digest_at = now
        session.add(profile)
        user = session.get(User, profile.user_id)
        if new and user is not None:
            items = [
                {
                    "title": i.practice.title,
                    "municipality": i.practice.municipality,
                    "score": i.match.score,
                }
                for i in new[:DIGEST_MAX_ITEMS]
            ]
            notifications.notify(session=session, kind="digest", to=user, items=items)
            queued += 1
    session.commit()
    return queued
