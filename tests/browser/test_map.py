"""The shortage map in Chromium: every municipality drawn, a click loads its panel."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import axe_violations, shoot
from tests.browser.test_journeys import _only_local

pytestmark = pytest.mark.browser


def test_map_draws_every_municipality_and_opens_a_panel(page: Any) -> None:
    """340+ shapes; a click on Noordoostpolder loads its breakdown via htmx; nothing external."""
    page.goto("/map")
    page.wait_for_selector("#map[data-ready=true]")
    shapes = page.locator(".leaflet-overlay-pane path")
    assert shapes.count() >= 340
    page.wait_for_selector("#map[data-practices-drawn]")
    shoot(page, "map", full_page=False)
    polder = page.locator('path[data-code="GM0171"]')
    with page.expect_response(
        lambda r: "/regions/GM0171/panel" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        polder.click(force=True)
    page.wait_for_selector("#region-panel h2:has-text('Noordoostpolder')")
    assert page.locator('#region-panel [data-component="gp_distance"]').count() == 1
    shoot(page, "map-panel", full_page=False)
    _only_local(page)


def test_map_switches_between_the_two_dimensions(page: Any) -> None:
    """Choosing access recolours the map: Utrecht's fill and label change with the dimension."""
    page.goto("/map")
    page.wait_for_selector("#map[data-ready=true]")
    utrecht = page.locator('path[data-code="GM0344"]')
    before = (utrecht.get_attribute("fill"), utrecht.get_attribute("aria-label"))
    page.get_by_label("Toegang voor patiënten").check()
    page.wait_for_selector("#map[data-dimension=access]")
    after = (utrecht.get_attribute("fill"), utrecht.get_attribute("aria-label"))
    assert before[0] != after[0] and before[1] != after[1]
    shoot(page, "map-access", full_page=False)
    page.get_by_label("Opvolging en werving").check()
    page.wait_for_selector("#map[data-dimension=recruitment]")
    assert (utrecht.get_attribute("fill"), utrecht.get_attribute("aria-label")) == before


def test_map_is_usable_by_keyboard(page: Any) -> None:
    """A municipality can be focused and opened with Enter."""
    page.goto("/map")
    page.wait_for_selector("#map[data-ready=true]")
    shape = page.locator('path[data-code="GM0363"]')
    shape.focus()
    shape.press("Enter")
    page.wait_for_selector("#region-panel h2:has-text('Amsterdam')")


def test_region_page_is_complete_and_accessible(audit_page: Any) -> None:
    """The region page shows the breakdown and the recruiter; axe finds nothing serious."""
    audit_page.goto("/regions/GM0171")
    assert audit_page.locator("h1").inner_text() == "Vestig u in Noordoostpolder"
    assert audit_page.locator("[data-component]").count() == 13
    assert audit_page.locator("[data-score]").count() == 2
    assert "recruiter@demo.example" in audit_page.content()
    shoot(audit_page, "region-GM0171")
    assert axe_violations(audit_page) == []
    audit_page.goto("/map")
    audit_page.wait_for_selector("#map[data-ready=true]")
    assert axe_violations(audit_page) == []
    audit_page.goto("/methode")
    shoot(audit_page, "methode")
    assert axe_violations(audit_page) == []
