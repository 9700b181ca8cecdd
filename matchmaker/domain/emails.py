"""Email addresses: one rule for comparing them and one for recognising them."""

from __future__ import annotations

import re

# Something@something.tld without spaces: what a person typed by mistake is caught here;
# whether the address exists is proven by the confirmation link, not by a pattern.
_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def normalise_email(email: str) -> str:
    """Emails are compared case-insensitively and without surrounding spaces."""
    return email.strip().lower()


def is_email_address(value: str) -> bool:
    """Whether ``value`` looks like one email address."""
    return _ADDRESS.fullmatch(value) is not None
