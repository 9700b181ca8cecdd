"""Campaigns: setup checks, invitations, and the funnel built from introductions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from sqlmodel import Session, select

from matchmaker.domain.errors import DomainError, NotFound
from matchmaker.domain.roles import Role
from matchmaker.models import CampaignMember, OutboxMessage
from matchmaker.services import campaign_dashboard, campaigns, introductions
from tests.factories import (
    create_campaign,
    create_candidate,
    create_practice,
    create_recruiter,
    create_user,
)


@pytest.fixture(autouse=True)
def _request(app: Flask):
    """Setting practices emails their holders, which needs a request context."""
    with app.test_request_context(base_url="http://localhost"):
        yield


def _campaign(session: Session, recruiter, **kw):
    return create_campaign(session, recruiter, **{"goal": 4, **kw})


def _one_practice_one_candidate(session: Session):
    campaign = _campaign(session, create_recruiter(session))
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder)
    campaigns.set_practices(
        session=session, campaign=campaign, practice_ids=[practice.id], secret="test-secret"
    )
    anna = create_user(session, Role.CANDIDATE, email="anna@example.org")
    create_candidate(session, user=anna, max_distance_km=200, search_regions=[])
    return campaign, holder, practice, anna


def test_setup_checks(session: Session) -> None:
    """Own municipalities only, an end after the start, and at least one municipality."""
    recruiter = create_recruiter(session)
    for kw, code in (
        ({"municipalities": ["GM0363"]}, "not_yours"),
        ({"municipalities": []}, "no_area"),
        ({"ends_on": date.today() - timedelta(days=1)}, "before_start"),
    ):
        with pytest.raises(DomainError) as exc:
            _campaign(session, recruiter, **kw)
        assert code in {i.code for i in exc.value.issues}
    campaign = _campaign(session, recruiter)
    with pytest.raises(NotFound):
        campaigns.get_owned(
            session=session, user=create_recruiter(session), campaign_id=campaign.id
        )


def test_practices_only_from_the_area(session: Session) -> None:
    """Participating practices must lie in the campaign's municipalities."""
    campaign = _campaign(session, create_recruiter(session))
    inside, outside = create_practice(session), create_practice(session, postcode="1011")
    with pytest.raises(DomainError):
        campaigns.set_practices(
            session=session, campaign=campaign, practice_ids=[outside.id], secret="test-secret"
        )
    campaigns.set_practices(
        session=session, campaign=campaign, practice_ids=[inside.id], secret="test-secret"
    )
    assert [p.id for p in campaigns.practices_of(session=session, campaign=campaign)] == [inside.id]


def test_invitations_and_funnel(app: Flask, session: Session) -> None:
    """Invited, viewed, interested, introduced: the funnel counts each candidate once per stage."""
    campaign, holder, practice, anna = _one_practice_one_candidate(session)
    with app.test_request_context(base_url="http://localhost"):
        sent = campaigns.invite(
            session=session,
            campaign=campaign,
            emails=["anna@example.org", "nieuw@example.org", "ANNA@example.org"],
        )
        assert sent == 2
        with pytest.raises(DomainError):
            campaigns.invite(session=session, campaign=campaign, emails=["geen-adres"])
        member = session.exec(
            select(CampaignMember).where(CampaignMember.email == "anna@example.org")
        ).one()
        campaigns.open_invitation(session=session, token=member.token, user=anna)
        intro = introductions.express_interest(
            session=session, user=anna, practice_id=practice.id, message=""
        )
        introductions.respond(session=session, user=holder, intro_id=intro.id, accept=True)
    mails = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "campaign_invite")).all()
    assert {m.to_email for m in mails} == {"anna@example.org", "nieuw@example.org"}
    assert f"/campaigns/join/{member.token}" in next(
        m.body_text for m in mails if m.to_email == "anna@example.org"
    )
    board = campaign_dashboard.dashboard(session=session, campaign=campaign)
    counts = {s.stage: s.count for s in board.report.stages}
    assert (
        counts["invited"],
        counts["viewed"],
        counts["interested"],
        counts["introduced"],
        counts["meeting"],
    ) == (2, 1, 1, 1, 0)
    assert dict((m.email, stage) for m, stage in board.members) == {
        "anna@example.org": "introduced",
        "nieuw@example.org": "invited",
    }
    assert board.by_municipality == [("Noordoostpolder", 1, 1, 0)]
    funnel, members = campaign_dashboard.tables(board)
    assert funnel.columns[:2] == ("stage", "count") and funnel.codes["stage"] == "funnel"
    assert {(r[0], r[3]) for r in members.rows} == {
        ("anna@example.org", "introduced"),
        ("nieuw@example.org", "invited"),
    }


def test_goal_counts_arrivals_not_agreements(app: Flask, session: Session) -> None:
    """An agreement is a stage; only a recorded start in the practice counts as settled."""
    campaign, holder, practice, anna = _one_practice_one_candidate(session)
    with app.test_request_context(base_url="http://localhost"):
        campaigns.invite(session=session, campaign=campaign, emails=["anna@example.org"])
        intro = introductions.express_interest(
            session=session, user=anna, practice_id=practice.id, message=""
        )
        introductions.respond(session=session, user=holder, intro_id=intro.id, accept=True)
        introductions.move(
            session=session, user=anna, intro_id=intro.id, status="agreement", reason="snel rond"
        )
        agreed = campaign_dashboard.dashboard(session=session, campaign=campaign)
        introductions.move(session=session, user=holder, intro_id=intro.id, status="settled")
        recorded = campaign_dashboard.dashboard(session=session, campaign=campaign)
        introductions.move(session=session, user=anna, intro_id=intro.id, status="settled")
        settled = campaign_dashboard.dashboard(session=session, campaign=campaign)
        with pytest.raises(DomainError):
            introductions.move(session=session, user=anna, intro_id=intro.id, status="withdrawn")
    assert (agreed.report.settled, agreed.members[0][1]) == (0, "agreement")
    # One side's record of the start waits for the other side's confirmation.
    assert (recorded.report.settled, recorded.members[0][1]) == (0, "agreement")
    assert (settled.report.settled, settled.members[0][1]) == (1, "settled")
    assert settled.by_municipality == [("Noordoostpolder", 1, 1, 1)]


def test_only_published_listings_take_part(session: Session) -> None:
    """A draft cannot join a campaign, and one taken back to draft drops out of sight."""
    from matchmaker.services import practices as practice_service

    recruiter = create_recruiter(session)
    campaign = create_campaign(session, recruiter)
    draft = create_practice(session, status="draft", name="Geheime Conceptpraktijk")
    live = create_practice(session)
    assert [p.id for p in campaigns.candidate_practices(session=session, campaign=campaign)] == [
        live.id
    ]
    with pytest.raises(DomainError):
        campaigns.set_practices(
            session=session, campaign=campaign, practice_ids=[draft.id], secret="test-secret"
        )
    campaigns.set_practices(
        session=session, campaign=campaign, practice_ids=[live.id], secret="test-secret"
    )
    practice_service.set_status(session=session, practice=live, status="draft")
    assert campaigns.practices_of(session=session, campaign=campaign) == []
