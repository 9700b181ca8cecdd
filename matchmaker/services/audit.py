"""The audit log: exports and views of personal data, and admin actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from matchmaker.models import AuditEvent, User
from matchmaker.models._common import utcnow

# The privacy statement keeps the log for a year: long enough to answer a data subject's
# question about last year's access (AVG art. 15), short enough to hold little.
RETENTION_DAYS = 365


class Action(StrEnum):
    """What was done."""

    EXPORT_OWN_DATA = "export_own_data"
    EXPORT_CSV = "export_csv"
    VIEW_CONTACTS = "view_contacts"
    ADMIN_ROLE = "admin_role"
    ADMIN_REGIONS = "admin_regions"
    ADMIN_LOCK = "admin_lock"
    ADMIN_UNLOCK = "admin_unlock"
    ADMIN_RESEND = "admin_resend"
    VERIFY_BIG = "verify_big"
    IMPORT = "import"


def record(
    *,
    session: Session,
    actor: User | None,
    action: Action,
    subject: User | None = None,
    detail: str = "",
    commit: bool = True,
) -> None:
    """Write one entry (no personal data in ``detail``: ids and kinds only)."""
    session.add(
        AuditEvent(
            actor_id=actor.id if actor else None,
            action=action.value,
            subject_user_id=subject.id if subject else None,
            detail=detail[:300],
        )
    )
    if commit:
        session.commit()


@dataclass(frozen=True)
class Entry:
    """An entry with the names of who did it and to whom."""

    at: datetime
    action: str
    actor: str | None
    subject: str | None
    detail: str


def recent(*, session: Session, limit: int = 200, action: str | None = None) -> list[Entry]:
    """The newest entries, optionally of one kind."""
    actor, subject = aliased(User), aliased(User)
    stmt = (
        select(AuditEvent, actor.email, subject.email)
        .outerjoin(actor, col(actor.id) == AuditEvent.actor_id)
        .outerjoin(subject, col(subject.id) == AuditEvent.subject_user_id)
        .order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc())
        .limit(limit)
    )
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    return [Entry(e.at, e.action, a, s, e.detail) for e, a, s in session.exec(stmt)]


def purge(*, session: Session, now: datetime | None = None) -> int:
    """Delete entries older than the retention period; returns how many."""
    cutoff = (now or utcnow()) - timedelta(days=RETENTION_DAYS)
    result = session.execute(delete(AuditEvent).where(col(AuditEvent.at) < cutoff))
    session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
