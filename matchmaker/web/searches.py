"""Saved searches: keep the filters of /practices or /matches, manage them, unsubscribe."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from matchmaker.domain.alerts import MAX_DISTANCE_KM, MAX_SEARCHES, Criteria, Frequency
from matchmaker.domain.bounds import MAX_EUROS, parse_int
from matchmaker.domain.errors import DomainError
from matchmaker.domain.practice import PracticeForm
from matchmaker.domain.roles import Role
from matchmaker.extensions import csrf, htmx
from matchmaker.models import SavedSearch
from matchmaker.services.alerts import searches
from matchmaker.web.forms import EmptyForm
from matchmaker.web.helpers import issue_message, practice_filters, role_required
from matchmaker.web.helpers import session as db_session
from matchmaker.web.labels import FORM_LABELS
from matchmaker.web.matches import weights_from

bp = Blueprint("searches", __name__)
FORMS = {str(f) for f in PracticeForm}


def criteria_from(form: MultiDict[str, str]) -> Criteria:
    """The filters of the list the search was saved on, and the save form's extra conditions."""
    filters = practice_filters(form)
    return Criteria(
        province=filters.province,
        gemeentecode=filters.gemeentecode,
        form=filters.form,
        dispensing=filters.dispensing,
        window_from=filters.window_from,
        window_until=filters.window_until,
        shortage_only=filters.shortage_only,
        with_house=form.get("with_house") == "1",
        max_goodwill=parse_int(form.get("max_goodwill", ""), hi=MAX_EUROS),
        max_distance_km=parse_int(form.get("max_distance_km", ""), lo=1, hi=MAX_DISTANCE_KM),
        min_score=parse_int(form.get("min_score", ""), hi=100),
    )


def describe(criteria: Criteria) -> str:
    """A short name for a search nobody named: what it filters on."""
    parts = [
        criteria.province or "",
        str(FORM_LABELS[PracticeForm(criteria.form)]) if criteria.form in FORMS else "",
        _("within %(km)d km", km=criteria.max_distance_km) if criteria.max_distance_km else "",
        _("shortage regions") if criteria.shortage_only else "",
    ]
    return ", ".join(p for p in parts if p) or _("All practices")


def query_args(search: SavedSearch) -> dict[str, str]:
    """The list's query string that shows what the search asks (the inverse of saving)."""
    c = Criteria.from_json(search.criteria)
    args = {
        "province": c.province or "",
        "gemeente": c.gemeentecode or "",
        "form": c.form or "",
        "dispensing": {True: "yes", False: "no", None: ""}[c.dispensing],
        "from": str(c.window_from.year) if c.window_from else "",
        "until": str(c.window_until.year) if c.window_until else "",
        "shortage": "1" if c.shortage_only else "",
    }
    args |= {f"w_{k}": str(v) for k, v in search.weights.items()}
    return {k: v for k, v in args.items() if v}


@bp.get("")
@role_required(Role.CANDIDATE)
def index() -> str:
    """The person's saved searches with their email frequency."""
    return render_template(
        "searches/index.html",
        searches=searches.of_user(session=db_session(), user=current_user),
        search_args=query_args,
        frequencies=list(Frequency),
        max_searches=MAX_SEARCHES,
        form=EmptyForm(),
    )


@bp.post("")
@role_required(Role.CANDIDATE)
def create() -> str | Response:
    """Save the current search (htmx answers in place)."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    criteria = criteria_from(request.form)
    scope = request.form.get("scope", "")
    try:
        search = searches.save(
            session=db_session(),
            user=current_user,
            scope=scope,
            criteria=criteria,
            frequency=request.form.get("frequency", ""),
            name=request.form.get("name", "").strip()[:120] or describe(criteria),
            weights=weights_from(request.form) if scope == "matches" else None,
        )
    except DomainError as exc:
        if htmx:
            return render_template(
                "searches/_save.html", scope=scope, args=request.form, error=issue_message(exc)
            )
        flash(issue_message(exc), "error")
        return redirect(url_for("searches.index"))
    if htmx:
        return render_template("searches/_saved.html", search=search)
    flash(_("Search saved: %(name)s.", name=search.name), "success")
    return redirect(url_for("searches.index"))


@bp.post("/<int:search_id>")
@role_required(Role.CANDIDATE)
def change(search_id: int) -> Response:
    """Another frequency, or email on or off."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        searches.change(
            session=db_session(),
            user=current_user,
            search_id=search_id,
            frequency=request.form.get("frequency", ""),
            emails_on=request.form.get("emails_on") == "1",
        )
        flash(_("Your search has been updated."), "success")
    except DomainError as exc:
        flash(issue_message(exc), "error")
    return redirect(url_for("searches.index"))


@bp.post("/<int:search_id>/delete")
@role_required(Role.CANDIDATE)
def delete(search_id: int) -> Response:
    """Forget a search."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    searches.delete(session=db_session(), user=current_user, search_id=search_id)
    flash(_("The search has been deleted."), "success")
    return redirect(url_for("searches.index"))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: the mail app posts "List-Unsubscribe=One-Click" without a session
def unsubscribe(token: str) -> str:
    """Stop a search's emails without logging in: a page with one button, or one POST."""
    session = db_session()
    if request.method == "POST":
        search = searches.unsubscribe(session=session, token=token[:64])
        return render_template("searches/unsubscribed.html", search=search)
    return render_template(
        "searches/unsubscribe.html", search=searches.by_token(session=session, token=token[:64])
    )
