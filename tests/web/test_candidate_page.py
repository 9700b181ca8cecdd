"""A candidate's page for holders: only for a holder whose published practice matches, only
what the candidate shares, and no name or contact before an introduction."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.services import accounts
from tests.conftest import csrf_token, login, post_form
from tests.factories import create_candidate, create_practice, create_user


def _logout(client: FlaskClient) -> None:
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})


def test_the_holder_sees_what_is_shared_and_the_score_but_no_name(
    client: FlaskClient, session: Session
) -> None:
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, postcode="8301")
    user = create_user(session, Role.CANDIDATE, display_name="Fleur Verborgen")
    profile = create_candidate(
        session,
        user=user,
        home_postcode="8302",
        about="Ik zoek een dorpspraktijk met ruimte voor de POH.",
        share_with_holders=["about", "children"],
    )
    login(client, holder.email)
    card = next(
        i
        for i in client.get("/api/v1/me/matches").get_json()["items"]
        if i["candidate"]["ref"] == profile.id
    )
    page = client.get(f"/candidates/{profile.id}?practice={practice.id}").get_data(as_text=True)
    assert f'data-score="{card["score"]}"' in page
    assert "dorpspraktijk met ruimte" in page and "2 kinderen" in page
    assert "Fleur" not in page and user.email not in page
    assert 'data-shared="about children"' in page
    assert "partner:" not in page  # the household item was not ticked


def test_the_profile_form_chooses_what_is_shared(client: FlaskClient, session: Session) -> None:
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user)
    login(client, user.email)
    form = client.get("/profile/edit").get_data(as_text=True)
    assert 'name="share_with_holders" type="checkbox" value="household"' in form or (
        'value="household"' in form and "share_with_holders" in form
    )
    from tests.web.test_profile import FORM

    post_form(
        client, "/profile/edit", {**FORM, "share_with_holders": ["household", "availability"]}
    )
    from matchmaker.services import candidates

    assert candidates.get_profile(session=session, user=user).share_with_holders == [
        "household",
        "availability",
    ]


def test_nobody_else_reaches_a_candidate_page(client: FlaskClient, session: Session) -> None:
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, postcode="8301")
    draft = create_practice(session, owner=holder, postcode="8301", status="draft")
    profile = create_candidate(session, home_postcode="8302")
    far = create_candidate(
        session,
        home_postcode="9711",
        max_distance_km=20,
        search_regions=[],
        share_with_holders=["area"],  # only a shared search area can keep a holder out
    )
    hidden = create_candidate(session, home_postcode="8302")
    hidden.consent = False
    session.add(hidden)
    session.commit()
    other_holder = create_user(session, Role.HOLDER)
    recruiter = create_user(session, Role.RECRUITER)
    accounts.set_recruiter_regions(session=session, user=recruiter, codes=["GM0171"])
    path = f"/candidates/{profile.id}?practice={practice.id}"
    for outsider in (other_holder, recruiter, create_user(session, Role.CANDIDATE)):
        login(client, outsider.email)
        assert client.get(path).status_code in (403, 404), outsider.role
        _logout(client)
    login(client, holder.email)
    assert client.get(path).status_code == 200
    for bad in (
        f"/candidates/{profile.id}?practice={draft.id}",  # a draft matches nobody
        f"/candidates/{far.id}?practice={practice.id}",  # outside the candidate's area
        f"/candidates/{hidden.id}?practice={practice.id}",  # imported, no consent yet
        f"/candidates/{profile.id}",
        f"/candidates/{profile.id}?practice=abc",
    ):
        assert client.get(bad).status_code == 404, bad


def test_scores_do_not_leak_what_is_not_shared(client: FlaskClient, session: Session) -> None:
    """A component's value or reasons would tell whether a partner looks for work or there are
    children: a holder sees them as 'not shared' unless the candidate shares the item."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, postcode="8301")
    profile = create_candidate(session, home_postcode="8302", share_with_holders=["children"])
    login(client, holder.email)
    item = next(
        i
        for i in client.get("/api/v1/me/matches").get_json()["items"]
        if i["candidate"]["ref"] == profile.id
    )
    assert item["component_status"]["partner_work"] == "private"
    assert item["components"]["partner_work"] is None
    assert item["component_status"]["housing"] == "private"
    assert item["component_status"]["timing"] == "private"  # availability not shared
    assert item["component_status"]["childcare"] != "private"  # shared
    hidden = ("partner_work", "housing", "timing")
    assert not any(r["component"] in hidden for r in item["reasons"])
    page = client.get(f"/candidates/{profile.id}?practice={practice.id}").get_data(as_text=True)
    assert page.count("data-private") == 3


def test_counts_in_reasons_use_plural_forms(app: Flask) -> None:
    from matchmaker.domain.explain import Reason
    from matchmaker.web.reasons import text

    with app.test_request_context():
        one = Reason("job_leads", "partner_work", "plus", {"sector": "healthcare", "n": 1})
        two = Reason("job_leads", "partner_work", "plus", {"sector": "healthcare", "n": 2})
        assert text(one, language="nl").endswith("1 vacature via de regio")
        assert text(two, language="nl").endswith("2 vacatures via de regio")
        assert text(one, language="en").endswith("1 job lead from the region")
