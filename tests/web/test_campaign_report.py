"""The campaign report for the council: PDF and CSV with the same figures, counts only."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from flask import Flask
from sqlmodel import Session, select

from matchmaker.models import ShortageSnapshot
from matchmaker.services import introductions
from tests.web.test_campaign_events import _setup

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def test_report_pdf_and_csv(app: Flask, session: Session) -> None:
    """Period, goal, funnel, municipalities, index movement; no candidate named; CSV alike."""
    r, campaign, practice, holder, anna = _setup(app, session)
    assert session.exec(select(ShortageSnapshot)).first() is not None  # recorded at the start
    pdf = r.get(f"/recruiter/campaigns/{campaign.id}/report.pdf")
    assert pdf.mimetype == "application/pdf"
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf.data, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    for needle in (
        "Campagnerapport: Polderdokter 2027",
        "Trechter",
        "Per gemeente",
        "Noordoostpolder",
        "Werving",
        "Toegang",
        "Uitgenodigd",
    ):
        assert needle in text, needle
    assert "anna@example.org" not in text and "Test Kandidaat" not in text
    csv = r.get(f"/recruiter/campaigns/{campaign.id}/report.csv").get_data(as_text=True)
    assert "Werving toen" in csv and "Noordoostpolder" in csv and "anna@example.org" not in csv
    outsider = app.test_client()
    from tests.conftest import login
    from tests.factories import create_recruiter

    login(outsider, create_recruiter(session, regions=("GM0363",)).email)
    assert outsider.get(f"/recruiter/campaigns/{campaign.id}/report.pdf").status_code == 404
    assert holder.id and anna.id and practice.id and introductions
