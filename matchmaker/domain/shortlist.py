"""Marks people put on listings and candidates, and the rules for comparing listings."""

from __future__ import annotations

from enum import StrEnum

from matchmaker.domain.errors import Code, Issue

# A shortlist is a handful of listings worth a second look; a cap keeps every page that
# lists it one bounded query (Funda's favourites and job boards cap theirs alike).
MAX_SAVED = 100
# Side by side fits three columns on a laptop and one swipe each on a phone.
MAX_COMPARE = 3


class Mark(StrEnum):
    """What a person said about a listing or a candidate."""

    SAVED = "saved"  # on the shortlist ("Bewaard")
    HIDDEN = "hidden"  # "Niet meer tonen": out of lists and alerts, until undone
    INTEREST = "interest"  # "Interesse": one half of a mutual introduction


def check_saved(count: int) -> list[Issue]:
    """A new star is refused once the shortlist is full."""
    if count >= MAX_SAVED:
        return [Issue("practice", Code.SHORTLIST_FULL, "the shortlist is full", str(MAX_SAVED))]
    return []


def compare_ids(requested: list[int], saved: list[int]) -> list[int]:
    """The listings to compare: those asked for that are on the shortlist, in the order
    asked, at most ``MAX_COMPARE``; none asked means the first of the shortlist."""
    chosen = [i for i in dict.fromkeys(requested) if i in set(saved)] if requested else saved
    return chosen[:MAX_COMPARE]
