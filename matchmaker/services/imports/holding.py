"""Uploads waiting for the recruiter's confirmation, kept for an hour under a token."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from matchmaker.domain.errors import NotFound
from matchmaker.services.imports.schema import HOLD_SECONDS

# --- uploads waiting for the recruiter's confirmation --------------------------------------


def hold(*, data: bytes, owner_id: int, directory: Path) -> str:
    """Keep an uploaded file until it is confirmed; returns its token."""
    directory.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - HOLD_SECONDS
    for old in directory.glob("*.csv"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = f"{owner_id}-{secrets.token_urlsafe(16)}"
    (directory / f"{token}.csv").write_bytes(data)
    return token


def held(*, token: str, owner_id: int, directory: Path) -> bytes:
    """The file behind ``token`` if it is the owner's and still kept; NotFound otherwise."""
    if not re.fullmatch(rf"{owner_id}-[A-Za-z0-9_-]{{22}}", token):
        raise NotFound(token)
    path = directory / f"{token}.csv"
    if not path.exists() or path.stat().st_mtime < time.time() - HOLD_SECONDS:
        raise NotFound(token)
    return path.read_bytes()


def release(*, token: str, directory: Path) -> None:
    """Forget a kept file (after it was imported)."""
    if re.fullmatch(r"\d+-[A-Za-z0-9_-]{22}", token):
        (directory / f"{token}.csv").unlink(missing_ok=True)
