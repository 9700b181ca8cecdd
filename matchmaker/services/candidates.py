"""Candidate profiles and duo invitations."""

from __future__ import annotations

from sqlmodel import Session, col, select

from matchmaker.domain.emails import normalise_email
from matchmaker.domain.errors import Code, DomainError, Issue, NotFound, check_choice
from matchmaker.domain.household import Shared, check_codes
from matchmaker.models import CandidateProfile, DuoInvitation, User
from matchmaker.models._common import utcnow
from matchmaker.models.candidate import CandidateProfileInput
from matchmaker.services import accounts, inbox, notifications
from matchmaker.services.geodata import gazetteer

PENDING = "pending"


def get_profile(*, session: Session, user: User) -> CandidateProfile | None:
    """The candidate's own profile, if saved yet."""
    return session.exec(select(CandidateProfile).where(CandidateProfile.user_id == user.id)).first()


def check_profile(data: CandidateProfileInput) -> list[Issue]:
    """Problems with a profile's codes and ranges (empty when it is fine)."""
    issues: list[Issue] = check_codes(
        stage=data.stage,
        partner_work=data.partner_work,
        partner_sector=data.partner_sector,
        housing_need=data.housing_need,
    )
    if data.earliest_start and data.latest_start and data.latest_start < data.earliest_start:
        issues.append(Issue("latest_start", Code.BEFORE_START, "latest start is before earliest"))
    if data.max_distance_km is None and not data.search_regions:
        issues.append(
            Issue("max_distance_km", Code.NO_AREA, "give a maximum distance or choose regions")
        )
    for value in data.share_with_holders:
        issues += check_choice("share_with_holders", value, Shared)
    return issues


def save_profile(*, session: Session, user: User, data: CandidateProfileInput) -> CandidateProfile:
    """Create or update the candidate's profile, deriving the home location."""
    profile = stage_profile(session=session, user=user, data=data)
    session.commit()
    return profile


def stage_profile(*, session: Session, user: User, data: CandidateProfileInput) -> CandidateProfile:
    """As :func:`save_profile`, inside the caller's transaction (flushed, not committed)."""
    issues = check_profile(data)
    if issues:
        raise DomainError(issues)
    place = gazetteer().place(data.home_postcode)
    profile = get_profile(session=session, user=user) or CandidateProfile(
        user_id=user.id,  # type: ignore[arg-type]
        home_lat=place.lat,
        home_lon=place.lon,
        gemeentecode=place.municipality.code,
        province=place.municipality.province,
        **data.model_dump(),
    )
    for key, value in data.model_dump().items():
        setattr(profile, key, value)
    profile.home_postcode = place.pc4
    profile.home_lat, profile.home_lon = place.lat, place.lon
    profile.gemeentecode = place.municipality.code
    profile.province = place.municipality.province
    profile.updated_at = utcnow()
    session.add(profile)
    session.flush()
    return profile


def duo_partner(*, session: Session, profile: CandidateProfile) -> CandidateProfile | None:
    """The profile this candidate applies with as a duo."""
    if profile.duo_partner_id is None:
        return None
    return session.get(CandidateProfile, profile.duo_partner_id)


def invite_duo(*, session: Session, profile: CandidateProfile, email: str) -> DuoInvitation:
    """Invite another candidate (by email) to form a duo."""
    email = normalise_email(email)
    inviter = session.get(User, profile.user_id)
    if inviter is not None and inviter.email == email:
        raise DomainError([Issue("email", Code.SELF, "you cannot invite yourself")])
    if profile.duo_partner_id is not None:
        raise DomainError([Issue("email", Code.HAS_PARTNER, "you already have a duo partner")])
    existing = session.exec(
        select(DuoInvitation).where(
            DuoInvitation.inviter_id == profile.id,
            DuoInvitation.invitee_email == email,
            DuoInvitation.status == PENDING,
        )
    ).first()
    if existing:
        return existing
    invitation = DuoInvitation(inviter_id=profile.id, invitee_email=email)  # type: ignore[arg-type]
    session.add(invitation)
    _tell_invitee(session, email, inviter.display_name if inviter else "")
    session.commit()
    return invitation


def _tell_invitee(session: Session, email: str, inviter_name: str) -> None:
    """An account with the confirmed address hears it in the app and by email; any other
    address only by email, so that nobody who merely typed that address sees the invitation."""
    invitee = accounts.find_user(session=session, email=email)
    if invitee is not None and accounts.email_confirmed(invitee):
        inbox.tell(
            session=session,
            to=invitee,
            kind="duo_invitation",
            link="/profile",
            name=inviter_name,
            email={"inviter_name": inviter_name, "has_account": True},
        )
    else:
        notifications.notify(
            session=session,
            kind="duo_invitation",
            to=notifications.Invitee(email, email),
            inviter_name=inviter_name,
            has_account=False,
        )


def invitations_for(*, session: Session, user: User) -> list[tuple[DuoInvitation, str]]:
    """Pending invitations addressed to ``user``'s confirmed address, with the inviter's name."""
    if user.email_verified_at is None:
        return []
    stmt = (
        select(DuoInvitation, CandidateProfile.display_name)
        .join(CandidateProfile, col(CandidateProfile.id) == DuoInvitation.inviter_id)
        .where(DuoInvitation.invitee_email == user.email, DuoInvitation.status == PENDING)
        .order_by(col(DuoInvitation.created_at))
    )
    return [(inv, name) for inv, name in session.exec(stmt)]


def sent_invitations(*, session: Session, profile: CandidateProfile) -> list[DuoInvitation]:
    """Pending invitations the candidate sent."""
    stmt = select(DuoInvitation).where(
        DuoInvitation.inviter_id == profile.id, DuoInvitation.status == PENDING
    )
    return list(session.exec(stmt))


def respond_to_invitation(
    *, session: Session, user: User, invitation_id: int, accept: bool
) -> DuoInvitation:
    """Accept (linking both profiles as a duo) or decline an invitation addressed to ``user``."""
    invitation = session.get(DuoInvitation, invitation_id)
    if (
        invitation is None
        or invitation.invitee_email != user.email
        or user.email_verified_at is None
        or invitation.status != PENDING
    ):
        raise NotFound(invitation_id)
    invitation.responded_at = utcnow()
    if not accept:
        invitation.status = "declined"
        session.commit()
        return invitation
    mine = get_profile(session=session, user=user)
    inviter = session.get(CandidateProfile, invitation.inviter_id)
    if mine is None:
        raise DomainError([Issue("profile", Code.MISSING, "save your own profile first")])
    if inviter is None or inviter.duo_partner_id is not None or mine.duo_partner_id is not None:
        raise DomainError(
            [Issue("profile", Code.HAS_PARTNER, "one of you already has a duo partner")]
        )
    mine.duo_partner_id, inviter.duo_partner_id = inviter.id, mine.id
    invitation.status = "accepted"
    session.add_all([mine, inviter, invitation])
    session.commit()
    return invitation


def leave_duo(*, session: Session, profile: CandidateProfile, deleted: bool = False) -> None:
    """Dissolve the candidate's duo on both sides; the partner hears of it (that the other
    left or deleted their account, without a name that may be gone)."""
    partner = duo_partner(session=session, profile=profile)
    profile.duo_partner_id = None
    if partner is not None:
        partner.duo_partner_id = None
        session.add(partner)
        other = session.get(User, partner.user_id)
        if other is not None:
            why = "deleted" if deleted else "left"
            inbox.tell(
                session=session,
                to=other,
                kind="duo_ended",
                link="/profile",
                change=why,
                email={"why": why},
            )
    session.add(profile)
    session.commit()
