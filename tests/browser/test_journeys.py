"""Key journeys in Chromium: browsing, filtering with htmx, holder and candidate forms."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from matchmaker.services.seed import DEMO_PASSWORD, HOLDER_EMAIL, STARTER_EMAIL
from tests.browser.conftest import shoot

pytestmark = pytest.mark.browser


def _only_local(page: Any) -> None:
    hosts = {urlparse(u).hostname for u in page.requested_urls if u.startswith("http")}
    assert hosts == {"127.0.0.1"}, hosts
    assert page.console_errors == []  # CSP violations would show up here


def _login(page: Any, email: str) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]:has-text('Inloggen')")
    page.wait_for_load_state("networkidle")


def test_home_and_list(page: Any) -> None:
    """The home page shows demo listings; the list page shows cards and filters."""
    page.goto("/")
    assert page.locator("[data-practice]").count() >= 3
    shoot(page, "home")
    page.goto("/practices")
    assert page.locator("#results [data-practice]").count() == 12
    shoot(page, "practices")
    _only_local(page)


def test_filter_swaps_results_without_reload(page: Any) -> None:
    """Choosing a province fetches only the results via htmx and updates the URL."""
    page.goto("/practices")
    page.evaluate("window.__marker = 'still-here'")
    with page.expect_response(
        lambda r: "province=Flevoland" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.select_option("#f-province", "Flevoland")
    page.wait_for_selector("#results:not(.htmx-request) .place:has-text('Flevoland')")
    assert page.evaluate("window.__marker") == "still-here"
    assert "province=Flevoland" in page.url
    places = page.locator("#results .place").all_inner_texts()
    assert places and all("Flevoland" in p for p in places)
    _only_local(page)


def test_holder_listing_form(page: Any) -> None:
    """The demo holder logs in through the form and opens a new listing form."""
    _login(page, HOLDER_EMAIL)
    assert page.url.endswith("/my/practices")
    assert page.locator("text=De Zuiderzee").count() >= 1
    page.goto("/my/practices/new")
    page.fill("#postcode", "4461")
    page.wait_for_selector("text=Goes, Zeeland")
    shoot(page, "listing-form")
    page.click("button:has-text('Advertentie opslaan')")
    assert page.locator(".error").count() >= 2  # required fields flagged, nothing saved
    shoot(page, "listing-form-errors")
    _only_local(page)


def test_candidate_profile(page: Any) -> None:
    """The demo starter sees the household summary and the profile form."""
    _login(page, STARTER_EMAIL)
    assert page.url.endswith("/profile")
    assert page.locator("text=Zoekt werk in de nieuwe regio").count() == 1
    shoot(page, "profile")
    page.goto("/profile/edit")
    assert page.input_value("#home_postcode") == "3512"
    shoot(page, "profile-form")
    _only_local(page)
