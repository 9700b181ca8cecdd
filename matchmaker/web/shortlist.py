"""The shortlist: stars and hides on listings, a holder's stars on candidates, comparing."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.bounds import parse_int, safe_local_path
from matchmaker.domain.errors import DomainError
from matchmaker.domain.roles import Role
from matchmaker.domain.shortage import SHORTAGE_REGION
from matchmaker.domain.shortlist import MAX_COMPARE, MAX_SAVED, Mark
from matchmaker.extensions import htmx
from matchmaker.services import practices
from matchmaker.services.shortlist import interest as interest_service
from matchmaker.services.shortlist import marks, pages
from matchmaker.services.shortlist.interest import Interest
from matchmaker.web.forms import EmptyForm
from matchmaker.web.helpers import issue_message, role_required
from matchmaker.web.helpers import session as db_session
from matchmaker.web.presenters import match_item
from matchmaker.web.reasons import component_labels

bp = Blueprint("shortlist", __name__)
MAX_ID = 2**31 - 1


def _back(default: str) -> Response:
    return redirect(safe_local_path(request.form.get("next")) or default)


def _on() -> bool:
    return request.form.get("on", "1") == "1"


@bp.get("")
@role_required(Role.CANDIDATE, Role.HOLDER)
def index() -> str:
    """The candidate's starred and hidden listings; a holder's starred candidates."""
    if current_user.role == Role.HOLDER:
        return render_template(
            "shortlist/holder.html",
            starred=pages.holder_shortlist(session=db_session(), user=current_user),
        )
    view = pages.shortlist(session=db_session(), user=current_user)
    return render_template(
        "shortlist/index.html",
        view=view,
        items={c.practice.id: match_item(c.match) for c in view.columns if c.match},
        max_saved=MAX_SAVED,
        max_compare=MAX_COMPARE,
    )


@bp.get("/compare")
@role_required(Role.CANDIDATE)
def compare() -> str:
    """Up to three starred listings side by side."""
    ids = [i for i in (parse_int(v, lo=1, hi=MAX_ID) for v in request.args.getlist("id")) if i]
    view = pages.compare(session=db_session(), user=current_user, requested=ids[:MAX_SAVED])
    return render_template(
        "shortlist/compare.html",
        view=view,
        items={c.practice.id: match_item(c.match) for c in view.columns if c.match},
        labels=component_labels(),
        shortage_threshold=SHORTAGE_REGION,
        max_compare=MAX_COMPARE,
    )


def _mark(practice_id: int, kind: Mark, template: str, **context: Any) -> str | Response:
    if not EmptyForm().validate_on_submit():
        abort(400)
    error = None
    try:
        state = marks.set_mark(
            session=db_session(), user=current_user, practice_id=practice_id, kind=kind, on=_on()
        )
    except DomainError as exc:
        state, error = False, issue_message(exc)
    if htmx:
        return render_template(template, practice_id=practice_id, on=state, error=error, **context)
    return _back(url_for("practices.detail", practice_id=practice_id))


@bp.post("/<int:practice_id>/star")
@role_required(Role.CANDIDATE)
def star(practice_id: int) -> str | Response:
    """Star a listing or take the star away (htmx answers with the button)."""
    return _mark(practice_id, Mark.SAVED, "shortlist/_star.html")


@bp.post("/<int:practice_id>/hide")
@role_required(Role.CANDIDATE)
def hide(practice_id: int) -> str | Response:
    """'Niet meer tonen', or undo it (htmx answers with the notice and its undo button)."""
    if htmx and not _on():  # undone in place: the listing is named again
        practice = practices.get_public(session=db_session(), practice_id=practice_id)
        return _mark(practice_id, Mark.HIDDEN, "shortlist/_restored.html", p=practice)
    return _mark(practice_id, Mark.HIDDEN, "shortlist/_hidden.html")


def _interest_answer(done: Interest, **ids: int) -> str | Response:
    if htmx:
        return render_template(
            "shortlist/_interest.html", on=done.on, introduced=done.introduced, **ids
        )
    if done.introduced:
        flash(_("You both marked interest: your introduction is made."), "success")
        return redirect(url_for("introductions.index"))
    return _back(url_for("matches.index"))


def _interest_refused(exc: DomainError, **ids: int) -> str | Response:
    if htmx:
        return render_template(
            "shortlist/_interest.html", on=False, introduced=False, error=issue_message(exc), **ids
        )
    flash(issue_message(exc), "error")
    return _back(url_for("matches.index"))


@bp.post("/<int:practice_id>/interest")
@role_required(Role.CANDIDATE)
def interest(practice_id: int) -> str | Response:
    """'Interesse' in a listing; when its holder marked interest in you too, you are introduced."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        done = interest_service.candidate_interest(
            session=db_session(), user=current_user, practice_id=practice_id, on=_on()
        )
    except DomainError as exc:
        return _interest_refused(exc, practice_id=practice_id, candidate_id=0)
    return _interest_answer(done, practice_id=practice_id, candidate_id=0)


@bp.post("/candidates/<int:practice_id>/<int:candidate_id>/interest")
@role_required(Role.HOLDER)
def candidate_interest(practice_id: int, candidate_id: int) -> str | Response:
    """A holder's 'Interesse' in a candidate for one listing."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        done = interest_service.holder_interest(
            session=db_session(),
            holder=current_user,
            practice_id=practice_id,
            candidate_id=candidate_id,
            on=_on(),
        )
    except DomainError as exc:
        return _interest_refused(exc, practice_id=practice_id, candidate_id=candidate_id)
    return _interest_answer(done, practice_id=practice_id, candidate_id=candidate_id)


@bp.post("/candidates/<int:practice_id>/<int:candidate_id>/star")
@role_required(Role.HOLDER)
def star_candidate(practice_id: int, candidate_id: int) -> str | Response:
    """A holder stars a candidate on the ranked list of one of their listings."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    state = pages.star_candidate(
        session=db_session(),
        holder=current_user,
        practice_id=practice_id,
        candidate_id=candidate_id,
        on=_on(),
    )
    if htmx:
        return render_template(
            "shortlist/_star_candidate.html",
            practice_id=practice_id,
            candidate_id=candidate_id,
            on=state,
        )
    return _back(url_for("matches.index"))
