"""Campaign events (kennismakingsdag, bus tour, meeloopdag): kinds, seats and sign-up rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from matchmaker.domain.errors import Code, Issue

MAX_PARTY = 2  # the GP and their partner: partners are explicitly welcome


class EventKind(StrEnum):
    """What recruiters organise."""

    INTRODUCTION_DAY = "introduction_day"  # kennismakingsdag: the region, its people and offers
    BUS_TOUR = "bus_tour"  # a day along practices, schools and homes of the region
    TRIAL_DAY = "trial_day"  # meeloopdag: a day as locum in one practice


@dataclass(frozen=True, slots=True)
class Seats:
    """How full an event is."""

    capacity: int | None  # None: no limit
    taken: int

    @property
    def left(self) -> int | None:
        """Places still free, or None when there is no limit."""
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    @property
    def full(self) -> bool:
        """Whether nobody more can sign up."""
        return self.left == 0


def check_event(
    *, kind: str, day: date, starts: time, ends: time, practice: bool, today: date
) -> list[Issue]:
    """Problems with an event as a recruiter plans it."""
    issues = []
    if ends <= starts:
        issues.append(Issue("ends", Code.TIME_ORDER, "ends before it starts"))
    if day < today:
        issues.append(Issue("day", Code.PAST, "lies in the past"))
    if kind == EventKind.TRIAL_DAY and not practice:
        issues.append(
            Issue(
                "practice_id", Code.PRACTICE_REQUIRED, "a trial locum day takes place in a practice"
            )
        )
    return issues


def check_change(
    *, kind: str, was_kind: str, capacity: int | None, taken: int, largest_party: int
) -> list[Issue]:
    """Problems with changing an event people have already signed up for.

    Places cannot drop below the people already coming, and a day cannot become a
    meeloopdag (one person each) while someone has signed up with their partner.
    """
    issues = []
    if capacity is not None and capacity < taken:
        issues.append(Issue("capacity", Code.BELOW_TAKEN, "fewer places than people signed up"))
    if kind != was_kind and largest_party > max_party(kind):
        issues.append(Issue("kind", Code.PARTY_TOO_LARGE, "someone comes with their partner"))
    return issues


def max_party(kind: str) -> int:
    """How many people one sign-up may bring: a meeloopdag is for the GP alone."""
    return 1 if kind == EventKind.TRIAL_DAY else MAX_PARTY


def check_sign_up(
    *, day: date, today: date, seats: Seats, party: int, already: int, most: int = MAX_PARTY
) -> list[Issue]:
    """Problems with signing up ``party`` people, given the seats this person already holds.

    Changing a sign-up (adding or removing the partner) frees the seats already held first,
    so a person never loses their place by editing it. ``most`` is the party limit.
    """
    if day < today:
        return [Issue("event", Code.EVENT_OVER, "this event has taken place")]
    if not 1 <= party <= most:
        return [Issue("party", Code.OUT_OF_RANGE, f"between 1 and {most} people")]
    left = seats.left
    if left is not None and party > left + already:
        return [Issue("event", Code.FULL, "this event is full")]
    return []
