"""Every page each role can reach, on a 390 × 844 phone: no sideways scrolling, legible text,
a usable map, and nothing serious for axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from matchmaker.services import seed
from tests.browser.conftest import axe_violations, shoot
from tests.crawl import SKIP, START, kind_of

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MAX_PAGES = 45  # per role; pages of one kind (/practices/12, /practices/13) count once
ROLES = {
    "anonymous": None,
    "holder": seed.HOLDER_EMAIL,
    "candidate": seed.STARTER_EMAIL,
    "recruiter": seed.RECRUITER_EMAIL,
    "admin": seed.ADMIN_EMAIL,
}

# Text smaller than 12 px, and what makes the page wider than the screen, as the browser sees it.
MEASURE = """() => {
  const small = [], squeezed = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('[hidden], [aria-hidden=true], script, style, noscript')) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const size = parseFloat(style.fontSize);
    const text = node.textContent.trim().slice(0, 40);
    if (size < 12) small.push(`${el.tagName.toLowerCase()}.${el.className} ${size}px: ${text}`);
    // Text in a list item squeezed to a few letters a line cannot be read (a ranking's names):
    // count the lines the browser broke it into.
    if (el.closest('li') && !el.closest('.visually-hidden')) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      let box = el;  // the block the text flows in: how wide may a line be?
      while (box.parentElement && getComputedStyle(box).display === 'inline') {
        box = box.parentElement;
      }
      const perLine = box.clientWidth / (size * 0.55);
      if (lines > 1 && perLine < 12) {
        const where = `${el.tagName.toLowerCase()}.${el.className}`;
        squeezed.push(`${where} ${Math.round(box.clientWidth)} px: ${text}`);
      }
    }
  }
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .filter((el) => !el.closest('.table-scroll, .table-wrap, .leaflet-container, .skip-link'))
    .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
  return {scroll: document.documentElement.scrollWidth, width, small: small.slice(0, 5), wide,
          squeezed: squeezed.slice(0, 5)};
}"""


def _phone(browser: Any, live_server: str, email: str | None) -> Any:
    context = browser.new_context(
        viewport=PHONE, base_url=live_server, locale="nl-NL", bypass_csp=True
    )
    page = context.new_page()
    if email:
        page.goto("/login")
        page.fill("#email", email)
        page.fill("#password", seed.DEMO_PASSWORD)
        page.click("button[type=submit]:has-text('Inloggen')")
        page.wait_for_load_state("networkidle")
    return page


def _links(page: Any, origin: str) -> Iterator[str]:
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or SKIP.search(href):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("role", list(ROLES))
def test_every_reachable_page_fits_a_phone(browser: Any, live_server: str, role: str) -> None:
    """Crawl from the home page and the role's own pages; measure each kind of page once."""
    page = _phone(browser, live_server, ROLES[role])
    origin = live_server.rstrip("/")
    queue = list(START)
    seen: set[str] = set()
    problems: list[str] = []
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.pop(0)
        if kind_of(path) in seen:
            continue
        seen.add(kind_of(path))
        response = page.goto(path)
        if (
            response is None
            or response.status >= 400
            or "text/html" not in (response.headers.get("content-type", ""))
        ):
            continue
        visited += 1
        page.wait_for_load_state("networkidle")
        if page.locator("#map").count():
            page.wait_for_selector("#map[data-ready=true]")
            box = page.locator("#map").bounding_box()
            if box["width"] < 300 or box["height"] < 300:
                problems.append(f"{path}: map {box['width']:.0f} × {box['height']:.0f}")
        found = page.evaluate(MEASURE)
        if found["scroll"] > found["width"]:
            problems.append(f"{path}: {found['scroll']} px wide: {found['wide']}")
        if found["small"]:
            problems.append(f"{path}: text under 12 px: {found['small']}")
        if found["squeezed"]:
            problems.append(f"{path}: list text under 12 characters a line: {found['squeezed']}")
        first_match = page.locator(".match-card").first
        if urlsplit(path).path == "/matches" and first_match.count():
            top = first_match.bounding_box()["y"]
            if top >= PHONE["height"]:
                problems.append(f"{path}: the first match starts at {top:.0f} px, below the fold")
        serious = axe_violations(page)
        if serious:
            problems.append(f"{path}: axe {serious}")
        queue.extend(_links(page, origin))
    assert visited >= 6
    assert not problems, "\n".join(problems)


def test_phone_screenshots_in_dutch(browser: Any, live_server: str) -> None:
    """The pages the issue names, at 390 × 844, for a person to look at."""
    shots = {
        None: [("/", "phone-home"), ("/practices", "phone-practices"), ("/map", "phone-map")],
        seed.STARTER_EMAIL: [("/matches", "phone-matches")],
        seed.RECRUITER_EMAIL: [("/recruiter", "phone-recruiter")],
    }
    for email, pages in shots.items():
        page = _phone(browser, live_server, email)
        for path, name in pages:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            if path == "/map":
                page.wait_for_selector("#map[data-ready=true]")
            shoot(page, name)
    page = _phone(browser, live_server, None)
    page.goto("/regions/GM0171")
    shoot(page, "phone-region")
    page.goto("/methode")
    shoot(page, "phone-methode")
    recruiter = _phone(browser, live_server, seed.RECRUITER_EMAIL)
    recruiter.goto("/recruiter")
    campaign = recruiter.locator("a[href*='/recruiter/campaigns/']").first.get_attribute("href")
    recruiter.goto(campaign)
    shoot(recruiter, "phone-campaign")


@pytest.mark.parametrize("role", list(ROLES))
def test_the_desktop_header_is_one_row(browser: Any, live_server: str, role: str) -> None:
    """At 1280 px the Dutch menu of every role fits on one line beside the account buttons."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server, locale="nl-NL"
    )
    page = context.new_page()
    if ROLES[role]:
        page.goto("/login")
        page.fill("#email", ROLES[role])
        page.fill("#password", seed.DEMO_PASSWORD)
        page.click("button[type=submit]:has-text('Inloggen')")
    page.goto("/practices")
    tops = page.eval_on_selector_all(".nav a", "els => els.map(e => e.getBoundingClientRect().top)")
    assert len(set(tops)) == 1
    # every item is visible: none runs under the account buttons or past the nav's own box
    overlap = page.evaluate(
        """() => {
          const nav = document.querySelector('.nav'), account = document.querySelector('.account');
          const last = [...nav.querySelectorAll('a')].pop().getBoundingClientRect();
          return {over: last.right - account.getBoundingClientRect().left,
                  clipped: nav.scrollWidth - nav.clientWidth};
        }"""
    )
    assert overlap["over"] <= 0 and overlap["clipped"] <= 0, overlap
    assert page.locator(".site-header").bounding_box()["height"] <= 72
    assert not page.locator(".menu-button").is_visible()
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_phone_menu_opens_and_closes(browser: Any, live_server: str, javascript: bool) -> None:
    """A menu button on a phone: closed at first with JavaScript, open without; it toggles."""
    context = browser.new_context(
        viewport=PHONE, base_url=live_server, locale="nl-NL", java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto("/")
    button = page.locator(".menu-button")
    practices = page.locator(".nav a", has_text="Praktijken")
    assert button.is_visible()
    assert practices.is_visible() is (not javascript)
    button.click()
    assert practices.is_visible() is javascript
    if javascript:
        practices.click()
        page.wait_for_url("**/practices")
    context.close()
