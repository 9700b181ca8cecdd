"""Statistics for holders: views by candidates, stars and requests, counted once a period closes.

A view is recorded once per candidate, listing and week, only for a confirmed account with a
profile that takes part in matching (a throwaway account cannot move a count), with the pair's
score as the holder would see it (over what the candidate shares). When a week has ended, a
daily task writes its counts (``ListingPeriod``), and when a block of weeks has ended, its
distinct viewers and their median score; the page reads only those rows, which never change
(``domain.listing_stats`` says why).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from matchmaker.domain.listing_stats import (
    BLOCK_WEEKS,
    WEEKS,
    Week,
    closed_periods,
    median_score,
    monday,
    shown,
)
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.roles import Role
from matchmaker.domain.shortlist import Mark
from matchmaker.models import (
    CandidateProfile,
    Introduction,
    ListingPeriod,
    ListingView,
    Practice,
    PracticeMark,
    User,
)
from matchmaker.models._common import as_utc, utcnow
from matchmaker.services import matching


def record_view(
    *, session: Session, practice_id: int, viewer_id: int, today: date | None = None
) -> None:
    """Count a candidate's view of a published listing once a week (on the task queue, so a
    page view never writes)."""
    practice, viewer = session.get(Practice, practice_id), session.get(User, viewer_id)
    if practice is None or viewer is None or viewer.role != Role.CANDIDATE:
        return
    if viewer.id == practice.owner_id or viewer.email_verified_at is None:
        return
    profile = session.exec(
        select(CandidateProfile).where(CandidateProfile.user_id == viewer.id)
    ).first()
    if profile is None or not profile.consent:
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
    score = matching.holder_score(
        session=session, profile=profile, practice=practice, everything=False
    )
    session.add(ListingView(practice_id=practice_id, user_id=viewer_id, week=week, score=score))
    try:
        session.commit()
    except IntegrityError:  # the same person's second tab in the same instant
        session.rollback()


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


@dataclass
class _Activity:
    """What happened to some listings from a Monday on, read once."""

    views: dict[int, list[tuple[int, date, float | None]]]  # practice -> (user, week, score)
    stars: dict[tuple[int, date], int]  # (practice, week) -> stars given that week
    requests: dict[tuple[int, date], int]  # (practice, week) -> requests that week


def _activity(session: Session, ids: list[int], since: date) -> _Activity:
    views: dict[int, list[tuple[int, date, float | None]]] = defaultdict(list)
    for practice_id, user_id, week, score in session.exec(
        select(
            col(ListingView.practice_id),
            col(ListingView.user_id),
            col(ListingView.week),
            col(ListingView.score),
        )
        .where(col(ListingView.practice_id).in_(ids), col(ListingView.week) >= since)
        .order_by(col(ListingView.week))
    ):
        views[practice_id].append((user_id, week, score))
    marks = session.exec(
        select(PracticeMark.practice_id, PracticeMark.created_at).where(
            col(PracticeMark.practice_id).in_(ids),
            PracticeMark.kind == Mark.SAVED,
            col(PracticeMark.created_at) >= _moment(since),
        )
    )
    asked = session.exec(
        select(Introduction.practice_id, Introduction.created_at).where(
            col(Introduction.practice_id).in_(ids),
            Introduction.initiated_by == "candidate",
            col(Introduction.created_at) >= _moment(since),
        )
    )
    return _Activity(
        views,
        Counter((p, monday(as_utc(m).date())) for p, m in marks),
        Counter((p, monday(as_utc(m).date())) for p, m in asked),
    )


def _period(practice_id: int, start: date, weeks: int, seen: _Activity) -> ListingPeriod:
    """The counts of one listing over ``weeks`` weeks from ``start``."""
    days = [start + timedelta(weeks=k) for k in range(weeks)]
    views = [v for v in seen.views.get(practice_id, []) if v[1] in days]
    latest = {user: score for user, _week, score in views if score is not None}
    return ListingPeriod(
        practice_id=practice_id,
        start=start,
        weeks=weeks,
        views=len(views),
        viewers=len({user for user, _w, _s in views}),
        stars=sum(seen.stars.get((practice_id, d), 0) for d in days),
        requests=sum(seen.requests.get((practice_id, d), 0) for d in days),
        median_score=median_score(list(latest.values())) if weeks > 1 else None,
    )


def due_periods(*, session: Session, today: date | None = None) -> list[ListingPeriod]:
    """The counts of every published listing for each closed week of the last ``WEEKS`` and
    for the last closed block that are not written yet."""
    wanted = closed_periods(today or utcnow().date())
    since = min(start for start, _ in wanted)
    listed = session.exec(
        select(Practice.id, Practice.created_at).where(col(Practice.status).in_(PUBLIC_STATUSES))
    ).all()
    existing = {
        (p, start, weeks)
        for p, start, weeks in session.exec(
            select(
                col(ListingPeriod.practice_id), col(ListingPeriod.start), col(ListingPeriod.weeks)
            ).where(col(ListingPeriod.start) >= since)
        )
    }
    missing = [
        (int(p or 0), start, weeks)
        for p, created in listed
        for start, weeks in wanted
        # a period that ended before the listing existed has nothing to count
        if (p, start, weeks) not in existing
        and monday(as_utc(created).date()) < start + timedelta(weeks=weeks)
    ]
    if not missing:
        return []
    seen = _activity(session, sorted({p for p, _s, _w in missing}), since)
    return [_period(p, start, weeks, seen) for p, start, weeks in missing]


def close_periods(*, session: Session, today: date | None = None) -> int:
    """Write the periods that are due (``due_periods``); returns the rows written. Safe to
    run any number of times, in any number of workers: a period is written once."""
    due = due_periods(session=session, today=today)
    if not due:
        return 0
    session.add_all(due)
    try:
        session.commit()
    except IntegrityError:  # another worker wrote them first: they are the same counts
        session.rollback()
        return 0
    return len(due)


@dataclass(frozen=True)
class ListingStats:
    """The last closed weeks of one listing, and its last closed block."""

    practice_id: int
    title: str
    weeks: list[Week]
    median_score: float | None  # of the block's viewers (None: too few, or no block yet)
    viewers: int | None  # distinct viewers in the block (None: fewer than three, or no block)
    block_start: date | None = None  # the block's first Monday
    block_end: date | None = None  # the block's last Sunday


def for_listing(*, session: Session, practice: Practice, today: date | None = None) -> ListingStats:
    """The listing's counts as written when each period closed."""
    periods = closed_periods(today or utcnow().date())
    block = next((p for p in periods if p[1] == BLOCK_WEEKS), None)
    rows: dict[tuple[date, int], Any] = {
        (r.start, r.weeks): r
        for r in session.exec(
            select(ListingPeriod).where(
                ListingPeriod.practice_id == practice.id,
                col(ListingPeriod.start) >= min(start for start, _ in periods),
            )
        )
    }
    shown_weeks = [
        Week(w, shown(r.views), shown(r.stars), r.requests)
        if (r := rows.get((w, 1))) is not None
        else Week(w, None, None, None, counted=False)
        for w, length in periods
        if length == 1
    ]
    totals = rows.get(block) if block else None
    return ListingStats(
        practice_id=practice.id or 0,
        title=practice.name,
        weeks=shown_weeks,
        median_score=totals.median_score if totals else None,
        viewers=shown(totals.viewers) if totals else None,
        block_start=block[0] if totals and block else None,
        block_end=block[0] + timedelta(weeks=BLOCK_WEEKS, days=-1) if totals and block else None,
    )


def for_owner(
    *, session: Session, owner: User, practice_id: int, today: date | None = None
) -> ListingStats:
    """A holder's own listing's statistics (NotFound for anyone else's)."""
    from matchmaker.services.practices import get_owned

    practice = get_owned(session=session, practice_id=practice_id, owner=owner)
    return for_listing(session=session, practice=practice, today=today)


__all__ = [
    "WEEKS",
    "ListingStats",
    "close_periods",
    "due_periods",
    "for_listing",
    "for_owner",
    "record_view",
]
