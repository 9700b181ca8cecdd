"""The notification centre in the browser: the bell, the list, opening, preferences."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.models import User
from matchmaker.services import inbox
from tests.conftest import login, post_form
from tests.factories import create_user


def _tell(app: Flask, session: Session, user: User, n: int = 1) -> None:
    with app.app_context():
        for i in range(n):
            inbox.tell(
                session=session,
                to=user,
                kind="intro_accepted",
                link="/introductions",
                title=f"P{i}",
            )
        session.commit()


def test_the_bell_counts_and_opening_goes_where_to_act(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    user = create_user(session, Role.CANDIDATE)
    _tell(app, session, user, 2)
    login(client, user.email)
    page = client.get("/notifications").get_data(as_text=True)
    assert 'data-unread="2"' in page and "Meldingen: 2 ongelezen" in page
    assert page.count('class="notification unread"') == 2
    assert "Uw verzoek om kennismaking is geaccepteerd: P0" in page
    first = inbox.page(session=session, user=user).items[0]
    opened = client.get(f"/notifications/{first.id}")
    assert opened.status_code == 302 and opened.headers["Location"] == "/introductions"
    assert 'data-unread="1"' in client.get("/").get_data(as_text=True)
    post_form(client, "/notifications/read", {}, token_page="/notifications")
    assert 'data-unread="0"' in client.get("/").get_data(as_text=True)


def test_nobody_opens_someone_elses_notification(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    owner, other = create_user(session, Role.HOLDER), create_user(session, Role.HOLDER)
    _tell(app, session, owner)
    note = inbox.page(session=session, user=owner).items[0]
    assert client.get(f"/notifications/{note.id}").status_code == 302  # to the login page
    login(client, other.email)
    assert client.get(f"/notifications/{note.id}").status_code == 404
    assert "geaccepteerd: P0" not in client.get("/notifications").get_data(as_text=True)
    assert inbox.unread_count(session=session, user=owner) == 1


def test_preferences_switch_channels_per_kind(client: FlaskClient, session: Session) -> None:
    user = create_user(session, Role.HOLDER)
    login(client, user.email)
    page = client.get("/notifications/preferences").get_data(as_text=True)
    assert 'value="email:intro_requested" checked' in page
    assert 'value="email:event_changed"' in page  # event emails follow this setting (issue 24)
    keep = ["app:intro_requested", "email:round_proposal"]
    post_form(client, "/notifications/preferences", {"on": keep})
    session.refresh(user)
    prefs = inbox.preferences(user)
    assert prefs["intro_requested"] == {"app": True, "email": False}
    assert prefs["round_proposal"] == {"app": False, "email": True}
    assert 'value="email:intro_requested" checked' not in client.get(
        "/notifications/preferences"
    ).get_data(as_text=True)
