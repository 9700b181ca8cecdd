"""Hostile input at every route, as every role: never a 5xx (issue 11: one bounded input layer).

Each example sends the same hostile value set to every URL rule of the app — in the path, the
query string and the form — as anonymous visitor, holder, candidate, recruiter and admin.
Huge and negative numbers, Unicode digits, NUL, 100,000-character strings, emoji and RTL
marks must get a clear 4xx or an ordinary page, never a server error.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.web import forms as form_module
from tests.conftest import login
from tests.factories import (
    create_campaign,
    create_candidate,
    create_practice,
    create_recruiter,
    create_user,
)

HOSTILE_TEXT = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        [
            "²",
            "١٢٣",
            "9" * 400,
            "\x00",
            "a\x00b",
            "\u202erdtl",
            "😀" * 40,
            " 8302 ab ",
            "",
            "-1",
            "0",
            "1e308",
            "NaN",
            "inf",
            "2147483648",
            "9223372036854775808",
            "x" * 100_000,
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "../../etc/passwd",
            "2026-02-30",
            "31-12-99999",
            "0.0.0",
            "GM0171",
            "8302",
            "ja",
            "nee",
        ]
    ),
    st.text(max_size=40),
)
QUERY_NAMES = (
    "page",
    "per_page",
    "limit",
    "province",
    "gemeente",
    "form",
    "dispensing",
    "from",
    "until",
    "shortage",
    "q",
    "role",
    "action",
    "postcode",
    "home_postcode",
    "kind",
    "w_location",
    "w_housing",
    "w_shortage",
    "dimension",
    "next",
    "lang",
)
EXTRA_FORM_NAMES = (
    "practice_id",
    "candidate_id",
    "message",
    "status",
    "lang",
    "next",
    "emails",
    "kind",
    "regions",
    "note",
    "role",
    "present",
    "offer_id",
    "pos_1",
    "cand_1",
    "answer",
    "party",
    "accept",
    "code",
    "consent",
    "event_id",
)
ANY_CHOICES = re.compile(r"<any\(([^)]*)\):(\w+)>")
CONVERTER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def _form_names() -> list[str]:
    names = set(EXTRA_FORM_NAMES)
    for value in vars(form_module).values():
        unbound = getattr(value, "_unbound_fields", None)
        if unbound:
            names.update(name for name, _ in unbound)
    return sorted(names)


FORM_NAMES = _form_names()


def _path(rule: str, value: str, ident: int | None) -> str:
    """The rule with hostile path values; with ``ident``, real choices and a real id instead."""
    hostile = quote(value, safe="") or "x"

    def any_choice(match: re.Match[str]) -> str:
        options = [o.strip().strip("'\"") for o in match.group(1).split(",")]
        return options[0] if ident is not None else hostile

    def converter(match: re.Match[str]) -> str:
        return str(ident) if ident is not None and match.group(1) == "int" else hostile

    return CONVERTER.sub(converter, ANY_CHOICES.sub(any_choice, rule))


# Routes that end the session go last, so the others are reached logged in.
LAST = re.compile(r"/logout|/account/delete|/lock|/role|/two-factor/disable|/password$")


def _routes(app: Flask) -> list[tuple[str, set[str]]]:
    rules = [
        (rule.rule, set(rule.methods or ()) & {"GET", "POST"})
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not rule.rule.startswith("/api/v1/docs")
    ]
    return sorted(rules, key=lambda r: (bool(LAST.search(r[0])), r[0]))


def _client(app: Flask, session: Session, role: str | None) -> tuple[FlaskClient, int]:
    """A client logged in as ``role`` and the id of something that role owns."""
    client = app.test_client()
    if role is None:
        return client, 1
    if role == Role.RECRUITER:
        user = create_recruiter(session)
        ident = create_campaign(session, user).id
    else:
        user = create_user(session, Role(role))
        ident = user.id
    if role == Role.HOLDER:
        ident = create_practice(session, owner=user).id
    if role == Role.CANDIDATE:
        ident = create_candidate(session, user=user).id
    login(client, user.email)
    return client, int(ident or 1)


LONG = 1_000
LONG_FIELDS = 4  # a 100,000-character value goes into a few fields per route, in turn


def _fields(value: str, n: int) -> tuple[dict[str, str], dict[str, str]]:
    """Query and form values for the n-th route: all names, or a rotating few if long."""
    if len(value) <= LONG:
        return dict.fromkeys(QUERY_NAMES, value), dict.fromkeys(FORM_NAMES, value)
    pick = [(n * LONG_FIELDS + i) for i in range(LONG_FIELDS)]
    query = {QUERY_NAMES[i % len(QUERY_NAMES)]: value for i in pick}
    form = {FORM_NAMES[i % len(FORM_NAMES)]: value for i in pick}
    return query, form


def _hammer(
    client: FlaskClient, routes: list[tuple[str, set[str]]], value: str, ident: int
) -> list[str]:
    failures = []
    for n, (rule, methods) in enumerate(routes):
        query, form = _fields(value, n)
        for real in (ident, None):
            path = _path(rule, value, real)
            if "GET" in methods:
                code = client.get(path, query_string=query).status_code
                if code >= 500:
                    failures.append(f"GET {path[:80]} -> {code}")
            if "POST" in methods:
                code = client.post(path, data=form).status_code
                if code >= 500:
                    failures.append(f"POST {path[:80]} -> {code}")
    return failures


@pytest.mark.parametrize("role", [None, "holder", "candidate", "recruiter", "admin"])
@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=HOSTILE_TEXT)
@example(value="9" * 400)
@example(value="²")
@example(value="a\x00b")
@example(value="x" * 100_000)
@example(value="2147483648")
@example(value=" 8302 ab ")
def test_no_route_answers_5xx_to_hostile_input(
    app: Flask, session: Session, role: str | None, value: str
) -> None:
    """Every route, every role, hostile values in path, query and form: never a 5xx."""
    app.config["WTF_CSRF_ENABLED"] = False  # reach the form handling itself
    app.config["RATELIMIT_ENABLED"] = False
    client, ident = _client(app, session, role)
    failures = _hammer(client, _routes(app), value, ident)
    assert failures == [], (repr(value)[:60], failures[:10])


def test_fuzz_covers_every_route(app: Flask) -> None:
    """The fuzz test reaches every rule (a new route is fuzzed without further work)."""
    routes = _routes(app)
    assert len(routes) > 80
    assert any(rule.startswith("/admin") for rule, _ in routes)
    assert _path("/x/<int:id>/<any(a, b):what>", "²", 7) == "/x/7/a"
    assert _path("/x/<int:id>/<any(a, b):what>", "²", None) == "/x/%C2%B2/%C2%B2"
