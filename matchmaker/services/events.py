"""Campaign events: recruiters plan them, candidates and holders sign up, attendance is kept.

Signing up counts as *interested* in the campaign funnel, and attending a trial locum day
(meeloopdag) as *trial locum day*, so events feed the same dashboard as introductions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import func
from sqlmodel import Session, col, select

from matchmaker.domain.errors import Code, DomainError, Issue, NotFound, raise_if
from matchmaker.domain.events import (
    EventKind,
    Seats,
    check_change,
    check_event,
    check_sign_up,
    max_party,
)
from matchmaker.models import (
    Campaign,
    CampaignEvent,
    CampaignMember,
    CancelledEvent,
    CandidateProfile,
    EventSignup,
    Practice,
    User,
)
from matchmaker.models._common import utcnow
from matchmaker.models.campaign import CampaignEventInput
from matchmaker.services import campaigns, disclosure, inbox, notifications
from matchmaker.services.csvfile import Table

TZ = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    """Today in the Netherlands."""
    return datetime.now(TZ).date()


@dataclass(frozen=True)
class EventView:
    """An event with how full it is and, for a participant, their own sign-up."""

    event: CampaignEvent
    campaign: Campaign
    seats: Seats
    practice: Practice | None
    mine: EventSignup | None = None
    hosting: bool = False  # the viewer is the holder of the practice the event takes place in
    shown: Any = None  # the event as the viewer may see it (disclosure.ShownEvent)

    @property
    def practice_title(self) -> str:
        """The host practice as the viewer may name it ("" without one)."""
        return str(self.shown.practice_title) if self.shown is not None else ""

    @property
    def past(self) -> bool:
        """Whether the day has gone by."""
        return self.event.day < today()


def _check(session: Session, campaign: Campaign, data: CampaignEventInput) -> None:
    issues = check_event(
        kind=data.kind,
        day=data.day,
        starts=data.starts,
        ends=data.ends,
        practice=data.practice_id is not None,
        today=today(),
    )
    if data.kind not in set(EventKind):
        issues.append(Issue("kind", Code.INVALID_CHOICE, "not a valid choice"))
    taking_part = {p.id: p for p in campaigns.practices_of(session=session, campaign=campaign)}
    if data.practice_id is not None and data.practice_id not in taking_part:
        issues.append(
            Issue("practice_id", Code.NOT_IN_CAMPAIGN, "this practice does not take part")
        )
    # People without consent read the title and description (the place is shown to them as
    # the municipality): at an anonymous practice they must not give it away.
    issues += disclosure.naming_problems(
        session=session,
        practice=taking_part.get(data.practice_id),
        texts={"title": data.title, "description": data.description},
    )
    raise_if(issues)


def plan(
    *, session: Session, campaign: Campaign, data: CampaignEventInput, announce: bool = True
) -> CampaignEvent:
    """Add an event to the campaign and, if asked, email everyone taking part."""
    _check(session, campaign, data)
    event = CampaignEvent(campaign_id=campaign.id or 0, **data.model_dump())
    session.add(event)
    session.flush()
    if announce:
        for person, link in _audience(session, campaign):
            shown = _shown(session, event, person)
            if _emails(person):
                notifications.notify(
                    session=session,
                    kind="event_announced",
                    to=person,
                    campaign=campaign,
                    event=shown,
                    link=link,
                )
            if isinstance(person, User):  # people with an account see it in the app too
                _tell_changed(session, person, campaign, shown, "announced")
    session.commit()
    return event


def _tell_changed(
    session: Session, person: User, campaign: Campaign, event: disclosure.ShownEvent, change: str
) -> None:
    """The notification centre's line for an event change (the email goes separately), with
    the event as this person may see it."""
    inbox.tell(
        session=session,
        to=person,
        kind="event_changed",
        link=f"/campaigns/{campaign.id}",
        title=event.title,
        change=change,
        day=event.day.isoformat(),
    )


def _emails(person: Any) -> bool:
    """Whether event emails may go to ``person``: an account follows its notification
    settings ("event_changed" by email); an invitee without an account has none."""
    return not isinstance(person, User) or inbox.wants(person, "email", "event_changed")


def _shown(
    session: Session, event: CampaignEvent, person: Any, practice: Practice | None = None
) -> disclosure.ShownEvent:
    """The event as ``person`` may see it (an anonymous host is named by municipality)."""
    return disclosure.event_for(session=session, event=event, viewer=person, practice=practice)


def get_for_campaign(*, session: Session, campaign: Campaign, event_id: int) -> CampaignEvent:
    """An event of this campaign; NotFound otherwise."""
    event = session.get(CampaignEvent, event_id)
    if event is None or event.campaign_id != campaign.id:
        raise NotFound(event_id)
    return event


# What people who signed up are told about when it changes: where and when they must be.
NOTICED = ("day", "starts", "ends", "place", "practice_id")


def _tell_signed_up(
    session: Session, campaign: Campaign, event: CampaignEvent, change: str, **context: Any
) -> None:
    """Everyone signed up hears of a change: an ``event_<change>`` email and a notification."""
    people = session.exec(
        select(User)
        .join(EventSignup, col(EventSignup.user_id) == User.id)
        .where(EventSignup.event_id == event.id)
    )
    for person in people:
        shown = _shown(session, event, person)
        if _emails(person):
            notifications.notify(
                session=session,
                kind=f"event_{change}",
                to=person,
                campaign=campaign,
                event=shown,
                **context,
            )
        _tell_changed(session, person, campaign, shown, change)


def edit(
    *, session: Session, campaign: Campaign, event_id: int, data: CampaignEventInput
) -> list[str]:
    """Change an event that has not yet taken place; returns the fields people were told about.

    Everyone signed up gets an email and a notification when the day, the times, the place or
    the practice change; a new title or programme alone is not worth an email.
    """
    event = get_for_campaign(session=session, campaign=campaign, event_id=event_id)
    if event.day < today():
        raise DomainError([Issue("day", Code.PAST, "the event has taken place")])
    _check(session, campaign, data)
    parties = list(session.exec(select(EventSignup.party).where(EventSignup.event_id == event.id)))
    raise_if(
        check_change(
            kind=data.kind,
            was_kind=event.kind,
            capacity=data.capacity,
            taken=sum(parties),
            largest_party=max(parties, default=0),
        )
    )
    values = data.model_dump()
    changed = [name for name in NOTICED if getattr(event, name) != values[name]]
    if any(getattr(event, name) != value for name, value in values.items()):
        event.sequence += 1  # calendar feeds replace the entry they have
        event.changed_at = utcnow()
    for name, value in values.items():
        setattr(event, name, value)
    session.add(event)
    if changed:
        _tell_signed_up(session, campaign, event, "changed", changed=changed)
    session.commit()
    return changed


def cancel(*, session: Session, campaign: Campaign, event_id: int) -> None:
    """Call an event off: everyone who signed up gets an email, then it is removed; what
    calendar feeds need to carry the cancellation stays behind."""
    event = get_for_campaign(session=session, campaign=campaign, event_id=event_id)
    _tell_signed_up(session, campaign, event, "cancelled")
    masked = _shown(session, event, None)
    attendees = list(
        session.exec(select(EventSignup.user_id).where(EventSignup.event_id == event.id))
    )
    session.add(
        CancelledEvent(
            event_id=event.id or 0,
            campaign_id=campaign.id or 0,
            title=masked.title[:160],
            place=masked.place[:200],
            day=event.day,
            starts=event.starts,
            ends=event.ends,
            sequence=event.sequence + 1,
            attendees=attendees,
        )
    )
    session.delete(event)
    session.commit()


def send_reminders(*, session: Session, on: date | None = None) -> int:
    """Remind everyone signed up for tomorrow's events, once per event; returns emails queued."""
    tomorrow = (on or today()) + timedelta(days=1)
    due = session.exec(
        select(CampaignEvent).where(
            CampaignEvent.day == tomorrow, col(CampaignEvent.reminded_at).is_(None)
        )
    ).all()
    queued = 0
    for event in due:
        campaign = session.get(Campaign, event.campaign_id)
        people = session.exec(
            select(User)
            .join(EventSignup, col(EventSignup.user_id) == User.id)
            .where(EventSignup.event_id == event.id, col(User.is_active))
        ).all()
        for person in people:
            if not _emails(person):
                continue
            notifications.notify(
                session=session,
                kind="event_reminder",
                to=person,
                campaign=campaign,
                event=_shown(session, event, person),
            )
            queued += 1
        event.reminded_at = utcnow()
        session.add(event)
    session.commit()
    return queued


def _audience(
    session: Session, campaign: Campaign
) -> list[tuple[notifications.Addressee, str | None]]:
    """Who hears of a new event: consenting candidates and holders of participating practices.

    Invitees without an account get the announcement with their personal link; imported
    candidates who have not consented yet hear nothing beyond their invitation.
    """
    out: list[tuple[notifications.Addressee, str | None]] = []
    rows = list(
        session.exec(
            select(CampaignMember, CandidateProfile, User)
            .outerjoin(CandidateProfile, col(CandidateProfile.id) == CampaignMember.profile_id)
            .outerjoin(User, col(User.id) == CandidateProfile.user_id)
            .where(CampaignMember.campaign_id == campaign.id)
        )
    )
    unclaimed = set(
        session.exec(
            select(User.email).where(
                col(User.invited), col(User.email).in_([m.email for m, _, _ in rows])
            )
        )
    )
    for member, profile, user in rows:
        if profile is None and member.email not in unclaimed:
            out.append((notifications.Invitee(member.email, member.email), member.token))
        elif profile.consent and user is not None:
            out.append((user, None))
    holders = session.exec(
        select(User)
        .join(Practice, col(Practice.owner_id) == User.id)
        .where(
            col(Practice.id).in_(
                [p.id for p in campaigns.practices_of(session=session, campaign=campaign)]
            )
        )
        .distinct()
    )
    out.extend((h, None) for h in holders if not h.invited)
    return out


def _taken(session: Session, event_ids: list[int]) -> dict[int, int]:
    rows = session.exec(
        select(EventSignup.event_id, func.sum(EventSignup.party))
        .where(col(EventSignup.event_id).in_(event_ids))
        .group_by(col(EventSignup.event_id))
    )
    return {event_id: int(total or 0) for event_id, total in rows}


def for_campaign(
    *, session: Session, campaign: Campaign, user: User | None = None
) -> list[EventView]:
    """The campaign's events by date, with seats and the user's own sign-up."""
    events = list(
        session.exec(
            select(CampaignEvent)
            .where(CampaignEvent.campaign_id == campaign.id)
            .order_by(col(CampaignEvent.day), col(CampaignEvent.starts))
        )
    )
    ids = [e.id or 0 for e in events]
    taken = _taken(session, ids)
    mine: dict[int, EventSignup] = {}
    if user is not None:
        rows = session.exec(
            select(EventSignup).where(
                col(EventSignup.event_id).in_(ids), EventSignup.user_id == user.id
            )
        )
        mine = {s.event_id: s for s in rows}
    practice_ids = {e.practice_id for e in events if e.practice_id}
    practices = {
        p.id: p for p in session.exec(select(Practice).where(col(Practice.id).in_(practice_ids)))
    }
    return [
        EventView(
            e,
            campaign,
            Seats(e.capacity, taken.get(e.id or 0, 0)),
            practices.get(e.practice_id) if e.practice_id else None,
            mine.get(e.id or 0),
            hosting=user is not None
            and e.practice_id in practices
            and practices[e.practice_id].owner_id == user.id,
            shown=_shown(session, e, user, practices.get(e.practice_id)),
        )
        for e in events
    ]


def _event_for_participant(
    session: Session, user: User, event_id: int
) -> tuple[CampaignEvent, Campaign]:
    from matchmaker.services import match_rounds

    event = session.get(CampaignEvent, event_id)
    if event is None:
        raise NotFound(event_id)
    if event.campaign_id not in {c.id for c in match_rounds.for_user(session=session, user=user)}:
        raise NotFound(event_id)
    campaign = session.get(Campaign, event.campaign_id)
    assert campaign is not None
    return event, campaign


def view_for(*, session: Session, user: User, event_id: int) -> EventView:
    """One event of a campaign the user takes part in, with their sign-up."""
    event, campaign = _event_for_participant(session, user, event_id)
    return next(
        v
        for v in for_campaign(session=session, campaign=campaign, user=user)
        if v.event.id == event.id
    )


def sign_up(
    *, session: Session, user: User, event_id: int, party: int = 1, note: str = ""
) -> EventSignup:
    """Sign up (or change a sign-up) for an event of a campaign the user takes part in."""
    event, campaign = _event_for_participant(session, user, event_id)
    host = session.get(Practice, event.practice_id) if event.practice_id else None
    if host is not None and host.owner_id == user.id:
        raise DomainError([Issue("event", Code.OWN_EVENT, "the host does not sign up")])
    existing = session.exec(
        select(EventSignup).where(EventSignup.event_id == event.id, EventSignup.user_id == user.id)
    ).first()
    seats = Seats(event.capacity, _taken(session, [event.id or 0]).get(event.id or 0, 0))
    raise_if(
        check_sign_up(
            day=event.day,
            today=today(),
            seats=seats,
            party=party,
            already=existing.party if existing else 0,
            most=max_party(event.kind),
        )
    )
    signup = existing or EventSignup(event_id=event.id or 0, user_id=user.id or 0)
    signup.party, signup.note = party, note.strip()[:300]
    session.add(signup)
    if existing is None:
        notifications.notify(
            session=session,
            kind="event_signup",
            to=user,
            campaign=campaign,
            event=_shown(session, event, user, host),
        )
    session.commit()
    return signup


def withdraw(*, session: Session, user: User, event_id: int) -> None:
    """Cancel one's own sign-up."""
    event, _ = _event_for_participant(session, user, event_id)
    signup = session.exec(
        select(EventSignup).where(EventSignup.event_id == event.id, EventSignup.user_id == user.id)
    ).first()
    if signup is not None:
        session.delete(signup)
        session.commit()


@dataclass(frozen=True)
class Attendee:
    """One sign-up as the recruiter sees it."""

    signup: EventSignup
    name: str
    email: str
    role: str


def attendees(*, session: Session, campaign: Campaign) -> dict[int, list[Attendee]]:
    """Sign-ups per event of the campaign, in order of signing up."""
    rows = session.exec(
        select(EventSignup, User)
        .join(User, col(User.id) == EventSignup.user_id)
        .join(CampaignEvent, col(CampaignEvent.id) == EventSignup.event_id)
        .where(CampaignEvent.campaign_id == campaign.id)
        .order_by(col(EventSignup.created_at))
    )
    out: dict[int, list[Attendee]] = defaultdict(list)
    for signup, user in rows:
        out[signup.event_id].append(Attendee(signup, user.display_name, user.email, user.role))
    return dict(out)


def record_attendance(
    *, session: Session, campaign: Campaign, event_id: int, present: set[int]
) -> None:
    """After the day: mark who came (sign-up ids in ``present``) and who did not."""
    event = get_for_campaign(session=session, campaign=campaign, event_id=event_id)
    if event.day > today():
        raise DomainError([Issue("event", Code.FUTURE, "attendance is recorded after the event")])
    for signup in session.exec(select(EventSignup).where(EventSignup.event_id == event.id)):
        signup.attended = signup.id in present
        session.add(signup)
    session.commit()


def funnel_steps(
    *, session: Session, campaign: Campaign, members: list[CampaignMember]
) -> dict[int, dict[str, datetime]]:
    """Funnel stages reached through events, per member id.

    A sign-up counts as *interested*; attending a trial locum day as *trial_day* (on its day).
    """
    profile_to_member: dict[int, int] = {
        m.profile_id: m.id for m in members if m.profile_id and m.id
    }
    if not profile_to_member:
        return {}
    rows = session.exec(
        select(EventSignup, CampaignEvent, CandidateProfile.id)
        .join(CampaignEvent, col(CampaignEvent.id) == EventSignup.event_id)
        .join(CandidateProfile, col(CandidateProfile.user_id) == EventSignup.user_id)
        .where(
            CampaignEvent.campaign_id == campaign.id,
            col(CandidateProfile.id).in_(list(profile_to_member)),
        )
    )
    out: dict[int, dict[str, datetime]] = defaultdict(dict)
    for signup, event, profile_id in rows:
        reached = out[profile_to_member[profile_id or 0]]
        _earliest(reached, "interested", signup.created_at)
        if event.kind == EventKind.TRIAL_DAY and signup.attended:
            _earliest(reached, "trial_day", datetime.combine(event.day, event.starts, TZ))
    return dict(out)


def _earliest(reached: dict[str, datetime], stage: str, at: datetime) -> None:
    if stage not in reached or at < reached[stage]:
        reached[stage] = at


def to_ics(*, event: Any, campaign: Campaign, url: str) -> bytes:
    """The event as an iCalendar file for the participant's agenda."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//matchmaker//campaign events//NL")
    cal.add("version", "2.0")
    item = icalendar.Event()
    item.add("uid", f"event-{event.id}@matchmaker")
    item.add("summary", f"{event.title} ({campaign.name})")
    item.add("dtstart", datetime.combine(event.day, event.starts, TZ))
    item.add("dtend", datetime.combine(event.day, event.ends, TZ))
    item.add("dtstamp", event.created_at)
    item.add("location", event.place)
    item.add("description", f"{event.description}\n\n{url}".strip())
    item.add("url", url)
    cal.add_component(item)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def campaign_signups(*, session: Session, campaign: Campaign) -> Table:
    """Everyone signed up for the campaign's events, for name badges and catering."""
    return signups_table(
        for_campaign(session=session, campaign=campaign),
        attendees(session=session, campaign=campaign),
    )


def signups_table(views: list[EventView], table: dict[int, list[Attendee]]) -> Table:
    """Sign-ups of all events."""
    return Table(
        ("event", "day", "kind", "name", "email", "role", "people", "note", "attended"),
        [
            (
                v.event.title,
                v.event.day,
                v.event.kind,
                a.name,
                a.email,
                a.role,
                a.signup.party,
                a.signup.note,
                a.signup.attended,
            )
            for v in views
            for a in table.get(v.event.id or 0, [])
        ],
        codes={"kind": "event", "role": "role"},
    )
