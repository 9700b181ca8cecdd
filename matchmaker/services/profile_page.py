"""A candidate's own profile page, and saving the profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from matchmaker.domain.geo import Municipality
from matchmaker.domain.household import ChildStage, children_needs
from matchmaker.models import Campaign, CandidateProfile, DuoInvitation, User
from matchmaker.models.candidate import CandidateProfileInput
from matchmaker.services import campaigns, candidates, match_rounds
from matchmaker.services.geodata import gazetteer


@dataclass(frozen=True)
class ProfilePage:
    """The profile with its duo, invitations and campaigns."""

    profile: CandidateProfile | None
    partner: CandidateProfile | None
    sent: list[DuoInvitation]
    received: list[tuple[DuoInvitation, str]]
    needs: dict[ChildStage, int]  # children per stage in the coming year
    municipality: Municipality | None
    my_campaigns: list[Campaign]


def page(*, session: Session, user: User) -> ProfilePage:
    """What the candidate sees on their profile page."""
    profile = candidates.get_profile(session=session, user=user)
    return ProfilePage(
        profile=profile,
        partner=candidates.duo_partner(session=session, profile=profile) if profile else None,
        sent=candidates.sent_invitations(session=session, profile=profile) if profile else [],
        received=candidates.invitations_for(session=session, user=user),
        needs=children_needs(profile.children_birth_years, date.today().year) if profile else {},
        municipality=gazetteer().municipality(profile.gemeentecode) if profile else None,
        my_campaigns=match_rounds.for_user(session=session, user=user),
    )


def save(*, session: Session, user: User, data: CandidateProfileInput) -> CandidateProfile:
    """Save the profile; invitations already sent to the confirmed address now count.

    One transaction: the profile and its campaign memberships are stored together or not at all.
    """
    profile = candidates.stage_profile(session=session, user=user, data=data)
    campaigns.claim_invitations(session=session, user=user, profile=profile)
    session.commit()
    return profile
