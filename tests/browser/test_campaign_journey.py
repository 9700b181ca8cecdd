"""A recruiter's campaign from start to funnel, in Chromium, with three people."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from matchmaker.services.seed import DEMO_PASSWORD, HOLDER_EMAIL, RECRUITER_EMAIL, STARTER_EMAIL
from tests.browser.conftest import shoot, wait_for_mail

pytestmark = pytest.mark.browser
CAMPAIGN = "Polderdokter kennismakingsdag"


def _person(browser: Any, live_server: str, email: str) -> Any:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server, locale="nl-NL"
    )
    page = context.new_page()
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]:has-text('Inloggen')")
    page.wait_for_load_state("networkidle")
    return page


def test_campaign_round_moves_the_funnel(
    browser: Any, live_server: str, mailbox: tuple[int, list[Any]]
) -> None:
    """Create, invite, rank both sides, run the round, accept: the funnel shows it."""
    recruiter = _person(browser, live_server, RECRUITER_EMAIL)
    recruiter.goto("/recruiter/campaigns/new")
    recruiter.fill("#name", CAMPAIGN)
    recruiter.fill("#starts_on", date.today().isoformat())
    recruiter.fill("#ends_on", (date.today() + timedelta(days=180)).isoformat())
    recruiter.fill("#goal", "2")
    recruiter.check("input[name=municipalities][value=GM0171]")
    recruiter.click("button:has-text('Campagne aanmaken')")
    recruiter.wait_for_selector("ol.funnel")
    dashboard = recruiter.url
    for box in recruiter.locator("#practices input[name=practice_id]").all():
        box.check()
    recruiter.click("button:has-text('Praktijken opslaan')")
    recruiter.wait_for_selector("text=De deelnemende praktijken zijn opgeslagen.")
    for box in recruiter.locator("#package input[name=offer_id]").all():
        box.check()
    recruiter.click("button:has-text('Pakket opslaan')")
    recruiter.wait_for_selector("text=Het stimuleringspakket is opgeslagen.")
    recruiter.fill("#emails", STARTER_EMAIL)
    recruiter.click("button:has-text('Uitnodigingen versturen')")
    recruiter.wait_for_selector(f"[data-member='{STARTER_EMAIL}']")
    recruiter.click("a:has-text('Activiteit plannen')")
    recruiter.select_option("#kind", "bus_tour")
    recruiter.fill("#title", "Bustour langs praktijken en scholen")
    recruiter.fill("#day", (date.today() + timedelta(days=21)).isoformat())
    recruiter.fill("#place", "Busstation Emmeloord")
    recruiter.fill("#capacity", "20")
    recruiter.click("button:has-text('Activiteit plannen')")
    recruiter.wait_for_selector("text=De activiteit is gepland.")

    starter = _person(browser, live_server, STARTER_EMAIL)
    starter.goto("/profile")
    starter.click(f"a:has-text('{CAMPAIGN}')")
    starter.wait_for_selector("#package[data-package]")
    card = starter.locator("[data-event]").first
    card.locator("input[name=party][value='2']").check()
    card.locator("input[name=note]").fill("Wij komen met de trein")
    card.locator("button:has-text('Aanmelden')").click()
    starter.wait_for_selector("[data-event] [data-signed-up]")  # swapped in place by htmx
    assert "Aangemeld voor 2 personen" in starter.locator("[data-event]").first.inner_text()
    shoot(starter, "campaign-home")
    starter.click("a:has-text('Rangschikken en voorstellen bekijken')")
    items = starter.locator("#rank-practices .rank-item")
    assert items.count() >= 2
    last = items.nth(items.count() - 1).get_attribute("data-rank-name")
    # Keyboard-friendly arrows: move the last practice to the top, one step at a time.
    for _ in range(items.count() - 1):
        starter.locator(
            f"#rank-practices .rank-item[data-rank-name='{last}'] [data-rank-move='-1']"
        ).click()
    assert items.first.get_attribute("data-rank-name") == last
    assert items.first.locator(".rank-number").inner_text() == "1"
    assert last in starter.locator("[data-rank-status]").inner_text()
    items.nth(1).locator("[data-rank-ok]").uncheck()  # not acceptable: no number
    assert items.nth(1).locator(".rank-number").inner_text() == "–"
    assert "niet acceptabel" in starter.locator("[data-rank-status]").inner_text()
    shoot(starter, "campaign-ranking")
    items.nth(1).locator("[data-rank-ok]").check()
    starter.click("button:has-text('Rangorde opslaan')")
    starter.wait_for_selector("text=Uw rangorde is opgeslagen.")
    saved = starter.locator("#rank-practices .rank-item")
    assert saved.first.get_attribute("data-rank-name") == last
    assert saved.nth(1).locator(".rank-number").inner_text() == "2"

    holder = _person(browser, live_server, HOLDER_EMAIL)
    holder.goto("/my/practices")
    holder.click(f"a:has-text('{CAMPAIGN}')")
    holder.wait_for_selector("[data-event]")
    holder.click("a:has-text('Rangschikken en voorstellen bekijken')")
    holder.wait_for_selector(".rank-item")
    for form in holder.locator("form:has(.rank-item)").all():
        form.locator("button:has-text('Rangorde opslaan')").click()
        holder.wait_for_selector("text=Uw rangorde is opgeslagen.")

    recruiter.goto(dashboard)
    recruiter.click("#events summary:has-text('Wie komt er')")
    assert "Wij komen met de trein" in recruiter.locator("#events").inner_text()
    recruiter.click("button:has-text('Ronde uitvoeren')")
    recruiter.wait_for_selector("#round [data-proposal]")

    # Both sides of a proposed pair hear it by email and by the bell, which leads to it.
    for person, email in ((starter, STARTER_EMAIL), (holder, HOLDER_EMAIL)):
        wait_for_mail(mailbox, email, "Een matchronde stelt een koppel voor")
        person.goto("/notifications")
        person.click(".notification.unread a:has-text('matchronde')")
        person.wait_for_load_state("networkidle")
        assert "/rank" in person.url
        person.locator("#proposals button:has-text('Accepteren')").first.click()
        person.wait_for_selector("text=Uw antwoord is opgeslagen.")

    recruiter.goto(dashboard)
    # The demo starter and the demo holder were negotiating before this campaign invited her
    # (the demo's takeover file): that introduction is not this campaign's progress (issue 24),
    # so the funnel shows her visit and interest, not an introduction it did not make.
    assert int(recruiter.locator("[data-stage='viewed'] td").first.inner_text()) >= 1
    # Signing up for the bus tour counts as interest in the campaign funnel.
    assert int(recruiter.locator("[data-stage='interested'] td").first.inner_text()) >= 1
    shoot(recruiter, "campaign-dashboard")
    recruiter.goto("/recruiter")
    assert recruiter.locator("table.pipeline [data-pipeline]").count() >= 1
    shoot(recruiter, "recruiter-pipeline")


def test_demo_campaign_dashboard_reads_like_a_working_tool(browser: Any, live_server: str) -> None:
    """The seeded demo campaign: a narrowing funnel, one settled GP, past and coming events."""
    recruiter = _person(browser, live_server, RECRUITER_EMAIL)
    recruiter.goto("/recruiter")
    recruiter.click("#campaigns a:has-text('Polderdokter 2026–2027 (demo)')")
    recruiter.wait_for_selector("ol.funnel")
    counts = [
        int(recruiter.locator(f"[data-stage='{stage}'] td").first.inner_text())
        for stage in ("invited", "viewed", "interested", "introduced", "settled")
    ]
    assert counts[0] >= counts[1] >= counts[2] >= counts[3] >= counts[4] == 1
    assert recruiter.locator("#events [data-event]").count() == 3
    assert recruiter.locator("#package input[name=offer_id]:checked").count() >= 1
    shoot(recruiter, "campaign-dashboard-demo", full_page=True)
