"""Request ids, JSON log lines without personal data, /metrics behind a token, Sentry scrubbing."""

from __future__ import annotations

import json
import logging

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker import logs
from matchmaker.domain.roles import Role
from tests.conftest import login
from tests.factories import create_user


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logs.JSONFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def test_every_answer_has_a_request_id_and_a_json_log_line(
    client: FlaskClient, session: Session
) -> None:
    """A sane incoming id is kept, a strange one replaced; the log names the route's pattern,
    never the path (with its token) or the person."""
    handler = _Lines()
    logger = logging.getLogger("matchmaker.requests")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        user = create_user(session, Role.CANDIDATE, email="fenna.privé@example.org")
        login(client, user.email)
        kept = client.get("/practices", headers={"X-Request-ID": "abc12345-proxy"})
        assert kept.headers["X-Request-ID"] == "abc12345-proxy"
        odd = client.get("/practices", headers={"X-Request-ID": "<script>"})
        assert odd.headers["X-Request-ID"] != "<script>" and len(odd.headers["X-Request-ID"]) == 32
        client.get("/calendar/secret-token-that-must-not-be-logged-0123456789.ics")
    finally:
        logger.removeHandler(handler)
    records = [json.loads(line) for line in handler.lines]
    routes = {r["route"] for r in records}
    assert "/practices" in routes and "/calendar/<token>.ics" in routes
    text = "\n".join(handler.lines)
    assert "secret-token" not in text and "fenna" not in text and "example.org" not in text
    assert all({"ts", "level", "request_id", "status", "ms"} <= set(r) for r in records)


def test_error_pages_show_the_request_id(client: FlaskClient) -> None:
    """A 404 page quotes the code a user can give the helpdesk; the API answers it as JSON."""
    page = client.get("/practices/999999", headers={"X-Request-ID": "helpdesk-code-42"})
    assert page.status_code == 404 and "helpdesk-cod" in page.get_data(as_text=True)
    api = client.get("/api/v1/practices/999999", headers={"X-Request-ID": "helpdesk-code-43"})
    assert api.get_json()["request_id"] == "helpdesk-code-43"


def test_metrics_need_the_token(app: Flask, client: FlaskClient) -> None:
    """No token configured: 404; a wrong one: 404; the right one: Prometheus text."""
    assert client.get("/metrics").status_code == 404
    app.config["METRICS_TOKEN"] = "t0ken-for-scraping"
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    client.get("/practices")
    body = client.get("/metrics", headers={"Authorization": "Bearer t0ken-for-scraping"})
    text = body.get_data(as_text=True)
    assert body.status_code == 200 and "matchmaker_request_seconds_bucket" in text
    assert 'matchmaker_outbox_messages{status="failed"}' in text
    assert "matchmaker_task_queue_depth" in text


def test_sentry_events_lose_personal_data() -> None:
    """User reduced to an id; no body, cookies, query string, local variables or breadcrumbs."""
    event = {
        "user": {"id": "7", "email": "a@b.nl", "username": "Anna"},
        "request": {
            "url": "https://x/practices",
            "data": {"password": "p"},
            "cookies": "session=1",
            "query_string": "email=a@b.nl",
            "headers": {"User-Agent": "UA", "Cookie": "s=1", "Authorization": "Bearer x"},
            "env": {"REMOTE_ADDR": "1.2.3.4"},
        },
        "exception": {"values": [{"stacktrace": {"frames": [{"vars": {"email": "a@b.nl"}}]}}]},
        "breadcrumbs": {"values": [{"message": "a@b.nl"}]},
    }
    clean = logs.scrub_event(event)
    assert clean["user"] == {"id": "7"}
    assert "a@b.nl" not in json.dumps(clean) and "1.2.3.4" not in json.dumps(clean)
    assert clean["request"]["headers"] == {"User-Agent": "UA"}


def test_sentry_events_keep_route_patterns_not_tokens() -> None:
    """Issue 30: the request URL (with reset, calendar and unsubscribe tokens), exception
    messages, ``extra`` and log arguments never leave; the route's pattern does."""
    token = "Zu71H7zsB62pNm9la4S4lKUe93kdcgQv"
    event = {
        "transaction": "/calendar/<token>.ics",
        "request": {"url": f"https://x/calendar/{token}.ics", "method": "GET"},
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": f"bad token {token} for anna@b.nl",
                    "stacktrace": {},
                }
            ]
        },
        "extra": {"sys.argv": ["matchmaker", token]},
        "logentry": {"message": "reset for %s", "params": ["anna@b.nl"], "formatted": "x"},
        "contexts": {"trace": {"trace_id": "1"}, "flask": {"url": token}},
    }
    clean = logs.scrub_event(event)
    text = json.dumps(clean)
    assert token not in text and "anna@b.nl" not in text
    assert clean["request"] == {"method": "GET", "url": "/calendar/<token>.ics"}
    assert clean["exception"]["values"][0]["type"] == "ValueError"
    assert clean["logentry"] == {"message": "reset for %s"} and "extra" not in clean
    assert clean["contexts"] == {"trace": {"trace_id": "1"}}


def test_sentry_reports_route_patterns() -> None:
    """The Flask integration names transactions by route pattern, which scrub_event keeps."""
    import sentry_sdk

    assert logs.init_sentry("https://key@127.0.0.1/1")
    try:
        flask = sentry_sdk.get_client().options["integrations"]
        styles = [getattr(i, "transaction_style", None) for i in flask]
        assert "url" in styles
    finally:
        sentry_sdk.init()  # no DSN: reporting off again
