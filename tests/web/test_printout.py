"""The listing as a PDF: the holder's own copy names the practice; others get the public one."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from flask import Flask
from sqlmodel import Session

from matchmaker.domain.roles import Role
from tests.conftest import login
from tests.factories import create_practice, create_user

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def _text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def test_anonymous_listing_prints_without_identifying_details(app: Flask, session: Session) -> None:
    """A visitor's PDF has the municipality, figures and goodwill, not the name, street or
    contact; the holder's own copy has all three."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(
        session,
        owner=holder,
        anonymous=True,
        name="Praktijk Verborgen Eik",
        street="Eikenlaan 3",
        contact_email="balie@eik.example",
        patients=2_400,
        goodwill_min=50_000,
        goodwill_max=70_000,
    )
    visitor = app.test_client().get(f"/practices/{practice.id}/listing.pdf")
    assert visitor.mimetype == "application/pdf" and visitor.headers["Cache-Control"] == "no-store"
    text = _text(visitor.data)
    assert "Noordoostpolder" in text and "2.400" in text and "50.000" in text
    assert "Verborgen Eik" not in text and "Eikenlaan" not in text and "balie@eik" not in text
    own = app.test_client()
    login(own, holder.email)
    text = _text(own.get(f"/practices/{practice.id}/listing.pdf").data)
    assert (
        "Praktijk Verborgen Eik" in text and "Eikenlaan 3" in text and "balie@eik.example" in text
    )


def test_drafts_print_only_for_their_holder(app: Flask, session: Session) -> None:
    """A draft's PDF is 404 for others."""
    draft = create_practice(session, status="draft")
    assert app.test_client().get(f"/practices/{draft.id}/listing.pdf").status_code == 404
