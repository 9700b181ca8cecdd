"""What the demo shows of issue 23: the demo holder and starter negotiating with a takeover
file under way, and the demo listing with photos (drawn here, labelled demo) and goodwill."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw
from sqlmodel import Session, select

from matchmaker.domain.introductions import IntroStatus
from matchmaker.domain.photos import PhotoKind
from matchmaker.models import (
    CandidateProfile,
    Introduction,
    IntroductionEvent,
    ListingPhoto,
    Practice,
    TakeoverItem,
)
from matchmaker.models._common import utcnow
from matchmaker.services import accounts, practices
from matchmaker.services import storage as files
from matchmaker.services.photos import resize
from matchmaker.services.seed.logins import HOLDER_EMAIL, STARTER_EMAIL
from matchmaker.services.takeover import dossier

DONE_STEPS = ("intentieverklaring", "jaarcijfers", "accountant")
BUSY_STEPS = ("financiering", "pand")
# (what it shows, caption, identifying): the façade names the practice; the rooms do not.
DEMO_PHOTOS = (
    (PhotoKind.PRACTICE, "Voorgevel van de praktijk (demo)", True),
    (PhotoKind.PRACTICE, "Spreekkamer (demo)", False),
    (PhotoKind.HOUSE, "Praktijkwoning met tuin (demo)", False),
)


def seed_takeover(session: Session, storage: Path | None) -> None:
    """Once: the negotiation with its file, and photos when there is somewhere to keep them."""
    holder = accounts.find_user(session=session, email=HOLDER_EMAIL)
    starter = accounts.find_user(session=session, email=STARTER_EMAIL)
    if holder is None or starter is None:
        return
    listing = next(
        (p for p in practices.list_owned(session=session, owner=holder) if p.status == "published"),
        None,
    )
    profile = session.exec(
        select(CandidateProfile).where(CandidateProfile.user_id == starter.id)
    ).first()
    if listing is None or profile is None:
        return
    _negotiation(session, listing, profile)
    if storage is not None:
        _photos(session, listing, storage)


def _negotiation(session: Session, listing: Practice, profile: CandidateProfile) -> None:
    found = session.exec(
        select(Introduction).where(
            Introduction.practice_id == listing.id, Introduction.candidate_id == profile.id
        )
    ).first()
    if found is not None:
        return
    intro = Introduction(
        practice_id=listing.id or 0,
        candidate_id=profile.id or 0,
        initiated_by="candidate",
        status=IntroStatus.NEGOTIATION,
        message="Ik ben erg geïnteresseerd in uw praktijk en de praktijkwoning. (demo)",
    )
    session.add(intro)
    session.flush()
    for step in ("requested", "introduced", "meeting", "trial_day", "negotiation"):
        session.add(IntroductionEvent(introduction_id=intro.id or 0, status=step))
    opened = dossier.open_for(session, intro)
    session.flush()
    for item in session.exec(select(TakeoverItem).where(TakeoverItem.file_id == opened.id)):
        if item.step_key in DONE_STEPS:
            item.status = "done"
            item.notes = "Afgerond (demo)."
        elif item.step_key in BUSY_STEPS:
            item.status = "busy"
        item.updated_at = utcnow()
        session.add(item)


def _drawn(kind: str, caption: str) -> bytes:
    """A simple drawing standing in for a photo (demo data are synthetic, photos too)."""
    image = Image.new("RGB", (1600, 1200), (214, 230, 233))
    draw = ImageDraw.Draw(image)
    if kind == PhotoKind.HOUSE:
        draw.rectangle((380, 520, 1220, 1050), fill=(236, 224, 206), outline=(90, 70, 50), width=8)
        draw.polygon([(330, 540), (800, 220), (1270, 540)], fill=(150, 60, 50))
        draw.rectangle((720, 800, 880, 1050), fill=(110, 80, 60))
        draw.rectangle((0, 1050, 1600, 1200), fill=(120, 170, 90))
    elif "Spreek" in caption:
        draw.rectangle((0, 900, 1600, 1200), fill=(200, 190, 170))
        draw.rectangle((200, 620, 900, 700), fill=(240, 240, 240), outline=(60, 60, 60), width=6)
        draw.rectangle((1100, 300, 1450, 650), fill=(170, 210, 230), outline=(60, 60, 60), width=8)
    else:
        draw.rectangle((200, 300, 1400, 1050), fill=(180, 110, 90), outline=(70, 40, 30), width=8)
        for x in (320, 620, 920, 1220):
            draw.rectangle((x, 420, x + 160, 620), fill=(200, 225, 240))
        draw.rectangle((700, 780, 900, 1050), fill=(60, 80, 90))
        draw.rectangle((0, 1050, 1600, 1200), fill=(150, 150, 150))
    draw.text((40, 40), "DEMO", fill=(11, 85, 99))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _photos(session: Session, listing: Practice, storage: Path) -> None:
    if session.exec(select(ListingPhoto.id).where(ListingPhoto.practice_id == listing.id)).first():
        return
    for position, (kind, caption, identifying) in enumerate(DEMO_PHOTOS):
        resized = resize(files.Upload("demo.png", _drawn(kind, caption)))
        session.add(
            ListingPhoto(
                practice_id=listing.id or 0,
                kind=kind,
                caption=caption,
                identifying=identifying,
                files={str(w): files.save(storage, d) for w, d in resized.by_width.items()},
                width=resized.width,
                height=resized.height,
                position=position,
            )
        )
