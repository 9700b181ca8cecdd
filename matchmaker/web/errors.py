"""Error pages (HTML) and error answers (JSON under /api)."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import (
    DisconnectionError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError
from werkzeug.wrappers import Response

from matchmaker.domain.errors import NotFound
from matchmaker.extensions import db

log = logging.getLogger(__name__)

TITLES = {
    400: _l("Bad request"),
    401: _l("Please log in"),
    403: _l("No access"),
    404: _l("Not found"),
    405: _l("Method not allowed"),
    413: _l("File too large"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
    503: _l("Back in a moment"),
}
EXPLANATIONS = {
    400: _l("The form was expired or incomplete. Go back, reload the page and try again."),
    403: _l("Your account does not give access to this page."),
    404: _l("This page does not exist, or it is not yours to see."),
    413: _l("What you sent is larger than 10 MB. Split the file, or leave out what is not needed."),
    429: _l("Too many attempts in a short time. Wait a minute and try again."),
    500: _l("We have been told about it. Go back and try again; what you saved before is safe."),
    503: _l(
        "matchmaker cannot reach its database just now. Nothing was lost: try again in a minute."
    ),
}
RETRY_AFTER_SECONDS = 30
# Errors that mean the database is out of reach (stopped, restarting, locked too long).
UNAVAILABLE = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)


API_ERRORS = {
    400: "bad request",
    401: "authentication required",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    413: "request too large",
    429: "too many requests",
    500: "internal error",
    503: "service unavailable",
}


def _answer(code: int, description: str | None = None) -> tuple[Response | str, int]:
    if code >= 500:
        _forget_the_database()
    if request.path.startswith("/api/") or request.path == "/healthz":
        return jsonify(error=API_ERRORS.get(code, "error"), request_id=g.get("request_id")), code
    body = render_template(
        "errors/error.html",
        code=code,
        title=TITLES.get(code, TITLES[500]),
        explanation=EXPLANATIONS.get(code, description or ""),
    )
    return body, code


def _forget_the_database() -> None:
    """Make the error page independent of the database: roll back, show it anonymously."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        pass
    g._login_user = AnonymousUserMixin()  # Flask-Login's cache: no user lookup for this page


def register(app: Flask) -> None:
    """Install the error handlers on ``app``."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response | str, int, list[tuple[str, str]]]:
        # The exception's own headers go along (Allow on 405, WWW-Authenticate, Retry-After);
        # the body and its type are ours.
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        return (*_answer(exc.code or 500), headers)

    @app.errorhandler(SecurityError)
    def untrusted_host(_exc: SecurityError) -> tuple[str, int, dict[str, str]]:
        # No template: without a trusted host no URL can be built for the page.
        return "400 Bad Request: unknown host", 400, {"Content-Type": "text/plain"}

    @app.errorhandler(CSRFError)
    def csrf_error(_exc: CSRFError) -> tuple[Response | str, int]:
        return _answer(400)

    def unavailable(exc: Exception) -> tuple[Response | str, int, dict[str, str]]:
        log.warning("database unavailable: %s", type(exc).__name__)
        body, code = _answer(503)
        return body, code, {"Retry-After": str(RETRY_AFTER_SECONDS)}

    for kind in UNAVAILABLE:
        app.register_error_handler(kind, unavailable)

    @app.errorhandler(InternalServerError)
    def internal(_exc: InternalServerError) -> tuple[Response | str, int]:
        return _answer(500)

    @app.errorhandler(NotFound)
    def not_found(_exc: NotFound) -> tuple[Response | str, int]:
        return _answer(404)
