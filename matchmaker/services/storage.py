"""Uploaded files kept outside the web root under random names, served only after a check.

Conversations, takeover files and listing photos all store their files here: the database row
holds the random key and the name the uploader gave; the bytes live in one directory the app
is configured with (``ATTACHMENT_DIR``).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from matchmaker.domain.errors import Code, Issue, NotFound
from matchmaker.models import ListingPhoto, TakeoverDocument, TakeoverFile, TakeoverItem

PDF_MAGIC = b"%PDF-"
MAX_PDF = 5 * 1024 * 1024  # bytes: a scanned lease or a year's figures fit
_SAFE_NAME = re.compile(r"[^\w .()-]+", re.UNICODE)


@dataclass(frozen=True)
class Upload:
    """A file as the web layer received it."""

    name: str
    data: bytes


def clean_pdf_name(name: str) -> str:
    """A file name fit for a download header: no path, no control characters, ends in .pdf."""
    base = _SAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip(" ._") or "document"
    base = base[:120]
    return base if base.lower().endswith(".pdf") else f"{base}.pdf"


def check_pdf(upload: Upload, field: str = "attachment") -> list[Issue]:
    """A PDF of at most ``MAX_PDF`` bytes, recognised by its content, not its name."""
    if len(upload.data) > MAX_PDF:
        return [Issue(field, Code.FILE_TOO_LARGE, "file over 5 MB")]
    if not upload.data.startswith(PDF_MAGIC):
        return [Issue(field, Code.NOT_A_PDF, "not a PDF", upload.name)]
    return []


def save(storage: Path, data: bytes) -> str:
    """Write the bytes under a new random key; returns the key."""
    key = secrets.token_hex(16)
    storage.mkdir(parents=True, exist_ok=True)
    (storage / key).write_bytes(data)
    return key


def path_of(storage: Path, key: str | None) -> Path:
    """The stored file of ``key`` (NotFound when it is gone or the key is odd)."""
    if not key or not re.fullmatch(r"[0-9a-f]{32}", key):
        raise NotFound("file")
    path = storage / key
    if not path.is_file():
        raise NotFound("file")
    return path


def discard(storage: Path, key: str | None) -> None:
    """Remove a stored file if it is there (a failed save, an erased account)."""
    if key and re.fullmatch(r"[0-9a-f]{32}", key):
        (storage / key).unlink(missing_ok=True)


def keys_of(session: Session, *, practices: Any, introductions: Any) -> list[str]:
    """The stored files of these listings (every size of their photos) and of the takeover
    files of these introductions (ids, or a select of ids): read before the rows go, since
    the database's cascades take the rows but cannot reach the files."""
    keys = [
        key
        for files in session.exec(
            select(ListingPhoto.files).where(col(ListingPhoto.practice_id).in_(practices))
        )
        for key in (files or {}).values()
    ]
    keys += session.exec(
        select(TakeoverDocument.key)
        .join(TakeoverItem, col(TakeoverItem.id) == TakeoverDocument.item_id)
        .join(TakeoverFile, col(TakeoverFile.id) == TakeoverItem.file_id)
        .where(col(TakeoverFile.introduction_id).in_(introductions))
    ).all()
    return keys


def discard_all(storage: Path | None, keys: Any) -> None:
    """Remove these stored files (after the commit that removed their rows)."""
    if storage is not None:
        for key in keys:
            discard(storage, key)
