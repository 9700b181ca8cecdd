"""From a practice page to a conversation, in Chromium: the candidate sees the score and asks;
the holder hears it (bell and email), accepts after confirming; both write, with a PDF."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from matchmaker.domain.roles import Role
from matchmaker.extensions import db
from tests.browser.conftest import open_as, shoot, wait_for_mail
from tests.factories import PASSWORD, create_candidate, create_practice, create_user

pytestmark = pytest.mark.browser

HOLDER = "huisarts.baken@journey.example"
CANDIDATE = "haio.fleur@journey.example"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _bell(page: Any) -> str:
    return str(page.locator("a.bell").get_attribute("data-unread"))


def test_practice_page_to_conversation_with_a_pdf(
    browser: Any, live_server: str, live_app: Flask, mailbox: tuple[int, list[Any]], tmp_path: Any
) -> None:
    with live_app.app_context():
        holder = create_user(db.session, Role.HOLDER, email=HOLDER, display_name="Dr. Wouter Kamp")
        practice = create_practice(
            db.session, owner=holder, name="Huisartsenpraktijk Het Baken", postcode="8301"
        )
        cand = create_user(db.session, Role.CANDIDATE, email=CANDIDATE, display_name="Fleur Visser")
        create_candidate(db.session, user=cand, home_postcode="8302", max_distance_km=100)
        practice_id = practice.id
    nda = tmp_path / "Geheimhouding Het Baken.pdf"
    nda.write_bytes(PDF)

    # The candidate sees the match on the practice page and asks for an introduction there.
    fleur = open_as(browser, live_server, CANDIDATE, PASSWORD)
    fleur.goto(f"/practices/{practice_id}")
    score = fleur.locator("#your-match [data-score]").get_attribute("data-score")
    assert score and 0 < float(score) <= 1
    shoot(fleur, "practice-page-candidate")
    fleur.click("#your-match summary:has-text('Kennismaking aanvragen')")
    fleur.fill("#your-match textarea[name=message]", "Ik werk nu als haio in Zwolle. Graag!")
    fleur.click("#your-match button:has-text('Verzoek versturen')")
    fleur.wait_for_selector("#your-match .interest-result.ok")
    wait_for_mail(mailbox, HOLDER, "Verzoek om kennismaking")

    # The holder: the bell counts one, opening it leads to the request, accepting asks first.
    wouter = open_as(browser, live_server, HOLDER, PASSWORD)
    assert _bell(wouter) == "1"
    wouter.click("a.bell")
    shoot(wouter, "notifications-holder")
    wouter.click(".notification.unread a")
    wouter.wait_for_load_state("networkidle")
    assert wouter.url.endswith("/introductions") and _bell(wouter) == "0"
    card = wouter.locator("[data-intro]").first
    assert "Ik werk nu als haio" in card.inner_text()
    card.locator("[data-confirm=accept] summary").click()
    card.locator("button:has-text('Ja, accepteren')").click()
    wouter.wait_for_load_state("networkidle")
    wait_for_mail(mailbox, CANDIDATE, "Kennismaking geaccepteerd")

    # The candidate hears it from the bell and opens the conversation, with a PDF.
    fleur.goto("/")
    assert _bell(fleur) == "1"
    fleur.click("a.bell")
    fleur.click(".notification.unread a")
    fleur.wait_for_load_state("networkidle")
    assert fleur.url.endswith("/introductions") and _bell(fleur) == "0"
    fleur.click("a[data-thread]")
    fleur.fill("#body", "Dank u! Zal ik de geheimhoudingsverklaring alvast tekenen?")
    fleur.set_input_files("#attachment", str(nda))
    fleur.click("button:has-text('Versturen')")
    fleur.wait_for_load_state("networkidle")
    assert fleur.locator(".message.mine").count() == 1
    wait_for_mail(mailbox, HOLDER, "Nieuw bericht van Fleur Visser")

    # The holder reads it from the bell, downloads the PDF, and answers.
    wouter.goto("/")
    assert _bell(wouter) == "1"
    wouter.goto("/notifications")
    wouter.click(".notification.unread a:has-text('Nieuw bericht')")
    wouter.wait_for_load_state("networkidle")
    assert "geheimhoudingsverklaring" in wouter.inner_text(".thread")
    href = wouter.locator(".thread a[download]").get_attribute("href")
    download = wouter.request.get(href)
    assert download.status == 200 and download.body() == PDF
    assert _bell(wouter) == "0"
    wouter.fill("#body", "Graag, en kom donderdag langs voor een meeloopdag.")
    wouter.click("button:has-text('Versturen')")
    wouter.wait_for_load_state("networkidle")
    shoot(wouter, "conversation-holder")

    fleur.goto("/notifications")
    assert _bell(fleur) == "1"
    fleur.click(".notification.unread a:has-text('Nieuw bericht')")
    fleur.wait_for_load_state("networkidle")
    assert fleur.locator(".message:not(.mine)").count() == 1 and _bell(fleur) == "0"
    thread_url = fleur.url
    fleur.context.close()
    wouter.context.close()
    # Someone else, logged in, gets nothing.
    with live_app.app_context():
        create_user(db.session, Role.CANDIDATE, email="nieuwsgierig@journey.example")
    stranger = open_as(browser, live_server, "nieuwsgierig@journey.example", PASSWORD)
    assert stranger.goto(thread_url).status == 404
    assert stranger.request.get(href).status == 404
    stranger.context.close()
