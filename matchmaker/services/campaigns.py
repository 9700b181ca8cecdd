"""Campaigns: set up, add practices, invite candidates, and measure the funnel."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from matchmaker.domain.emails import is_email_address, normalise_email
from matchmaker.domain.errors import Code, DomainError, Issue, NotFound, raise_if
from matchmaker.domain.incentives import Household, Incentive, IncentiveSummary, value_for
from matchmaker.domain.offers import OfferKind
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.domain.roles import Role
from matchmaker.models import (
    Campaign,
    CampaignMember,
    CampaignPractice,
    CandidateProfile,
    Offer,
    Practice,
    User,
)
from matchmaker.models._common import as_utc, utcnow
from matchmaker.models.campaign import CampaignInput
from matchmaker.services import accounts, disclosure, notifications, offers, shortage
from matchmaker.services.geodata import gazetteer
from matchmaker.services.households import household_of

MAX_INVITES = 500
INVITATION_DAYS = 180  # a personal link outlives no campaign and no half year


def _check(data: CampaignInput, allowed: set[str]) -> list[Issue]:
    issues = []
    if data.ends_on < data.starts_on:
        issues.append(Issue("ends_on", Code.BEFORE_START, "ends before it starts"))
    if not data.municipalities:
        issues.append(Issue("municipalities", Code.NO_AREA, "choose at least one municipality"))
    if any(code not in allowed for code in data.municipalities):
        issues.append(Issue("municipalities", Code.NOT_YOURS, "not one of your municipalities"))
    return issues


def create(*, session: Session, user: User, data: CampaignInput) -> Campaign:
    """Start a campaign for some of the recruiter's municipalities."""
    raise_if(_check(data, set(offers.editable_regions(session=session, user=user))))
    campaign = Campaign(owner_id=user.id or 0, **data.model_dump())
    session.add(campaign)
    session.commit()
    shortage.record_snapshot(session=session)  # the index at the start, for the report
    return campaign


def owned(*, session: Session, user: User) -> list[Campaign]:
    """The recruiter's campaigns (all for admins), newest first."""
    stmt = select(Campaign).order_by(col(Campaign.id).desc())
    if user.role != Role.ADMIN:
        stmt = stmt.where(Campaign.owner_id == user.id)
    return list(session.exec(stmt))


def get_owned(*, session: Session, user: User, campaign_id: int) -> Campaign:
    """A campaign of the recruiter; NotFound for anyone else's."""
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or (campaign.owner_id != user.id and user.role != Role.ADMIN):
        raise NotFound(campaign_id)
    return campaign


def candidate_practices(*, session: Session, campaign: Campaign) -> list[Practice]:
    """Published listings in the campaign's municipalities: only they can take part."""
    stmt = (
        select(Practice)
        .where(
            col(Practice.gemeentecode).in_(campaign.municipalities),
            col(Practice.status).in_(PUBLIC_STATUSES),
        )
        .order_by(col(Practice.handover_from))
    )
    return list(session.exec(stmt))


def practices_of(*, session: Session, campaign: Campaign) -> list[Practice]:
    """The practices taking part (a listing taken back to draft drops out of sight)."""
    stmt = (
        select(Practice)
        .join(CampaignPractice, col(CampaignPractice.practice_id) == Practice.id)
        .where(
            CampaignPractice.campaign_id == campaign.id,
            col(Practice.status).in_(PUBLIC_STATUSES),
        )
    )
    return list(session.exec(stmt))


def set_practices(
    *, session: Session, campaign: Campaign, practice_ids: list[int], secret: str
) -> None:
    """Choose the participating practices (only from the campaign's municipalities).

    Holders of new ones hear of it; imported holders get an activation link signed with
    ``secret``.
    """
    allowed = {p.id: p for p in candidate_practices(session=session, campaign=campaign)}
    if any(pid not in allowed for pid in practice_ids):
        raise DomainError(
            [Issue("practices", Code.NOT_IN_AREA, "practice outside the campaign area")]
        )
    # Invitees without consent read the campaign's name beside its anonymous practices.
    for pid in practice_ids:
        raise_if(
            disclosure.naming_problems(
                session=session, practice=allowed[pid], texts={"name": campaign.name}
            )
        )
    before = set()
    for link in session.exec(
        select(CampaignPractice).where(CampaignPractice.campaign_id == campaign.id)
    ):
        before.add(link.practice_id)
        if link.practice_id not in practice_ids:
            session.delete(link)  # those staying keep the places the recruiter set
    session.flush()
    for pid in dict.fromkeys(practice_ids):
        if pid not in before:
            session.add(CampaignPractice(campaign_id=campaign.id or 0, practice_id=pid))
    _tell_holders(session, campaign, [pid for pid in practice_ids if pid not in before], secret)
    session.commit()


def _tell_holders(
    session: Session, campaign: Campaign, practice_ids: list[int], secret: str
) -> None:
    """Holders hear that their practice takes part; imported ones get a link to claim it."""
    for practice in session.exec(select(Practice).where(col(Practice.id).in_(practice_ids))):
        owner = session.get(User, practice.owner_id)
        if owner is None:
            continue
        notifications.notify(
            session=session,
            kind="campaign_practice",
            to=owner,
            campaign=campaign,
            practice=practice,
            activation=accounts.activation_token(user=owner, secret=secret)
            if owner.invited
            else None,
        )


def incentive_choices(*, session: Session, campaign: Campaign) -> list[Offer]:
    """Incentives published for the campaign's municipalities: what a package is made of."""
    stmt = (
        select(Offer)
        .where(
            Offer.kind == OfferKind.INCENTIVE, col(Offer.gemeentecode).in_(campaign.municipalities)
        )
        .order_by(col(Offer.gemeentecode), col(Offer.id))
    )
    return list(session.exec(stmt))


def set_package(*, session: Session, campaign: Campaign, offer_ids: list[int]) -> None:
    """Choose the campaign's incentive package from the region's incentives."""
    allowed = {o.id for o in incentive_choices(session=session, campaign=campaign)}
    if any(i not in allowed for i in offer_ids):
        raise DomainError(
            [Issue("incentives", Code.NOT_AN_INCENTIVE, "not an incentive of the area")]
        )
    campaign.incentive_ids = list(dict.fromkeys(offer_ids))
    session.add(campaign)
    session.commit()


def package(*, session: Session, campaign: Campaign) -> list[Offer]:
    """The chosen incentives, in the order of choosing (withdrawn offers drop out)."""
    if not campaign.incentive_ids:
        return []
    rows = session.exec(select(Offer).where(col(Offer.id).in_(campaign.incentive_ids)))
    by_id = {o.id: o for o in rows if o.kind == OfferKind.INCENTIVE}
    return [by_id[i] for i in campaign.incentive_ids if i in by_id]


def package_value(
    *, session: Session, campaign: Campaign, profile: CandidateProfile | None
) -> IncentiveSummary:
    """The package valued for a candidate's household (or for a family needing a home)."""
    incentives = [
        Incentive(o.title, o.incentive_type or "", o.amount, o.gemeentecode)
        for o in package(session=session, campaign=campaign)
    ]
    household = household_of(profile) if profile is not None else Household(True, 1)
    return value_for(incentives, household)


def invite(*, session: Session, campaign: Campaign, emails: list[str]) -> int:
    """Invite candidates by email with a personal link; returns how many were new."""
    cleaned = [normalise_email(e) for e in emails if e.strip()]
    bad = [e for e in cleaned if not is_email_address(e)]
    if bad:
        raise DomainError(
            [Issue("emails", Code.NOT_AN_EMAIL, f"not an email address: {e}", e) for e in bad]
        )
    if len(cleaned) > MAX_INVITES:
        raise DomainError([Issue("emails", Code.TOO_MANY, f"more than {MAX_INVITES} addresses")])
    existing = set(
        session.exec(select(CampaignMember.email).where(CampaignMember.campaign_id == campaign.id))
    )
    new = 0
    for email in dict.fromkeys(cleaned):
        if email in existing:
            continue
        user = accounts.find_user(session=session, email=email)
        profile = (
            session.exec(
                select(CandidateProfile).where(CandidateProfile.user_id == user.id)
            ).first()
            if user and user.role == Role.CANDIDATE
            else None
        )
        member = CampaignMember(
            campaign_id=campaign.id or 0,
            email=email,
            token=secrets.token_urlsafe(24),
            profile_id=profile.id if profile else None,
        )
        session.add(member)
        recipient: notifications.Addressee = user or notifications.Invitee(email, email)
        notifications.notify(
            session=session,
            kind="campaign_invite",
            to=recipient,
            campaign=campaign,
            token=member.token,
            areas=area_names(campaign),
        )
        new += 1
    session.commit()
    return new


def area_names(campaign: Campaign) -> str:
    """The campaign's municipalities by name, comma-separated."""
    gaz = gazetteer()
    return ", ".join(m.name for c in campaign.municipalities if (m := gaz.municipality(c)))


def invitation(*, session: Session, token: str) -> tuple[Campaign, CampaignMember]:
    """The campaign and invitation behind a personal link, read only; NotFound when expired."""
    member = member_by_token(session=session, token=token)
    campaign = session.get(Campaign, member.campaign_id)
    if campaign is None or invitation_expired(member=member, campaign=campaign):
        raise NotFound(token)
    return campaign, member


def invitation_expired(
    *, member: CampaignMember, campaign: Campaign, now: datetime | None = None
) -> bool:
    """An invitation link ends with its campaign, and at most INVITATION_DAYS after sending."""
    now = now or utcnow()
    age = now - as_utc(member.invited_at)
    return campaign.ends_on < now.date() or age > timedelta(days=INVITATION_DAYS)


def open_invitation(
    *, session: Session, token: str, user: User | None
) -> tuple[Campaign, CampaignMember, bool]:
    """A candidate takes up their invitation: it counts as viewed and links their profile.

    Only the account whose (verified) address the invitation was sent to is linked: a
    link forwarded to or opened by someone else never attaches them. Returns whether
    ``user`` is the invitee.
    """
    campaign, member = invitation(session=session, token=token)
    if member.viewed_at is None:
        member.viewed_at = utcnow()
    own = user is not None and owns_address(user, member.email)
    if own and user is not None and user.role == Role.CANDIDATE and member.profile_id is None:
        profile = session.exec(
            select(CandidateProfile).where(CandidateProfile.user_id == user.id)
        ).first()
        member.profile_id = profile.id if profile else None
    session.add(member)
    session.commit()
    return campaign, member, own


def owns_address(user: User, email: str) -> bool:
    """Whether ``email`` is the user's own, confirmed address."""
    return normalise_email(email) == user.email and accounts.email_confirmed(user)


def campaign_of(*, session: Session, member: CampaignMember) -> Campaign:
    """The campaign an invitation belongs to."""
    campaign = session.get(Campaign, member.campaign_id)
    if campaign is None:
        raise NotFound(member.campaign_id)
    return campaign


def member_by_token(*, session: Session, token: str) -> CampaignMember:
    """The invitation behind a personal link; NotFound when unknown."""
    member = session.exec(select(CampaignMember).where(CampaignMember.token == token)).first()
    if member is None:
        raise NotFound(token)
    return member


def awaiting_consent(*, session: Session, member: CampaignMember) -> User | None:
    """The imported account behind an invitation that has not been claimed yet.

    A recruiter's import creates accounts without a password; before anything else happens
    (matching, a viewed mark, contact) the person must consent and choose a password.
    """
    user = accounts.find_user(session=session, email=member.email)
    return user if user is not None and user.invited else None


def accept_invitation(*, session: Session, token: str, password: str) -> User:
    """Consent to the imported details, choose a password, and join the campaign."""
    member = member_by_token(session=session, token=token)
    user = awaiting_consent(session=session, member=member)
    if user is None:
        raise NotFound(token)
    profile = session.exec(
        select(CandidateProfile).where(CandidateProfile.user_id == user.id)
    ).first()
    if profile is not None:
        profile.consent = True
        session.add(profile)
        _link_memberships(session, user.email, profile)
    member.viewed_at = member.viewed_at or utcnow()
    session.add(member)
    accounts.activate(session=session, user=user, password=password)
    return user


def decline_invitation(*, session: Session, token: str) -> None:
    """Refuse: the imported account, its profile and every invitation to this address go."""
    member = member_by_token(session=session, token=token)
    user = awaiting_consent(session=session, member=member)
    if user is None:
        raise NotFound(token)
    for row in session.exec(select(CampaignMember).where(CampaignMember.email == member.email)):
        session.delete(row)
    session.delete(user)  # the profile goes with it (ON DELETE CASCADE)
    session.commit()
    session.expunge_all()


def claim_invitations(*, session: Session, user: User, profile: CandidateProfile) -> None:
    """As :func:`link_new_profile`, inside the caller's transaction."""
    if accounts.email_confirmed(user):
        _link_memberships(session, user.email, profile)


def _link_memberships(session: Session, email: str, profile: CandidateProfile) -> None:
    for row in session.exec(
        select(CampaignMember).where(
            CampaignMember.email == email, col(CampaignMember.profile_id).is_(None)
        )
    ):
        row.profile_id = profile.id
        session.add(row)


def link_new_profile(*, session: Session, user: User, profile: CandidateProfile) -> None:
    """Invitations sent to a candidate's confirmed address before they had a profile now count."""
    claim_invitations(session=session, user=user, profile=profile)
    session.commit()
