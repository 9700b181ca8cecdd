"""The account page: export and delete through the web."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.models import User
from tests.conftest import login, post_form
from tests.factories import PASSWORD, create_candidate, create_user


def test_export_downloads_json(client: FlaskClient, session: Session) -> None:
    """The download is a JSON attachment with the user's own profile."""
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user, display_name="Export Persoon")
    login(client, user.email)
    response = client.get("/account/export")
    assert response.is_json
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.get_json()["candidate_profile"]["display_name"] == "Export Persoon"


def test_delete_through_form(client: FlaskClient, session: Session) -> None:
    """A wrong password keeps the account; the right one deletes it and logs out."""
    user = create_user(session, Role.HOLDER)
    user_id = user.id
    login(client, user.email)
    wrong = post_form(client, "/account/delete", {"password": "nope"}, token_page="/account")
    assert "E-mailadres of wachtwoord klopt niet." in wrong.get_data(as_text=True)
    assert session.get(User, user_id) is not None
    done = post_form(client, "/account/delete", {"password": PASSWORD}, token_page="/account")
    assert done.status_code == 302 and done.headers["Location"] == "/"
    session.expire_all()
    assert session.get(User, user_id) is None
    assert client.get("/api/v1/me").status_code == 401


def test_account_pages_need_login(client: FlaskClient) -> None:
    """Anonymous visitors are sent to the login form."""
    for path in ("/account", "/account/export"):
        assert client.get(path).headers["Location"].startswith("/login")
