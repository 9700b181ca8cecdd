"""Raise alerts for a listing that newly fits saved searches, and email them.

A listing is news to a search when it is published (for the first time, or back after a
withdrawal) or when a change to what the search filters on makes it fit; an edit of anything
else tells nobody. Each search hears of a listing once (``search_alerts``), and a person hears
of it once however many of their searches fit it, deleted ones included (``alerted_listings``),
never for their own listing or one they hid. Instant searches email at once; daily and weekly
ones collect their alerts into one digest per search when the window has passed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from matchmaker.domain.alerts import WINDOWS, Frequency
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.shortlist import Mark
from matchmaker.models import (
    AlertedListing,
    Practice,
    PracticeMark,
    SavedSearch,
    SearchAlert,
    User,
)
from matchmaker.models._common import as_utc, utcnow
from matchmaker.services import inbox, notifications
from matchmaker.services.alerts import matcher
from matchmaker.services.geodata import gazetteer
from matchmaker.services.practices import public_title

# A digest that ran a few minutes early last time still goes out (the periodic task's clock).
SLACK = timedelta(minutes=10)


def _listing_context(practice: Practice) -> dict[str, object]:
    muni = gazetteer().municipality(practice.gemeentecode)
    return {
        "practice_id": practice.id,
        "title": public_title(practice),
        "municipality": muni.name if muni else practice.gemeentecode,
        "province": practice.province,
    }


def _news(
    session: Session, practice_id: int, hits: list[tuple[int, int]], before: dict[str, Any] | None
) -> list[tuple[int, int]]:
    """The (search, owner) pairs for whom the listing is news: it was not public before (a
    first publication, or back after a withdrawal), or a change to what the search filters
    on made it fit; never a search that heard of it, a person told of it by any search
    (deleted ones too), or who hid it."""
    if before is not None and before.get("status") in PUBLIC_STATUSES:
        fitted = matcher.fitted_before(session, SimpleNamespace(**before))
        hits = [(s, u) for s, u in hits if s not in fitted]
    if not hits:
        return []
    searched = set(
        session.exec(select(SearchAlert.search_id).where(SearchAlert.practice_id == practice_id))
    )
    told = set(
        session.exec(
            select(AlertedListing.user_id).where(AlertedListing.practice_id == practice_id)
        )
    )
    hidden = set(
        session.exec(
            select(PracticeMark.user_id).where(
                PracticeMark.practice_id == practice_id, PracticeMark.kind == Mark.HIDDEN
            )
        )
    )
    return [(s, u) for s, u in hits if s not in searched and u not in told and u not in hidden]


def raise_alerts(
    *,
    session: Session,
    practice_id: int,
    before: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> int:
    """Alerts for every search to which the listing is news (``_news``; ``before``: the
    listing as it was before the change, None when it was not public); returns how many
    people were told."""
    now = now or utcnow()
    practice = session.get(Practice, practice_id)
    if practice is None or practice.status not in PUBLIC_STATUSES:
        return 0
    new = _news(session, practice_id, matcher.fitting(session, practice), before)
    if not new:
        return 0
    searches = {
        s.id: s
        for s in session.exec(
            select(SavedSearch).where(col(SavedSearch.id).in_([s for s, _u in new]))
        )
    }
    by_user: dict[int, list[SavedSearch]] = defaultdict(list)
    for search_id, user_id in new:
        by_user[user_id].append(searches[search_id])
    users = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(by_user)))}
    context = _listing_context(practice)
    told = 0
    for user_id, found in by_user.items():
        user = users.get(user_id)
        instant = [s for s in found if s.frequency == Frequency.INSTANT and s.emails_on]
        email = user is not None and bool(instant) and inbox.wants(user, "email", "search_alert")
        for search in found:
            settled = email or search.frequency == Frequency.INSTANT
            # Settled alerts are not emailed again; the rest wait for their digest.
            session.add(
                SearchAlert(
                    search_id=search.id or 0,
                    practice_id=practice_id,
                    created_at=now,
                    emailed_at=now if settled else None,
                )
            )
        if user is None:
            continue
        session.add(AlertedListing(user_id=user_id, practice_id=practice_id, created_at=now))
        told += 1
        inbox.tell(
            session=session,
            to=user,
            kind="search_alert",
            link=f"/practices/{practice_id}",
            title=context["title"],
            search=found[0].name,
        )
        if email:
            notifications.notify(
                session=session,
                kind="search_alert",
                to=user,
                search_name=instant[0].name,
                unsubscribe_token=instant[0].unsubscribe_token,
                **context,
            )
    try:
        session.commit()
    except IntegrityError:  # another run raised the same alerts first: theirs stand
        session.rollback()
        return 0
    return told


def _due(search: SavedSearch, now: datetime) -> bool:
    window = WINDOWS[Frequency(search.frequency)]
    last = search.last_emailed_at
    return last is None or as_utc(last) <= now - window + SLACK


def send_digests(*, session: Session, frequency: Frequency, now: datetime | None = None) -> int:
    """One email per daily or weekly search whose window has passed and that has new alerts;
    returns how many were queued."""
    now = now or utcnow()
    pending = session.exec(
        select(SearchAlert, SavedSearch, Practice)
        .join(SavedSearch, col(SavedSearch.id) == SearchAlert.search_id)
        .join(Practice, col(Practice.id) == SearchAlert.practice_id)
        .where(
            col(SearchAlert.emailed_at).is_(None),
            SavedSearch.frequency == frequency,
        )
        .order_by(col(SearchAlert.search_id), col(SearchAlert.id))
    ).all()
    grouped: dict[int, list[tuple[SearchAlert, Practice]]] = defaultdict(list)
    searches: dict[int, SavedSearch] = {}
    for alert, search, practice in pending:
        grouped[search.id or 0].append((alert, practice))
        searches[search.id or 0] = search
    hidden = _hidden_pairs(session, [s.user_id for s in searches.values()])
    queued = 0
    for search_id, alerts in grouped.items():
        search = searches[search_id]
        if not _due(search, now):
            continue
        user = session.get(User, search.user_id)
        items = [
            _listing_context(p)
            for _a, p in alerts
            if p.status in PUBLIC_STATUSES and (search.user_id, p.id) not in hidden
        ]
        for alert, _p in alerts:
            alert.emailed_at = now
            session.add(alert)
        if not items or user is None or not search.emails_on:
            continue
        if not inbox.wants(user, "email", "search_alert"):
            continue
        notifications.notify(
            session=session,
            kind="search_digest",
            to=user,
            search_name=search.name,
            unsubscribe_token=search.unsubscribe_token,
            items=items,
        )
        search.last_emailed_at = now
        session.add(search)
        queued += 1
    session.commit()
    return queued


def _hidden_pairs(session: Session, user_ids: list[int]) -> set[tuple[int, int]]:
    if not user_ids:
        return set()
    return {
        (u, p)
        for u, p in session.exec(
            select(PracticeMark.user_id, PracticeMark.practice_id).where(
                col(PracticeMark.user_id).in_(set(user_ids)), PracticeMark.kind == Mark.HIDDEN
            )
        )
    }
