"""Domain errors: one exception type carrying a list of named issues."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem with an input: which field, a machine code and a readable message."""

    field: str
    code: str
    message: str


class DomainError(ValueError):
    """Raised when domain input fails one or more checks."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("; ".join(f"{i.field}: {i.message}" for i in issues))


class NotFound(LookupError):
    """The object does not exist or is not the caller's to see (pages answer 404)."""


class PostcodeError(DomainError):
    """A postcode that is malformed or not known in the open data."""


def raise_if(issues: list[Issue], exc: type[DomainError] = DomainError) -> None:
    """Raise ``exc`` with ``issues`` when there are any."""
    if issues:
        raise exc(issues)


def check_choice(
    field: str, value: object, allowed: Iterable[str], *, optional: bool = False
) -> list[Issue]:
    """An issue when ``value`` is not one of the ``allowed`` codes."""
    if optional and value in (None, ""):
        return []
    if value not in set(allowed):
        return [Issue(field, "invalid_choice", f"not a valid choice: {value!r}")]
    return []
