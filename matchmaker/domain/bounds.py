"""Bounds for values that come from outside: numbers a column can hold, safe local paths."""

from __future__ import annotations

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
    if _UNSAFE_IN_PATH.search(link.replace(" ", "")):
        raise ValueError("use a web address such as https://www.example.nl")
    return link
