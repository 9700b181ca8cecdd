"""Personal data on request: export everything we hold on a user, or delete it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from matchmaker.domain.errors import DomainError, Issue
from matchmaker.models import (
    CampaignMember,
    CandidateProfile,
    DuoInvitation,
    EventSignup,
    Practice,
    User,
)
from matchmaker.models._common import utcnow
from matchmaker.services import accounts, candidates

EXPORT_VERSION = 1
# Credentials are not personal data to hand out: a file with them could log anyone in.
SECRETS = {"password_hash", "session_token", "totp_secret", "recovery_codes", "totp_last_step"}


def export_user_data(*, session: Session, user: User) -> dict[str, Any]:
    """All personal data linked to ``user`` as JSON-ready values (no password hash)."""
    profile = candidates.get_profile(session=session, user=user)
    practices = session.exec(select(Practice).where(Practice.owner_id == user.id)).all()
    # What others sent to this address belongs to the account only once the address is proven.
    own_address = accounts.email_confirmed(user)
    received = (
        session.exec(select(DuoInvitation).where(DuoInvitation.invitee_email == user.email)).all()
        if own_address
        else []
    )
    sent = (
        session.exec(select(DuoInvitation).where(DuoInvitation.inviter_id == profile.id)).all()
        if profile
        else []
    )
    return {
        "export_version": EXPORT_VERSION,
        "exported_at": utcnow().isoformat(),
        "account": user.model_dump(mode="json", exclude=SECRETS),
        "regions": accounts.recruiter_regions(session=session, user=user),
        "candidate_profile": profile.model_dump(mode="json") if profile else None,
        "practices": [p.model_dump(mode="json") for p in practices],
        "duo_invitations_sent": [i.model_dump(mode="json") for i in sent],
        "duo_invitations_received": [i.model_dump(mode="json") for i in received],
        "campaign_invitations": [
            m.model_dump(mode="json", exclude={"token"})
            for m in session.exec(select(CampaignMember).where(CampaignMember.email == user.email))
            if own_address
        ],
        "event_signups": [
            s.model_dump(mode="json")
            for s in session.exec(select(EventSignup).where(EventSignup.user_id == user.id))
        ],
    }


def delete_account(*, session: Session, user: User, password: str) -> None:
    """Delete the account and everything hanging off it, after checking the password."""
    if not accounts.verify_password(user, password):
        raise DomainError([Issue("password", "wrong", "password is not correct")])
    if accounts.email_confirmed(user):  # an unproven address cannot wipe others' invitations
        session.execute(delete(DuoInvitation).where(col(DuoInvitation.invitee_email) == user.email))
        session.execute(delete(CampaignMember).where(col(CampaignMember.email) == user.email))
    profile = candidates.get_profile(session=session, user=user)
    if profile is not None and profile.duo_partner_id is not None:
        candidates.leave_duo(session=session, profile=profile)
    # Listings, profile, sent invitations and regions go with the account (ON DELETE CASCADE).
    session.execute(delete(User).where(col(User.id) == user.id))
    session.commit()
    session.expunge_all()


__all__ = ["CandidateProfile", "delete_account", "export_user_data"]
