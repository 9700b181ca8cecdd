"""Account journeys in Chromium: register and confirm, forgot password, TOTP, BIG check."""

from __future__ import annotations

import time
from typing import Any

import pyotp
import pytest
from flask import Flask

from matchmaker.domain.roles import Role
from matchmaker.extensions import db
from matchmaker.services import accounts
from matchmaker.services.seed import ADMIN_EMAIL, DEMO_PASSWORD
from tests.browser.conftest import CHROMIUM_ARGS, mail_link, shoot, wait_for_mail
from tests.factories import PASSWORD, create_candidate, create_user

pytestmark = pytest.mark.browser

EMAIL = "nieuwe.huisarts@journey.example"
FIRST = "Polder dokter op de fiets 1"
SECOND = "Zeeuwse klei en een lange dijk 2"


def _open_menu(page: Any) -> None:
    """On a phone the account buttons sit behind the menu button, as a person finds them."""
    if page.locator(".menu-button").is_visible():
        page.click(".menu-button")


def _context(browser: Any, live_server: str, *, phone: bool = False) -> Any:
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    return browser.new_context(viewport=size, base_url=live_server, locale="nl-NL")


def _login(page: Any, email: str, password: str) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]:has-text('Inloggen')")
    page.wait_for_load_state("networkidle")


def test_register_confirm_forget_and_reset(
    browser: Any, live_server: str, mailbox: tuple[int, list[Any]]
) -> None:
    """Register, confirm by email, log out, reset the password: the other session is gone."""
    own = _context(browser, live_server, phone=True)
    page = own.new_page()
    page.goto("/register")
    page.check("input[name=role][value=candidate]")
    page.fill("#display_name", "Nieuwe Huisarts")
    page.fill("#email", EMAIL)
    page.fill("#password", FIRST)
    page.fill("#confirm", FIRST)
    page.click("button[type=submit]:has-text('Account aanmaken')")
    page.wait_for_selector("#check-email")
    shoot(page, "account-check-email-phone")

    confirm = wait_for_mail(mailbox, EMAIL, "Bevestig uw e-mailadres")
    page.goto(mail_link(confirm, "/account/verify/"))
    page.fill("#password", FIRST)  # the link confirms with the password, never logs in
    shoot(page, "account-confirm-phone")
    page.click("button[type=submit]:has-text('Bevestig')")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/login")
    assert "uw e-mailadres is bevestigd" in page.inner_text(".flashes")
    _login(page, EMAIL, FIRST)
    assert page.url.endswith("/profile")
    assert page.locator("#verify-banner").count() == 0
    _open_menu(page)
    page.click("button:has-text('Uitloggen')")
    page.wait_for_load_state("networkidle")

    other = _context(browser, live_server)
    old_session = other.new_page()
    _login(old_session, EMAIL, FIRST)
    assert old_session.url.endswith("/profile")

    page.goto("/login")
    page.click("a:has-text('Wachtwoord vergeten?')")
    page.fill("#email", EMAIL)
    page.click("button[type=submit]:has-text('Stuur de link')")
    page.wait_for_selector("#check-email")
    reset = wait_for_mail(mailbox, EMAIL, "Kies een nieuw wachtwoord")
    page.goto(mail_link(reset, "/password/reset/"))
    page.fill("#password", SECOND)
    page.fill("#confirm", SECOND)
    shoot(page, "account-reset-phone")
    page.click("button[type=submit]:has-text('Nieuw wachtwoord opslaan')")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/login")

    old_session.goto("/account")
    assert "/login" in old_session.url  # the session from before the reset has ended
    _login(page, EMAIL, SECOND)
    assert page.url.endswith("/profile")
    own.close()
    other.close()


def test_recruiter_turns_on_totp_and_admin_verifies_a_big_number(
    browser: Any, live_server: str, live_app: Flask
) -> None:
    """A recruiter enables TOTP and logs in with a code; an admin verifies a BIG number."""
    with live_app.app_context():
        recruiter = create_user(db.session, Role.RECRUITER, email="werver@journey.example")
        accounts.set_recruiter_regions(session=db.session, user=recruiter, codes=["GM0171"])
        starter = create_user(db.session, Role.CANDIDATE, email="haio@journey.example")
        create_candidate(db.session, user=starter, home_postcode="8302")
        accounts.set_big_number(session=db.session, user=starter, number="19012345601")

    context = _context(browser, live_server)
    page = context.new_page()
    _login(page, "werver@journey.example", PASSWORD)
    page.goto("/account/two-factor")
    page.click("button:has-text('Inloggen in twee stappen instellen')")
    page.wait_for_selector(".qr svg")
    shoot(page, "account-totp-setup")
    secret = page.inner_text("#totp-secret")
    totp = pyotp.TOTP(secret)
    page.fill("#code", totp.now())
    page.click("button:has-text('Inloggen in twee stappen aanzetten')")
    assert page.locator("#recovery-codes li").count() == 10
    _open_menu(page)
    page.click("button:has-text('Uitloggen')")
    page.wait_for_load_state("networkidle")

    _login(page, "werver@journey.example", PASSWORD)
    assert page.url.endswith("/login/code")
    page.fill("#code", totp.at(time.time() + 30))  # the next code: the last one is spent
    page.click("button[type=submit]:has-text('Inloggen')")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/recruiter")
    context.close()

    admin_context = _context(browser, live_server)
    admin = admin_context.new_page()
    _login(admin, ADMIN_EMAIL, DEMO_PASSWORD)
    assert admin.url.endswith("/admin")
    admin.click("a:has-text('BIG-verificatie')")
    row = admin.locator('[data-verify="haio@journey.example"]')
    row.locator("input[name=note]").fill("BIG-register online, naam en specialisme kloppen")
    shoot(admin, "admin-verification")
    row.locator("button:has-text('Geverifieerd')").click()
    admin.wait_for_load_state("networkidle")
    assert "als geverifieerd vastgelegd" in admin.inner_text(".flashes")
    assert admin.locator('[data-verify="haio@journey.example"]').count() == 0
    admin.goto("/admin/audit")
    assert admin.locator('[data-audit="verify_big"]').count() >= 1
    shoot(admin, "admin-audit")
    admin_context.close()
    assert CHROMIUM_ARGS  # the shared launch flags keep Chromium off the network
