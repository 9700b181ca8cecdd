"""Public practice listings: the list with filters and one practice's page."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from flask import Blueprint, current_app, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from matchmaker.domain.bounds import parse_int
from matchmaker.domain.shortage import SHORTAGE_REGION
from matchmaker.extensions import limiter
from matchmaker.services import practice_page
from matchmaker.services import printout as printouts
from matchmaker.services.shortlist import pages as shortlist_pages
from matchmaker.web import presenters
from matchmaker.web.helpers import (
    filter_options,
    practice_filters,
    render,
)
from matchmaker.web.helpers import session as db_session
from matchmaker.web.pdf import pdf_response, render_pdf
from matchmaker.web.reasons import RULES, component_labels

bp = Blueprint("practices", __name__)
log = logging.getLogger(__name__)

MAX_PAGE = 100_000


def _int_arg(args: MultiDict[str, str], name: str, default: int) -> int:
    return parse_int(args.get(name, ""), lo=1, hi=MAX_PAGE) or default


@bp.get("")
def index() -> str:
    """Published listings with filters and pagination (htmx swaps only the results)."""
    found = shortlist_pages.browse(
        session=db_session(),
        viewer=current_user if current_user.is_authenticated else None,
        filters=practice_filters(request.args),
        page=_int_arg(request.args, "page", 1),
        per_page=current_app.config["PAGE_SIZE"],
    )
    return render(
        "practices/index.html",
        "practices/_results.html",
        page=found.page,
        saved=found.saved,
        can_star=found.can_star,
        args=request.args,
        **filter_options(),
    )


def _count_view(practice_id: int, viewer_id: int) -> None:
    """Hand the view to the task queue for the holder's statistics (never fails the page)."""
    from matchmaker import tasks

    try:
        tasks.record_listing_view(practice_id, viewer_id)
    except Exception:
        log.exception("could not queue a listing view")


@bp.get("/<int:practice_id>")
def detail(practice_id: int) -> str:
    """One published listing."""
    viewer = current_user if current_user.is_authenticated else None
    view = practice_page.page(session=db_session(), practice_id=practice_id, viewer=viewer)
    if viewer is not None and view.role == "candidate":
        _count_view(practice_id, viewer.id)
    return render_template(
        "practices/detail.html",
        **vars(view),
        item=presenters.match_item(view.match) if view.match else None,
        labels=component_labels(),
        shortage_threshold=SHORTAGE_REGION,
        rules=RULES,
    )


@bp.get("/<int:practice_id>/listing.pdf")
@limiter.limit("30 per hour")
def printout(practice_id: int) -> Response:
    """The listing as a PDF: the holder's own copy names practice and contact; anyone else's
    is the public page on paper."""
    viewer = current_user if current_user.is_authenticated else None
    out = printouts.listing(
        session=db_session(),
        practice_id=practice_id,
        viewer=viewer,
        storage=Path(current_app.config["ATTACHMENT_DIR"]),
    )
    lang = str(get_locale() or "nl")
    data = render_pdf("pdf/listing.html", out=out, lang=lang, today=date.today())
    return pdf_response(data, f"praktijk-{practice_id}.pdf")
