"""Campaign pages."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.models import Campaign, CampaignMember
from tests.conftest import csrf_token, login, post_form
from tests.factories import create_practice, create_recruiter


def _new(client: FlaskClient) -> object:
    return post_form(
        client,
        "/recruiter/campaigns/new",
        {
            "name": "Zeeuwse huisartsendagen",
            "starts_on": date.today().isoformat(),
            "ends_on": (date.today() + timedelta(days=200)).isoformat(),
            "goal": "3",
            "municipalities": ["GM0171"],
        },
    )


def test_recruiter_creates_campaign_and_sees_dashboard(
    client: FlaskClient, session: Session
) -> None:
    """Creating leads to the dashboard with the funnel, goal and forms."""
    create_practice(session, name="Deelnemer")
    login(client, create_recruiter(session).email)
    response = _new(client)
    campaign = session.exec(select(Campaign)).one()
    assert response.headers["Location"] == f"/recruiter/campaigns/{campaign.id}"
    html = client.get(f"/recruiter/campaigns/{campaign.id}").get_data(as_text=True)
    assert (
        "Zeeuwse huisartsendagen" in html and '<ol class="funnel"' in html and "Deelnemer" in html
    )
    assert 'data-stage="agreement"' in html and 'data-stage="settled"' in html


def test_invite_and_join_link(app, session: Session) -> None:
    """Invited candidates open their link; taking part (a POST) counts as viewed."""
    recruiter = create_recruiter(session)
    r = app.test_client()
    login(r, recruiter.email)
    _new(r)
    campaign = session.exec(select(Campaign)).one()
    post_form(
        r,
        f"/recruiter/campaigns/{campaign.id}/invite",
        {"emails": "kandidaat@example.org\nander@example.org"},
        token_page=f"/recruiter/campaigns/{campaign.id}",
    )
    member = session.exec(
        select(CampaignMember).where(CampaignMember.email == "kandidaat@example.org")
    ).one()
    visitor = app.test_client()
    page = visitor.get(f"/campaigns/join/{member.token}").get_data(as_text=True)
    assert "Zeeuwse huisartsendagen" in page and "Noordoostpolder" in page
    session.refresh(member)
    assert member.viewed_at is None  # GET shows; only taking part (POST) changes anything
    post_form(visitor, f"/campaigns/join/{member.token}", {})
    session.refresh(member)
    assert member.viewed_at is not None
    assert app.test_client().get("/campaigns/join/onbekend").status_code == 404


def test_exports_speak_the_readers_language(client: FlaskClient, session: Session) -> None:
    """Dutch headers, stages and dd-mm-jjjj HH:MM in Dutch; English headers in English."""
    login(client, create_recruiter(session).email)
    _new(client)
    campaign = session.exec(select(Campaign)).one()
    post_form(
        client,
        f"/recruiter/campaigns/{campaign.id}/invite",
        {"emails": "kandidaat@example.org"},
        token_page=f"/recruiter/campaigns/{campaign.id}",
    )
    member = session.exec(select(CampaignMember)).one()
    dutch = client.get(f"/recruiter/campaigns/{campaign.id}/export.csv").get_data(as_text=True)
    assert dutch.startswith("\ufeffFase;Kandidaten;Vanuit vorige fase;Mediaan dagen in fase")
    assert (
        "Uitgenodigd;1;" in dutch and "E-mailadres;Uitgenodigd op;Bekeken op;Verste fase" in dutch
    )
    invited = member.invited_at.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Amsterdam"))
    assert f"kandidaat@example.org;{invited:%d-%m-%Y %H:%M};;Uitgenodigd" in dutch
    assert "invited" not in dutch and "T" not in invited.strftime("%d-%m-%Y %H:%M")
    post_form(client, "/language", {"lang": "en", "next": "/"}, token_page="/")
    english = client.get(f"/recruiter/campaigns/{campaign.id}/export.csv").get_data(as_text=True)
    assert english.startswith("\ufeffStage;Candidates;From previous stage")
    assert "kandidaat@example.org;" in english and ";Invited" in english


def test_a_wrong_address_keeps_the_list_and_names_only_itself(
    client: FlaskClient, session: Session
) -> None:
    """The textarea keeps what was typed; only the wrong address is reported; nobody invited."""
    login(client, create_recruiter(session).email)
    _new(client)
    campaign = session.exec(select(Campaign)).one()
    typed = "anna@example.org\nanna-at-example\nbob@example.org"
    page = post_form(
        client,
        f"/recruiter/campaigns/{campaign.id}/invite",
        {"emails": typed},
        token_page=f"/recruiter/campaigns/{campaign.id}",
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and typed in html
    assert "anna-at-example is geen e-mailadres." in html
    assert "anna@example.org is geen" not in html and "bob@example.org is geen" not in html
    assert session.exec(select(CampaignMember)).all() == []


def test_other_recruiters_get_404(client: FlaskClient, session: Session) -> None:
    """A campaign is visible to its recruiter only."""
    owner = create_recruiter(session)
    login(client, owner.email)
    _new(client)
    campaign = session.exec(select(Campaign)).one()
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, create_recruiter(session, regions=("GM0363",)).email)
    assert client.get(f"/recruiter/campaigns/{campaign.id}").status_code == 404
    assert client.get(f"/recruiter/campaigns/{campaign.id}/export.csv").status_code == 404
