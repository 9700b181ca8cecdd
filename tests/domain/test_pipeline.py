"""The succession pipeline on worked examples."""

from __future__ import annotations

from datetime import date

from matchmaker.domain.pipeline import PipelineItem, furthest, months_between, pipeline

TODAY = date(2026, 11, 23)


def _item(key: str, stop: date, status: str | None = None) -> PipelineItem:
    return PipelineItem(key, "GM0171", 2500, stop, status)


def test_months_between() -> None:
    """Whole months, counting a month only when its day is reached."""
    assert months_between(TODAY, date(2027, 11, 23)) == 12
    assert months_between(TODAY, date(2027, 11, 22)) == 11
    assert months_between(TODAY, date(2026, 10, 1)) == -2


def test_horizon_order_and_alerts() -> None:
    """Within five years only; soonest first; at risk within 24 months without introduction."""
    rows = pipeline(
        [
            _item("practice:1", date(2028, 6, 1)),
            _item("practice:2", date(2027, 3, 1), "introduced"),
            _item("plan:1", date(2027, 5, 1), "requested"),
            _item("practice:3", date(2032, 1, 1)),
        ],
        TODAY,
    )
    assert [r.item.key for r in rows] == ["practice:2", "plan:1", "practice:1"]
    assert {r.item.key: r.at_risk for r in rows} == {
        "practice:2": False,
        "plan:1": True,
        "practice:1": True,
    }


def test_furthest_status() -> None:
    """Withdrawn and declined do not count; the furthest step wins."""
    assert furthest(["requested", "meeting", "withdrawn"]) == "meeting"
    assert furthest(["declined", "withdrawn"]) is None
