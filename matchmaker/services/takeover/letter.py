"""What the draft letter of intent (intentieverklaring) says, filled in from both sides' data.

The letter is a draft to discuss with an adviser, never legal advice: what the platform does
not know (the price of the building, conditions, the place of signing) is left as a marked
blank rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from matchmaker.models import TakeoverItem, User
from matchmaker.models._common import utcnow
from matchmaker.services.geodata import gazetteer
from matchmaker.services.takeover import dossier


@dataclass(frozen=True)
class Letter:
    """Everything the letter names; None where the letter shows a blank to fill in."""

    holder_name: str
    holder_email: str
    successor_name: str
    successor_email: str
    practice_name: str
    street: str | None
    postcode: str
    place: str
    patients: int
    fte: float
    form: str
    building: str
    handover_model: str
    start: date | None  # the agreed start date (the file's start step), else None
    handover_from: date
    handover_until: date
    goodwill_min: int | None
    goodwill_max: int | None
    dispensing: bool
    staff_assistants: int
    staff_poh: int
    drafted_on: date


def letter(*, session: Session, user: User, intro_id: int) -> Letter:
    """The letter of one's own introduction in negotiation or later (NotFound otherwise)."""
    p = dossier.resolve(session, user, intro_id)
    holder = session.get(User, p.practice.owner_id)
    successor = session.get(User, p.profile.user_id)
    opened = dossier.open_for(session, p.intro)
    session.commit()
    start_step = session.exec(
        select(TakeoverItem).where(
            TakeoverItem.file_id == opened.id, TakeoverItem.step_key == "startdatum"
        )
    ).first()
    muni = gazetteer().municipality(p.practice.gemeentecode)
    practice = p.practice
    return Letter(
        holder_name=holder.display_name if holder else "",
        holder_email=practice.contact_email or (holder.email if holder else ""),
        successor_name=p.profile.display_name,
        successor_email=successor.email if successor else "",
        practice_name=practice.name,
        street=practice.street,
        postcode=practice.postcode,
        place=muni.name if muni else practice.gemeentecode,
        patients=practice.patients,
        fte=practice.fte,
        form=practice.form,
        building=practice.building,
        handover_model=practice.handover_model,
        start=start_step.due if start_step and start_step.status == "done" else None,
        handover_from=practice.handover_from,
        handover_until=practice.handover_until,
        goodwill_min=practice.goodwill_min,
        goodwill_max=practice.goodwill_max,
        dispensing=practice.dispensing,
        staff_assistants=practice.staff_assistants,
        staff_poh=practice.staff_poh,
        drafted_on=utcnow().date(),
    )
