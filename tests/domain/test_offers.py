"""Checks on regional offers."""

from __future__ import annotations

import pytest

from matchmaker.domain.offers import check_offer


@pytest.mark.parametrize(
    ("kind", "values", "problems"),
    [
        ("housing", {"tenure": "rent", "price": 1200}, []),
        ("housing", {"tenure": "rent"}, [("price", "required")]),
        ("job_lead", {"sector": "education"}, [("employer", "required")]),
        ("childcare", {"places": 0}, [("places", "out_of_range")]),
        ("training", {"places": 3}, []),
        (
            "incentive",
            {"incentive_type": "starter_bonus", "amount": -5},
            [("amount", "out_of_range")],
        ),
        ("castle", {}, [("kind", "unknown_kind")]),
    ],
)
def test_each_kind_needs_its_fields(
    kind: str, values: dict[str, object], problems: list[tuple[str, str]]
) -> None:
    """Every kind names the fields it needs; ranges are checked."""
    assert [(i.field, i.code) for i in check_offer(kind, values)] == problems
