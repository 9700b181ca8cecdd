"""Campaign pages: recruiters set up and follow campaigns; candidates open their invitation."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from matchmaker.domain.bounds import parse_int
from matchmaker.domain.errors import DomainError
from matchmaker.domain.funnel import STAGES
from matchmaker.domain.roles import Role
from matchmaker.extensions import htmx
from matchmaker.models import Campaign, CampaignMember, User
from matchmaker.models.campaign import CampaignEventInput, CampaignInput
from matchmaker.services import (
    campaign_dashboard,
    campaigns,
    candidates,
    events,
    match_rounds,
    offers,
)
from matchmaker.services.geodata import gazetteer
from matchmaker.services.practices import public_title
from matchmaker.web.forms import (
    CampaignEventForm,
    CampaignForm,
    ConsentForm,
    InviteForm,
    SignupForm,
)
from matchmaker.web.helpers import (
    apply_issues,
    csv_response,
    form_values,
    issue_message,
    role_required,
    signing_secret,
)
from matchmaker.web.helpers import session as db_session
from matchmaker.web.reasons import RULES
from matchmaker.web.recruiter import RECRUITERS
from matchmaker.web.templating import external_url, label, month

bp = Blueprint("campaigns", __name__)
public_bp = Blueprint("campaign_invites", __name__)


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
    campaign = _owned(campaign_id)
    board = campaign_dashboard.dashboard(session=db_session(), campaign=campaign)
    choices = campaigns.candidate_practices(session=db_session(), campaign=campaign)
    return render_template(
        "campaigns/show.html",
        board=board,
        event_views=events.for_campaign(session=db_session(), campaign=campaign),
        attendees=events.attendees(session=db_session(), campaign=campaign),
        incentive_choices=campaigns.incentive_choices(session=db_session(), campaign=campaign),
        package=campaigns.package_value(session=db_session(), campaign=campaign, profile=None),
        stages=STAGES,
        invite_form=InviteForm(),
        round_view=match_rounds.latest(session=db_session(), campaign=campaign),
        names={p.id: p.name for p in board.practices},
        emails={m.profile_id: m.email for m, _ in board.members if m.profile_id},
        choices=choices,
        chosen={p.id for p in board.practices},
        title_of=public_title,
        max_count=max([s.count for s in board.report.stages] + [1]),
    )


@bp.post("/<int:campaign_id>/practices")
@role_required(*RECRUITERS)
def practices(campaign_id: int) -> Response:
    """Choose the participating practices."""
    campaign = _owned(campaign_id)
    ids = _ids("practice_id")
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
def invite(campaign_id: int) -> Response:
    """Invite candidates by email."""
    campaign = _owned(campaign_id)
    form = InviteForm()
    if form.validate_on_submit():
        emails = re.split(r"[\s,;]+", form.emails.data or "")
        try:
            count = campaigns.invite(session=db_session(), campaign=campaign, emails=emails)
        except DomainError as exc:
            flash(issue_message(exc), "error")
        else:
            flash(_("%(n)d invitations sent.", n=count), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor="members"))


@bp.get("/<int:campaign_id>/export.csv")
@role_required(*RECRUITERS)
def export(campaign_id: int) -> Response:
    """The funnel and the invited candidates as CSV."""
    campaign = _owned(campaign_id)
    board = campaign_dashboard.dashboard(session=db_session(), campaign=campaign)
    return csv_response(campaign_dashboard.to_csv(board), f"matchmaker-campagne-{campaign_id}.csv")


@public_bp.get("/campaigns/join/<token>")
def join(token: str) -> str:
    """A personal invitation, shown: consent first for imported candidates. Nothing changes."""
    session = db_session()
    campaign, member = campaigns.invitation(session=session, token=token)
    pending = campaigns.awaiting_consent(session=session, member=member)
    if pending is not None:
        return _consent_page(member, pending, ConsentForm())
    user = current_user if current_user.is_authenticated else None
    return render_template(
        "campaigns/join.html",
        campaign=campaign,
        member=member,
        practices=campaigns.practices_of(session=session, campaign=campaign),
        package=campaigns.package_value(session=session, campaign=campaign, profile=None),
        event_views=events.for_campaign(session=session, campaign=campaign),
        rules=RULES,
        title_of=public_title,
        areas=campaigns.area_names(campaign),
        other_account=user is not None and not campaigns.owns_address(user, member.email),
    )


@public_bp.post("/campaigns/join/<token>")
def take_up(token: str) -> Response:
    """Take up the invitation: it counts as viewed, and links the invitee's own profile."""
    session = db_session()
    if campaigns.awaiting_consent(
        session=session, member=campaigns.member_by_token(session=session, token=token)
    ):
        return redirect(url_for("campaign_invites.join", token=token))
    user = current_user if current_user.is_authenticated else None
    campaign, member, own = campaigns.open_invitation(session=session, token=token, user=user)
    if user is None:
        flash(_("Log in, or create a candidate account with this email address."), "success")
        return redirect(url_for("auth.login", next=url_for("campaign_invites.join", token=token)))
    if not own:
        flash(_("This invitation was sent to another email address."), "error")
        return redirect(url_for("campaign_invites.join", token=token))
    if user.role == Role.CANDIDATE and member.profile_id is None:
        return redirect(url_for("profile.edit"))
    return redirect(url_for("campaign_invites.home", campaign_id=campaign.id))


def _consent_page(member: CampaignMember, user: User, form: ConsentForm) -> str:
    session = db_session()
    campaign = session.get(Campaign, member.campaign_id)
    return render_template(
        "campaigns/consent.html",
        campaign=campaign,
        member=member,
        person=user,
        profile=candidates.get_profile(session=session, user=user),
        form=form,
        areas=campaigns.area_names(campaign) if campaign else "",
    )


@public_bp.post("/campaigns/join/<token>/consent")
def consent(token: str) -> Response | str:
    """Agree, choose a password, and go on to the campaign, logged in."""
    session = db_session()
    member = campaigns.member_by_token(session=session, token=token)
    pending = campaigns.awaiting_consent(session=session, member=member)
    if pending is None:
        return redirect(url_for("campaign_invites.join", token=token))
    form = ConsentForm()
    if not form.validate_on_submit():
        return _consent_page(member, pending, form)
    try:
        user = campaigns.accept_invitation(
            session=session, token=token, password=form.password.data or ""
        )
    except DomainError as exc:
        apply_issues(form, exc)
        return _consent_page(member, pending, form)
    login_user(user)
    flash(_("Thank you. Your account is active and you take part in the campaign."), "success")
    return redirect(url_for("campaign_invites.home", campaign_id=member.campaign_id))


@public_bp.post("/campaigns/join/<token>/decline")
def decline(token: str) -> str:
    """Refuse: the imported details are deleted at once."""
    campaigns.decline_invitation(session=db_session(), token=token)
    return render_template("campaigns/declined.html")


MAX_POSITION = 10_000


def _positions(prefix: str) -> dict[int, int | None]:
    """Position fields named ``<prefix><id>``: a number, or blank for 'not acceptable'."""
    out: dict[int, int | None] = {}
    for key, value in request.form.items():
        item = parse_int(key[len(prefix) :]) if key.startswith(prefix) else None
        if item is not None:
            out[item] = parse_int(value, lo=1, hi=MAX_POSITION)
    return out


def _ids(name: str) -> list[int]:
    """The valid ids among a form's repeated ``name`` fields."""
    return [i for i in (parse_int(v) for v in request.form.getlist(name)) if i is not None]


@public_bp.get("/campaigns/<int:campaign_id>/rank")
@role_required(Role.CANDIDATE, Role.HOLDER)
def rank(campaign_id: int) -> str:
    """Rank the other side of a campaign, and answer the round's proposals."""
    page = match_rounds.rank_page(session=db_session(), user=current_user, campaign_id=campaign_id)
    return render_template(
        "campaigns/rank.html",
        page=page,
        title_of=public_title,
        month_of=lambda p: month(p.handover_from),
        candidate_name=lambda c: f"{label(c.stage, 'stage')}, {c.province} (K-{c.id})",
        candidate_detail=lambda c: _("duo") if c.duo_partner_id else "",
    )


@public_bp.post("/campaigns/<int:campaign_id>/rank")
@role_required(Role.CANDIDATE)
def save_candidate_ranking(campaign_id: int) -> Response:
    """A candidate's ranking of the participating practices."""
    match_rounds.rank_practices(
        session=db_session(),
        user=current_user,
        campaign_id=campaign_id,
        positions=_positions("pos-"),
    )
    flash(_("Your ranking has been saved."), "success")
    return redirect(url_for("campaign_invites.rank", campaign_id=campaign_id))


@public_bp.post("/campaigns/<int:campaign_id>/rank/<int:practice_id>")
@role_required(Role.HOLDER)
def save_practice_ranking(campaign_id: int, practice_id: int) -> Response:
    """A holder's ranking of the candidates for one practice."""
    match_rounds.rank_candidates(
        session=db_session(),
        user=current_user,
        campaign_id=campaign_id,
        practice_id=practice_id,
        positions=_positions("pos-"),
    )
    flash(_("Your ranking has been saved."), "success")
    return redirect(url_for("campaign_invites.rank", campaign_id=campaign_id))


@public_bp.post("/campaigns/proposals/<int:proposal_id>/<any(accept, decline):answer>")
@role_required(Role.CANDIDATE, Role.HOLDER)
def answer(proposal_id: int, answer: str) -> Response:
    """Accept or decline a pair the round proposed."""
    proposal = match_rounds.answer(
        session=db_session(), user=current_user, proposal_id=proposal_id, accept=answer == "accept"
    )
    flash(_("Your answer has been saved."), "success")
    campaign_id = match_rounds.campaign_of(session=db_session(), proposal=proposal)
    return redirect(url_for("campaign_invites.rank", campaign_id=campaign_id))


@bp.post("/<int:campaign_id>/round")
@role_required(*RECRUITERS)
def run_round(campaign_id: int) -> Response:
    """Run a match round on the saved rankings."""
    campaign = _owned(campaign_id)
    round_ = match_rounds.run(session=db_session(), campaign=campaign)
    flash(_("The round has run: %(n)d blocking pairs.", n=len(round_.blocking)), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor="round"))


@bp.get("/<int:campaign_id>/round.csv")
@role_required(*RECRUITERS)
def round_csv(campaign_id: int) -> Response:
    """The latest round's proposals and answers as CSV."""
    campaign = _owned(campaign_id)
    view = match_rounds.latest(session=db_session(), campaign=campaign)
    return csv_response(match_rounds.to_csv(view), f"matchmaker-ronde-{campaign_id}.csv")


@bp.post("/<int:campaign_id>/package")
@role_required(*RECRUITERS)
def package(campaign_id: int) -> Response:
    """Choose the campaign's incentive package."""
    campaign = _owned(campaign_id)
    ids = _ids("offer_id")
    try:
        campaigns.set_package(session=db_session(), campaign=campaign, offer_ids=ids)
    except DomainError as exc:
        flash(issue_message(exc), "error")
    else:
        flash(_("The incentive package has been saved."), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor="package"))


@bp.route("/<int:campaign_id>/events/new", methods=["GET", "POST"])
@role_required(*RECRUITERS)
def new_event(campaign_id: int) -> Response | str:
    """Plan a kennismakingsdag, bus tour or meeloopdag."""
    campaign = _owned(campaign_id)
    form = CampaignEventForm()
    form.practice_id.choices = [("", "—")] + [
        (p.id, p.name) for p in campaigns.practices_of(session=db_session(), campaign=campaign)
    ]
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
    present = set(_ids("present"))
    try:
        events.record_attendance(
            session=db_session(), campaign=campaign, event_id=event_id, present=present
        )
    except DomainError as exc:
        flash(issue_message(exc), "error")
    else:
        flash(_("Attendance has been saved."), "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign_id, _anchor=f"event-{event_id}"))


@bp.get("/<int:campaign_id>/signups.csv")
@role_required(*RECRUITERS)
def signups_csv(campaign_id: int) -> Response:
    """Everyone signed up for the campaign's events, for name badges and catering."""
    campaign = _owned(campaign_id)
    views = events.for_campaign(session=db_session(), campaign=campaign)
    table = events.attendees(session=db_session(), campaign=campaign)
    return csv_response(
        events.signups_csv(views, table), f"matchmaker-aanmeldingen-{campaign_id}.csv"
    )


def _participant_campaign(campaign_id: int):  # type: ignore[no-untyped-def]
    return match_rounds.participant_campaign(
        session=db_session(), user=current_user, campaign_id=campaign_id
    )


@public_bp.get("/campaigns/<int:campaign_id>")
@role_required(Role.CANDIDATE, Role.HOLDER)
def home(campaign_id: int) -> str:
    """A participant's view of a campaign: package, events, practices, ranking and proposals."""
    campaign = _participant_campaign(campaign_id)
    profile = (
        candidates.get_profile(session=db_session(), user=current_user)
        if current_user.role == Role.CANDIDATE
        else None
    )
    return render_template(
        "campaigns/home.html",
        campaign=campaign,
        areas=campaigns.area_names(campaign),
        package=campaigns.package_value(session=db_session(), campaign=campaign, profile=profile),
        event_views=events.for_campaign(session=db_session(), campaign=campaign, user=current_user),
        practices=campaigns.practices_of(session=db_session(), campaign=campaign),
        title_of=public_title,
        rules=RULES,
    )


def _event_card(
    event_id: int, *, error: str | None = None, done: str | None = None
) -> Response | str:
    """htmx swaps the event card in place; without JavaScript, back to the campaign page."""
    view = events.view_for(session=db_session(), user=current_user, event_id=event_id)
    if htmx and not htmx.boosted:
        return render_template(
            "campaigns/_event.html", v=view, error=error, done=done, title_of=public_title
        )
    if error or done:
        flash(error or done or "", "error" if error else "success")
    return redirect(
        url_for("campaign_invites.home", campaign_id=view.campaign.id, _anchor=f"event-{event_id}")
    )


@public_bp.post("/campaigns/events/<int:event_id>/signup")
@role_required(Role.CANDIDATE, Role.HOLDER)
def sign_up(event_id: int) -> Response | str:
    """Sign up for an event (or change the number of people); htmx swaps the event card."""
    form = SignupForm()
    error = None
    if form.validate_on_submit():
        try:
            events.sign_up(
                session=db_session(),
                user=current_user,
                event_id=event_id,
                party=form.people,
                note=form.note.data or "",
            )
        except DomainError as exc:
            error = issue_message(exc)
    else:
        error = _("Please check the form.")
    return _event_card(event_id, error=error, done=None if error else _("You are signed up."))


@public_bp.post("/campaigns/events/<int:event_id>/withdraw")
@role_required(Role.CANDIDATE, Role.HOLDER)
def withdraw(event_id: int) -> Response | str:
    """Cancel one's sign-up."""
    events.withdraw(session=db_session(), user=current_user, event_id=event_id)
    return _event_card(event_id, done=_("Your sign-up has been cancelled."))


@public_bp.get("/campaigns/events/<int:event_id>.ics")
@role_required(Role.CANDIDATE, Role.HOLDER)
def event_ics(event_id: int) -> Response:
    """The event for one's calendar."""
    view = events.view_for(session=db_session(), user=current_user, event_id=event_id)
    url = external_url("campaign_invites.home", campaign_id=view.campaign.id)
    body = events.to_ics(event=view.event, campaign=view.campaign, url=url)
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="matchmaker-{event_id}.ics"'},
    )
