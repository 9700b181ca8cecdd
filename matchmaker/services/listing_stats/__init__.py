"""Statistics for holders: views by logged-in candidates, stars and requests per week.

A view is recorded once per candidate, listing and week; the holder sees counts per week (a
week with fewer than three shows "< 3") and the median match score of the viewers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from matchmaker.domain.listing_stats import (
    WEEKS,
    Week,
    median_score,
    monday,
    shown,
    weeks_back,
)
from matchmaker.domain.shortlist import Mark
from matchmaker.models import Introduction, ListingView, Practice, PracticeMark, User
from matchmaker.models._common import as_utc, utcnow


def record_view(
    *,
    session: Session,
    practice_id: int,
    viewer_id: int,
    score: float | None,
    today: date | None = None,
) -> None:
    """Count a candidate's view of a published listing once a week (on the task queue, so a
    page view never writes)."""
    practice, viewer = session.get(Practice, practice_id), session.get(User, viewer_id)
    if practice is None or viewer is None or viewer.role != "candidate":
        return
    if viewer.id == practice.owner_id:
        return
    week = monday(today or utcnow().date())
    seen = session.exec(
        select(ListingView.id).where(
            ListingView.practice_id == practice.id,
            ListingView.user_id == viewer.id,
            ListingView.week == week,
        )
    ).first()
    if seen is not None:
        return
    session.add(ListingView(practice_id=practice_id, user_id=viewer_id, week=week, score=score))
    try:
        session.commit()
    except IntegrityError:  # the same person's second tab in the same instant
        session.rollback()


@dataclass(frozen=True)
class ListingStats:
    """Twelve weeks of one listing."""

    practice_id: int
    title: str
    weeks: list[Week]
    median_score: float | None  # of the viewers over the twelve weeks (None: too few)
    viewers: int | None  # distinct viewers over the twelve weeks (None: fewer than three)


def _week_of(moment: datetime) -> date:
    return monday(as_utc(moment).date())


def for_listing(*, session: Session, practice: Practice, today: date | None = None) -> ListingStats:
    """The listing's last twelve weeks, counts only."""
    starts = weeks_back(today or utcnow().date(), WEEKS)
    since = datetime.combine(starts[0], time.min, tzinfo=UTC)
    views = session.exec(
        select(col(ListingView.user_id), col(ListingView.week), col(ListingView.score)).where(
            ListingView.practice_id == practice.id, col(ListingView.week) >= starts[0]
        )
    ).all()
    stars = session.exec(
        select(PracticeMark.created_at).where(
            PracticeMark.practice_id == practice.id,
            PracticeMark.kind == Mark.SAVED,
            col(PracticeMark.created_at) >= since,
        )
    ).all()
    asked = session.exec(
        select(Introduction.created_at).where(
            Introduction.practice_id == practice.id,
            Introduction.initiated_by == "candidate",
            col(Introduction.created_at) >= since,
        )
    ).all()
    per_week = Counter(week for _u, week, _s in views)
    star_weeks = Counter(_week_of(m) for m in stars)
    ask_weeks = Counter(_week_of(m) for m in asked)
    latest: dict[int, float] = {}
    for user_id, _week, score in sorted(views, key=lambda v: v[1]):
        if score is not None:
            latest[user_id] = score  # each viewer once, with their latest score
    return ListingStats(
        practice_id=practice.id or 0,
        title=practice.name,
        weeks=[Week(w, shown(per_week[w]), shown(star_weeks[w]), ask_weeks[w]) for w in starts],
        median_score=median_score(list(latest.values())),
        viewers=shown(len({u for u, _w, _s in views})),
    )


def for_owner(
    *, session: Session, owner: User, practice_id: int, today: date | None = None
) -> ListingStats:
    """A holder's own listing's statistics (NotFound for anyone else's)."""
    from matchmaker.services.practices import get_owned

    practice = get_owned(session=session, practice_id=practice_id, owner=owner)
    return for_listing(session=session, practice=practice, today=today)
