"""Campaign events, the package and the consent-first invitation through the web."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import Campaign, CampaignEvent, CampaignMember, User
from matchmaker.services import accounts
from tests.conftest import login, post_form
from tests.factories import (
    create_candidate,
    create_imported_candidate,
    create_incentive,
    create_practice,
    create_recruiter,
    create_user,
)
from tests.web.test_profile import FORM


def _setup(app: Flask, session: Session):
    recruiter = create_recruiter(session)
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, name="Huisartsenpraktijk De Zuiderzee")
    anna = create_user(session, Role.CANDIDATE, email="anna@example.org")
    create_candidate(session, user=anna)
    r = app.test_client()
    login(r, recruiter.email)
    post_form(
        r,
        "/recruiter/campaigns/new",
        {
            "name": "Polderdokter 2027",
            "starts_on": date.today().isoformat(),
            "ends_on": (date.today() + timedelta(days=300)).isoformat(),
            "goal": "2",
            "municipalities": ["GM0171"],
        },
    )
    campaign = session.exec(select(Campaign)).one()
    base = f"/recruiter/campaigns/{campaign.id}"
    post_form(r, f"{base}/practices", {"practice_id": [str(practice.id)]}, token_page=base)
    post_form(r, f"{base}/invite", {"emails": "anna@example.org"}, token_page=base)
    return r, campaign, practice, holder, anna


def _event_form(**kw: str) -> dict[str, object]:
    data = {
        "kind": "introduction_day",
        "title": "Kennismakingsdag Emmeloord",
        "day": (date.today() + timedelta(days=20)).isoformat(),
        "starts": "10:00",
        "ends": "15:30",
        "place": "Gemeentehuis Emmeloord",
        "practice_id": "",
        "capacity": "2",
        "description": "Met lunch en een rondleiding.",
        "announce": "y",
    }
    data.update(kw)
    return data


def test_recruiter_plans_events_with_field_errors(app: Flask, session: Session) -> None:
    """A meeloopdag without practice is refused on the field; a valid event lands on the board."""
    r, campaign, practice, _, _ = _setup(app, session)
    path = f"/recruiter/campaigns/{campaign.id}/events/new"
    bad = post_form(r, path, _event_form(kind="trial_day", ends="09:00"))
    html = bad.get_data(as_text=True)
    assert bad.status_code == 200
    assert "Een meeloopdag vindt plaats in een praktijk" in html
    assert "Het einde ligt voor het begin" in html
    assert session.exec(select(CampaignEvent)).all() == []
    ok = post_form(r, path, _event_form(kind="trial_day", practice_id=str(practice.id)))
    assert ok.headers["Location"].endswith(f"/recruiter/campaigns/{campaign.id}#events")
    board = r.get(f"/recruiter/campaigns/{campaign.id}").get_data(as_text=True)
    assert "Kennismakingsdag Emmeloord" in board and "Meeloopdag" in board
    assert "0 van 2 plaatsen bezet" in board


def test_candidate_signs_up_with_htmx_and_gets_a_calendar_file(
    app: Flask, session: Session
) -> None:
    """The event card swaps in place; the recruiter then sees who comes; .ics downloads."""
    r, campaign, _, _, anna = _setup(app, session)
    post_form(r, f"/recruiter/campaigns/{campaign.id}/events/new", _event_form())
    event = session.exec(select(CampaignEvent)).one()
    c = app.test_client()
    login(c, anna.email)
    home = c.get(f"/campaigns/{campaign.id}").get_data(as_text=True)
    assert "Kennismakingsdag Emmeloord" in home and "Nog 2 plaatsen vrij" in home
    part = post_form(
        c,
        f"/campaigns/events/{event.id}/signup",
        {"party": "2", "note": "vegetarisch"},
        token_page=f"/campaigns/{campaign.id}",
        headers={"HX-Request": "true"},
    )
    fragment = part.get_data(as_text=True)
    assert "<html" not in fragment and "data-signed-up" in fragment
    assert "Aangemeld voor 2 personen" in fragment and "Nog 0 plaatsen vrij" in fragment
    board = r.get(f"/recruiter/campaigns/{campaign.id}").get_data(as_text=True)
    assert 'data-signup="anna@example.org"' in board and "vegetarisch" in board
    assert "2 van 2 plaatsen bezet" in board
    ics = c.get(f"/campaigns/events/{event.id}.ics")
    assert ics.mimetype == "text/calendar" and b"Kennismakingsdag Emmeloord" in ics.data
    plain = post_form(
        c, f"/campaigns/events/{event.id}/withdraw", {}, token_page=f"/campaigns/{campaign.id}"
    )
    assert plain.headers["Location"].endswith(f"/campaigns/{campaign.id}#event-{event.id}")
    assert "data-signed-up" not in c.get(f"/campaigns/{campaign.id}").get_data(as_text=True)
    outsider = app.test_client()
    login(outsider, create_user(session, Role.CANDIDATE).email)
    assert outsider.get(f"/campaigns/{campaign.id}").status_code == 404
    assert outsider.get(f"/campaigns/events/{event.id}.ics").status_code == 404


def test_recruiter_changes_an_event_and_the_board_shows_it(app: Flask, session: Session) -> None:
    """The edit form comes filled in; field errors stay on the form; another recruiter gets 404."""
    r, campaign, _, _, _ = _setup(app, session)
    base = f"/recruiter/campaigns/{campaign.id}"
    post_form(r, f"{base}/events/new", _event_form())
    event = session.exec(select(CampaignEvent)).one()
    path = f"{base}/events/{event.id}/edit"
    assert f'href="{path}"' in r.get(base).get_data(as_text=True)
    form = r.get(path).get_data(as_text=True)
    assert "Gemeentehuis Emmeloord" in form and 'name="announce"' not in form
    bad = post_form(r, path, _event_form(ends="09:00"))
    assert "Het einde ligt voor het begin" in bad.get_data(as_text=True)
    ok = post_form(r, path, _event_form(place="Bibliotheek Emmeloord"))
    assert ok.headers["Location"].endswith(f"{base}#event-{event.id}")
    board = r.get(base).get_data(as_text=True)
    assert "Bibliotheek Emmeloord" in board and "Gemeentehuis Emmeloord" not in board
    stranger = app.test_client()
    login(stranger, create_recruiter(session, email="r2@example.org").email)
    assert stranger.get(path).status_code == 404


def test_package_is_chosen_and_valued_for_the_candidate(app: Flask, session: Session) -> None:
    """The recruiter picks incentives; the candidate's campaign page values them."""
    r, campaign, _, _, anna = _setup(app, session)
    recruiter = session.get(User, campaign.owner_id)
    bonus = create_incentive(session, recruiter, "starter_bonus", 15000, title="Startpremie")
    base = f"/recruiter/campaigns/{campaign.id}"
    post_form(r, f"{base}/package", {"offer_id": [str(bonus.id)]}, token_page=base)
    session.refresh(campaign)
    assert campaign.incentive_ids == [bonus.id]
    c = app.test_client()
    login(c, anna.email)
    page = c.get(f"/campaigns/{campaign.id}").get_data(as_text=True)
    assert 'data-package="15000"' in page and "Startpremie" in page


def _invite_imported(app: Flask, session: Session):
    r, campaign, _, _, _ = _setup(app, session)
    create_imported_candidate(session, "sanne@example.org")
    base = f"/recruiter/campaigns/{campaign.id}"
    post_form(r, f"{base}/invite", {"emails": "sanne@example.org"}, token_page=base)
    member = session.exec(
        select(CampaignMember).where(CampaignMember.email == "sanne@example.org")
    ).one()
    return campaign, member


def test_imported_candidate_consents_before_anything_else(app: Flask, session: Session) -> None:
    """The link asks for consent and a password first; only then the campaign opens."""
    campaign, member = _invite_imported(app, session)
    c = app.test_client()
    page = c.get(f"/campaigns/join/{member.token}").get_data(as_text=True)
    assert "Eerst uw toestemming" in page and "Sanne de Boer" in page and "2023" in page
    assert "Polderdokter 2027" in page and "Huisartsenpraktijk De Zuiderzee" not in page
    session.refresh(member)
    assert member.viewed_at is None
    path = f"/campaigns/join/{member.token}/consent"
    refused = post_form(
        c,
        path,
        {"password": "een-lang-wachtwoord", "confirm": "een-lang-wachtwoord"},
        token_page=f"/campaigns/join/{member.token}",
    )
    assert "Zonder uw toestemming kunnen we niet verder" in refused.get_data(as_text=True)
    agreed = post_form(
        c,
        path,
        {"consent": "y", "password": "een-lang-wachtwoord", "confirm": "een-lang-wachtwoord"},
        token_page=f"/campaigns/join/{member.token}",
    )
    assert agreed.headers["Location"] == f"/campaigns/{campaign.id}"
    assert c.get("/api/v1/me").get_json()["email"] == "sanne@example.org"
    assert "Polderdokter 2027" in c.get(f"/campaigns/{campaign.id}").get_data(as_text=True)
    session.refresh(member)
    assert member.viewed_at is not None


def test_imported_candidate_can_refuse(app: Flask, session: Session) -> None:
    """'No thanks' deletes the imported details and the invitation at once."""
    _, member = _invite_imported(app, session)
    token = member.token
    c = app.test_client()
    done = post_form(
        c, f"/campaigns/join/{token}/decline", {}, token_page=f"/campaigns/join/{token}"
    )
    assert "Uw gegevens zijn verwijderd" in done.get_data(as_text=True)
    assert accounts.find_user(session=session, email="sanne@example.org") is None
    assert c.get(f"/campaigns/join/{token}").status_code == 404


def test_new_candidate_joins_by_creating_a_profile(app: Flask, session: Session) -> None:
    """Someone invited before having a profile takes part once the profile is saved."""
    r, campaign, _, _, _ = _setup(app, session)
    base = f"/recruiter/campaigns/{campaign.id}"
    post_form(r, f"{base}/invite", {"emails": "nieuw@example.org"}, token_page=base)
    user = create_user(session, Role.CANDIDATE, email="nieuw@example.org")
    c = app.test_client()
    login(c, user.email)
    assert c.get(f"/campaigns/{campaign.id}").status_code == 404
    assert post_form(c, "/profile/edit", FORM).status_code == 302
    assert c.get(f"/campaigns/{campaign.id}").status_code == 200
    assert f"/campaigns/{campaign.id}" in c.get("/profile").get_data(as_text=True)


def test_imported_holder_claims_the_account_from_the_campaign_email(
    app: Flask, session: Session
) -> None:
    """The link in the email asks consent and a password, then opens the campaign page."""
    from matchmaker.models import OutboxMessage

    r, campaign, practice, _, _ = _setup(app, session)
    holder = create_user(session, Role.HOLDER, email="import@example.org")
    holder.invited, holder.password_hash = True, "!invited"
    session.add(holder)
    session.commit()
    mine = create_practice(session, owner=holder, name="Praktijk Urkerweg")
    base = f"/recruiter/campaigns/{campaign.id}"
    ids = [str(practice.id), str(mine.id)]
    post_form(r, f"{base}/practices", {"practice_id": ids}, token_page=base)
    body = session.exec(
        select(OutboxMessage.body_text).where(OutboxMessage.to_email == "import@example.org")
    ).one()
    link = "/account/activate/" + body.split("/account/activate/")[1].split()[0]
    c = app.test_client()
    page = c.get(link).get_data(as_text=True)
    assert "Eerst uw toestemming" in page and "Praktijk Urkerweg" in page
    refused = post_form(
        c, link, {"password": "een-lang-wachtwoord", "confirm": "een-lang-wachtwoord"}
    )
    assert "Zonder uw toestemming kunnen we niet verder" in refused.get_data(as_text=True)
    done = post_form(
        c,
        link,
        {"consent": "y", "password": "een-lang-wachtwoord", "confirm": "een-lang-wachtwoord"},
    )
    assert done.headers["Location"] == f"/campaigns/{campaign.id}"
    assert "Polderdokter 2027" in c.get(f"/campaigns/{campaign.id}").get_data(as_text=True)
    assert app.test_client().get(link).status_code == 404  # used once


def test_an_event_at_an_anonymous_practice_may_not_give_it_away(
    app: Flask, session: Session
) -> None:
    """Issue 30: a recruiter's event text is checked word by word against the anonymous
    practice (name, holder, street, village), with a Dutch message before anything is saved;
    a text that was stored anyway is masked word by word for people without consent."""
    from matchmaker.services import disclosure, events

    r, campaign, practice, holder, anna = _setup(app, session)
    holder.display_name = "Hendrika Zilverberk"
    practice.anonymous, practice.name, practice.street = True, "Praktijk Zilverberk", "Dijkweg 4"
    session.add_all([holder, practice])
    session.commit()
    path = f"/recruiter/campaigns/{campaign.id}/events/new"
    for field, text in (
        ("description", "Dokter Zilverberk laat u de praktijk zien."),
        ("title", "Meeloopdag bij Hendrika"),
        ("description", "Verzamelen aan de Dijkweg."),
        ("description", "Verzamelen in Marknesse."),
    ):
        form = _event_form(kind="trial_day", practice_id=str(practice.id), **{field: text})
        html = post_form(r, path, form).get_data(as_text=True)
        assert "De praktijk is anoniem" in html, text
    assert session.exec(select(CampaignEvent)).all() == []
    plain = {"title": "Meeloopdag in de polder", "practice_id": str(practice.id)}
    ok = post_form(r, path, _event_form(kind="trial_day", **plain))
    assert ok.status_code == 302  # the village is a place too: "Emmeloord" was refused

    event = session.exec(select(CampaignEvent)).one()
    event.description = "Dokter Zilverbérk laat u de praktijk zien."  # saved before the check
    session.add(event)
    session.commit()
    shown = disclosure.event_for(session=session, event=event, viewer=anna)
    assert "ilverb" not in shown.description and "Noordoostpolder" in shown.description
    assert events.view_for(session=session, user=holder, event_id=event.id or 0)


def test_a_campaign_name_may_not_give_an_anonymous_practice_away(
    app: Flask, session: Session
) -> None:
    """Invitees read the campaign's name beside its practices: an anonymous practice cannot
    join a campaign named after it."""
    r, campaign, practice, holder, _ = _setup(app, session)
    other = create_practice(
        session, owner=create_user(session, Role.HOLDER), name="Praktijk Polderdokter"
    )
    other.anonymous = True
    session.add(other)
    session.commit()
    base = f"/recruiter/campaigns/{campaign.id}"
    ids = [str(practice.id), str(other.id)]
    page = post_form(r, f"{base}/practices", {"practice_id": ids}, token_page=base)
    assert "De praktijk is anoniem" in r.get(page.headers["Location"]).get_data(as_text=True)
    from matchmaker.models import CampaignPractice

    taking_part = session.exec(select(CampaignPractice.practice_id)).all()
    assert other.id not in taking_part and practice.id in taking_part
