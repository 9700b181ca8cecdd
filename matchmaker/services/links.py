"""Checking the links recruiters put on their offers, so a dead one is flagged on the list.

A link is asked for with HEAD (GET when the server refuses HEAD), following at most a few
redirects, with a short timeout. Only public addresses are asked (SSRF): the host is resolved
once, every address it resolves to must be public (not private, loopback, link-local, NAT64,
6to4, Teredo or IPv4 inside IPv6), and the connection goes to the address that was checked,
so a second DNS answer (rebinding) cannot send it elsewhere. TLS still verifies the name.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from datetime import datetime, timedelta
from urllib.parse import urljoin, urlsplit

from sqlmodel import Session, col, or_, select

from matchmaker.domain.bounds import internal_host, public_address
from matchmaker.models import Offer
from matchmaker.models._common import utcnow

TIMEOUT_S = 5.0
RECHECK_AFTER = timedelta(days=7)  # a working link is asked again a week later
BATCH = 200  # links per run: a few minutes at most, even when every one times out
MAX_REDIRECTS = 3
USER_AGENT = "matchmaker-linkcheck/1 (+https://matchmaker.local/contact)"
DEAD = 0  # stored status when the link did not answer at all
REDIRECTS = (301, 302, 303, 307, 308)


def resolve(host: str) -> list[str]:
    """Every address ``host`` resolves to (one lookup); empty when it does not resolve."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def checked_address(host: str, *, allow_private: bool = False) -> str | None:
    """The address to connect to for ``host``: resolved once, and only when every address
    is public (``allow_private`` is for tests against a local server); else None."""
    if not allow_private and internal_host(host):
        return None
    addresses = resolve(host)
    if not addresses:
        return None
    if not allow_private and not all(public_address(a) for a in addresses):
        return None
    return addresses[0]


def is_public(host: str) -> bool:
    """Whether every address ``host`` resolves to is on the public internet."""
    return checked_address(host) is not None


class _Pinned(http.client.HTTPConnection):
    """Plain HTTP to the address that was checked, with the link's own Host header."""

    def __init__(self, host: str, port: int | None, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    """HTTPS to the address that was checked; the certificate must match the link's name."""

    def __init__(self, host: str, port: int | None, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def _ask(url: str, method: str, address: str, timeout: float) -> tuple[int, str | None]:
    """One request to the pinned address: the status and any redirect target."""
    parts = urlsplit(url)
    kind = _PinnedTLS if parts.scheme == "https" else _Pinned
    connection = kind(parts.hostname or "", parts.port, address, timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, path, headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def status_of(url: str, *, allow_private: bool = False, timeout: float = TIMEOUT_S) -> int:
    """The HTTP status a link answers with; ``DEAD`` (0) when it does not answer or is not
    a public http(s) address (nor are redirects to any other)."""
    for method in ("HEAD", "GET"):
        target = url
        for _hop in range(MAX_REDIRECTS + 1):
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                return DEAD
            address = checked_address(parts.hostname, allow_private=allow_private)
            if address is None:
                return DEAD
            try:
                status, location = _ask(target, method, address, timeout)
            except (OSError, http.client.HTTPException, ValueError):
                return DEAD
            if status in REDIRECTS and location:
                target = urljoin(target, location)
                continue
            break
        else:
            return DEAD  # too many redirects
        if method == "HEAD" and status in (403, 405, 501):
            continue  # some servers refuse HEAD: ask again with GET
        return status
    return DEAD


def check_offers(
    *,
    session: Session,
    now: datetime | None = None,
    allow_private: bool = False,
    limit: int = BATCH,
) -> int:
    """Check the links never checked, or not for a week; returns how many were checked."""
    now = now or utcnow()
    due = session.exec(
        select(Offer)
        .where(
            col(Offer.link).is_not(None),
            or_(
                col(Offer.link_checked_at).is_(None),
                col(Offer.link_checked_at) < now - RECHECK_AFTER,
            ),
        )
        .order_by(
            col(Offer.link_checked_at).is_not(None), col(Offer.link_checked_at), col(Offer.id)
        )
        .limit(limit)
    ).all()
    for offer in due:
        offer.link_status = status_of(offer.link or "", allow_private=allow_private)
        offer.link_checked_at = now
        session.add(offer)
    session.commit()
    return len(due)
