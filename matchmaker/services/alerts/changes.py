"""Listings to check against saved searches once the request is over.

The listing services note a public listing that was published or changed on their session;
the web layer hands the ids to the task queue after the response, so publishing never waits
for alerts. This module imports no service, so any service can use it.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from matchmaker.domain.practice import PUBLIC_STATUSES

LISTINGS_CHANGED = "listings_changed"  # key in ``Session.info``: a set of practice ids


def mark_changed(session: Session, practice: Any) -> None:
    """Note that a public listing was published or changed (checked after the request)."""
    if practice.status in PUBLIC_STATUSES and practice.id is not None:
        session.info.setdefault(LISTINGS_CHANGED, set()).add(practice.id)


def take_changed(session: Session) -> set[int]:
    """The noted listings, forgotten as they are taken."""
    return set(session.info.pop(LISTINGS_CHANGED, set()))
