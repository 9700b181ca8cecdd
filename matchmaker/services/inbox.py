"""The notification centre: every event that needs a user, in the app and (if they want) by
email, each with a link to where they can act on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from matchmaker.domain.bounds import safe_local_path
from matchmaker.domain.errors import NotFound
from matchmaker.models import Notification, User
from matchmaker.models._common import utcnow
from matchmaker.services import notifications

# Every kind of event the centre knows, in the order the preferences page lists them.
KINDS = (
    "intro_requested",
    "intro_accepted",
    "step_recorded",
    "round_proposal",
    "duo_invitation",
    "event_changed",
    "message",
    "thread_invitation",
    "thread_members",
    "search_alert",
    "mutual_interest",
    "takeover_changed",
    "takeover_overdue",
    "duo_ended",
)
# Kinds that also have an email (templates/email/<kind>.txt and .html).
EMAILED = frozenset(
    {"intro_requested", "intro_accepted", "step_recorded", "round_proposal", "duo_invitation"}
    | {"message", "search_alert", "mutual_interest", "duo_ended", "event_changed"}
)
CHANNELS = ("app", "email")
PAGE_SIZE = 50


def wants(user: User, channel: str, kind: str) -> bool:
    """Whether ``user`` wants ``kind`` through ``channel`` (everything is on until switched off)."""
    return f"{channel}:{kind}" not in user.notify_off.split()


def tell(
    *,
    session: Session,
    to: User,
    kind: str,
    link: str,
    email: dict[str, Any] | None = None,
    **params: Any,
) -> None:
    """Record ``kind`` for ``to`` with a link to act on it; send the email too when the kind
    has one, ``email`` gives its context, and the person did not switch email off.

    Nothing is committed: the notification belongs to the caller's transaction.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    assert to.id is not None
    if wants(to, "app", kind):
        session.add(
            Notification(user_id=to.id, kind=kind, link=safe_local_path(link) or "/", params=params)
        )
    if email is not None and kind in EMAILED and wants(to, "email", kind):
        notifications.notify(session=session, kind=kind, to=to, **email)


def unread_count(*, session: Session, user: User) -> int:
    """How many notifications the user has not opened (the bell's number)."""
    stmt = (
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, col(Notification.read_at).is_(None))
    )
    return int(session.exec(stmt).one())


@dataclass(frozen=True)
class InboxPage:
    """The newest notifications and how many are unread."""

    items: list[Notification]
    unread: int


def page(*, session: Session, user: User) -> InboxPage:
    """The user's newest notifications, unread ones marked as such."""
    items = session.exec(
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(col(Notification.created_at).desc(), col(Notification.id).desc())
        .limit(PAGE_SIZE)
    ).all()
    return InboxPage(list(items), unread_count(session=session, user=user))


def open_one(*, session: Session, user: User, notification_id: int) -> str:
    """Mark one notification read and return where it leads; NotFound unless it is the user's."""
    item = session.get(Notification, notification_id)
    if item is None or item.user_id != user.id:
        raise NotFound(notification_id)
    if item.read_at is None:
        item.read_at = utcnow()
        session.add(item)
        session.commit()
    return safe_local_path(item.link) or "/"


def forget(*, session: Session, user_id: int, link: str) -> None:
    """Someone lost the place these notifications point to (a recruiter taken out of a
    thread): they go, with what they said of it (no commit)."""
    session.execute(
        delete(Notification).where(
            col(Notification.user_id) == user_id, col(Notification.link) == link
        )
    )


def mark_read_for(*, session: Session, user: User, link: str) -> None:
    """Whoever opened the place a notification points to has seen it (no commit)."""
    session.execute(
        update(Notification)
        .where(
            col(Notification.user_id) == user.id,
            col(Notification.link) == link,
            col(Notification.read_at).is_(None),
        )
        .values(read_at=utcnow())
    )


def mark_all_read(*, session: Session, user: User) -> None:
    """Every notification of the user counts as read."""
    session.execute(
        update(Notification)
        .where(col(Notification.user_id) == user.id, col(Notification.read_at).is_(None))
        .values(read_at=utcnow())
    )
    session.commit()


def preferences(user: User) -> dict[str, dict[str, bool]]:
    """Per kind and channel: on or off (email only for kinds that have an email)."""
    return {
        kind: {
            channel: wants(user, channel, kind)
            for channel in CHANNELS
            if channel == "app" or kind in EMAILED
        }
        for kind in KINDS
    }


def save_preferences(*, session: Session, user: User, on: set[str]) -> None:
    """Keep the "channel:kind" pairs in ``on`` switched on and every other known one off."""
    known = {
        f"{channel}:{kind}" for kind, channels in preferences(user).items() for channel in channels
    }
    user.notify_off = " ".join(sorted(known - on))
    session.add(user)
    session.commit()
