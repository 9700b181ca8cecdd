"""A live server on a migrated, seeded SQLite file, and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from matchmaker import create_app
from matchmaker.commands import upgrade_database
from matchmaker.config import TestConfig
from matchmaker.extensions import db
from matchmaker.services import seed
from tests.mail import smtp_server

CHROMIUM = os.environ.get("MATCHMAKER_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not Path(CHROMIUM).exists():
    pytest.skip(
        f"Browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium",
        allow_module_level=True,
    )


@pytest.fixture(scope="session")
def mailbox() -> Iterator[tuple[int, list[Any]]]:
    """A real SMTP server on loopback that keeps every email the live app sends."""
    with smtp_server() as (port, messages):
        yield port, messages


@pytest.fixture(scope="session")
def live_app(
    tmp_path_factory: pytest.TempPathFactory, mailbox: tuple[int, list[Any]]
) -> Iterator[Flask]:
    """A seeded app on a free loopback port, sending its email to ``mailbox``."""
    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.db'}"

    class LiveConfig(TestConfig):
        DATABASE_URL = url
        RATELIMIT_ENABLED = False
        SMTP_HOST = "127.0.0.1"
        SMTP_PORT = mailbox[0]
        MAIL_DELIVERY = "background"
        ATTACHMENT_DIR = str(tmp_path_factory.mktemp("attachments"))

    upgrade_database(url)
    app = create_app(LiveConfig)
    with app.app_context():
        seed.seed_demo(
            session=db.session,
            n_practices=60,
            n_candidates=20,
            storage=Path(app.config["ATTACHMENT_DIR"]),
        )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    app.config["PUBLIC_URL"] = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app
    server.shutdown()


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> str:
    """The base URL of the live app."""
    return str(live_app.config["PUBLIC_URL"])


def wait_for_mail(
    mailbox: tuple[int, list[Any]], to: str, subject: str, timeout: float = 10
) -> Any:
    """The first email to ``to`` whose subject contains ``subject``, waiting until it arrives."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in mailbox[1]:
            if message["To"] == to and subject in message["Subject"]:
                return message
        time.sleep(0.05)  # polling a condition with a deadline, not a fixed pause
    raise AssertionError(f"no email to {to} about {subject!r}")


def mail_link(message: Any, path: str) -> str:
    """The first link in an email's text whose path starts with ``path``."""
    import re

    text = message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(r"https?://\S+" + re.escape(path) + r"\S*", text)
    assert found, text
    return found.group(0)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh page that records every request's host and console errors."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server, locale="nl-NL"
    )
    page = context.new_page()
    page.requested_urls = []
    page.console_errors = []
    page.on("request", lambda r: page.requested_urls.append(r.url))
    page.on(
        "console",
        lambda m: m.type == "error" and page.console_errors.append(f"{m.text} @ {m.location}"),
    )
    yield page
    context.close()


AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture
def audit_page(browser: Any, live_server: str) -> Iterator[Any]:
    """A page that may inject axe-core (CSP bypassed for the audit script only)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        base_url=live_server,
        locale="nl-NL",
        bypass_csp=True,
    )
    yield context.new_page()
    context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def shoot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """Save a full-page screenshot under artifacts/screenshots."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def open_as(
    browser: Any, live_server: str, email: str, password: str, *, phone: bool = False
) -> Any:
    """A new browser context, in Dutch, at desktop or phone size, logged in as ``email``."""
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    page = browser.new_context(viewport=size, base_url=live_server, locale="nl-NL").new_page()
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]:has-text('Inloggen')")
    page.wait_for_load_state("networkidle")
    return page
