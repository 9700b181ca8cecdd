"""Checking the links recruiters put on their offers, so a dead one is flagged on the list.

A link is asked for with HEAD (GET when the server refuses HEAD), without following more than
a few redirects, with a short timeout. Only public addresses are asked: a link whose host
resolves to a private, loopback or otherwise internal address is never fetched and counts as
dead, so the platform cannot be made to probe its own network (SSRF).
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlmodel import Session, col, or_, select

from matchmaker.models import Offer
from matchmaker.models._common import utcnow

TIMEOUT_S = 5.0
RECHECK_AFTER = timedelta(days=7)  # a working link is asked again a week later
BATCH = 200  # links per run: a few minutes at most, even when every one times out
USER_AGENT = "matchmaker-linkcheck/1 (+https://matchmaker.local/contact)"
DEAD = 0  # stored status when the link did not answer at all


def is_public(host: str) -> bool:
    """Whether every address ``host`` resolves to is on the public internet."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return False
    addresses = {ipaddress.ip_address(info[4][0]) for info in infos}
    return bool(addresses) and all(a.is_global for a in addresses)


class _PublicRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed only to public hosts, and only a few times."""

    max_redirections = 3

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        host = urlsplit(newurl).hostname or ""
        if not self.allow_private and not is_public(host):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def status_of(url: str, *, allow_private: bool = False, timeout: float = TIMEOUT_S) -> int:
    """The HTTP status a link answers with; ``DEAD`` (0) when it does not answer or is not
    a public http(s) address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return DEAD
    if not allow_private and not is_public(parts.hostname):
        return DEAD
    opener = urllib.request.build_opener(_PublicRedirects(allow_private))
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=timeout) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD: ask again with GET
            return int(exc.code)
        except (urllib.error.URLError, OSError, ValueError):
            return DEAD
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
