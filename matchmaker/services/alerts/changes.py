"""Listings to check against saved searches once the request is over.

The listing services note a public listing that was published or changed on their session;
the web layer hands the ids to the task queue after the response, so publishing never waits
for alerts. This module imports no service, so any service can use it.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from matchmaker.domain.practice import PUBLIC_STATUSES

LISTINGS_CHANGED = "listings_changed"  # key in ``Session.info``: practice id -> as it was
# What a saved search can ask of a listing (``matcher.alert_listing``), and its status.
ALERT_FIELDS = (
    "status",
    "province",
    "gemeentecode",
    "form",
    "dispensing",
    "building",
    "handover_from",
    "handover_until",
    "goodwill_min",
    "lat",
    "lon",
)


def snapshot(practice: Any) -> dict[str, Any]:
    """A listing's fields that saved searches ask about, as plain values (taken before a
    change, so the alerts can tell what is news)."""
    return {name: getattr(practice, name) for name in ALERT_FIELDS}


def mark_changed(session: Session, practice: Any, before: dict[str, Any] | None) -> None:
    """Note that a public listing was published or changed (checked after the request);
    ``before`` is its ``snapshot`` from before this request's first change (None: new)."""
    if practice.status in PUBLIC_STATUSES and practice.id is not None:
        session.info.setdefault(LISTINGS_CHANGED, {}).setdefault(practice.id, before)


def take_changed(session: Session) -> dict[int, dict[str, Any] | None]:
    """The noted listings with how each was before, forgotten as they are taken."""
    return dict(session.info.pop(LISTINGS_CHANGED, {}))
