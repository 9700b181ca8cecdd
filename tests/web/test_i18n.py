"""Dutch first, English on request; every message translated."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale
from sqlmodel import Session

from matchmaker.domain.errors import Code, DomainError, Issue
from matchmaker.services import accounts
from matchmaker.web.labels import issue_text
from tests.conftest import csrf_token, login
from tests.factories import create_user

ROOT = Path(__file__).resolve().parents[2]


def test_dutch_is_the_default(client: FlaskClient) -> None:
    """A first visit is in Dutch."""
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in html and "Praktijken" in html


def test_switch_to_english_and_back(client: FlaskClient) -> None:
    """The language buttons switch the interface and return to the same page."""
    token = csrf_token(client, "/practices")
    response = client.post(
        "/language", data={"lang": "en", "next": "/practices?province=Zeeland", "csrf_token": token}
    )
    assert response.headers["Location"] == "/practices?province=Zeeland"
    html = client.get("/practices").get_data(as_text=True)
    assert '<html lang="en">' in html and "Practices looking for a successor" in html
    client.post(
        "/language", data={"lang": "nl", "next": "https://evil.example", "csrf_token": token}
    )
    assert "Praktijken die een opvolger zoeken" in client.get("/practices").get_data(as_text=True)


def test_language_choice_is_remembered_on_the_account(app, session: Session) -> None:
    """A logged-in user's choice follows them to a new browser."""
    user = create_user(session)
    first = app.test_client()
    login(first, user.email)
    first.post("/language", data={"lang": "en", "next": "/", "csrf_token": csrf_token(first, "/")})
    session.refresh(user)
    assert user.locale == "en"
    second = app.test_client()
    login(second, user.email)
    assert '<html lang="en">' in second.get("/").get_data(as_text=True)
    assert accounts.find_user(session=session, email=user.email).locale == "en"


def test_every_message_has_a_dutch_translation() -> None:
    """Extracting messages from code and templates finds none untranslated in nl."""
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "N_": (1, 2)}
    method_map = [
        ("matchmaker/**.py", "python"),
        ("templates/**.html", "jinja2"),
        ("templates/**.txt", "jinja2"),
    ]
    wanted = {
        msg[2] if isinstance(msg[2], str) else msg[2][0]
        for msg in extract_from_dir(str(ROOT), method_map, keywords=keywords)
    }
    with (ROOT / "translations/nl/LC_MESSAGES/messages.po").open("rb") as fh:
        nl = read_po(fh)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in nl
        if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    assert len(wanted) > 250
    assert sorted(wanted - translated) == []


def test_every_issue_code_has_a_dutch_and_an_english_message(app: Flask) -> None:
    """No refusal reaches a user as a bare code or as the developer's English text."""
    with app.test_request_context():
        for code in Code:
            issue = Issue("field", code, "developer text", "XYZ")
            with force_locale("en"):
                english = issue_text(issue)
            with force_locale("nl"):
                dutch = issue_text(issue)
            assert english != "developer text", code
            assert dutch != english, f"{code} has no Dutch message"
            assert "%(" not in dutch and "%(" not in english


def test_a_refused_value_is_named_in_the_message(app: Flask) -> None:
    with app.test_request_context(), force_locale("nl"):
        text = issue_text(Issue("emails", Code.NOT_AN_EMAIL, "x", "anna@"))
    assert text == "anna@ is geen e-mailadres."


def test_a_domain_error_always_names_an_issue() -> None:
    with pytest.raises(ValueError):
        DomainError([])


def test_the_catalogue_compiles_without_placeholder_errors() -> None:
    """A bare % in a message makes pybabel refuse the catalogue, and `make test` with it."""
    with (ROOT / "translations/nl/LC_MESSAGES/messages.po").open("rb") as fh:
        nl = read_po(fh)
    problems = [(m.id, [str(e) for e in errors]) for m, errors in nl.check() if errors]
    assert problems == []
