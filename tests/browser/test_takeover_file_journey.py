"""Issue 23 in Chromium: the demo starter and holder in negotiation keep their takeover file;
a step with a PDF reaches the other side; the letter of intent opens as a PDF with both names."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from matchmaker.services.seed import DEMO_PASSWORD, HOLDER_EMAIL, STARTER_EMAIL
from tests.browser.conftest import SCREENSHOTS, open_as, shoot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf_pages_to_png(data: bytes, name: str) -> str:
    """The PDF's text, and its pages as PNGs under artifacts/screenshots to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(path), str(SCREENSHOTS / name)], check=True)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    path.unlink()
    return " ".join(text.decode().split())


@pytest.mark.parametrize("phone", [False, True])
def test_takeover_file_step_document_and_letter(
    browser: Any, live_server: str, tmp_path: Path, phone: bool
) -> None:
    """Negotiation → file → a step done with a PDF → the holder's bell → the letter's text."""
    size = "390" if phone else "1280"
    starter = open_as(browser, live_server, STARTER_EMAIL, DEMO_PASSWORD, phone=phone)
    starter.goto("/introductions")
    starter.locator("[data-takeover]").first.click()
    starter.wait_for_selector("[data-progress]")
    assert "Overnamedossier" in starter.locator("h1").inner_text()
    step = starter.locator("[data-step=financiering]")
    step.locator("summary:has-text('Bijwerken')").click()
    step.locator("select[name=status]").select_option("done")
    step.locator("textarea[name=notes]").fill("Lening rond bij de bank (demo)")
    step.locator("button:has-text('Opslaan')").click()
    starter.wait_for_selector("[data-step=financiering][data-status=done]")
    document = tmp_path / "offerte-financiering.pdf"
    document.write_bytes(PDF)
    step = starter.locator("[data-step=financiering]")
    assert starter.locator("[data-progress]").get_attribute("data-progress") == "4/12"  # swapped
    # htmx settles a swap by putting the old attributes back for a moment: a <details> opened
    # in that moment closes again, so open it once the swap has settled.
    starter.wait_for_selector(".htmx-settling, .htmx-swapping", state="detached")
    step.locator("summary:has-text('Voeg een PDF toe')").click()
    step.locator("input[type=file]").set_input_files(str(document))
    step.locator("button:has-text('Toevoegen')").click()
    starter.wait_for_selector("[data-step=financiering] [data-document]")
    shoot(starter, f"takeover-file-{size}")

    holder = open_as(browser, live_server, HOLDER_EMAIL, DEMO_PASSWORD, phone=phone)
    holder.goto("/notifications")
    assert "Overnamedossier" in holder.locator("main").inner_text()

    starter.goto("/introductions")
    intro_id = starter.locator("[data-takeover]").first.get_attribute("data-takeover")
    answer = starter.request.get(f"{live_server}/introductions/{intro_id}/intentieverklaring.pdf")
    assert answer.ok and answer.headers["content-type"] == "application/pdf"
    text = _pdf_pages_to_png(answer.body(), f"intentieverklaring-{size}")
    for needle in (
        "Intentieverklaring",
        "Sanne de Boer",
        "Hanneke Postma",
        "De Zuiderzee",
        "CONCEPT",
        "geen juridisch advies",
    ):
        assert needle in text, needle
    for page in (starter, holder):
        page.context.close()


def test_photos_and_goodwill_on_the_demo_listing(browser: Any, live_server: str) -> None:
    """The demo listing shows its photos (lazy, with srcset) and explains its goodwill; its
    printout is a PDF with the listing's figures."""
    page = open_as(browser, live_server, STARTER_EMAIL, DEMO_PASSWORD, phone=True)
    page.goto("/practices")
    page.goto(page.locator("a:has-text('De Zuiderzee')").first.get_attribute("href"))
    assert page.locator(".photo-gallery img[loading=lazy][srcset]").count() == 3
    assert page.locator("#goodwill [data-goodwill-table]").count() == 1
    page.locator("#goodwill").scroll_into_view_if_needed()
    shoot(page, "goodwill-390")
    href = page.locator("[data-printout]").get_attribute("href")
    printout = page.request.get(f"{live_server}{href}")
    assert printout.ok
    text = _pdf_pages_to_png(printout.body(), "listing-printout")
    assert "De Zuiderzee" in text and "40.000" in text
    page.context.close()
