"""Bounds for values that come from outside: numbers a column can hold, safe local paths."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

INT32_MAX = 2**31 - 1  # PostgreSQL `integer`, the type of every id and count column
# The largest amount of euros anyone enters (goodwill, a budget, a price, an incentive):
# €100 million is above any GP practice and the dearest Dutch houses, and fits `integer`.
MAX_EUROS = 100_000_000
MAX_PLACES = 10_000  # childcare or training places in one offer
_ASCII_INT = re.compile(r"-?[0-9]{1,10}")
# Browsers drop tabs and newlines from URLs and read '\' as '/', so "/\t/evil" becomes "//evil".
_UNSAFE_IN_PATH = re.compile(r"[\x00-\x20\x7f\\]")


def parse_int(value: object, *, lo: int = 0, hi: int = INT32_MAX) -> int | None:
    """An ASCII whole number within [lo, hi], else None (no Unicode digits, no overflow).

    Parameters
    ----------
    value: the raw value (a string from a form or query, or anything else).
    lo, hi: inclusive bounds.

    Returns
    -------
    The number, or None when ``value`` is not a plain whole number inside the bounds.
    """
    if not isinstance(value, str) or not _ASCII_INT.fullmatch(value.strip()):
        return None
    number = int(value.strip())
    return number if lo <= number <= hi else None


def safe_local_path(target: object) -> str | None:
    """``target`` if it is a path on this site ("/x?y"), else None: never another host.

    Parameters
    ----------
    target: a candidate redirect target from a query string or form.

    Returns
    -------
    The same string when it is an absolute local path without scheme, host, backslash,
    whitespace or control characters; None otherwise.
    """
    if not isinstance(target, str) or not target.startswith("/") or target.startswith("//"):
        return None
    if _UNSAFE_IN_PATH.search(target) or len(target) > 2000:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def has_nul(value: str) -> bool:
    """Whether ``value`` holds a NUL character (PostgreSQL cannot store it in text)."""
    return "\x00" in value


_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+", re.I)


# Ranges that carry another address inside them, or reach this network through a gateway:
# NAT64 (RFC 6052, 8215), 6to4 (RFC 3056), Teredo (RFC 4380). Python counts some as global.
TUNNELLED = tuple(
    ipaddress.ip_network(n) for n in ("64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "2001::/32")
)
# Names that never lead to the public internet.
INTERNAL_SUFFIXES = (".localhost", ".local", ".internal", ".intranet", ".lan", ".home.arpa")


def public_address(address: str) -> bool:
    """Whether an IP address is on the public internet (not private, loopback, link-local,
    reserved, multicast, IPv4 inside IPv6, NAT64, 6to4 or Teredo).

    Parameters
    ----------
    address: an IPv4 or IPv6 address as text.

    Returns
    -------
    True only for a globally routable unicast address that reaches no other network.
    """
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None or any(ip in net for net in TUNNELLED):
            return False
    return ip.is_global and not ip.is_multicast


_NUMBER = re.compile(r"0x[0-9a-f]*|[0-9]+", re.I)
# An IPv4 address written inside a name, as wildcard DNS services answer for it:
# 127.0.0.1.nip.io, 10-0-0-1.sslip.io, app.192.168.1.2.example.
_EMBEDDED = re.compile(
    r"(?<![0-9])([0-9]{1,3})[.-]([0-9]{1,3})[.-]([0-9]{1,3})[.-]([0-9]{1,3})(?![0-9])"
)
_HEX_LABEL = re.compile(r"(?:^|\.)([0-9a-f]{8})\.", re.I)  # 7f000001.nip.io


def numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a host written as numbers stands for, in every form resolvers accept
    (``127.1``, ``0x7f.0.0.1``, ``0177.0.0.1``, ``2130706433``); None for a name."""
    labels = host.split(".")
    if not 1 <= len(labels) <= 4 or not all(_NUMBER.fullmatch(label) for label in labels):
        return None
    try:
        values = [
            int(x, 16)
            if x.lower().startswith("0x")
            else int(x, 8)
            if len(x) > 1 and x[0] == "0"
            else int(x)
            for x in labels
        ]
    except ValueError:  # "0x" alone, or 8 and 9 in an octal number
        return None
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = sum(v << (8 * (3 - i)) for i, v in enumerate(head)) + last
    return ipaddress.IPv4Address(number)


def _embedded(name: str) -> list[str]:
    """Addresses written inside a name (dotted, dashed or as eight hex digits)."""
    found = [".".join(m) for m in _EMBEDDED.findall(name) if all(int(x) <= 255 for x in m)]
    found += [str(ipaddress.IPv4Address(int(h, 16))) for h in _HEX_LABEL.findall(name)]
    return found


def internal_host(host: str) -> bool:
    """Whether a link's host is plainly internal: an address that is not public (in any way
    of writing it, or written inside a name as wildcard DNS services answer for it), or a name
    such as ``localhost``, ``intranet`` or ``x.internal`` (names are checked again, by their
    addresses, whenever the link is fetched)."""
    name = host.strip().rstrip(".").lower()
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        if (number := numeric_ipv4(name)) is not None:
            return not public_address(str(number))
        if any(not public_address(a) for a in _embedded(name)):
            return True
        return name == "localhost" or "." not in name or name.endswith(INTERNAL_SUFFIXES)
    return not public_address(name)


def web_link(value: str) -> str:
    """An http(s) link, with ``https://`` added when no scheme is given; ValueError otherwise.

    Parameters
    ----------
    value: a link as a recruiter typed it ("gemeente.nl/wonen", "https://…").

    Returns
    -------
    The link with its scheme; ``javascript:``, ``data:`` and other schemes are refused.
    """
    link = value.strip()
    if "://" not in link and not re.match(r"[a-z][a-z0-9+.-]*:", link, re.I):
        link = "https://" + link
    parts = urlsplit(link)
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme.lower() not in ("http", "https") or not _HOST.fullmatch(host):
        raise ValueError("use a web address such as https://www.example.nl")
    if internal_host(host):
        raise ValueError("use a public web address, not one inside a network")
    if _UNSAFE_IN_PATH.search(link.replace(" ", "")):
        raise ValueError("use a web address such as https://www.example.nl")
    return link
