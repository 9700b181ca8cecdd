"""Saved searches end to end: save on the list, a holder publishes, bell and mail, unsubscribe."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import Notification, OutboxMessage, Practice, SavedSearch, SearchAlert
from matchmaker.services import outbox
from tests.conftest import login, post_form
from tests.factories import create_candidate, create_practice, create_user, practice_input
from tests.mail import smtp_server

HX = {"HX-Request": "true"}


def _save(client: FlaskClient, **fields: object):
    data = {"scope": "practices", "frequency": "instant", **fields}
    return post_form(client, "/searches", data, headers=HX, token_page="/practices")


def test_a_saved_search_alerts_in_the_bell_and_by_mail_once(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """Save 'Zeeland' on /practices; a holder publishes there: one bell entry and one email
    with a one-click unsubscribe; publishing elsewhere or saving again tells nobody."""
    candidate = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=candidate)
    login(client, candidate.email)
    page = client.get("/practices?province=Zeeland").get_data(as_text=True)
    assert 'id="save-search"' in page and 'name="province" value="Zeeland"' in page
    saved = _save(client, province="Zeeland", name="Zeeuwse praktijken")
    assert "data-saved-search" in saved.get_data(as_text=True)
    search = session.exec(select(SavedSearch)).one()
    assert search.criteria == {"province": "Zeeland"} and search.frequency == "instant"

    holder = create_user(session, Role.HOLDER)
    other = create_practice(session, owner=holder, postcode="3511", status="draft")
    zeeland = create_practice(session, owner=holder, postcode="4331", status="draft")
    hold = app.test_client()
    login(hold, holder.email)
    for practice in (other, zeeland):  # publish both through the holder's page
        post_form(
            hold,
            f"/my/practices/{practice.id}/status",
            {"status": "published"},
            token_page="/my/practices",
        )
    bell = session.exec(select(Notification).where(Notification.user_id == candidate.id)).all()
    assert [(n.kind, n.link) for n in bell] == [("search_alert", f"/practices/{zeeland.id}")]
    mails = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "search_alert")).all()
    assert len(mails) == 1 and mails[0].to_email == candidate.email
    assert mails[0].unsubscribe_url and search.unsubscribe_token in mails[0].unsubscribe_url

    # Saving the listing again (it still fits) raises nothing new.
    post_form(
        hold,
        f"/my/practices/{zeeland.id}/status",
        {"status": "published"},
        token_page="/my/practices",
    )
    assert len(session.exec(select(SearchAlert)).all()) == 1

    with smtp_server() as (port, received):
        with app.app_context():
            outbox.deliver_pending(
                session=session,
                transport=outbox.SMTPTransport("127.0.0.1", port),
                mail_from=app.config["MAIL_FROM"],
            )
    (mail,) = [m for m in received if m["To"] == candidate.email]
    assert mail["List-Unsubscribe"].strip() == f"<{mails[0].unsubscribe_url}>"
    assert mail["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    assert "Zeeuwse praktijken" in mail.get_body(("plain",)).get_content()


def test_one_click_unsubscribe_works_without_login_and_get_changes_nothing(
    client: FlaskClient, session: Session
) -> None:
    """GET shows a button (mail scanners open links); the RFC 8058 POST needs no session."""
    candidate = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=candidate)
    login(client, candidate.email)
    _save(client, province="Zeeland")
    client.get("/logout")
    search = session.exec(select(SavedSearch)).one()
    url = f"/searches/unsubscribe/{search.unsubscribe_token}"
    assert "data-unsubscribe" in client.get(url).get_data(as_text=True)
    session.refresh(search)
    assert search.emails_on
    done = client.post(url, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "data-unsubscribed" in done.get_data(as_text=True)
    session.refresh(search)
    assert not search.emails_on
    assert client.post("/searches/unsubscribe/not-a-real-token-at-all").status_code == 404


def test_hidden_listings_and_daily_digests(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """A daily search waits for its digest; a hidden listing is left out of it."""
    from matchmaker.domain.alerts import Frequency
    from matchmaker.services.alerts import sender

    candidate = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=candidate)
    login(client, candidate.email)
    _save(client, province="Zeeland", frequency="daily")
    first = create_practice(session, postcode="4331", name="Eerste")
    second = create_practice(session, postcode="4381", name="Tweede")
    with app.app_context():
        for p in (first, second):
            sender.raise_alerts(session=session, practice_id=p.id or 0)
    assert session.exec(select(OutboxMessage)).all() == []  # nothing at once
    post_form(client, f"/shortlist/{second.id}/hide", {"on": "1"}, token_page="/practices")
    with app.app_context():
        assert sender.send_digests(session=session, frequency=Frequency.DAILY) == 1
        (digest,) = session.exec(select(OutboxMessage)).all()
        assert digest.kind == "search_digest" and "Eerste" in digest.body_text
        assert "Tweede" not in digest.body_text
        # The same day again: nothing more.
        assert sender.send_digests(session=session, frequency=Frequency.DAILY) == 0


def test_searches_page_changes_and_deletes(client: FlaskClient, session: Session) -> None:
    """Frequency and email can be changed; a deleted search is gone; others' are 404."""
    candidate = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=candidate)
    login(client, candidate.email)
    _save(client, province="Zeeland", name="Z")
    search = session.exec(select(SavedSearch)).one()
    page = client.get("/searches").get_data(as_text=True)
    assert f'data-search="{search.id}"' in page and "province=Zeeland" in page
    post_form(client, f"/searches/{search.id}", {"frequency": "weekly"}, token_page="/searches")
    session.refresh(search)
    assert search.frequency == "weekly" and not search.emails_on
    other = app_client_for(client, session)
    assert (
        post_form(other, f"/searches/{search.id}/delete", {}, token_page="/searches").status_code
        == 404
    )
    post_form(client, f"/searches/{search.id}/delete", {}, token_page="/searches")
    assert session.exec(select(SavedSearch)).all() == []


def app_client_for(client: FlaskClient, session: Session) -> FlaskClient:
    """Another candidate, logged in on a client of its own."""
    other = client.application.test_client()
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user)
    login(other, user.email)
    return other


def test_bad_search_input_gets_a_message(client: FlaskClient, session: Session) -> None:
    """An unknown frequency is refused with a field message, and nothing is stored."""
    candidate = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=candidate)
    login(client, candidate.email)
    answer = _save(client, province="Zeeland", frequency="hourly")
    assert 'role="alert"' in answer.get_data(as_text=True)
    assert session.exec(select(SavedSearch)).all() == []


def test_practice_input_is_used(session: Session) -> None:
    """The factory's listing lies where its postcode says (guards the tests above)."""
    assert practice_input(postcode="4331").postcode == "4331"
    assert session.exec(select(Practice)).all() == []
