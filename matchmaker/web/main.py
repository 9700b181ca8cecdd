"""Home, about, language switch and the postcode lookup used by forms."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.errors import PostcodeError
from matchmaker.services import accounts, practices
from matchmaker.services.geodata import ATTRIBUTIONS, gazetteer
from matchmaker.web.helpers import redirect_target
from matchmaker.web.helpers import session as db_session
from matchmaker.web.labels import issue_text

bp = Blueprint("main", __name__)

HOME_LISTINGS = 6


@bp.get("/")
def home() -> str:
    """Two sentences on the platform and the latest published listings."""
    latest = practices.latest_public(session=db_session(), limit=HOME_LISTINGS)
    return render_template("main/home.html", latest=latest)


@bp.get("/about")
def about() -> str:
    """What the platform is, how data are used, and the open-data attributions."""
    return render_template("main/about.html", attributions=ATTRIBUTIONS)


@bp.get("/help")
def help_page() -> str:
    """Questions and answers for each kind of user."""
    return render_template("main/help.html")


@bp.get("/contact")
def contact() -> str:
    """Who runs this installation and how to reach them."""
    return render_template("main/contact.html")


@bp.get("/privacy")
def privacy_statement() -> str:
    """The privacy statement: controller, purposes, retention, recipients and rights."""
    return render_template("main/privacy.html")


@bp.post("/language")
def language() -> Response:
    """Switch the interface language (and remember it on the account)."""
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            accounts.set_language(session=db_session(), user=current_user, locale=lang)
    return redirect(redirect_target(request.form.get("next"), "/"))


@bp.get("/postcode")
def postcode() -> str:
    """Fragment naming the municipality of a typed postcode (htmx, while filling forms)."""
    raw = next((v for k, v in request.args.items() if k.endswith("postcode")), "")
    try:
        place = gazetteer().place(raw)
    except PostcodeError as exc:
        return render_template(
            "main/_postcode.html",
            place=None,
            error=issue_text(exc.issues[0]) if raw else "",
        )
    return render_template("main/_postcode.html", place=place, error=None)
