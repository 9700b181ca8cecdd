"""Saved searches: what people keep, and the link that stops their email."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from sqlalchemy import func
from sqlmodel import Session, col, select

from matchmaker.domain.alerts import Criteria, Frequency, Scope, check_search
from matchmaker.domain.errors import NotFound, check_choice, raise_if
from matchmaker.domain.scoring import COMPONENTS, MAX_WEIGHT
from matchmaker.models import SavedSearch, User


def count(session: Session, user_id: int) -> int:
    """How many searches the person keeps."""
    stmt = select(func.count()).select_from(SavedSearch).where(SavedSearch.user_id == user_id)
    return int(session.exec(stmt).one())


def save(
    *,
    session: Session,
    user: User,
    scope: str,
    criteria: Criteria,
    frequency: str,
    name: str = "",
    weights: Mapping[str, int] | None = None,
) -> SavedSearch:
    """Keep a search (DomainError when it is refused)."""
    name = name.strip()
    raise_if(
        check_choice("scope", scope, list(Scope))
        + check_choice("frequency", frequency, list(Frequency))
        + check_search(criteria, name=name, count=count(session, user.id or 0))
    )
    kept = {
        k: max(0, min(MAX_WEIGHT, int(v)))
        for k, v in (weights or {}).items()
        if k in COMPONENTS and scope == Scope.MATCHES
    }
    search = SavedSearch(
        user_id=user.id or 0,
        name=name,
        scope=scope,
        criteria=criteria.to_json(),
        weights=kept,
        frequency=frequency,
        unsubscribe_token=secrets.token_urlsafe(24),
    )
    session.add(search)
    session.commit()
    return search


def of_user(*, session: Session, user: User) -> list[SavedSearch]:
    """The person's searches, newest first."""
    return list(
        session.exec(
            select(SavedSearch)
            .where(SavedSearch.user_id == user.id)
            .order_by(col(SavedSearch.created_at).desc(), col(SavedSearch.id).desc())
        )
    )


def owned(session: Session, user: User, search_id: int) -> SavedSearch:
    """One of the person's searches (NotFound for anyone else's)."""
    search = session.get(SavedSearch, search_id)
    if search is None or search.user_id != user.id:
        raise NotFound(search_id)
    return search


def change(
    *, session: Session, user: User, search_id: int, frequency: str, emails_on: bool
) -> SavedSearch:
    """Another email frequency, or email on or off."""
    search = owned(session, user, search_id)
    raise_if(check_choice("frequency", frequency, list(Frequency)))
    search.frequency = frequency
    search.emails_on = emails_on
    session.add(search)
    session.commit()
    return search


def delete(*, session: Session, user: User, search_id: int) -> None:
    """Forget a search and its alerts."""
    session.delete(owned(session, user, search_id))
    session.commit()


def by_token(*, session: Session, token: str) -> SavedSearch:
    """The search an unsubscribe link belongs to (NotFound for an unknown or odd token)."""
    if not 16 <= len(token) <= 64:
        raise NotFound(token[:8])
    search = session.exec(select(SavedSearch).where(SavedSearch.unsubscribe_token == token)).first()
    if search is None:
        raise NotFound(token[:8])
    return search


def unsubscribe(*, session: Session, token: str) -> SavedSearch:
    """Switch the search's email off (one click, no login); the bell keeps telling."""
    search = by_token(session=session, token=token)
    if search.emails_on:
        search.emails_on = False
        session.add(search)
        session.commit()
    return search
