"""The takeover file (Overnamedossier): the steps of a Dutch GP practice takeover as data,
who does each, and the checks on what the two sides record.

Steps come from a JSON file an operator can replace (``data/takeover_steps.json``); they are
read and checked here, so a bad file is refused with every problem named, before any page
uses it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from matchmaker.domain.errors import Code, DomainError, Issue, raise_if

MAX_NOTES = 2000
MAX_STEPS = 40  # a takeover has a dozen steps; the cap bounds an operator's file
_KEY = re.compile(r"[a-z0-9_]{1,40}")


class Party(StrEnum):
    """Who does a step."""

    HOLDER = "holder"
    SUCCESSOR = "successor"
    BOTH = "both"


class ItemStatus(StrEnum):
    """Where a step stands."""

    OPEN = "open"
    BUSY = "busy"
    DONE = "done"
    NOT_NEEDED = "not_needed"  # does not apply to this takeover (a rented building, no staff)


FINISHED = (ItemStatus.DONE, ItemStatus.NOT_NEEDED)


@dataclass(frozen=True)
class Step:
    """One step as the operator's file describes it."""

    key: str
    party: Party
    due_days: int
    title: dict[str, str]  # per language
    help: dict[str, str]


def _check_step(i: int, raw: Any) -> list[Issue]:
    where = f"steps[{i}]"
    if not isinstance(raw, dict):
        return [Issue(where, Code.MALFORMED, "not an object")]
    issues = []
    if not isinstance(raw.get("key"), str) or not _KEY.fullmatch(raw["key"]):
        issues.append(Issue(f"{where}.key", Code.MALFORMED, "letters, digits and _ only"))
    if raw.get("party") not in set(Party):
        issues.append(Issue(f"{where}.party", Code.INVALID_CHOICE, "holder, successor or both"))
    days = raw.get("due_days")
    if not isinstance(days, int) or not 0 <= days <= 730:
        issues.append(Issue(f"{where}.due_days", Code.OUT_OF_RANGE, "0-730 days"))
    for field in ("title", "help"):
        texts = raw.get(field)
        if not isinstance(texts, dict) or not all(
            isinstance(texts.get(lang), str) and 0 < len(texts[lang]) <= 300
            for lang in ("nl", "en")
        ):
            issues.append(Issue(f"{where}.{field}", Code.MISSING, "a text in nl and en"))
    return issues


def parse_steps(text: str) -> list[Step]:
    """The steps of an operator's file (DomainError naming every problem)."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DomainError([Issue("steps", Code.MALFORMED, f"not JSON: {exc}")]) from None
    raw = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(raw, list) or not 0 < len(raw) <= MAX_STEPS:
        raise DomainError([Issue("steps", Code.MALFORMED, f"1-{MAX_STEPS} steps")])
    issues = [issue for i, step in enumerate(raw) for issue in _check_step(i, step)]
    keys = [s.get("key") for s in raw if isinstance(s, dict)]
    if len(set(keys)) != len(keys):
        issues.append(Issue("steps", Code.DUPLICATE, "every key once"))
    raise_if(issues)
    return [
        Step(s["key"], Party(s["party"]), s["due_days"], dict(s["title"]), dict(s["help"]))
        for s in raw
    ]


def check_update(
    *, status: str, due: date | None, notes: str, today: date, due_changed: bool
) -> list[Issue]:
    """What one side records on a step: a known status, notes within bounds, and a new due
    date not in the past (an old one may stay, that is what 'overdue' is for)."""
    issues = []
    if status not in set(ItemStatus):
        issues.append(Issue("status", Code.INVALID_CHOICE, "unknown status", status))
    if len(notes) > MAX_NOTES:
        issues.append(Issue("notes", Code.TOO_LONG, "notes too long", str(MAX_NOTES)))
    if due is not None and due_changed and due < today:
        issues.append(Issue("due", Code.PAST, "lies in the past"))
    return issues


def is_overdue(status: str, due: date | None, today: date) -> bool:
    """An unfinished step past its due date."""
    return due is not None and due < today and status not in FINISHED


@dataclass(frozen=True)
class Progress:
    """How far a file is: steps finished of the steps that apply, and how many are overdue."""

    done: int
    total: int
    overdue: int


def progress(items: list[tuple[str, date | None]], today: date) -> Progress:
    """Counts only (what a recruiter may see): (status, due) per step."""
    applying = [(s, d) for s, d in items if s != ItemStatus.NOT_NEEDED]
    return Progress(
        done=sum(1 for s, _d in applying if s == ItemStatus.DONE),
        total=len(applying),
        overdue=sum(1 for s, d in applying if is_overdue(s, d, today)),
    )


def responsible(party: str, holder_id: int, successor_id: int) -> list[int]:
    """The accounts that do a step."""
    if party == Party.HOLDER:
        return [holder_id]
    if party == Party.SUCCESSOR:
        return [successor_id]
    return [holder_id, successor_id]
