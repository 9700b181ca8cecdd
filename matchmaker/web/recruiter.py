"""The recruiter's workplace: their regions, the pipeline, and the offers they publish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.errors import DomainError
from matchmaker.domain.offers import OfferKind
from matchmaker.domain.roles import Role
from matchmaker.models.offer import OfferInput
from matchmaker.services import imports, offers, recruiter_desk
from matchmaker.services.geodata import gazetteer
from matchmaker.web.forms import OFFER_FIELDS, OfferForm
from matchmaker.web.helpers import (
    apply_issues,
    csv_response,
    form_values,
    role_required,
    signing_secret,
)
from matchmaker.web.helpers import session as db_session
from matchmaker.web.labels import IMPORT_LABEL_KINDS, import_vocabulary
from matchmaker.web.spreadsheets import import_spreadsheet, spreadsheet

bp = Blueprint("recruiter", __name__)
RECRUITERS = (Role.RECRUITER, Role.ADMIN)
OPTIONAL_TEXT = (
    "postcode",
    "contact",
    "link",
    "tenure",
    "sector",
    "employer",
    "ages",
    "incentive_type",
)


@bp.get("")
@role_required(*RECRUITERS)
def index() -> str:
    """Listings and offers in the recruiter's municipalities."""
    view = recruiter_desk.home(session=db_session(), user=current_user)
    return render_template("recruiter/index.html", **vars(view), kinds=list(OfferKind))


def _form(kind: str, **kwargs: object) -> OfferForm:
    form = OfferForm(**kwargs)
    gaz = gazetteer()
    codes = offers.editable_regions(session=db_session(), user=current_user)
    form.gemeentecode.choices = [(c, m.name) for c in codes if (m := gaz.municipality(c))]
    return form


def _input(form: OfferForm, kind: str) -> OfferInput:
    data = form_values(form, blank_is_none=OPTIONAL_TEXT)
    data["description"] = data["description"] or ""
    return OfferInput.model_validate({**data, "kind": kind})


def _render(form: OfferForm, kind: str, offer_id: int | None) -> str:
    return render_template(
        "recruiter/offer.html", form=form, kind=kind, offer_id=offer_id, fields=OFFER_FIELDS[kind]
    )


@bp.route(
    "/offers/new/<any(housing, job_lead, childcare, training, incentive):kind>",
    methods=["GET", "POST"],
)
@role_required(*RECRUITERS)
def new_offer(kind: str) -> Response | str:
    """Publish a new offer of ``kind``."""
    form = _form(kind)
    if request.method == "GET" and request.args.get("region"):
        form.gemeentecode.data = request.args["region"]
    if form.validate_on_submit():
        try:
            offers.create_offer(session=db_session(), user=current_user, data=_input(form, kind))
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            flash(_("The offer has been published."), "success")
            return redirect(url_for("recruiter.index"))
    return _render(form, kind, None)


@bp.route("/offers/<int:offer_id>/edit", methods=["GET", "POST"])
@role_required(*RECRUITERS)
def edit_offer(offer_id: int) -> Response | str:
    """Change an offer in one of the recruiter's municipalities (404 elsewhere)."""
    offer = offers.get_editable(session=db_session(), user=current_user, offer_id=offer_id)
    form = _form(offer.kind, obj=offer)
    if form.validate_on_submit():
        try:
            offers.update_offer(
                session=db_session(),
                user=current_user,
                offer_id=offer_id,
                data=_input(form, offer.kind),
            )
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            flash(_("The offer has been saved."), "success")
            return redirect(url_for("recruiter.index"))
    return _render(form, offer.kind, offer_id)


@bp.post("/offers/<int:offer_id>/delete")
@role_required(*RECRUITERS)
def delete_offer(offer_id: int) -> Response:
    """Withdraw an offer."""
    offers.delete_offer(session=db_session(), user=current_user, offer_id=offer_id)
    flash(_("The offer has been withdrawn."), "success")
    return redirect(url_for("recruiter.index"))


def _held_files() -> Path:
    return Path(current_app.instance_path) / "imports"


def _import_form(errors: list[imports.RowError], kind: str, on_existing: Any) -> str:
    return render_template(
        "recruiter/import.html",
        kinds=imports.KINDS,
        kind=kind,
        on_existing=on_existing or imports.OnExisting.SKIP,
        choices=list(imports.OnExisting),
        errors=errors[: imports.MAX_ERRORS_SHOWN],
        error_count=len(errors),
        columns={k: imports.columns(k) for k in imports.KINDS},
        valid_values=import_vocabulary(str(get_locale())).shown,
    )


def _run(data: bytes, kind: str, on_existing: Any, *, dry_run: bool) -> imports.ImportReport:
    return imports.run_import(
        session=db_session(),
        kind=kind,
        data=data,
        user=current_user,
        on_existing=on_existing,
        vocabulary=import_vocabulary(str(get_locale())),
        dry_run=dry_run,
        secret=signing_secret(),
    )


@bp.route("/import", methods=["GET", "POST"])
@role_required(*RECRUITERS)
def import_page() -> Response | str:
    """Upload a CSV: every row is checked and a preview shown; nothing is stored yet."""
    errors: list[imports.RowError] = []
    kind = request.form.get("kind", "practices")
    choice = request.form.get("on_existing", imports.OnExisting.SKIP)
    on_existing = imports.OnExisting(choice) if choice in set(imports.OnExisting) else None
    if request.method == "POST" and on_existing is None:
        errors = [imports.RowError(0, "on_existing", _("Choose what to do with existing rows."))]
    elif request.method == "POST" and on_existing is not None:
        upload = request.files.get("file")
        if kind not in imports.KINDS or upload is None or not upload.filename:
            errors = [imports.RowError(0, "file", _("Choose a kind and a CSV file."))]
        else:
            data = upload.read()
            try:
                report = _run(data, kind, on_existing, dry_run=True)
            except imports.ImportFailed as exc:
                errors = exc.errors
            else:
                token = imports.hold(data=data, owner_id=current_user.id, directory=_held_files())
                return render_template(
                    "recruiter/import_preview.html",
                    report=report,
                    kind=kind,
                    on_existing=on_existing,
                    token=token,
                    columns=imports.columns(kind),
                    filename=upload.filename,
                    coded=IMPORT_LABEL_KINDS,
                )
    return _import_form(errors, kind, on_existing)


@bp.post("/import/confirm")
@role_required(*RECRUITERS)
def import_confirm() -> Response | str:
    """Store the previewed file: checked again, all rows or none."""
    kind = request.form.get("kind", "")
    choice = request.form.get("on_existing", "")
    if kind not in imports.KINDS or choice not in set(imports.OnExisting):
        abort(400)
    on_existing = imports.OnExisting(choice)
    token = request.form.get("token", "")
    data = imports.held(token=token, owner_id=current_user.id, directory=_held_files())
    try:
        report = _run(data, kind, on_existing, dry_run=False)
    except imports.ImportFailed as exc:
        return _import_form(exc.errors, kind, on_existing)
    imports.release(token=token, directory=_held_files())
    flash(
        _(
            "Imported: %(new)d new, %(updated)d updated, %(skipped)d already there and skipped.",
            new=report.created,
            updated=report.updated,
            skipped=report.skipped,
        ),
        "success",
    )
    return redirect(url_for("recruiter.index"))


@bp.get("/import/<kind>.csv")
@role_required(*RECRUITERS)
def template(kind: str) -> Response:
    """An empty CSV with the right header."""
    if kind not in imports.KINDS:
        abort(404)
    return csv_response(
        import_spreadsheet(imports.template_table(kind)),
        f"matchmaker-{kind}-sjabloon.csv",
        personal=False,
    )


@bp.get("/export/<kind>.csv")
@role_required(*RECRUITERS)
def export(kind: str) -> Response:
    """Listings or offers in the recruiter's municipalities as CSV."""
    if kind not in imports.KINDS or kind == "candidates":
        abort(404)
    return csv_response(
        import_spreadsheet(
            imports.export_table(session=db_session(), kind=kind, user=current_user)
        ),
        f"matchmaker-{kind}.csv",
    )


@bp.get("/export/pipeline.csv")
@role_required(*RECRUITERS)
def export_pipeline() -> Response:
    """The succession pipeline of the recruiter's municipalities as CSV."""
    table = recruiter_desk.pipeline_table(session=db_session(), user=current_user)
    return csv_response(spreadsheet(table), "matchmaker-opvolgingspijplijn.csv")
