"""A candidate's page for the holder of a matching practice: no name or contact before an
introduction is accepted, and only what the candidate chose to share."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from matchmaker.domain.bounds import parse_int
from matchmaker.domain.errors import NotFound
from matchmaker.domain.roles import Role
from matchmaker.domain.shortage import SHORTAGE_REGION
from matchmaker.services import matching
from matchmaker.web import presenters
from matchmaker.web.helpers import role_required
from matchmaker.web.helpers import session as db_session
from matchmaker.web.reasons import component_labels

bp = Blueprint("candidates", __name__)


@bp.get("/<int:profile_id>")
@role_required(Role.HOLDER)
def show(profile_id: int) -> str:
    """The candidate as they match the holder's practice (``?practice=``)."""
    practice_id = parse_int(request.args.get("practice", ""))
    if practice_id is None:
        raise NotFound(profile_id)
    item = matching.for_holder_candidate(
        session=db_session(), holder=current_user, profile_id=profile_id, practice_id=practice_id
    )
    return render_template(
        "candidates/show.html",
        item=presenters.match_item(item),
        labels=component_labels(),
        shortage_threshold=SHORTAGE_REGION,
    )
