"""Personal calendar feeds (iCalendar, RFC 5545) that calendar apps subscribe to.

A feed holds the events a person signed up for (kennismakingsdagen, meeloopdagen) and, for a
recruiter, every event of their campaigns. Each event keeps one UID; a change raises its
SEQUENCE and a cancellation is carried as STATUS:CANCELLED with a higher SEQUENCE, so apps
update the entry they have instead of adding another. The URL's secret is the only key:
it can be renewed (the old URL stops) or revoked.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import delete
from sqlmodel import Session, col, select

from matchmaker.domain.errors import NotFound
from matchmaker.domain.roles import Role
from matchmaker.models import Campaign, CampaignEvent, CancelledEvent, EventSignup, User
from matchmaker.models._common import as_utc, utcnow
from matchmaker.services import disclosure

TZ = ZoneInfo("Europe/Amsterdam")  # every event takes place in the Netherlands
# Cancellations stay in feeds this long: calendar apps refresh subscriptions within hours to
# a day, and an event cancelled months ago is no longer in anyone's agenda.
KEEP_CANCELLED = timedelta(days=90)
# Apps may refresh less often than they like; this asks for twice a day (RFC 7986).
REFRESH = timedelta(hours=12)
PRODID = "-//matchmaker//personal calendar feed//NL"


def renew(*, session: Session, user: User) -> str:
    """A new secret for the person's feed (the old URL stops working)."""
    user.calendar_token = secrets.token_urlsafe(32)
    session.add(user)
    session.commit()
    return user.calendar_token


def revoke(*, session: Session, user: User) -> None:
    """No feed any more."""
    user.calendar_token = None
    session.add(user)
    session.commit()


def owner_of(*, session: Session, token: str) -> User:
    """The active account a feed URL belongs to (NotFound for an unknown or odd token)."""
    if not 32 <= len(token) <= 64:
        raise NotFound("feed")
    user = session.exec(select(User).where(User.calendar_token == token)).first()
    if user is None or not user.is_active:
        raise NotFound("feed")
    return user


def _uid(event_id: int) -> str:
    return f"event-{event_id}@matchmaker"  # the same UID as the single-event download


def _entry(
    *,
    uid: str,
    summary: str,
    place: str,
    starts: datetime,
    ends: datetime,
    sequence: int,
    stamp: datetime,
    description: str = "",
    url: str = "",
    cancelled: bool = False,
) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", uid)
    item.add("summary", summary)
    item.add("dtstart", starts)
    item.add("dtend", ends)
    item.add("dtstamp", stamp)
    item.add("last-modified", stamp)
    item.add("sequence", sequence)
    item.add("location", place)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if description or url:
        item.add("description", f"{description}\n\n{url}".strip())
    if url:
        item.add("url", url)
    return item


def _events_for(session: Session, user: User) -> list[tuple[CampaignEvent, Campaign]]:
    if user.role in (Role.RECRUITER, Role.ADMIN):
        stmt = (
            select(CampaignEvent, Campaign)
            .join(Campaign, col(Campaign.id) == CampaignEvent.campaign_id)
            .where(Campaign.owner_id == user.id)
        )
    else:
        stmt = (
            select(CampaignEvent, Campaign)
            .join(Campaign, col(Campaign.id) == CampaignEvent.campaign_id)
            .join(EventSignup, col(EventSignup.event_id) == CampaignEvent.id)
            .where(EventSignup.user_id == user.id)
        )
    return list(session.exec(stmt.order_by(col(CampaignEvent.day), col(CampaignEvent.id))).all())


def _cancelled_for(session: Session, user: User, now: datetime) -> list[CancelledEvent]:
    stmt = select(CancelledEvent).where(col(CancelledEvent.cancelled_at) >= now - KEEP_CANCELLED)
    if user.role in (Role.RECRUITER, Role.ADMIN):
        stmt = stmt.join(Campaign, col(Campaign.id) == CancelledEvent.campaign_id).where(
            Campaign.owner_id == user.id
        )
        return list(session.exec(stmt.order_by(col(CancelledEvent.id))))
    recent = session.exec(stmt.order_by(col(CancelledEvent.id)))
    return [c for c in recent if user.id in (c.attendees or [])]


def feed(*, session: Session, token: str, link: Any, now: datetime | None = None) -> bytes:
    """The feed of the account ``token`` belongs to; ``link(campaign_id)`` is the page of a
    campaign's events (absolute URL)."""
    now = now or utcnow()
    user = owner_of(session=session, token=token)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "matchmaker")
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH)
    for event, campaign in _events_for(session, user):
        shown = disclosure.event_for(session=session, event=event, viewer=user)
        cal.add_component(
            _entry(
                uid=_uid(event.id or 0),
                summary=f"{shown.title} ({campaign.name})",
                place=shown.place,
                starts=datetime.combine(event.day, event.starts, TZ),
                ends=datetime.combine(event.day, event.ends, TZ),
                sequence=event.sequence,
                stamp=as_utc(event.changed_at or event.created_at),
                description=shown.description,
                url=str(link(campaign.id)),
            )
        )
    for gone in _cancelled_for(session, user, now):
        cal.add_component(
            _entry(
                uid=_uid(gone.event_id),
                summary=gone.title,
                place=gone.place,
                starts=datetime.combine(gone.day, gone.starts, TZ),
                ends=datetime.combine(gone.day, gone.ends, TZ),
                sequence=gone.sequence,
                stamp=as_utc(gone.cancelled_at),
                cancelled=True,
            )
        )
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def purge(*, session: Session, now: datetime | None = None) -> int:
    """Forget cancellations older than ``KEEP_CANCELLED``."""
    cutoff = (now or utcnow()) - KEEP_CANCELLED
    result = session.execute(
        delete(CancelledEvent).where(col(CancelledEvent.cancelled_at) < cutoff)
    )
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
