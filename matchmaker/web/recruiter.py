"""The recruiter's overview of their regions."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from matchmaker.models.user import Role
from matchmaker.services import accounts, practices
from matchmaker.services.geodata import gazetteer
from matchmaker.web.helpers import role_required
from matchmaker.web.helpers import session as db_session

bp = Blueprint("recruiter", __name__)


@bp.get("")
@role_required(Role.RECRUITER, Role.ADMIN)
def index() -> str:
    """Listings in the recruiter's municipalities, soonest handover first."""
    codes = accounts.recruiter_regions(session=db_session(), user=current_user)
    gaz = gazetteer()
    return render_template(
        "recruiter/index.html",
        regions=[m for c in codes if (m := gaz.municipality(c))],
        listings=practices.in_regions(session=db_session(), codes=codes),
        municipality=gaz.municipality,
    )
