"""The password policy refuses short, common and personal passwords."""

from __future__ import annotations

import pytest

from matchmaker.domain.passwords import check_password


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("kort-wachtw", "too_short"),  # 11 characters
        ("wachtwoord123", "weak"),
        ("password1234", "weak"),
        ("qwertyuiop12", "weak"),
        ("123456789012", "weak"),
        ("Jansen-Jansen-1", "weak"),  # built from the person's own name
        ("x" * 201, "too_long"),
    ],
)
def test_weak_passwords_are_refused(password: str, code: str) -> None:
    """ASVS 2.1: at least 12 characters and not a common or personal password."""
    issues = check_password(password, personal=["jansen@example.org", "Dr. Jansen"])
    assert [i.code for i in issues] == [code]


@pytest.mark.parametrize(
    "password", ["correct-horse-battery", "een-lang-wachtwoord", "Polder dokter op de fiets!"]
)
def test_strong_passwords_pass(password: str) -> None:
    """Long, uncommon passphrases are accepted."""
    assert check_password(password, personal=["jansen@example.org"]) == []
