"""What the people taking part in a campaign see: the invitation, consent, their campaign page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from matchmaker.domain.incentives import IncentiveSummary
from matchmaker.domain.roles import Role
from matchmaker.models import Campaign, CampaignMember, CandidateProfile, Practice, User
from matchmaker.services import campaigns, candidates, events, match_rounds


@dataclass(frozen=True)
class InvitationPage:
    """A personal invitation as its link shows it (nothing changes by looking)."""

    campaign: Campaign
    member: CampaignMember
    practices: list[Practice]
    package: IncentiveSummary
    event_views: list[events.EventView]
    areas: str
    other_account: bool  # someone else is logged in than the invitee
    pending: User | None  # an imported candidate who must consent first


def invitation_page(*, session: Session, token: str, viewer: User | None) -> InvitationPage:
    """The invitation behind ``token``, for whoever opened the link (NotFound if unknown)."""
    campaign, member = campaigns.invitation(session=session, token=token)
    return InvitationPage(
        campaign=campaign,
        member=member,
        practices=campaigns.practices_of(session=session, campaign=campaign),
        package=campaigns.package_value(session=session, campaign=campaign, profile=None),
        event_views=events.for_campaign(session=session, campaign=campaign),
        areas=campaigns.area_names(campaign),
        other_account=viewer is not None and not campaigns.owns_address(viewer, member.email),
        pending=campaigns.awaiting_consent(session=session, member=member),
    )


@dataclass(frozen=True)
class ConsentPage:
    """What an imported candidate agrees to before taking part."""

    campaign: Campaign
    member: CampaignMember
    person: User
    profile: CandidateProfile | None
    areas: str


def consent_page(*, session: Session, member: CampaignMember, person: User) -> ConsentPage:
    """The consent page for ``person``, invited as ``member``."""
    campaign = campaigns.campaign_of(session=session, member=member)
    return ConsentPage(
        campaign=campaign,
        member=member,
        person=person,
        profile=candidates.get_profile(session=session, user=person),
        areas=campaigns.area_names(campaign),
    )


@dataclass(frozen=True)
class ParticipantPage:
    """A participant's campaign: package valued for them, events, practices."""

    campaign: Campaign
    areas: str
    package: IncentiveSummary
    event_views: list[events.EventView]
    practices: list[Practice]


def participant_page(*, session: Session, user: User, campaign_id: int) -> ParticipantPage:
    """The campaign page of a candidate or holder who takes part (NotFound for others)."""
    campaign = match_rounds.participant_campaign(
        session=session, user=user, campaign_id=campaign_id
    )
    profile = (
        candidates.get_profile(session=session, user=user) if user.role == Role.CANDIDATE else None
    )
    return ParticipantPage(
        campaign=campaign,
        areas=campaigns.area_names(campaign),
        package=campaigns.package_value(session=session, campaign=campaign, profile=profile),
        event_views=events.for_campaign(session=session, campaign=campaign, user=user),
        practices=campaigns.practices_of(session=session, campaign=campaign),
    )
