"""Listing checks and the normpraktijk comparison."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchmaker.domain.practice import (
    NORMPRAKTIJK_PATIENTS,
    ListingFacts,
    check_listing,
    list_size_ratio,
)


def _facts(**kw: object) -> ListingFacts:
    base: dict[str, object] = {
        "patients": 2500,
        "fte": 1.0,
        "handover_from": date(2027, 1, 1),
        "handover_until": date(2027, 6, 30),
        "goodwill_min": None,
        "goodwill_max": None,
    }
    base.update(kw)
    return ListingFacts(**base)


def test_consistent_listing_has_no_issues() -> None:
    """A plain listing passes."""
    assert check_listing(_facts()) == []


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"handover_until": date(2026, 12, 1)}, "handover_until", "before_start"),
        ({"handover_until": date(2040, 1, 1)}, "handover_until", "too_wide"),
        ({"goodwill_min": 10_000}, "goodwill_max", "half_range"),
        ({"goodwill_max": 10_000}, "goodwill_max", "half_range"),
        ({"goodwill_min": 50_000, "goodwill_max": 10_000}, "goodwill_max", "inverted"),
        ({"patients": 0}, "patients", "out_of_range"),
        ({"patients": 70_000}, "patients", "out_of_range"),
    ],
)
def test_inconsistent_listings_name_field_and_code(
    overrides: dict[str, object], field: str, code: str
) -> None:
    """Each kind of inconsistency is reported on the field a holder must fix."""
    issues = check_listing(_facts(**overrides))
    assert [(i.field, i.code) for i in issues] == [(field, code)]


def test_list_size_ratio_against_normpraktijk() -> None:
    """2,095 patients for one FTE is exactly a normpraktijk; half the FTE doubles the load."""
    assert list_size_ratio(NORMPRAKTIJK_PATIENTS, 1.0) == 1.0
    assert list_size_ratio(NORMPRAKTIJK_PATIENTS, 0.5) == 2.0
    assert list_size_ratio(1000, 0) is None


@given(st.integers(0, 200_000), st.integers(0, 200_000))
def test_goodwill_range_valid_iff_ordered(low: int, high: int) -> None:
    """A full goodwill range is accepted exactly when min <= max."""
    issues = check_listing(_facts(goodwill_min=low, goodwill_max=high))
    assert (issues == []) == (low <= high)
