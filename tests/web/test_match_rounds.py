"""The match round through the web: rank pages, running the round, answering."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import Introduction, RoundProposal
from matchmaker.services import campaigns
from tests.conftest import login, post_form
from tests.factories import (
    create_campaign,
    create_candidate,
    create_practice,
    create_recruiter,
    create_user,
)


def test_rank_run_and_answer(app: Flask, session: Session) -> None:
    """Candidate and holder rank; the recruiter runs the round; two yeses introduce them."""
    recruiter = create_recruiter(session)
    campaign = create_campaign(
        session,
        recruiter,
        name="Kennismakingsdag",
        ends_on=date.today() + timedelta(days=30),
        goal=1,
    )
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, name="Praktijk Rond")
    with app.test_request_context(base_url="http://localhost"):
        campaigns.set_practices(
            session=session, campaign=campaign, practice_ids=[practice.id], secret="test-secret"
        )
    cand = create_user(session, Role.CANDIDATE, email="fleur@example.org")
    profile = create_candidate(session, user=cand)
    with app.test_request_context(base_url="http://localhost"):
        campaigns.invite(session=session, campaign=campaign, emails=["fleur@example.org"])
    c, h, r = app.test_client(), app.test_client(), app.test_client()
    login(c, cand.email)
    login(h, holder.email)
    login(r, recruiter.email)
    assert "Kennismakingsdag" in c.get("/profile").get_data(as_text=True)
    rank_url = f"/campaigns/{campaign.id}/rank"
    dashboard = f"/recruiter/campaigns/{campaign.id}"
    assert 'data-ranked="0/1 0/1"' in r.get(dashboard).get_data(as_text=True)
    post_form(c, rank_url, {f"pos-{practice.id}": "1"}, token_page=rank_url)
    waiting = r.get(dashboard).get_data(as_text=True)
    assert 'data-ranked="1/1 0/1"' in waiting and "Wie nog niet heeft gerangschikt" in waiting
    assert 'value="1"' in c.get(rank_url).get_data(as_text=True)
    post_form(h, f"{rank_url}/{practice.id}", {f"pos-{profile.id}": "1"}, token_page=rank_url)
    post_form(
        r,
        f"/recruiter/campaigns/{campaign.id}/round",
        {},
        token_page=f"/recruiter/campaigns/{campaign.id}",
    )
    proposal = session.exec(select(RoundProposal)).one()
    assert f'data-proposal="{proposal.id}"' in c.get(rank_url).get_data(as_text=True)
    post_form(c, f"/campaigns/proposals/{proposal.id}/accept", {}, token_page=rank_url)
    post_form(h, f"/campaigns/proposals/{proposal.id}/accept", {}, token_page=rank_url)
    assert session.exec(select(Introduction)).one().status == "introduced"
    board = r.get(f"/recruiter/campaigns/{campaign.id}").get_data(as_text=True)
    summary = " ".join(board.split())
    assert f'data-proposal="{proposal.id}"' in board
    assert "1 voorstel, 0 kandidaten niet geplaatst; elk voorstel is stabiel." in summary
    csv_text = r.get(f"/recruiter/campaigns/{campaign.id}/round.csv").get_data(as_text=True)
    assert csv_text.startswith(
        "\ufeffKandidaat;Praktijk;Antwoord kandidaat;Antwoord praktijkhouder"
    )
    assert "fleur@example.org;Praktijk Rond;ja;ja" in csv_text  # names, not ids
    stranger = app.test_client()
    login(stranger, create_user(session, Role.CANDIDATE).email)
    assert stranger.get(rank_url).status_code == 404


def test_recruiter_sets_places_on_the_dashboard(app: Flask, session: Session) -> None:
    """The places form shows the default, saves a new number and refuses a bad one."""
    recruiter = create_recruiter(session)
    campaign = create_campaign(session, recruiter, ends_on=date.today() + timedelta(days=30))
    practice = create_practice(session, owner=create_user(session, Role.HOLDER), name="Rond")
    with app.test_request_context(base_url="http://localhost"):
        campaigns.set_practices(
            session=session, campaign=campaign, practice_ids=[practice.id], secret="test-secret"
        )
    r = app.test_client()
    login(r, recruiter.email)
    dashboard = f"/recruiter/campaigns/{campaign.id}"
    field = f'name="places-{practice.id}"'
    page = r.get(dashboard).get_data(as_text=True)
    assert 'value="1"' in page.split(field)[1][:200]
    ok = post_form(r, f"{dashboard}/places", {f"places-{practice.id}": "3"}, token_page=dashboard)
    assert ok.headers["Location"].endswith(f"{dashboard}#round")
    assert 'value="3"' in r.get(dashboard).get_data(as_text=True).split(field)[1][:200]
    bad = post_form(
        r, f"{dashboard}/places", {f"places-{practice.id}": "nul"}, token_page=dashboard
    )
    assert bad.status_code == 302
    after = r.get(dashboard).get_data(as_text=True)
    assert "Dit getal valt buiten het bereik" in after
    assert 'value="3"' in after.split(field)[1][:200]
