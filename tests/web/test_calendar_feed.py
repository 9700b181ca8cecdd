"""Personal calendar feeds: what is in them, RFC 5545 rules, changes and cancellations."""

from __future__ import annotations

import re

import icalendar
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import CampaignEvent, User
from tests.conftest import login, post_form
from tests.factories import create_user
from tests.web.test_campaign_events import _event_form, _setup


def _feed_url(client: FlaskClient) -> str:
    post_form(client, "/account/calendar", {}, token_page="/account")
    page = client.get("/account").get_data(as_text=True)
    url = re.search(r'value="(http[^"]+/calendar/[^"]+\.ics)" data-feed-url', page)
    assert url, "no feed address on the account page"
    assert 'href="webcal://' in page
    return "/" + url.group(1).split("/", 3)[3]


def _events(body: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(body)
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    return [c for c in cal.walk("VEVENT")]


def _check_rfc5545(body: bytes) -> None:
    """Every event has UID and DTSTAMP (UTC), times in Europe/Amsterdam with its VTIMEZONE."""
    cal = icalendar.Calendar.from_ical(body)
    zones = [str(z["TZID"]) for z in cal.walk("VTIMEZONE")]
    for event in cal.walk("VEVENT"):
        assert event["UID"] and event["DTSTAMP"].dt.utcoffset().total_seconds() == 0
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert "SEQUENCE" in event
    if cal.walk("VEVENT"):
        assert zones == ["Europe/Amsterdam"]
    text = body.decode()
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded lines


def test_feed_carries_signups_changes_and_cancellations(app: Flask, session: Session) -> None:
    """Signed up: in the feed; changed: same UID, SEQUENCE 1; cancelled: STATUS:CANCELLED."""
    r, campaign, _practice, _holder, anna = _setup(app, session)
    post_form(r, f"/recruiter/campaigns/{campaign.id}/events/new", _event_form())
    post_form(r, f"/recruiter/campaigns/{campaign.id}/events/new", _event_form(title="Bustour"))
    first, second = session.exec(select(CampaignEvent).order_by(CampaignEvent.id)).all()
    c = app.test_client()
    login(c, anna.email)
    post_form(
        c,
        f"/campaigns/events/{first.id}/signup",
        {"party": "1"},
        token_page=f"/campaigns/{campaign.id}",
    )
    url = _feed_url(c)
    anonymous = app.test_client()  # calendar apps have no session
    body = anonymous.get(url)
    assert body.mimetype == "text/calendar"
    _check_rfc5545(body.data)
    (entry,) = _events(body.data)  # only the event she signed up for
    assert str(entry["UID"]) == f"event-{first.id}@matchmaker"
    assert "Kennismakingsdag Emmeloord" in str(entry["SUMMARY"]) and entry["SEQUENCE"] == 0

    base = f"/recruiter/campaigns/{campaign.id}/events/{first.id}"
    post_form(r, f"{base}/edit", _event_form(starts="11:00"), token_page=f"{base}/edit")
    (entry,) = _events(anonymous.get(url).data)
    assert entry["SEQUENCE"] == 1 and entry["DTSTART"].dt.hour == 11
    assert str(entry["UID"]) == f"event-{first.id}@matchmaker"

    post_form(r, f"{base}/cancel", {}, token_page=f"/recruiter/campaigns/{campaign.id}")
    body = anonymous.get(url).data
    _check_rfc5545(body)
    (entry,) = _events(body)
    assert str(entry["STATUS"]) == "CANCELLED" and entry["SEQUENCE"] == 2
    assert str(entry["UID"]) == f"event-{first.id}@matchmaker"

    # The recruiter's own feed has every event of the campaign (the cancelled one as such).
    recruiter_url = _feed_url(r)
    entries = _events(anonymous.get(recruiter_url).data)
    statuses = {str(e["UID"]): str(e["STATUS"]) for e in entries}
    assert statuses == {
        f"event-{second.id}@matchmaker": "CONFIRMED",
        f"event-{first.id}@matchmaker": "CANCELLED",
    }


def test_feed_addresses_can_be_renewed_and_revoked(app: Flask, session: Session) -> None:
    """A new address stops the old one; switching off stops both; odd tokens are 404."""
    user = create_user(session, Role.CANDIDATE)
    c = app.test_client()
    login(c, user.email)
    old = _feed_url(c)
    new = _feed_url(c)
    anonymous = app.test_client()
    assert old != new and anonymous.get(old).status_code == 404
    assert anonymous.get(new).status_code == 200 and _events(anonymous.get(new).data) == []
    post_form(c, "/account/calendar/revoke", {}, token_page="/account")
    assert anonymous.get(new).status_code == 404
    assert session.exec(select(User).where(User.id == user.id)).one().calendar_token is None
    assert anonymous.get("/calendar/x.ics").status_code == 404
