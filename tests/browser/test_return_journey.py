"""Issue 22 in Chromium: a saved search, a listing another account publishes, the alert in the
bell and in the mail on a real SMTP server, one-click unsubscribe; shortlist and compare."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from matchmaker.extensions import db
from matchmaker.services import accounts
from matchmaker.services.seed import DEMO_PASSWORD, HOLDER_EMAIL, STARTER_EMAIL
from tests.browser.conftest import mail_link, open_as, shoot, wait_for_mail
from tests.browser.test_journeys import _only_local
from tests.factories import practice_input

pytestmark = pytest.mark.browser


def _watched(page: Any) -> Any:
    """Record the page's requests and console errors from here on (for ``_only_local``)."""
    page.requested_urls = []
    page.console_errors = []
    page.on("request", lambda r: page.requested_urls.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    return page


def _draft_in_zeeland(live_app: Flask) -> int:
    """A draft listing of the demo holder in Middelburg (published later through the page)."""
    from matchmaker.services import practices

    with live_app.app_context():
        holder = accounts.find_user(session=db.session, email=HOLDER_EMAIL)
        assert holder is not None
        draft = practices.create_listing(
            session=db.session,
            owner=holder,
            data=practice_input(postcode="4331", status="draft", name="Praktijk Walcheren (demo)"),
        )
        return draft.id or 0


def test_saved_search_alerts_in_the_bell_and_by_mail_and_unsubscribes(
    browser: Any, live_server: str, live_app: Flask, mailbox: Any
) -> None:
    """Save 'Zeeland' (at once); the holder publishes there; bell and mail; unsubscribe."""
    starter = _watched(open_as(browser, live_server, STARTER_EMAIL, DEMO_PASSWORD))
    starter.goto("/practices?province=Zeeland")
    starter.click("#save-search summary")
    starter.fill("#s-name", "Zeeuwse praktijken")
    starter.select_option("#s-frequency", "instant")
    starter.click("#save-search button[type=submit]")
    starter.wait_for_selector("[data-saved-search]")
    shoot(starter, "search-saved", full_page=False)

    draft_id = _draft_in_zeeland(live_app)
    holder = open_as(browser, live_server, HOLDER_EMAIL, DEMO_PASSWORD)
    holder.goto("/my/practices")
    card = holder.locator(f"#practice-{draft_id}")
    card.locator("select[name=status]").select_option("published")
    card.locator("button:has-text('Opslaan')").click()
    holder.wait_for_selector(f"#practice-{draft_id} [data-status=published]")

    starter.goto("/notifications")
    assert "Zeeuwse praktijken" in starter.locator("main").inner_text()
    shoot(starter, "search-alert-bell", full_page=False)
    mail = wait_for_mail(mailbox, STARTER_EMAIL, "Nieuwe praktijk voor uw zoekopdracht")
    assert mail["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    link = mail_link(mail, "/searches/unsubscribe/")
    assert mail["List-Unsubscribe"].strip() == f"<{link}>"

    outsider = browser.new_context(base_url=live_server, locale="nl-NL").new_page()
    outsider.goto(link)  # not logged in: a page with one button, nothing changed yet
    outsider.click("[data-unsubscribe]")
    outsider.wait_for_selector("[data-unsubscribed]")
    assert "E-mails gestopt" in outsider.locator("h1").inner_text()
    starter.goto("/searches")
    assert starter.locator("input[name=emails_on]").first.is_checked() is False
    shoot(starter, "searches", full_page=False)
    holder.locator(f"article:not(#practice-{draft_id}) [data-stats-link]").first.click()
    holder.wait_for_selector("[data-week]")
    assert holder.locator("[data-week]").count() == 12
    shoot(holder, "listing-stats", full_page=False)
    _only_local(starter)
    for p in (starter, holder, outsider):
        p.context.close()


@pytest.mark.parametrize("phone", [False, True])
def test_shortlist_and_compare(browser: Any, live_server: str, phone: bool) -> None:
    """Star from the list in place, open the shortlist, compare side by side (swipe on phones)."""
    page = _watched(open_as(browser, live_server, STARTER_EMAIL, DEMO_PASSWORD, phone=phone))
    page.goto("/practices")
    star = page.locator("form.star-form button[aria-pressed=false]").first
    practice_id = star.get_attribute("data-star")
    star.click()
    page.wait_for_selector(f"button[data-star='{practice_id}'][aria-pressed=true]")
    page.goto("/shortlist")
    assert page.locator(f"[data-saved='{practice_id}']").count() == 1
    shoot(page, f"shortlist-{'390' if phone else '1280'}")
    page.click("button:has-text('Vergelijk de aangevinkte praktijken')")
    page.wait_for_selector("[data-compare]")
    assert 1 <= page.locator("[data-compare]").count() <= 3
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= (390 if phone else 1280)  # the page itself never scrolls sideways
    shoot(page, f"compare-{'390' if phone else '1280'}")
    _only_local(page)
    page.context.close()
