"""Offer links are checked against a real local web server; internal addresses never are."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from flask import Flask
from sqlmodel import Session

from matchmaker.models import Offer
from matchmaker.models._common import utcnow
from matchmaker.services import links, offers
from tests.conftest import login
from tests.factories import create_recruiter, offer_input


class _Site(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:  # noqa: N802 - the standard library's name
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path in ("/ok", "/get-only") else 404)
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_status_of_asks_head_then_get(site: str) -> None:
    """200 stays 200, a missing page is 404, a server refusing HEAD is asked with GET."""
    assert links.status_of(f"{site}/ok", allow_private=True) == 200
    assert links.status_of(f"{site}/missing", allow_private=True) == 404
    assert links.status_of(f"{site}/no-head", allow_private=True) == 200
    assert links.status_of("http://127.0.0.1:1/", allow_private=True) == links.DEAD


def test_internal_addresses_are_never_fetched(site: str) -> None:
    """Without the test's permission a loopback or private host counts as dead, unasked."""
    assert links.status_of(f"{site}/ok") == links.DEAD
    assert not links.is_public("127.0.0.1") and not links.is_public("10.1.2.3")
    assert not links.is_public("localhost") and not links.is_public("nonexistent.invalid")


def test_dead_links_are_flagged_on_the_recruiters_list(
    app: Flask, session: Session, site: str
) -> None:
    """The check stores the status; the offer list flags the dead one; a week later again."""
    recruiter = create_recruiter(session)
    good = offers.create_offer(
        session=session, user=recruiter, data=offer_input(title="Werkt", link=f"{site}/ok")
    )
    bad = offers.create_offer(
        session=session, user=recruiter, data=offer_input(title="Weg", link=f"{site}/gone")
    )
    assert links.check_offers(session=session, allow_private=True) == 2
    assert (good.link_status, bad.link_status) == (200, 404) and bad.link_dead
    assert links.check_offers(session=session, allow_private=True) == 0  # checked this week
    later = utcnow() + links.RECHECK_AFTER + timedelta(hours=1)
    assert links.check_offers(session=session, now=later, allow_private=True) == 2
    client = app.test_client()
    login(client, recruiter.email)
    page = client.get("/recruiter").get_data(as_text=True)
    assert f'data-dead-link="{bad.id}"' in page and f'data-dead-link="{good.id}"' not in page
    assert "link werkt niet" in page
    offers.update_offer(
        session=session,
        user=recruiter,
        offer_id=bad.id,
        data=offer_input(title="Weg", link=f"{site}/ok"),
    )
    session.refresh(bad)
    assert bad.link_status is None and session.get(Offer, bad.id).link_checked_at is None
