"""Email ownership: nothing sent to an address reaches an account before it is confirmed."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import CampaignMember, DuoInvitation, OutboxMessage, User
from matchmaker.services import campaigns, candidates
from tests.conftest import login, post_form
from tests.factories import (
    PASSWORD,
    create_campaign,
    create_candidate,
    create_recruiter,
    create_user,
)

VICTIM = "invited@example.org"


def _invite(app: Flask, session: Session) -> CampaignMember:
    campaign = create_campaign(session, create_recruiter(session))
    with app.test_request_context(base_url="http://localhost"):
        campaigns.invite(session=session, campaign=campaign, emails=[VICTIM])
    return session.exec(select(CampaignMember).where(CampaignMember.email == VICTIM)).one()


def test_registering_an_invited_address_captures_nothing(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """Someone who registers another person's address gets neither invitation nor duo request."""
    member = _invite(app, session)
    inviter = create_candidate(session)
    with app.app_context():  # the invitation emails the address
        candidates.invite_duo(session=session, profile=inviter, email=VICTIM)
    attacker = create_user(session, Role.CANDIDATE, email=VICTIM, verified=False)
    profile = create_candidate(session, user=attacker)
    campaigns.link_new_profile(session=session, user=attacker, profile=profile)
    session.refresh(member)
    assert member.profile_id is None
    assert candidates.invitations_for(session=session, user=attacker) == []
    login(client, attacker.email)
    assert client.get(f"/campaigns/join/{member.token}").status_code == 200
    post_form(client, f"/campaigns/join/{member.token}", {})
    session.refresh(member)
    assert member.profile_id is None
    export = client.get("/account/export").get_json()
    assert export["campaign_invitations"] == [] and export["duo_invitations_received"] == []


def test_confirming_the_address_links_the_invitations(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """The real owner confirms by the emailed link; then the invitation counts."""
    member = _invite(app, session)
    post_form(
        client,
        "/register",
        {
            "role": "candidate",
            "display_name": "Eva",
            "email": VICTIM,
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    user = session.exec(select(User).where(User.email == VICTIM)).one()
    create_candidate(session, user=user)
    mail = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "verify_email")).one()
    link = re.search(r"http://localhost(/account/verify/\S+)", mail.body_text)
    assert link
    post_form(client, link.group(1), {"password": PASSWORD})
    session.refresh(member)
    assert member.profile_id is not None


def test_a_logged_in_stranger_cannot_take_up_someone_elses_invitation(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """GET only shows; the POST links only the invitee's own confirmed account."""
    member = _invite(app, session)
    stranger = create_candidate(session)
    user = session.get(User, stranger.user_id)
    assert user is not None
    login(client, user.email)
    page = client.get(f"/campaigns/join/{member.token}").get_data(as_text=True)
    assert "ander e-mailadres" in page
    session.refresh(member)
    assert member.viewed_at is None
    post_form(client, f"/campaigns/join/{member.token}", {})
    session.refresh(member)
    assert member.profile_id is None


def test_invitation_links_expire(app: Flask, client: FlaskClient, session: Session) -> None:
    """A link older than INVITATION_DAYS, or of an ended campaign, is gone."""
    from datetime import timedelta

    member = _invite(app, session)
    member.invited_at = member.invited_at - timedelta(days=campaigns.INVITATION_DAYS + 1)
    session.add(member)
    session.commit()
    assert client.get(f"/campaigns/join/{member.token}").status_code == 404


def test_duo_invitation_waits_for_a_confirmed_address(app: Flask, session: Session) -> None:
    """A duo request to an address reaches its account once the address is confirmed."""
    inviter = create_candidate(session)
    with app.app_context():  # the invitation emails the address
        candidates.invite_duo(session=session, profile=inviter, email=VICTIM)
    user = create_user(session, Role.CANDIDATE, email=VICTIM, verified=False)
    assert candidates.invitations_for(session=session, user=user) == []
    from matchmaker.services import accounts

    accounts.mark_email_confirmed(user)
    session.add(user)
    session.commit()
    assert [i.invitee_email for i, _ in candidates.invitations_for(session=session, user=user)] == [
        VICTIM
    ]
    assert session.exec(select(DuoInvitation)).one().status == "pending"
