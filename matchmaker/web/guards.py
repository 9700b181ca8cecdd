"""Request guards every route shares: bounded ids, no NUL bytes, no caching of personal pages."""

from __future__ import annotations

from flask import Flask, abort, g, request
from flask_login import current_user
from werkzeug.routing import IntegerConverter
from werkzeug.wrappers import Response

from matchmaker.db import reset_write_intent, set_write_intent
from matchmaker.domain.bounds import INT32_MAX, has_nul
from matchmaker.web.helpers import add_vary_header

# Pages that show a person's data to whoever holds the link in the URL.
TOKEN_ENDPOINTS = frozenset(
    {"auth.activate", "auth.verify_email", "auth.reset_password", "campaign_invites.join"}
)


# GET pages that write (an audit entry, a confirmed address): they take the write lock at once.
WRITING_GETS = frozenset(
    {
        "auth.export",
        "recruiter.export",
        "recruiter.export_pipeline",
        "campaigns.export",
        "campaigns.round_csv",
        "campaigns.signups_csv",
        "introductions.index",
    }
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _declare_write_intent() -> None:
    """SQLite: requests that write begin their transaction holding the write lock."""
    writes = request.method not in SAFE_METHODS or request.endpoint in WRITING_GETS
    g.write_intent_token = set_write_intent(writes)


def _end_write_intent(_exc: BaseException | None) -> None:
    token = g.pop("write_intent_token", None)
    if token is not None:
        reset_write_intent(token)


class BoundedIntConverter(IntegerConverter):
    """``<int:id>`` that only matches ASCII numbers an id column can hold (others are 404).

    Werkzeug's own pattern is ``\\d+``, which also matches other scripts' digits ("１").
    """

    regex = r"[0-9]+"

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", INT32_MAX)
        super().__init__(map, *args, **kwargs)


def _refuse_nul() -> None:
    """Text with NUL bytes cannot be stored (PostgreSQL) and is never meant: 400."""
    if has_nul(request.path) or any(has_nul(v) for v in request.args.values()):
        abort(400)
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        if any(has_nul(k) or has_nul(v) for k, v in request.form.items(multi=True)):
            abort(400)


def _no_store(response: Response) -> Response:
    """Personal pages, exports and /api/v1/me* are never kept by browsers or proxies."""
    personal = (
        request.path.startswith("/api/v1/me")
        or request.endpoint in TOKEN_ENDPOINTS
        or (request.endpoint != "static" and current_user.is_authenticated)
    )
    if personal:
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("ETag", None)
    return response


def install_converters(app: Flask) -> None:
    """Replace the ``int`` route converter before any blueprint is registered."""
    app.url_map.converters["int"] = BoundedIntConverter


def register(app: Flask) -> None:
    """Install the guards on ``app``."""
    app.before_request(_declare_write_intent)
    app.teardown_request(_end_write_intent)
    app.before_request(_refuse_nul)
    app.after_request(_no_store)
    app.after_request(add_vary_header)
