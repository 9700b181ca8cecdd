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

from matchmaker.domain.anonymity import Identity, masked, naming_issues
from matchmaker.domain.errors import Code, Issue
from matchmaker.domain.introductions import REVEALED
from matchmaker.domain.roles import Role
from matchmaker.models import CampaignEvent, CandidateProfile, Introduction, Practice, User
from matchmaker.services import accounts
from matchmaker.services.geodata import gazetteer, place_names
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


def identity_of(*, session: Session, practice: Practice) -> Identity:
    """What identifies a practice word by word: its name, its holder, its street."""
    owner = session.get(User, practice.owner_id)
    return Identity(
        name=practice.name,
        holder=owner.display_name if owner else "",
        street=practice.street,
        municipality=municipality_name(practice),
    )


def naming_problems(
    *, session: Session, practice: Practice | None, texts: dict[str, str]
) -> list[Issue]:
    """For a recruiter's texts about an anonymous practice that people without consent read
    (an event's title and description, a campaign's name): each field that gives the
    practice away, with the word found. Nothing for a named practice."""
    if practice is None or not practice.anonymous:
        return []
    identity = identity_of(session=session, practice=practice)
    places = place_names()
    return [
        Issue(field, Code.GIVES_PRACTICE_AWAY, "gives an anonymous practice away", found.value)
        for field, text in texts.items()
        for found in naming_issues(field, text, identity, places)[:1]
    ]


def masked_text(text: str, *, secrets: list[str], identity: Identity, replacement: str) -> str:
    """``text`` without the practice's identifying strings, nor any word of them."""
    return masked(redact(text, secrets, replacement), identity, replacement)


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
    identity = identity_of(session=session, practice=practice)
    where = municipality_name(practice)
    hidden = f"huisartsenpraktijk in {where}"
    return ShownEvent(
        event,
        masked_text(event.title, secrets=secrets, identity=identity, replacement=hidden),
        where,
        masked_text(event.description, secrets=secrets, identity=identity, replacement=hidden),
        public_title(practice),
    )
