"""Campaign pages for the people taking part: a candidate's invitation and consent, rankings,
the participant's campaign page and event sign-up."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from matchmaker.domain.bounds import parse_int
from matchmaker.domain.errors import DomainError
from matchmaker.domain.roles import Role
from matchmaker.extensions import htmx
from matchmaker.models import CampaignMember, User
from matchmaker.services import (
    campaigns,
    events,
    match_rounds,
    participation,
)
from matchmaker.web import presenters
from matchmaker.web.forms import (
    ConsentForm,
    SignupForm,
)
from matchmaker.web.helpers import (
    apply_issues,
    issue_message,
    role_required,
)
from matchmaker.web.helpers import session as db_session
from matchmaker.web.reasons import RULES
from matchmaker.web.templating import external_url

bp = Blueprint("campaign_invites", __name__)


@bp.get("/campaigns/join/<token>")
def join(token: str) -> str:
    """A personal invitation, shown: consent first for imported candidates. Nothing changes."""
    viewer = current_user if current_user.is_authenticated else None
    view = participation.invitation_page(session=db_session(), token=token, viewer=viewer)
    if view.pending is not None:
        return _consent_page(view.member, view.pending, ConsentForm())
    return render_template("campaigns/join.html", **vars(view), rules=RULES)


@bp.post("/campaigns/join/<token>")
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
    view = participation.consent_page(session=db_session(), member=member, person=user)
    return render_template("campaigns/consent.html", **vars(view), form=form)


@bp.post("/campaigns/join/<token>/consent")
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


@bp.post("/campaigns/join/<token>/decline")
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


@bp.get("/campaigns/<int:campaign_id>/rank")
@role_required(Role.CANDIDATE, Role.HOLDER)
def rank(campaign_id: int) -> str:
    """Rank the other side of a campaign, and answer the round's proposals."""
    page = match_rounds.rank_page(session=db_session(), user=current_user, campaign_id=campaign_id)
    holder = page.side != "candidate"
    return render_template(
        "campaigns/rank.html",
        page=page,
        rows=[] if holder else presenters.practice_rows(page.items),
        rows_by_practice={p.id: presenters.candidate_rows(c) for p, c in page.items}
        if holder
        else {},
    )


@bp.post("/campaigns/<int:campaign_id>/rank")
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


@bp.post("/campaigns/<int:campaign_id>/rank/<int:practice_id>")
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


@bp.post("/campaigns/proposals/<int:proposal_id>/<any(accept, decline):answer>")
@role_required(Role.CANDIDATE, Role.HOLDER)
def answer(proposal_id: int, answer: str) -> Response:
    """Accept or decline a pair the round proposed."""
    proposal = match_rounds.answer(
        session=db_session(), user=current_user, proposal_id=proposal_id, accept=answer == "accept"
    )
    flash(_("Your answer has been saved."), "success")
    campaign_id = match_rounds.campaign_of(session=db_session(), proposal=proposal)
    return redirect(url_for("campaign_invites.rank", campaign_id=campaign_id))


@bp.get("/campaigns/<int:campaign_id>")
@role_required(Role.CANDIDATE, Role.HOLDER)
def home(campaign_id: int) -> str:
    """A participant's view of a campaign: package, events, practices, ranking and proposals."""
    view = participation.participant_page(
        session=db_session(), user=current_user, campaign_id=campaign_id
    )
    return render_template("campaigns/home.html", **vars(view), rules=RULES)


def _event_card(
    event_id: int, *, error: str | None = None, done: str | None = None
) -> Response | str:
    """htmx swaps the event card in place; without JavaScript, back to the campaign page."""
    view = events.view_for(session=db_session(), user=current_user, event_id=event_id)
    if htmx and not htmx.boosted:
        return render_template("campaigns/_event.html", v=view, error=error, done=done)
    if error or done:
        flash(error or done or "", "error" if error else "success")
    return redirect(
        url_for("campaign_invites.home", campaign_id=view.campaign.id, _anchor=f"event-{event_id}")
    )


@bp.post("/campaigns/events/<int:event_id>/signup")
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


@bp.post("/campaigns/events/<int:event_id>/withdraw")
@role_required(Role.CANDIDATE, Role.HOLDER)
def withdraw(event_id: int) -> Response | str:
    """Cancel one's sign-up."""
    events.withdraw(session=db_session(), user=current_user, event_id=event_id)
    return _event_card(event_id, done=_("Your sign-up has been cancelled."))


@bp.get("/campaigns/events/<int:event_id>.ics")
@role_required(Role.CANDIDATE, Role.HOLDER)
def event_ics(event_id: int) -> Response:
    """The event for one's calendar."""
    view = events.view_for(session=db_session(), user=current_user, event_id=event_id)
    url = external_url("campaign_invites.home", campaign_id=view.campaign.id)
    body = events.to_ics(event=view.shown or view.event, campaign=view.campaign, url=url)
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="matchmaker-{event_id}.ics"'},
    )
