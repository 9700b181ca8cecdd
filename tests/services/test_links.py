"""Offer links are checked against a real local web server; internal addresses never are."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from flask import Flask
from sqlmodel import Session, select

from matchmaker.models import Offer
from matchmaker.models._common import utcnow
from matchmaker.services import links, offers
from tests.conftest import login, post_form
from tests.factories import create_recruiter, offer_input


class _Site(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:  # noqa: N802 - the standard library's name
        if self.path in ("/moved", "/loop"):
            self.send_response(301)
            self.send_header("Location", "/ok" if self.path == "/moved" else "/loop")
        elif self.path == "/no-head":
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
    assert links.status_of(f"{site}/moved", allow_private=True) == 200  # a redirect is followed
    assert links.status_of(f"{site}/loop", allow_private=True) == links.DEAD  # a few times only


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
    good = offers.create_offer(session=session, user=recruiter, data=offer_input(title="Werkt"))
    bad = offers.create_offer(session=session, user=recruiter, data=offer_input(title="Weg"))
    # A recruiter cannot save an internal address; the test's local server is one.
    good.link, bad.link = f"{site}/ok", f"{site}/gone"
    session.add_all([good, bad])
    session.commit()
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
        data=offer_input(title="Weg", link="https://www.example.nl/nieuw"),
    )
    session.refresh(bad)
    assert bad.link_status is None and session.get(Offer, bad.id).link_checked_at is None


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("169.254.169.254", False),  # cloud metadata
        ("::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4 inside IPv6
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b:1::a00:1", False),  # local-use NAT64
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
        ("224.0.0.1", False),
    ],
)
def test_only_public_addresses_count(address: str, public: bool) -> None:
    """NAT64, 6to4, Teredo and mapped IPv4 reach internal hosts: never public (item 10)."""
    assert links.public_address(address) is public


def test_the_connection_goes_to_the_address_that_was_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DNS rebinding: the first answer is public, later ones internal. The checker resolves
    once and connects to that address, never looking the name up again (item 10)."""
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1", "127.0.0.1"])
    lookups: list[str] = []
    connected: list[object] = []

    def getaddrinfo(host: str, *_args: object, **_kw: object) -> list[tuple]:
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), 0))]

    def create_connection(address: tuple[str, int], *_args: object, **_kw: object) -> None:
        connected.append(address)
        raise OSError("no traffic leaves a test")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    assert links.status_of("http://rebind.example/page") == links.DEAD
    assert connected and all(a[0] == "93.184.216.34" for a in connected)  # type: ignore[index]
    assert lookups.count("rebind.example") == len(connected)


@pytest.mark.parametrize(
    "link",
    [
        "http://127.0.0.1/x",
        "http://10.0.0.8:8080/",
        "localhost:5000/admin",
        "http://intranet/",
        "https://metadata.google.internal/",
        "http://printer.local/",
        "http://169.254.169.254/latest/",
        # issue 30: loopback written as numbers, and inside names of wildcard DNS services
        "http://0x7f.0.0.1/",
        "http://2130706433/",
        "http://127.1/",
        "http://0177.0.0.1/",
        "http://127.0.0.1.nip.io/",
        "http://10-0-0-8.sslip.io/",
        "http://7f000001.nip.io/",
        "http://app.192.168.1.20.example/",
    ],
)
def test_internal_links_are_refused_when_saved(app: Flask, session: Session, link: str) -> None:
    """A recruiter cannot save a link into a network: a field error in Dutch (item 10)."""
    recruiter = create_recruiter(session)
    client = app.test_client()
    login(client, recruiter.email)
    data = {
        "kind": "housing",
        "gemeentecode": "GM0171",
        "title": "Woning",
        "tenure": "rent",
        "link": link,
    }
    html = post_form(client, "/recruiter/offers/new/housing", data).get_data(as_text=True)
    assert "adressen binnen een netwerk" in html
    assert session.exec(select(Offer)).all() == []
