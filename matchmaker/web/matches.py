"""Browsing matches: ranked practices for candidates, ranked candidates for holders."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from matchmaker import metrics
from matchmaker.domain.bounds import parse_int
from matchmaker.domain.roles import Role
from matchmaker.domain.scoring import COMPONENTS, MAX_WEIGHT
from matchmaker.domain.shortage import SHORTAGE_REGION
from matchmaker.extensions import htmx
from matchmaker.services import candidates, matching, practices
from matchmaker.services.matching import MatchPage
from matchmaker.web.forms import EmptyForm
from matchmaker.web.helpers import filter_options, practice_filters, render, role_required
from matchmaker.web.helpers import session as db_session
from matchmaker.web.presenters import match_list
from matchmaker.web.reasons import component_labels

bp = Blueprint("matches", __name__)


def weights_from(args: MultiDict[str, str]) -> dict[str, int] | None:
    """Slider values ``w_<component>`` from a query string; None when none were sent."""
    sent = {name: parse_int(args.get(f"w_{name}", ""), hi=MAX_WEIGHT) for name in COMPONENTS}
    if all(v is None for v in sent.values()):
        return None
    return {k: v for k, v in sent.items() if v is not None}


def my_matches(limit: int, args: MultiDict[str, str] | None = None) -> MatchPage:
    """The current user's matches, by role (403 for roles without matches)."""
    args = args if args is not None else request.args
    session = db_session()
    if current_user.role == Role.CANDIDATE:
        with metrics.MATCH_SECONDS.labels("candidate").time():
            return matching.for_candidate(
                session=session,
                profile=candidates.get_profile(session=session, user=current_user),
                limit=limit,
                filters=practice_filters(args),
                weights=weights_from(args),
            )
    if current_user.role == Role.HOLDER:
        with metrics.MATCH_SECONDS.labels("holder").time():
            owned = practices.list_owned(session=session, owner=current_user)
            return matching.for_holder(session=session, practices=owned, limit=limit)
    abort(403)


@bp.get("")
@role_required(Role.CANDIDATE, Role.HOLDER)
def index() -> str:
    """Ranked, explained matches; filters and weight sliders re-rank in place via htmx."""
    page = my_matches(limit=current_app.config["MATCHES_PER_PAGE"])
    return render(
        "matches/index.html",
        "matches/_list.html",
        result=match_list(page),
        has_profile=page.has_profile,
        args=request.args,
        components=COMPONENTS,
        labels=component_labels(),
        max_weight=MAX_WEIGHT,
        save_form=EmptyForm(),
        shortage_threshold=SHORTAGE_REGION,
        **filter_options(),
    )


@bp.post("/weights")
@role_required(Role.CANDIDATE)
def save_weights() -> Response | str:
    """Keep the slider positions as the candidate's own weights; htmx gets the confirmation
    in place, a plain form a redirect with the same message."""
    profile = candidates.get_profile(session=db_session(), user=current_user)
    weights = weights_from(request.form)
    saved = False
    if profile is not None and weights is not None:
        matching.save_weights(session=db_session(), profile=profile, weights=weights)
        saved = True
    if htmx and not htmx.history_restore_request:
        return render_template("matches/_weights_saved.html", saved=saved)
    if saved:
        flash(_("Your weights have been saved."), "success")
    return redirect(url_for("matches.index"))
