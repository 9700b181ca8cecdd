"""A recruiter's campaign from start to funnel, in Chromium, with three people."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from matchmaker.services.seed import DEMO_PASSWORD, HOLDER_EMAIL, RECRUITER_EMAIL, STARTER_EMAIL
from tests.browser.conftest import shoot

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


def test_campaign_round_moves_the_funnel(browser: Any, live_server: str) -> None:
    """Create, invite, rank both sides, run the round, accept: the funnel shows it."""
    recruiter = _person(browser, live_server, RECRUITER_EMAIL)
    recruiter.goto("/recruiter/campaigns/new")
    recruiter.fill("#name", CAMPAIGN)
    recruiter.fill("#starts_on", date.today().isoformat())
    recruiter.fill("#ends_on", (date.today() + timedelta(days=180)).isoformat())
    recruiter.fill("#goal", "2")
    recruiter.check("input[name=municipalities][value=GM0171]")
    recruiter.click("button:has-text('Campagne aanmaken')")
    recruiter.wait_for_selector("svg.funnel")
    dashboard = recruiter.url
    recruiter.locator("li:has-text('De Zuiderzee') input[name=practice_id]").check()
    recruiter.click("button:has-text('Praktijken opslaan')")
    recruiter.wait_for_selector("text=De deelnemende praktijken zijn opgeslagen.")
    recruiter.fill("#emails", STARTER_EMAIL)
    recruiter.click("button:has-text('Uitnodigingen versturen')")
    recruiter.wait_for_selector(f"[data-member='{STARTER_EMAIL}']")

    starter = _person(browser, live_server, STARTER_EMAIL)
    starter.goto("/profile")
    starter.click(f"a:has-text('{CAMPAIGN}')")
    starter.locator("input.position").first.fill("1")
    starter.click("button:has-text('Rangorde opslaan')")
    starter.wait_for_selector("text=Uw rangorde is opgeslagen.")

    holder = _person(browser, live_server, HOLDER_EMAIL)
    holder.goto("/my/practices")
    holder.click(f"a:has-text('{CAMPAIGN}')")
    holder.locator("input.position").first.fill("1")
    holder.click("button:has-text('Rangorde opslaan')")
    holder.wait_for_selector("text=Uw rangorde is opgeslagen.")

    recruiter.goto(dashboard)
    recruiter.click("button:has-text('Ronde uitvoeren')")
    recruiter.wait_for_selector("#round [data-proposal]")

    for person in (starter, holder):
        person.reload()
        person.click("#proposals button:has-text('Accepteren')")
        person.wait_for_selector("text=Uw antwoord is opgeslagen.")

    recruiter.goto(dashboard)
    introduced = recruiter.locator("[data-stage='introduced'] td").first.inner_text()
    assert int(introduced) >= 1
    assert recruiter.locator("[data-stage='viewed'] td").first.inner_text() in ("0", "1")
    shoot(recruiter, "campaign-dashboard")
    recruiter.goto("/recruiter")
    assert recruiter.locator("table.pipeline [data-pipeline]").count() >= 1
    shoot(recruiter, "recruiter-pipeline")
