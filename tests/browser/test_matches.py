"""Finding a match in Chromium, and accessibility of the main pages."""

from __future__ import annotations

from typing import Any

import pytest

from matchmaker.services.seed import HOLDER_EMAIL, STARTER_EMAIL
from tests.browser.conftest import axe_violations, shoot
from tests.browser.test_journeys import _login, _only_local

pytestmark = pytest.mark.browser


def test_weight_slider_reranks_in_place(page: Any) -> None:
    """Five or more cards; moving a slider sends an htmx request and swaps the list, no reload."""
    _login(page, STARTER_EMAIL)
    page.goto("/matches")
    assert page.locator("[data-match]").count() >= 5
    shoot(page, "matches", full_page=False)
    page.evaluate("window.__marker = 'same-page'")
    before = page.locator("#matches").inner_html()
    slider = page.locator("#w-location")
    with page.expect_response(
        lambda r: (
            "/matches?" in r.url
            and "w_location=0" in r.url
            and r.request.headers.get("hx-request") == "true"
        )
    ):
        slider.focus()
        slider.press("Home")  # to 0: distance no longer counts
    page.wait_for_selector("#matches:not(.htmx-request)")
    assert page.evaluate("window.__marker") == "same-page"
    assert "w_location=0" in page.url
    assert page.locator("#matches").inner_html() != before
    assert page.locator("[data-match]").count() >= 5
    _only_local(page)


def test_holder_sees_ranked_candidates(page: Any) -> None:
    """The demo holder sees candidates, without names."""
    _login(page, HOLDER_EMAIL)
    page.goto("/matches")
    assert page.locator("[data-match]").count() >= 1
    text = page.locator("#matches").inner_text()
    assert "Sanne de Boer" not in text and "@demo.example" not in text  # no names, no contact
    shoot(page, "matches-holder", full_page=False)
    _only_local(page)


def test_candidate_expresses_interest(page: Any) -> None:
    """The journey: log in, open the best match, ask for an introduction, see it listed."""
    _login(page, STARTER_EMAIL)
    page.goto("/matches")
    # the first match not already introduced, pinned by id (the swap changes its content)
    match_id = page.locator("[data-match]:has(.interest summary)").first.get_attribute("data-match")
    card = page.locator(f"[data-match='{match_id}']")
    title = card.locator("h3").inner_text()
    card.locator(".interest summary").click()
    card.locator("textarea").fill("Wij komen graag een dag meelopen.")
    with page.expect_response(
        lambda r: r.url.endswith("/introductions") and r.request.method == "POST"
    ):
        card.locator("button:has-text('Verzoek versturen')").click()
    page.wait_for_selector("[data-match] .interest-result.ok")
    assert "Uw verzoek is verstuurd" in card.locator(".interest").inner_text()
    shoot(page, "interest-sent", full_page=False)
    page.goto("/introductions")
    intro = page.locator("[data-intro]").first
    assert intro.get_attribute("data-status") == "requested" and title in intro.inner_text()
    shoot(page, "introductions", full_page=False)
    _only_local(page)


@pytest.mark.parametrize(
    "path", ["/", "/login", "/practices", "/matches", "/profile/edit", "/about", "/introductions"]
)
def test_no_serious_accessibility_violations(audit_page: Any, path: str) -> None:
    """axe-core finds no serious or critical violations."""
    if path in ("/matches", "/profile/edit", "/introductions"):
        _login(audit_page, STARTER_EMAIL)
    audit_page.goto(path)
    assert axe_violations(audit_page) == []
