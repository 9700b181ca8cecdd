"""Recruiters' offer pages."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import Offer
from matchmaker.services import offers
from tests.conftest import csrf_token, login, post_form
from tests.factories import create_incentive, create_recruiter, create_user, offer_input


def test_recruiter_publishes_through_the_form(client: FlaskClient, session: Session) -> None:
    """A complete form stores the offer; it shows on the region page."""
    recruiter = create_recruiter(session)
    login(client, recruiter.email)
    response = post_form(
        client,
        "/recruiter/offers/new/job_lead",
        {
            "gemeentecode": "GM0171",
            "title": "Leraar basisonderwijs",
            "sector": "education",
            "employer": "OBS De Zuiderzee",
            "hours_per_week": "32",
        },
    )
    assert response.status_code == 302
    assert session.exec(select(Offer)).one().employer == "OBS De Zuiderzee"
    assert "Leraar basisonderwijs" in client.get("/regions/GM0171").get_data(as_text=True)


def test_form_errors_store_nothing(client: FlaskClient, session: Session) -> None:
    """Missing kind-specific fields and foreign municipalities are field errors."""
    login(client, create_recruiter(session).email)
    no_price = post_form(
        client,
        "/recruiter/offers/new/housing",
        {"gemeentecode": "GM0171", "title": "Huis", "tenure": "buy"},
    )
    assert "Dit veld is verplicht voor dit soort aanbod." in no_price.get_data(as_text=True)
    foreign = post_form(
        client,
        "/recruiter/offers/new/training",
        {"gemeentecode": "GM0363", "title": "Plek", "places": "2"},
    )
    assert "Ongeldige keuze." in foreign.get_data(as_text=True)
    assert session.exec(select(Offer)).all() == []


def test_another_recruiters_offer_is_404(client: FlaskClient, session: Session) -> None:
    """Editing or withdrawing another region's offer answers 404."""
    offer = offers.create_offer(session=session, user=create_recruiter(session), data=offer_input())
    login(client, create_recruiter(session, regions=("GM0363",)).email)
    assert client.get(f"/recruiter/offers/{offer.id}/edit").status_code == 404
    token = csrf_token(client, "/recruiter")
    assert (
        client.post(f"/recruiter/offers/{offer.id}/delete", data={"csrf_token": token}).status_code
        == 404
    )
    assert session.get(Offer, offer.id) is not None


def test_only_recruiters_manage_offers(client: FlaskClient, session: Session) -> None:
    """Holders and candidates get 403."""
    login(client, create_user(session, Role.HOLDER).email)
    assert client.get("/recruiter/offers/new/housing").status_code == 403


def test_match_card_shows_incentive_total(client: FlaskClient, session: Session) -> None:
    """The card tells the candidate what the region's incentives are worth to them."""
    from tests.factories import create_candidate, create_practice

    r = create_recruiter(session)
    create_incentive(session, r, "starter_bonus", 10_000, title="Gezinswoning Emmeloord")
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user, max_distance_km=200, search_regions=[])
    create_practice(session)
    login(client, user.email)
    html = client.get("/matches").get_data(as_text=True)
    assert 'data-incentives="10000"' in html and "t.w.v. €\u00a010.000" in html
    api = client.get("/api/v1/me/matches").get_json()["items"][0]
    assert api["incentives"]["total"] == 10_000


def test_listing_page_shows_incentives_valued_for_the_candidate(
    client: FlaskClient, session: Session
) -> None:
    """Visitors see the package; a candidate without toddlers sees the childcare line excluded."""
    from tests.factories import create_candidate, create_practice

    r = create_recruiter(session)
    for kind, amount in (("starter_bonus", 10_000), ("childcare_priority", 3_000)):
        create_incentive(session, r, kind, amount)
    practice = create_practice(session)
    anonymous = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert "Log in als kandidaat" in anonymous and "starter_bonus" in anonymous
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user, children_birth_years=[2015])
    login(client, user.email)
    html = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert 'data-incentives="10000"' in html and "telt niet: geen kinderen onder de 4" in html
