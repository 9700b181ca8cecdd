"""Campaign events, the incentive package, and consent for imported candidates."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from flask import Flask
from sqlmodel import Session, select

from matchmaker.domain.errors import DomainError, NotFound
from matchmaker.domain.roles import Role
from matchmaker.models import CampaignMember, CandidateProfile, EventSignup, OutboxMessage, User
from matchmaker.models.campaign import CampaignEventInput
from matchmaker.services import accounts, campaign_dashboard, campaigns, events, inbox, offers
from tests.factories import (
    PASSWORD,
    create_campaign,
    create_candidate,
    create_imported_candidate,
    create_incentive,
    create_practice,
    create_recruiter,
    create_user,
    offer_input,
)


@pytest.fixture
def ctx(app: Flask):
    """A request context: emails are rendered with url_for."""
    with app.test_request_context(base_url="http://localhost"):
        yield


@pytest.fixture
def world(session: Session, ctx: None):
    """A campaign with one practice, one joined candidate, one imported and one stranger."""
    recruiter = create_recruiter(session)
    campaign = create_campaign(session, recruiter)
    holder = create_user(session, Role.HOLDER, email="holder@example.org")
    practice = create_practice(session, owner=holder)
    campaigns.set_practices(
        session=session, campaign=campaign, practice_ids=[practice.id], secret="test-secret"
    )
    anna = create_user(session, Role.CANDIDATE, email="anna@example.org")
    create_candidate(session, user=anna, children_birth_years=[date.today().year - 1])
    create_imported_candidate(session, "sanne@example.org")
    campaigns.invite(
        session=session,
        campaign=campaign,
        emails=["anna@example.org", "sanne@example.org", "nieuw@example.org"],
    )
    return {"campaign": campaign, "holder": holder, "practice": practice, "anna": anna}


def _event(**kw: object) -> CampaignEventInput:
    data: dict[str, object] = {
        "kind": "bus_tour",
        "title": "Bustour Noordoostpolder",
        "day": date.today() + timedelta(days=30),
        "starts": time(9, 30),
        "ends": time(17),
        "place": "Busstation Emmeloord",
        "capacity": 3,
    }
    data.update(kw)
    return CampaignEventInput(**data)


def _mails_list(session: Session, kind: str) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind)))


def _mails(session: Session, kind: str) -> set[str]:
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind))
    return {m.to_email for m in rows}


def test_announcement_reaches_participants_but_not_unconsented_imports(
    session: Session, world
) -> None:
    """Joined candidates, invitees without an account and holders hear; Sanne has not consented."""
    events.plan(session=session, campaign=world["campaign"], data=_event())
    assert _mails(session, "event_announced") == {
        "anna@example.org",
        "nieuw@example.org",
        "holder@example.org",
    }
    stranger = session.exec(
        select(OutboxMessage).where(OutboxMessage.to_email == "nieuw@example.org")
    ).all()
    token = session.exec(
        select(CampaignMember.token).where(CampaignMember.email == "nieuw@example.org")
    ).one()
    assert any(f"/campaigns/join/{token}" in m.body_text for m in stranger)


def test_planning_checks_reach_the_fields(session: Session, world) -> None:
    """A meeloopdag needs a participating practice; nothing is stored when refused."""
    other = create_practice(session)
    for kw, field in (
        ({"kind": "trial_day"}, "practice_id"),
        ({"kind": "trial_day", "practice_id": other.id}, "practice_id"),
        ({"ends": time(8)}, "ends"),
        ({"kind": "picnic"}, "kind"),
    ):
        with pytest.raises(DomainError) as err:
            events.plan(session=session, campaign=world["campaign"], data=_event(**kw))
        assert field in {i.field for i in err.value.issues}
    assert events.for_campaign(session=session, campaign=world["campaign"]) == []


def test_sign_up_capacity_partner_and_withdraw(session: Session, world) -> None:
    """Seats count partners; a full event refuses; withdrawing frees the seats."""
    event = events.plan(session=session, campaign=world["campaign"], data=_event(), announce=False)
    anna, holder = world["anna"], world["holder"]
    events.sign_up(session=session, user=anna, event_id=event.id, party=2, note="vegetarisch")
    events.sign_up(session=session, user=holder, event_id=event.id, party=1)
    view = events.for_campaign(session=session, campaign=world["campaign"], user=anna)[0]
    assert (view.seats.taken, view.seats.full, view.mine.party) == (3, True, 2)
    late = create_user(session, Role.CANDIDATE, email="late@example.org")
    profile = create_candidate(session, user=late)
    campaigns.invite(session=session, campaign=world["campaign"], emails=["late@example.org"])
    campaigns.link_new_profile(session=session, user=late, profile=profile)
    with pytest.raises(DomainError) as err:
        events.sign_up(session=session, user=late, event_id=event.id)
    assert err.value.issues[0].code == "full"
    events.sign_up(session=session, user=anna, event_id=event.id, party=1)  # one seat freed
    events.sign_up(session=session, user=late, event_id=event.id)
    events.withdraw(session=session, user=holder, event_id=event.id)
    view = events.for_campaign(session=session, campaign=world["campaign"])[0]
    assert view.seats.taken == 2
    assert _mails(session, "event_signup") == {
        "anna@example.org",
        "holder@example.org",
        "late@example.org",
    }  # once each, not again on a change


def test_only_participants_sign_up(session: Session, world) -> None:
    """Someone outside the campaign, or an unconsented import, gets NotFound."""
    event = events.plan(session=session, campaign=world["campaign"], data=_event(), announce=False)
    outsider = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=outsider)
    sanne = accounts.find_user(session=session, email="sanne@example.org")
    for who in (outsider, sanne):
        with pytest.raises(NotFound):
            events.sign_up(session=session, user=who, event_id=event.id)
    assert session.exec(select(EventSignup)).all() == []


def test_cancel_tells_those_signed_up(session: Session, world) -> None:
    """Cancelling emails the people who signed up and removes the event."""
    event = events.plan(session=session, campaign=world["campaign"], data=_event(), announce=False)
    events.sign_up(session=session, user=world["anna"], event_id=event.id)
    events.cancel(session=session, campaign=world["campaign"], event_id=event.id)
    assert _mails(session, "event_cancelled") == {"anna@example.org"}
    assert events.for_campaign(session=session, campaign=world["campaign"]) == []


def test_editing_tells_those_signed_up_of_a_new_day_or_place_only(session: Session, world) -> None:
    """A new day emails and notifies those signed up; a new title alone is silent."""
    event = events.plan(session=session, campaign=world["campaign"], data=_event(), announce=False)
    events.sign_up(session=session, user=world["anna"], event_id=event.id, party=2)
    later = date.today() + timedelta(days=40)
    changed = events.edit(
        session=session,
        campaign=world["campaign"],
        event_id=event.id,
        data=_event(day=later, place="Stadhuis Emmeloord"),
    )
    assert changed == ["day", "place"]
    (mail,) = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "event_changed"))
    assert mail.to_email == "anna@example.org"
    assert "Stadhuis Emmeloord" in mail.body_text
    assert "de dag" in mail.body_text and "de plaats" in mail.body_text
    notes = inbox.page(session=session, user=world["anna"]).items
    assert [(n.kind, n.params["change"]) for n in notes] == [("event_changed", "changed")]
    view = events.for_campaign(session=session, campaign=world["campaign"])[0]
    assert (view.event.day, view.event.place) == (later, "Stadhuis Emmeloord")

    assert (
        events.edit(
            session=session,
            campaign=world["campaign"],
            event_id=event.id,
            data=_event(day=later, place="Stadhuis Emmeloord", title="Bustour Flevoland"),
        )
        == []
    )
    assert len(_mails_list(session, "event_changed")) == 1


def test_editing_keeps_the_people_already_coming(session: Session, world) -> None:
    """Places cannot drop below those signed up, a partner blocks a meeloopdag, the past is shut."""
    event = events.plan(session=session, campaign=world["campaign"], data=_event(), announce=False)
    events.sign_up(session=session, user=world["anna"], event_id=event.id, party=2)
    for kw, field, code in (
        ({"capacity": 1}, "capacity", "below_taken"),
        ({"kind": "trial_day", "practice_id": world["practice"].id}, "kind", "party_too_large"),
        ({"day": date.today() - timedelta(days=1)}, "day", "past"),
    ):
        with pytest.raises(DomainError) as err:
            events.edit(
                session=session, campaign=world["campaign"], event_id=event.id, data=_event(**kw)
            )
        assert (field, code) in {(i.field, i.code) for i in err.value.issues}
    session.expire_all()
    assert events.for_campaign(session=session, campaign=world["campaign"])[0].event.capacity == 3
    other = create_campaign(session, create_recruiter(session, email="r2@example.org"))
    with pytest.raises(NotFound):
        events.edit(session=session, campaign=other, event_id=event.id, data=_event())


def test_sign_ups_and_trial_days_feed_the_funnel(
    session: Session, world, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Signing up counts as interested; attending a meeloopdag as a trial locum day."""
    campaign, anna = world["campaign"], world["anna"]
    day = _event(kind="trial_day", practice_id=world["practice"].id, title="Meeloopdag")
    event = events.plan(session=session, campaign=campaign, data=day, announce=False)
    signup = events.sign_up(session=session, user=anna, event_id=event.id)
    with pytest.raises(DomainError):
        events.record_attendance(
            session=session, campaign=campaign, event_id=event.id, present={signup.id}
        )
    stages = dict(
        (m.email, s)
        for m, s in campaign_dashboard.dashboard(session=session, campaign=campaign).members
    )
    assert stages["anna@example.org"] == "interested"
    monkeypatch.setattr(events, "today", lambda: date.today() + timedelta(days=31))
    events.record_attendance(
        session=session, campaign=campaign, event_id=event.id, present={signup.id}
    )
    board = campaign_dashboard.dashboard(session=session, campaign=campaign)
    assert dict((m.email, s) for m, s in board.members)["anna@example.org"] == "trial_day"
    signups = events.signups_table(
        events.for_campaign(session=session, campaign=campaign),
        events.attendees(session=session, campaign=campaign),
    )
    assert [(r[2], r[-1]) for r in signups.rows] == [("trial_day", True)]


def test_ics_has_local_times(session: Session, world) -> None:
    """The calendar file names the event, the place and Amsterdam times."""
    event = events.plan(session=session, campaign=world["campaign"], data=_event(), announce=False)
    ics = events.to_ics(event=event, campaign=world["campaign"], url="http://x/c").decode()
    assert "SUMMARY:Bustour Noordoostpolder (Polderdokter 2027)" in ics
    assert "DTSTART;TZID=Europe/Amsterdam:" in ics and "T093000" in ics
    assert "LOCATION:Busstation Emmeloord" in ics and "BEGIN:VTIMEZONE" in ics


def test_incentive_package(session: Session, world) -> None:
    """Only the area's incentives; valued for the household by the same rules as match cards."""
    recruiter = session.get(User, world["campaign"].owner_id)
    bonus = create_incentive(session, recruiter, "starter_bonus", 10_000, title="Startpremie")
    care = create_incentive(
        session, recruiter, "childcare_priority", 2_000, title="Voorrang kinderopvang"
    )
    house = offers.create_offer(session=session, user=recruiter, data=offer_input())
    with pytest.raises(DomainError):
        campaigns.set_package(session=session, campaign=world["campaign"], offer_ids=[house.id])
    campaigns.set_package(
        session=session, campaign=world["campaign"], offer_ids=[care.id, bonus.id]
    )
    profile = session.exec(
        select(CandidateProfile).where(CandidateProfile.user_id == world["anna"].id)
    ).one()
    valued = campaigns.package_value(session=session, campaign=world["campaign"], profile=profile)
    assert [line.title for line in valued.lines] == ["Voorrang kinderopvang", "Startpremie"]
    assert valued.total == 12_000
    profile.children_birth_years = []
    assert (
        campaigns.package_value(session=session, campaign=world["campaign"], profile=profile).total
        == 10_000
    )


def test_consent_then_password(session: Session, world) -> None:
    """Accepting sets the password, consent and viewed; until then the invitation waits."""
    member = session.exec(
        select(CampaignMember).where(CampaignMember.email == "sanne@example.org")
    ).one()
    assert campaigns.awaiting_consent(session=session, member=member) is not None
    assert member.viewed_at is None
    user = campaigns.accept_invitation(
        session=session, token=member.token, password="een-lang-wachtwoord"
    )
    assert accounts.authenticate(
        session=session, email="sanne@example.org", password="een-lang-wachtwoord"
    )
    profile = session.exec(
        select(CandidateProfile).where(CandidateProfile.user_id == user.id)
    ).one()
    session.refresh(member)
    assert (user.invited, profile.consent, member.profile_id) == (False, True, profile.id)
    assert member.viewed_at is not None
    with pytest.raises(NotFound):
        campaigns.accept_invitation(session=session, token=member.token, password=PASSWORD)


def test_declining_deletes_everything(session: Session, world) -> None:
    """Refusing removes the imported account, its profile and its invitations."""
    member = session.exec(
        select(CampaignMember).where(CampaignMember.email == "sanne@example.org")
    ).one()
    campaigns.decline_invitation(session=session, token=member.token)
    assert accounts.find_user(session=session, email="sanne@example.org") is None
    assert (
        session.exec(
            select(CampaignMember).where(CampaignMember.email == "sanne@example.org")
        ).all()
        == []
    )


def test_export_and_delete_cover_campaigns_and_events(session: Session, world) -> None:
    """A candidate's export lists invitations (without the secret link) and sign-ups."""
    from matchmaker.services import privacy

    event = events.plan(session=session, campaign=world["campaign"], data=_event(), announce=False)
    events.sign_up(session=session, user=world["anna"], event_id=event.id, note="rolstoel")
    data = privacy.export_user_data(session=session, user=world["anna"])
    assert [m["campaign_id"] for m in data["campaign_invitations"]] == [world["campaign"].id]
    assert "token" not in data["campaign_invitations"][0]
    assert data["event_signups"][0]["note"] == "rolstoel"
    privacy.delete_account(session=session, user=world["anna"], password=PASSWORD)
    assert session.exec(select(EventSignup)).all() == []
    assert (
        session.exec(select(CampaignMember).where(CampaignMember.email == "anna@example.org")).all()
        == []
    )


def test_holders_hear_their_practice_takes_part_and_imported_ones_can_claim_it(
    app: Flask, session: Session, world
) -> None:
    """New participants' holders get one email; an imported holder's has a one-use claim link."""
    assert _mails(session, "campaign_practice") == {"holder@example.org"}
    imported = create_user(session, Role.HOLDER, email="import@example.org")
    imported.invited, imported.password_hash = True, "!invited"
    session.add(imported)
    session.commit()
    second = create_practice(session, owner=imported)
    campaigns.set_practices(
        session=session,
        campaign=world["campaign"],
        practice_ids=[world["practice"].id, second.id],
        secret="test-secret",
    )
    mails = session.exec(
        select(OutboxMessage).where(OutboxMessage.kind == "campaign_practice")
    ).all()
    assert sorted(m.to_email for m in mails) == ["holder@example.org", "import@example.org"]
    body = next(m.body_text for m in mails if m.to_email == "import@example.org")
    token = body.split("/account/activate/")[1].split("?")[0]
    secret = app.config["SECRET_KEY"]
    assert accounts.user_for_activation(session=session, token=token, secret=secret) == imported
    assert accounts.user_for_activation(session=session, token=token, secret="other") is None
    accounts.activate(session=session, user=imported, password="een-lang-wachtwoord")
    assert accounts.user_for_activation(session=session, token=token, secret=secret) is None
    assert accounts.authenticate(
        session=session, email="import@example.org", password="een-lang-wachtwoord"
    )


def test_reminder_the_day_before_goes_out_once(session: Session, world) -> None:
    """Those signed up for tomorrow's event get one reminder; a second run sends nothing."""
    event = events.plan(
        session=session,
        campaign=world["campaign"],
        data=_event(day=events.today() + timedelta(days=1)),  # Dutch days, as the reminders
        announce=False,
    )
    events.sign_up(session=session, user=world["anna"], event_id=event.id)
    assert events.send_reminders(session=session, on=events.today() - timedelta(days=1)) == 0
    assert events.send_reminders(session=session) == 1
    assert events.send_reminders(session=session) == 0
    reminders = session.exec(
        select(OutboxMessage).where(OutboxMessage.kind == "event_reminder")
    ).all()
    assert [m.to_email for m in reminders] == ["anna@example.org"]
    assert "Morgen" in reminders[0].subject


def test_the_host_is_not_offered_their_own_meeloopdag(session: Session, world) -> None:
    day = events.plan(
        session=session,
        campaign=world["campaign"],
        data=_event(kind="trial_day", practice_id=world["practice"].id, title="Meeloopdag"),
    )
    (hosted,) = events.for_campaign(
        session=session, campaign=world["campaign"], user=world["holder"]
    )
    assert hosted.hosting
    (seen,) = events.for_campaign(session=session, campaign=world["campaign"], user=world["anna"])
    assert not seen.hosting
    with pytest.raises(DomainError) as exc:
        events.sign_up(session=session, user=world["holder"], event_id=day.id)
    assert exc.value.issues[0].code == "own_event"


def test_a_meeloopdag_at_an_anonymous_practice_names_only_the_municipality(
    session: Session, world, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Invitees hear of a trial day at an anonymous practice without its name, street or
    holder - in emails, the page, the calendar file and the bell - until the holder agrees
    to contact; the holder and the region's recruiter see it all (issue 20, item 7)."""
    practice = world["practice"]
    practice.anonymous, practice.street = True, "Geheime Straat 7"
    session.add(practice)
    session.commit()
    secrets = [practice.name, "Geheime Straat 7", world["holder"].display_name]
    # Texts that name the practice are refused since issue 30; stored before, they are masked.
    monkeypatch.setattr(events.disclosure, "naming_problems", lambda **_kw: [])
    events.plan(
        session=session,
        campaign=world["campaign"],
        data=_event(
            kind="trial_day",
            title=f"Meeloopdag bij {practice.name}",
            place="Geheime Straat 7, Emmeloord",
            description=f"Welkom bij {world['holder'].display_name}.",
            practice_id=practice.id,
        ),
    )
    mails = {m.to_email: m for m in _mails_list(session, "event_announced")}
    for address in ("anna@example.org", "nieuw@example.org"):
        body = mails[address].body_text + mails[address].body_html + mails[address].subject
        assert "Noordoostpolder" in body
        assert not [s for s in secrets if s.lower() in body.lower()], address
    assert "Geheime Straat 7" in mails["holder@example.org"].body_text
    view = events.for_campaign(session=session, campaign=world["campaign"], user=world["anna"])[0]
    assert view.shown.place == "Noordoostpolder" and practice.name not in view.shown.title
    assert practice.name not in view.practice_title
    ics = events.to_ics(event=view.shown, campaign=world["campaign"], url="http://localhost/x")
    assert b"Geheime" not in ics and b"Noordoostpolder" in ics
    bell = inbox.page(session=session, user=world["anna"]).items
    assert bell and all(practice.name not in str(n.params) for n in bell)
    host = events.for_campaign(session=session, campaign=world["campaign"], user=world["holder"])
    assert host[0].shown.place == "Geheime Straat 7, Emmeloord"
