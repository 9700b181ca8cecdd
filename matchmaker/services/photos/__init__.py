"""Photos of a listing: checked by content, resized, stripped of EXIF and GPS, shown by consent.

An upload is opened with Pillow whatever its name says; only JPEG, PNG and WebP pass, at most
10 MB and 50 megapixels. It is turned upright (EXIF orientation), copied pixel by pixel into a
new image (so no metadata travels along: no camera, no GPS position), and saved as JPEG at a
few widths for ``srcset``. Files live in the attachment storage under random keys.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import func
from sqlmodel import Session, col, select

from matchmaker.domain.errors import Code, DomainError, Issue, NotFound, raise_if
from matchmaker.domain.photos import (
    FORMATS,
    MAX_BYTES,
    MAX_CAPTION,
    MAX_PHOTOS,
    MAX_PIXELS,
    QUALITY,
    WIDTHS,
    PhotoKind,
    visible,
)
from matchmaker.domain.practice import PUBLIC_STATUSES
from matchmaker.models import ListingPhoto, Practice, User
from matchmaker.services import disclosure
from matchmaker.services import storage as files
from matchmaker.services.practices import get_owned

Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow refuses larger images itself (decompression bombs)


@dataclass(frozen=True)
class Resized:
    """One upload turned into clean JPEGs, per width."""

    by_width: dict[int, bytes]
    width: int
    height: int


def _opened(upload: files.Upload) -> Image.Image:
    if len(upload.data) > MAX_BYTES:
        raise DomainError([Issue("photo", Code.PHOTO_TOO_LARGE, "over 10 MB")])
    refused = DomainError([Issue("photo", Code.NOT_AN_IMAGE, "not an image", upload.name[:80])])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(upload.data))
            if probe.format not in FORMATS:
                raise refused
            probe.verify()  # a truncated or forged file fails here
            image = Image.open(io.BytesIO(upload.data))
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise refused from None
    return image


def resize(upload: files.Upload) -> Resized:
    """Clean JPEGs of an upload at each width not wider than the original (DomainError for
    anything that is not a JPEG, PNG or WebP photo within the limits)."""
    image = ImageOps.exif_transpose(_opened(upload)).convert("RGB")
    clean = Image.new("RGB", image.size)  # a fresh image: no EXIF, GPS, ICC or comments
    clean.paste(image)
    out: dict[int, bytes] = {}
    for width in WIDTHS:
        if width > clean.width and out:
            break
        copy = clean.copy()
        copy.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True)
        out[width] = buffer.getvalue()
    return Resized(out, clean.width, clean.height)


def _count(session: Session, practice_id: int) -> int:
    stmt = (
        select(func.count())
        .select_from(ListingPhoto)
        .where(ListingPhoto.practice_id == practice_id)
    )
    return int(session.exec(stmt).one())


def add(
    *,
    session: Session,
    owner: User,
    practice_id: int,
    upload: files.Upload,
    kind: str,
    caption: str,
    identifying: bool,
    storage: Path,
) -> ListingPhoto:
    """A holder adds a photo to their own listing (at most ``MAX_PHOTOS``)."""
    practice = get_owned(session=session, practice_id=practice_id, owner=owner)
    issues = []
    if _count(session, practice_id) >= MAX_PHOTOS:
        issues.append(Issue("photo", Code.PHOTOS_FULL, "too many photos", str(MAX_PHOTOS)))
    if kind not in set(PhotoKind):
        issues.append(Issue("kind", Code.INVALID_CHOICE, "unknown kind", kind[:20]))
    raise_if(issues)
    resized = resize(upload)
    keys = {str(w): files.save(storage, data) for w, data in resized.by_width.items()}
    photo = ListingPhoto(
        practice_id=practice.id or 0,
        kind=kind,
        caption=caption.replace("\x00", "").strip()[:MAX_CAPTION],
        identifying=identifying,
        files=keys,
        width=resized.width,
        height=resized.height,
        position=_count(session, practice_id),
    )
    try:
        session.add(photo)
        session.commit()
    except BaseException:
        for key in keys.values():
            files.discard(storage, key)  # no files without their row
        raise
    return photo


def _owned_photo(session: Session, owner: User, practice_id: int, photo_id: int) -> ListingPhoto:
    get_owned(session=session, practice_id=practice_id, owner=owner)
    photo = session.get(ListingPhoto, photo_id)
    if photo is None or photo.practice_id != practice_id:
        raise NotFound(photo_id)
    return photo


def set_identifying(
    *, session: Session, owner: User, practice_id: int, photo_id: int, identifying: bool
) -> ListingPhoto:
    """The holder says whether a photo would identify an anonymous practice."""
    photo = _owned_photo(session, owner, practice_id, photo_id)
    photo.identifying = identifying
    session.add(photo)
    session.commit()
    return photo


def remove(
    *, session: Session, owner: User, practice_id: int, photo_id: int, storage: Path
) -> None:
    """Delete a photo and its files."""
    photo = _owned_photo(session, owner, practice_id, photo_id)
    keys = list(photo.files.values())
    session.delete(photo)
    session.commit()
    for key in keys:
        files.discard(storage, key)


def of_listing(*, session: Session, practice_id: int) -> list[ListingPhoto]:
    """All photos of a listing, in the holder's order (for the holder's own page)."""
    return list(
        session.exec(
            select(ListingPhoto)
            .where(ListingPhoto.practice_id == practice_id)
            .order_by(col(ListingPhoto.position), col(ListingPhoto.id))
        )
    )


def _consent(session: Session, practice: Practice, viewer: User | None) -> bool | None:
    """None when ``viewer`` sees no photo of the listing; else whether they may identify it."""
    own = viewer is not None and viewer.id == practice.owner_id
    if practice.status not in PUBLIC_STATUSES and not own:
        return None
    return own or disclosure.may_identify(session=session, practice=practice, viewer=viewer)


def shown(*, session: Session, practice: Practice, viewer: User | None) -> list[ListingPhoto]:
    """The photos ``viewer`` may see of a published listing (or their own)."""
    may = _consent(session, practice, viewer)
    if may is None:
        return []
    return [
        p
        for p in of_listing(session=session, practice_id=practice.id or 0)
        if visible(anonymous=practice.anonymous, identifying=p.identifying, may_identify=may)
    ]


def file_for(
    *,
    session: Session,
    viewer: User | None,
    practice_id: int,
    photo_id: int,
    width: int,
    storage: Path,
) -> tuple[Path, bool]:
    """The stored JPEG of a photo at ``width`` and whether anyone may cache it (NotFound for
    a viewer who may not see it, as if it did not exist)."""
    practice = session.get(Practice, practice_id)
    photo = session.get(ListingPhoto, photo_id)
    if practice is None or photo is None or photo.practice_id != practice_id:
        raise NotFound(photo_id)
    may = _consent(session, practice, viewer)  # one photo's check, not the whole list
    if may is None or not visible(
        anonymous=practice.anonymous, identifying=photo.identifying, may_identify=may
    ):
        raise NotFound(photo_id)
    key = photo.files.get(str(width))
    if key is None:
        raise NotFound(photo_id)
    public = practice.status in PUBLIC_STATUSES and (
        not practice.anonymous or not photo.identifying
    )
    return files.path_of(storage, key), public
