"""Password policy (OWASP ASVS 4.0 §2.1): long enough, and not guessable."""

from __future__ import annotations

from collections.abc import Sequence

from zxcvbn import zxcvbn

from matchmaker.domain.errors import Code, Issue

MIN_LENGTH = 12  # ASVS 2.1.1: at least 12 characters
MAX_LENGTH = 200  # ASVS 2.1.2 allows 64+; longer adds nothing but hashing time
MIN_SCORE = 3  # zxcvbn 0–4; 3 = "safely unguessable: moderate protection from offline attacks"
CHECKED_CHARS = 100  # zxcvbn's matching grows fast with length; 100 characters decide it


def check_password(password: str, *, personal: Sequence[str] = ()) -> list[Issue]:
    """Issues with a new password: too short, too long, or common and guessable.

    Parameters
    ----------
    password: the new password as typed.
    personal: words the person's own data gives away (email, name): using them is weak.

    Returns
    -------
    An empty list when the password is acceptable.
    """
    if len(password) < MIN_LENGTH:
        return [Issue("password", Code.TOO_SHORT, f"at least {MIN_LENGTH} characters")]
    if len(password) > MAX_LENGTH:
        return [Issue("password", Code.TOO_LONG, f"at most {MAX_LENGTH} characters")]
    inputs = [w for text in personal for w in text.replace("@", " ").replace(".", " ").split()]
    if zxcvbn(password[:CHECKED_CHARS], user_inputs=inputs)["score"] < MIN_SCORE:
        return [Issue("password", Code.WEAK, "too common or too easy to guess")]
    return []
