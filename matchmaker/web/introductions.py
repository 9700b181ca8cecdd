"""Introductions: express interest, answer, move forward; the inbox of both sides."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.bounds import parse_int
from matchmaker.domain.errors import DomainError
from matchmaker.domain.introductions import IntroStatus, next_steps
from matchmaker.domain.roles import Role
from matchmaker.extensions import htmx, limiter
from matchmaker.services import audit, introductions
from matchmaker.web.helpers import issue_message, role_required
from matchmaker.web.helpers import session as db_session

bp = Blueprint("introductions", __name__)


def _user_key() -> str:
    return f"interest:{current_user.get_id()}"


def _interest_limit() -> str:
    return str(current_app.config["INTEREST_RATE_LIMIT"])


def _int(name: str) -> int | None:
    return parse_int(request.form.get(name, ""))


@bp.get("")
@role_required(Role.CANDIDATE, Role.HOLDER)
def index() -> str:
    """Requests received and sent, with contact details once both agreed."""
    views = introductions.for_user(session=db_session(), user=current_user)
    shown = [str(v.intro.id) for v in views if v.contact]
    if shown:
        audit.record(
            session=db_session(),
            actor=current_user,
            action=audit.Action.VIEW_CONTACTS,
            detail="introductions " + ",".join(shown)[:280],
        )
    return render_template(
        "introductions/index.html",
        views=views,
        next_steps=next_steps,
        withdrawn=IntroStatus.WITHDRAWN,
    )


@bp.post("")
@role_required(Role.CANDIDATE, Role.HOLDER)
@limiter.limit(_interest_limit, key_func=_user_key)
def create() -> Response | str:
    """Express interest in a practice (candidates) or a candidate (holders)."""
    practice_id = _int("practice_id") or 0
    try:
        introductions.express_interest(
            session=db_session(),
            user=current_user,
            practice_id=practice_id,
            candidate_id=_int("candidate_id"),
            message=request.form.get("message", ""),
        )
    except DomainError as exc:
        message, ok = issue_message(exc), False
    else:
        message, ok = _("Your request has been sent. You will hear when it is answered."), True
    if htmx:
        return render_template("introductions/_sent.html", message=message, ok=ok)
    flash(message, "success" if ok else "error")
    return redirect(
        request.referrer if _local(request.referrer) else url_for("introductions.index")
    )


def _local(url: str | None) -> bool:
    return bool(url) and url.startswith(request.host_url)  # type: ignore[union-attr]


@bp.post("/<int:intro_id>/<any(accept, decline):answer>")
@role_required(Role.CANDIDATE, Role.HOLDER)
def respond(intro_id: int, answer: str) -> Response:
    """Accept or decline a request addressed to you."""
    try:
        introductions.respond(
            session=db_session(), user=current_user, intro_id=intro_id, accept=answer == "accept"
        )
    except DomainError as exc:
        flash(issue_message(exc), "error")
    else:
        flash(
            _("Introduction accepted: you can now see each other's details.")
            if answer == "accept"
            else _("Request declined."),
            "success",
        )
    return redirect(url_for("introductions.index", _anchor=f"intro-{intro_id}"))


@bp.post("/<int:intro_id>/status")
@role_required(Role.CANDIDATE, Role.HOLDER)
def status(intro_id: int) -> Response:
    """Record the next step (meeting, trial day, negotiation, agreement, settled) or withdraw."""
    try:
        introductions.move(
            session=db_session(),
            user=current_user,
            intro_id=intro_id,
            status=request.form.get("status", ""),
            reason=request.form.get("reason", "")[:300],
        )
    except DomainError as exc:
        flash(issue_message(exc), "error")
    else:
        flash(_("The introduction has been updated."), "success")
    return redirect(url_for("introductions.index", _anchor=f"intro-{intro_id}"))
