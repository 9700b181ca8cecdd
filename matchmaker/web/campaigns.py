"""Campaign pages for recruiters: set up, invite, follow the funnel, events and match rounds."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.domain.bounds import parse_int
from matchmaker.domain.errors import DomainError
from matchmaker.domain.funnel import STAGES
from matchmaker.models import Campaign, CampaignEvent
from matchmaker.models.campaign import CampaignEventInput, CampaignInput
from matchmaker.services import (
    campaign_dashboard,
    campaign_report,
    campaigns,
    events,
    match_rounds,
    offers,
)
from matchmaker.services.geodata import gazetteer
from matchmaker.web.forms import (
    CampaignEventForm,
    CampaignForm,
    InviteForm,
)
from matchmaker.web.helpers import (
    apply_issues,
    csv_response,
    form_ids,
    form_values,
    issue_message,
    role_required,
    signing_secret,
)
from matchmaker.web.helpers import session as db_session
from matchmaker.web.pdf import pdf_response, render_pdf
from matchmaker.web.recruiter import RECRUITERS
from matchmaker.web.spreadsheets import spreadsheet

bp = Blueprint("campaigns", __name__)


def _form() -> CampaignForm:
    form = CampaignForm()
    gaz = gazetteer()
    codes = offers.editable_regions(session=db_session(), user=current_user)
    form.municipalities.choices = [(c, m.name) for c in codes if (m := gaz.municipality(c))]
    return form


def _owned(campaign_id: int) -> Campaign:
    """The current recruiter's campaign; 404 for anyone else's."""
    return campaigns.get_owned(session=db_session(), user=current_user, campaign_id=campaign_id)


@bp.route("/new", methods=["GET", "POST"])
@role_required(*RECRUITERS)
def new() -> Response | str:
    """Start a campaign."""
    form = _form()
    if form.validate_on_submit():
        try:
            campaign = campaigns.create(
                session=db_session(),
                user=current_user,
                data=CampaignInput.model_validate(form_values(form)),
            )
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            flash(_("The campaign has been created."), "success")
            return redirect(url_for("campaigns.show", campaign_id=campaign.id))
    return render_template("campaigns/new.html", form=form)


@bp.get("/<int:campaign_id>")
@role_required(*RECRUITERS)
def show(campaign_id: int) -> str:
    """The campaign dashboard: funnel, results per municipality, practices and candidates."""
    return _dashboard(_owned(campaign_id), InviteForm(formdata=None))


def _dashboard(campaign: Campaign, invite_form: InviteForm) -> str:
    view = campaign_dashboard.page(session=db_session(), campaign=campaign)
    return render_template(
        "campaigns/show.html", **vars(view), stages=STAGES, invite_form=invite_form
    )


@bp.post("/<int:campaign_id>/practices")
@role_required(*RECRUITERS)
def practices(campaign_id: int) -> Response:
    """Choose the participating practices."""
    campaign = _owned(campaign_id)
    ids = form_ids("practice_id")
    try:
        campaigns.set_practices(
            session=db_session(), campaign=campaign, practice_ids=ids, secret=signing_secret()
        )
    except DomainError as exc:
        flash(issue_message(exc), "error")
    else:
        flash(_("The participating practices have been saved."), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id))


@bp.post("/<int:campaign_id>/invite")
@role_required(*RECRUITERS)
def invite(campaign_id: int) -> Response | str:
    """Invite candidates by email; a wrong address keeps the list on the page, naming it."""
    campaign = _owned(campaign_id)
    form = InviteForm()
    if form.validate_on_submit():
        emails = re.split(r"[\s,;]+", form.emails.data or "")
        try:
            count = campaigns.invite(session=db_session(), campaign=campaign, emails=emails)
        except DomainError as exc:
            apply_issues(form, exc)
            return _dashboard(campaign, form)
        flash(ngettext("%(num)d invitation sent.", "%(num)d invitations sent.", count), "success")
    elif form.errors:
        return _dashboard(campaign, form)
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor="members"))


@bp.get("/<int:campaign_id>/export.csv")
@role_required(*RECRUITERS)
def export(campaign_id: int) -> Response:
    """The funnel and the invited candidates as CSV."""
    campaign = _owned(campaign_id)
    board = campaign_dashboard.dashboard(session=db_session(), campaign=campaign)
    return csv_response(
        spreadsheet(*campaign_dashboard.tables(board)), f"matchmaker-campagne-{campaign_id}.csv"
    )


@bp.get("/<int:campaign_id>/report.pdf")
@role_required(*RECRUITERS)
def report_pdf(campaign_id: int) -> Response:
    """The campaign report for the council, as a PDF in the recruiter's language."""
    data = campaign_report.report(session=db_session(), campaign=_owned(campaign_id))
    lang = str(get_locale() or "nl")
    pdf = render_pdf("pdf/campaign_report.html", r=data, lang=lang)
    return pdf_response(pdf, f"matchmaker-campagnerapport-{campaign_id}.pdf")


@bp.get("/<int:campaign_id>/report.csv")
@role_required(*RECRUITERS)
def report_csv(campaign_id: int) -> Response:
    """The same figures as the report, as CSV."""
    data = campaign_report.report(session=db_session(), campaign=_owned(campaign_id))
    return csv_response(
        spreadsheet(*campaign_report.tables(data)), f"matchmaker-campagnerapport-{campaign_id}.csv"
    )


@bp.post("/<int:campaign_id>/round")
@role_required(*RECRUITERS)
def run_round(campaign_id: int) -> Response:
    """Run a match round on the saved rankings."""
    campaign = _owned(campaign_id)
    round_ = match_rounds.run(session=db_session(), campaign=campaign)
    unstable = len(round_.blocking)
    flash(
        ngettext(
            "The round has run. %(num)d pair of candidate and practice would rather have each"
            " other than their proposals: see the table.",
            "The round has run. %(num)d pairs of candidate and practice would rather have each"
            " other than their proposals: see the table.",
            unstable,
        )
        if unstable
        else _("The round has run. Every proposal is stable: nobody would rather swap."),
        "success",
    )
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor="round"))


@bp.get("/<int:campaign_id>/round.csv")
@role_required(*RECRUITERS)
def round_csv(campaign_id: int) -> Response:
    """The latest round's proposals and answers as CSV."""
    campaign = _owned(campaign_id)
    view = match_rounds.latest(session=db_session(), campaign=campaign)
    table = match_rounds.table(session=db_session(), view=view)
    return csv_response(spreadsheet(table), f"matchmaker-ronde-{campaign_id}.csv")


@bp.post("/<int:campaign_id>/package")
@role_required(*RECRUITERS)
def package(campaign_id: int) -> Response:
    """Choose the campaign's incentive package."""
    campaign = _owned(campaign_id)
    ids = form_ids("offer_id")
    try:
        campaigns.set_package(session=db_session(), campaign=campaign, offer_ids=ids)
    except DomainError as exc:
        flash(issue_message(exc), "error")
    else:
        flash(_("The incentive package has been saved."), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor="package"))


def _event_form(campaign: Campaign, event: CampaignEvent | None = None) -> CampaignEventForm:
    form = CampaignEventForm(obj=event)
    form.practice_id.choices = [("", "—")] + [
        (p.id, p.name) for p in campaigns.practices_of(session=db_session(), campaign=campaign)
    ]
    return form


@bp.route("/<int:campaign_id>/events/new", methods=["GET", "POST"])
@role_required(*RECRUITERS)
def new_event(campaign_id: int) -> Response | str:
    """Plan a kennismakingsdag, bus tour or meeloopdag."""
    campaign = _owned(campaign_id)
    form = _event_form(campaign)
    if form.validate_on_submit():
        values = form_values(form)
        announce = bool(values.pop("announce"))
        try:
            events.plan(
                session=db_session(),
                campaign=campaign,
                data=CampaignEventInput.model_validate(values),
                announce=announce,
            )
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            flash(_("The event has been planned."), "success")
            return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor="events"))
    return render_template("campaigns/event_form.html", form=form, campaign=campaign)


@bp.route("/<int:campaign_id>/events/<int:event_id>/edit", methods=["GET", "POST"])
@role_required(*RECRUITERS)
def edit_event(campaign_id: int, event_id: int) -> Response | str:
    """Change an event; those signed up hear of a new day, time or place."""
    campaign = _owned(campaign_id)
    event = events.get_for_campaign(session=db_session(), campaign=campaign, event_id=event_id)
    form = _event_form(campaign, event)
    del form.announce
    if form.validate_on_submit():
        try:
            changed = events.edit(
                session=db_session(),
                campaign=campaign,
                event_id=event_id,
                data=CampaignEventInput.model_validate(form_values(form)),
            )
        except DomainError as exc:
            apply_issues(form, exc)
        else:
            flash(
                _("The event has been changed and those signed up have been told.")
                if changed
                else _("The event has been changed."),
                "success",
            )
            return redirect(
                url_for("campaigns.show", campaign_id=campaign_id, _anchor=f"event-{event_id}")
            )
    return render_template("campaigns/event_form.html", form=form, campaign=campaign, event=event)


@bp.post("/<int:campaign_id>/events/<int:event_id>/cancel")
@role_required(*RECRUITERS)
def cancel_event(campaign_id: int, event_id: int) -> Response:
    """Call an event off; those who signed up get an email."""
    campaign = _owned(campaign_id)
    events.cancel(session=db_session(), campaign=campaign, event_id=event_id)
    flash(_("The event has been cancelled and those signed up have been told."), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor="events"))


@bp.post("/<int:campaign_id>/events/<int:event_id>/attendance")
@role_required(*RECRUITERS)
def attendance(campaign_id: int, event_id: int) -> Response:
    """Record who came."""
    campaign = _owned(campaign_id)
    present = set(form_ids("present"))
    try:
        events.record_attendance(
            session=db_session(), campaign=campaign, event_id=event_id, present=present
        )
    except DomainError as exc:
        flash(issue_message(exc), "error")
    else:
        flash(_("Attendance has been saved."), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor=f"event-{event_id}"))


@bp.post("/<int:campaign_id>/places")
@role_required(*RECRUITERS)
def places(campaign_id: int) -> Response:
    """Set how many successors each practice takes in a round."""
    campaign = _owned(campaign_id)
    wanted = {}
    for name, value in request.form.items():
        pid = parse_int(name.removeprefix("places-")) if name.startswith("places-") else None
        if pid is not None:
            wanted[pid] = parse_int(value.strip())
    try:
        match_rounds.set_places(
            session=db_session(),
            campaign=campaign,
            wanted={pid: -1 if n is None else n for pid, n in wanted.items()},
        )
    except DomainError as exc:
        flash(issue_message(exc), "error")
    else:
        flash(_("The places for the match round have been saved."), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor="round"))


@bp.get("/<int:campaign_id>/signups.csv")
@role_required(*RECRUITERS)
def signups_csv(campaign_id: int) -> Response:
    """Everyone signed up for the campaign's events, for name badges and catering."""
    campaign = _owned(campaign_id)
    table = events.campaign_signups(session=db_session(), campaign=campaign)
    return csv_response(spreadsheet(table), f"matchmaker-aanmeldingen-{campaign_id}.csv")
