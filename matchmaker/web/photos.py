"""Listing photos: the holder's page to add and mark them, and the resized files themselves."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.errors import DomainError
from matchmaker.domain.photos import MAX_BYTES, MAX_PHOTOS, WIDTHS, PhotoKind
from matchmaker.domain.roles import Role
from matchmaker.extensions import limiter
from matchmaker.services import photos, practices
from matchmaker.web.forms import EmptyForm
from matchmaker.web.helpers import issue_message, role_required, uploaded
from matchmaker.web.helpers import session as db_session

bp = Blueprint("photos", __name__)


def _storage() -> Path:
    return Path(current_app.config["ATTACHMENT_DIR"])


def _manage(practice_id: int, error: str | None = None) -> str:
    practice = practices.get_owned(
        session=db_session(), practice_id=practice_id, owner=current_user
    )
    return render_template(
        "holder/photos.html",
        practice=practice,
        photos=photos.of_listing(session=db_session(), practice_id=practice_id),
        kinds=list(PhotoKind),
        max_photos=MAX_PHOTOS,
        error=error,
    )


@bp.get("/my/practices/<int:practice_id>/photos")
@role_required(Role.HOLDER)
def manage(practice_id: int) -> str:
    """The holder's photos of one listing: add, mark as (not) identifying, delete."""
    return _manage(practice_id)


@bp.post("/my/practices/<int:practice_id>/photos")
@role_required(Role.HOLDER)
@limiter.limit("60 per hour", key_func=lambda: f"photo:{current_user.get_id()}")
def add(practice_id: int) -> Response | str:
    """Add a photo (checked by content, resized, metadata stripped)."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        photos.add(
            session=db_session(),
            owner=current_user,
            practice_id=practice_id,
            upload=uploaded("photo", MAX_BYTES, "choose a photo"),
            kind=request.form.get("kind", PhotoKind.PRACTICE),
            caption=request.form.get("caption", "")[:200],
            identifying=request.form.get("not_identifying") != "1",
            storage=_storage(),
        )
    except DomainError as exc:
        return _manage(practice_id, issue_message(exc))
    flash(_("The photo has been added."), "success")
    return redirect(url_for("photos.manage", practice_id=practice_id))


@bp.post("/my/practices/<int:practice_id>/photos/<int:photo_id>")
@role_required(Role.HOLDER)
def change(practice_id: int, photo_id: int) -> Response:
    """Mark a photo as identifying or not, or delete it."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    if request.form.get("delete") == "1":
        photos.remove(
            session=db_session(),
            owner=current_user,
            practice_id=practice_id,
            photo_id=photo_id,
            storage=_storage(),
        )
        flash(_("The photo has been deleted."), "success")
    else:
        photos.set_identifying(
            session=db_session(),
            owner=current_user,
            practice_id=practice_id,
            photo_id=photo_id,
            identifying=request.form.get("not_identifying") != "1",
        )
        flash(_("The photo has been updated."), "success")
    return redirect(url_for("photos.manage", practice_id=practice_id))


@bp.get("/practices/<int:practice_id>/photos/<int:photo_id>/<int:width>.jpg")
def image(practice_id: int, photo_id: int, width: int) -> Response:
    """One resized photo, for those who may see it (others: 404)."""
    if width not in WIDTHS:
        abort(404)
    viewer = current_user if current_user.is_authenticated else None
    path, public = photos.file_for(
        session=db_session(),
        viewer=viewer,
        practice_id=practice_id,
        photo_id=photo_id,
        width=width,
        storage=_storage(),
    )
    response = send_file(path, mimetype="image/jpeg", max_age=86_400 if public else 0)
    response.headers["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
