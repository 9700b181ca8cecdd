"""Who may learn which practice an anonymous listing is: the one rule every page, email and
file asks before it names a practice, its street or its holder.

An anonymous practice is identified (name, street, postcode, phone, email, the holder's
name) only to its holder, to candidates the holder agreed to contact (an introduction that
reached 'introduced'), to the recruiters of its municipality (the privacy statement says
they see listings there) and to administrators. Everyone else sees the municipality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from matchmaker.domain.introductions import REVEALED
from matchmaker.domain.roles import Role
from matchmaker.models import CampaignEvent, CandidateProfile, Introduction, Practice, User
from matchmaker.services import accounts
from matchmaker.services.geodata import gazetteer
from matchmaker.services.practices import public_title


def may_identify(*, session: Session, practice: Practice, viewer: Any) -> bool:
    """Whether ``viewer`` (an account, an invitee without one, or None) may know the practice."""
    if not practice.anonymous:
        return True
    if not isinstance(viewer, User) or viewer.id is None:
        return False
    if viewer.id == practice.owner_id or viewer.role == Role.ADMIN:
        return True
    if viewer.role == Role.RECRUITER:
        regions = accounts.recruiter_regions(session=session, user=viewer)
        return practice.gemeentecode in regions
    agreed = session.exec(
        select(Introduction.id)
        .join(CandidateProfile, col(CandidateProfile.id) == Introduction.candidate_id)
        .where(
            Introduction.practice_id == practice.id,
            CandidateProfile.user_id == viewer.id,
            col(Introduction.status).in_(list(REVEALED)),
        )
    ).first()
    return agreed is not None


def municipality_name(practice: Practice) -> str:
    """The municipality an anonymous practice may be named by."""
    muni = gazetteer().municipality(practice.gemeentecode)
    return muni.name if muni else practice.province


def identifying(*, session: Session, practice: Practice) -> list[str]:
    """The strings that identify a practice: name, street, postcode, phone, email, holder."""
    owner = session.get(User, practice.owner_id)
    found = [
        practice.name,
        practice.street or "",
        practice.postcode,
        practice.contact_phone or "",
        practice.contact_email or "",
        owner.display_name if owner else "",
        owner.email if owner else "",
    ]
    return [s.strip() for s in found if s and len(s.strip()) >= 3]


def redact(text: str, secrets: list[str], replacement: str) -> str:
    """``text`` with every identifying string (any case) replaced."""
    for secret in sorted(secrets, key=len, reverse=True):
        text = re.sub(re.escape(secret), replacement, text, flags=re.IGNORECASE)
    return text


@dataclass(frozen=True)
class ShownEvent:
    """An event as one person may see it: at an anonymous practice they have no consent
    for, the place is the municipality and the practice's name, street and holder are out
    of its title and description."""

    event: CampaignEvent
    title: str
    place: str
    description: str
    practice_title: str = ""  # the host practice as the viewer may name it ("" without one)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.event, name)


def event_for(
    *, session: Session, event: CampaignEvent, viewer: Any, practice: Practice | None = None
) -> ShownEvent:
    """``event`` as ``viewer`` may see it (one consent check per viewer and event)."""
    practice = practice or (session.get(Practice, event.practice_id) if event.practice_id else None)
    if practice is None:
        return ShownEvent(event, event.title, event.place, event.description)
    if may_identify(session=session, practice=practice, viewer=viewer):
        return ShownEvent(event, event.title, event.place, event.description, practice.name)
    secrets = identifying(session=session, practice=practice)
    where = municipality_name(practice)
    masked = f"huisartsenpraktijk in {where}"
    return ShownEvent(
        event,
        redact(event.title, secrets, masked),
        where,
        redact(event.description, secrets, masked),
        public_title(practice),
    )
