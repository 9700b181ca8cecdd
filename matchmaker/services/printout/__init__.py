"""A listing on paper: the holder's own copy for advisers, or the public version for others.

The holder's printout names the practice, its street and contact; anyone else gets what the
public page shows them (an anonymous listing without identifying details, its identifying
photos left out unless they have consent).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from matchmaker.domain.errors import NotFound
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.models import User
from matchmaker.schemas import PracticePublic
from matchmaker.services import disclosure, photos, practices
from matchmaker.services import storage as files
from matchmaker.services.money import guidance
from matchmaker.services.money.guidance import Guidance

PRINT_WIDTH = "960"  # the photo width that prints sharply at 8 cm


@dataclass(frozen=True)
class Printout:
    """What the PDF shows."""

    practice: PracticePublic
    street: str | None  # only for someone who may identify the practice
    contact_email: str | None
    contact_phone: str | None
    photos: list[tuple[str, str]]  # (data URI of a JPEG, caption)
    goodwill: Guidance | None
    by_holder: bool


def listing(*, session: Session, practice_id: int, viewer: User | None, storage: Path) -> Printout:
    """The printout of a published listing, or of one's own listing in any status."""
    row = practices.get_row(session=session, practice_id=practice_id)
    own = viewer is not None and viewer.id == row.owner_id
    if row.status not in PUBLIC_STATUSES and not own:
        raise NotFound(practice_id)
    reveal = own or disclosure.may_identify(session=session, practice=row, viewer=viewer)
    shown = []
    for photo in photos.shown(session=session, practice=row, viewer=viewer):
        key = photo.files.get(PRINT_WIDTH) or next(iter(photo.files.values()), None)
        try:
            data = files.path_of(storage, key).read_bytes()
        except NotFound:
            continue  # a file lost from storage: print the rest
        uri = "data:image/jpeg;base64," + base64.b64encode(data).decode()
        shown.append((uri, photo.caption))
    return Printout(
        practice=practices.to_public(row, reveal=reveal),
        street=row.street if reveal else None,
        contact_email=row.contact_email if reveal else None,
        contact_phone=row.contact_phone if reveal else None,
        photos=shown,
        goodwill=guidance.for_listing(
            low=row.goodwill_min, high=row.goodwill_max, patients=row.patients, fte=row.fte
        ),
        by_holder=own,
    )
