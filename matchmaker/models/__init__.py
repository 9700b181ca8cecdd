"""Database models, one module per aggregate; importing this registers all tables."""

from matchmaker.models.alert import AlertedListing, SavedSearch, SearchAlert
from matchmaker.models.audit import AuditEvent
from matchmaker.models.campaign import (
    Campaign,
    CampaignEvent,
    CampaignMember,
    CampaignPractice,
    CampaignRanking,
    CampaignRound,
    CancelledEvent,
    EventSignup,
    RoundProposal,
)
from matchmaker.models.candidate import CandidateProfile, DuoInvitation
from matchmaker.models.conversation import Message, ThreadMember
from matchmaker.models.data_version import DataVersion
from matchmaker.models.introduction import Introduction, IntroductionEvent
from matchmaker.models.listing_view import ListingPeriod, ListingView
from matchmaker.models.notification import Notification
from matchmaker.models.offer import Offer
from matchmaker.models.outbox import OutboxMessage
from matchmaker.models.photo import ListingPhoto
from matchmaker.models.practice import Practice
from matchmaker.models.shortage_snapshot import ShortageSnapshot
from matchmaker.models.shortlist import CandidateMark, PracticeMark
from matchmaker.models.succession import PipelineAlert, StopPlan
from matchmaker.models.takeover import (
    TakeoverChange,
    TakeoverDocument,
    TakeoverFile,
    TakeoverItem,
)
from matchmaker.models.throttle import Throttle
from matchmaker.models.user import RecruiterRegion, User

__all__ = [
    "AlertedListing",
    "AuditEvent",
    "Campaign",
    "CampaignEvent",
    "CampaignMember",
    "CampaignPractice",
    "CampaignRanking",
    "CampaignRound",
    "CancelledEvent",
    "CandidateMark",
    "CandidateProfile",
    "DataVersion",
    "DuoInvitation",
    "EventSignup",
    "Introduction",
    "IntroductionEvent",
    "ListingPeriod",
    "ListingPhoto",
    "ListingView",
    "Message",
    "Notification",
    "Offer",
    "OutboxMessage",
    "PipelineAlert",
    "Practice",
    "PracticeMark",
    "RecruiterRegion",
    "RoundProposal",
    "SavedSearch",
    "SearchAlert",
    "ShortageSnapshot",
    "ThreadMember",
    "StopPlan",
    "TakeoverChange",
    "TakeoverDocument",
    "TakeoverFile",
    "TakeoverItem",
    "Throttle",
    "User",
]
