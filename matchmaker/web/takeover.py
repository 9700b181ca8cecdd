"""The takeover file (Overnamedossier) of an introduction: steps, documents, the letter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.errors import Code, DomainError, Issue
from matchmaker.domain.roles import Role
from matchmaker.domain.takeover import ItemStatus, Party
from matchmaker.extensions import htmx, limiter
from matchmaker.services import storage
from matchmaker.services.takeover import dossier
from matchmaker.services.takeover import letter as takeover_letter
from matchmaker.web.forms import EmptyForm
from matchmaker.web.helpers import issue_message, role_required, uploaded
from matchmaker.web.helpers import session as db_session
from matchmaker.web.pdf import pdf_download, pdf_response, render_pdf

bp = Blueprint("takeover", __name__)
PARTIES = (Role.CANDIDATE, Role.HOLDER)


def _storage() -> Path:
    return Path(current_app.config["ATTACHMENT_DIR"])


def _date(value: str) -> date | None:
    """An ISO date from a date input ('' or nonsense: none)."""
    try:
        return date.fromisoformat(value.strip()[:10]) if value.strip() else None
    except ValueError:
        return None


def _context(intro_id: int) -> dict[str, object]:
    view = dossier.view(session=db_session(), user=current_user, intro_id=intro_id)
    return {
        "view": view,
        "statuses": list(ItemStatus),
        "parties": {p.value: p for p in Party},
        "lang": str(get_locale() or "nl"),
    }


@bp.get("/<int:intro_id>/takeover")
@role_required(*PARTIES)
def page(intro_id: int) -> str:
    """The file: every step with who does it, its due date, status, notes and documents."""
    return render_template("takeover/page.html", **_context(intro_id))


def _answer(intro_id: int, item_id: int, error: str | None) -> str:
    """After a change of a step: htmx gets the step (and the summary), a form the page."""
    if htmx:
        return _item(intro_id, item_id, error)
    context = _context(intro_id)
    return render_template("takeover/page.html", error=error, error_item=item_id, **context)


def _item(intro_id: int, item_id: int, error: str | None = None) -> str:
    context = _context(intro_id)
    view = context["view"]
    shown = next((i for i in view.items if i.item.id == item_id), None)  # type: ignore[attr-defined]
    if shown is None:
        abort(404)
    return render_template("takeover/_item.html", it=shown, error=error, oob=True, **context)


@bp.post("/<int:intro_id>/takeover/items/<int:item_id>")
@role_required(*PARTIES)
def update(intro_id: int, item_id: int) -> str | Response:
    """Record a step (htmx answers with the step; the history and the other side are told)."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    raw_due = request.form.get("due", "")
    due = _date(raw_due)
    error = None
    try:
        if raw_due.strip() and due is None:
            raise DomainError([Issue("due", Code.INVALID_DATE, "not a date", raw_due[:20])])
        dossier.update(
            session=db_session(),
            user=current_user,
            intro_id=intro_id,
            item_id=item_id,
            status=request.form.get("status", ""),
            due=due,
            notes=request.form.get("notes", "")[:4000],
        )
    except DomainError as exc:
        error = issue_message(exc)
    return _answer(intro_id, item_id, error)


@bp.post("/<int:intro_id>/takeover/items/<int:item_id>/documents")
@role_required(*PARTIES)
@limiter.limit("30 per hour", key_func=lambda: f"takeover-doc:{current_user.get_id()}")
def upload(intro_id: int, item_id: int) -> str | Response:
    """Attach a PDF to a step."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    error = None
    try:
        dossier.attach(
            session=db_session(),
            user=current_user,
            intro_id=intro_id,
            item_id=item_id,
            upload=uploaded("document", storage.MAX_PDF, "choose a PDF"),
            storage=_storage(),
        )
    except DomainError as exc:
        error = issue_message(exc)
    return _answer(intro_id, item_id, error)


@bp.get("/<int:intro_id>/intentieverklaring.pdf")
@role_required(*PARTIES)
def letter(intro_id: int) -> Response:
    """The draft letter of intent of one's own introduction, as a PDF in one's language."""
    filled = takeover_letter.letter(session=db_session(), user=current_user, intro_id=intro_id)
    lang = str(get_locale() or "nl")
    data = render_pdf("pdf/intentieverklaring.html", l=filled, lang=lang)
    name = "intentieverklaring" if lang == "nl" else "letter-of-intent"
    return pdf_response(data, f"{name}-{intro_id}.pdf")


@bp.get("/<int:intro_id>/takeover/documents/<int:document_id>")
@role_required(*PARTIES)
def document(intro_id: int, document_id: int) -> Response:
    """A step's PDF, for the two sides only, always as a download."""
    path, name = dossier.document(
        session=db_session(),
        user=current_user,
        intro_id=intro_id,
        document_id=document_id,
        storage=_storage(),
    )
    return pdf_download(path, name)
