"""The campaign funnel on a worked example."""

from __future__ import annotations

from datetime import datetime, timedelta

from matchmaker.domain.funnel import STAGES, Journey, funnel

T0 = datetime(2026, 1, 1)


def _j(*steps: tuple[str, int], withdrawn: bool = False) -> Journey:
    return Journey({stage: T0 + timedelta(days=d) for stage, d in steps}, withdrawn)


def test_counts_conversion_and_time_in_stage() -> None:
    """Four invited, three viewed, two interested, two agreements of which one settled."""
    report = funnel(
        [
            _j(("invited", 0)),
            _j(("invited", 0), ("viewed", 2)),
            _j(("invited", 0), ("viewed", 4), ("interested", 10), withdrawn=True),
            _j(
                ("invited", 0),
                ("viewed", 6),
                ("interested", 8),
                ("introduced", 9),
                ("agreement", 40),
                ("settled", 100),
            ),
            _j(("invited", 0), ("viewed", 1), ("negotiation", 20), ("agreement", 30)),
        ],
        goal=4,
    )
    by = {s.stage: s for s in report.stages}
    assert [by[s].count for s in STAGES] == [5, 4, 3, 2, 2, 2, 2, 2, 1]
    assert by["viewed"].conversion == 0.8 and by["interested"].conversion == 0.75
    assert by["invited"].median_days == 3.0  # 1, 2, 4 and 6 days until viewed
    assert by["introduced"].median_days == 31.0  # skipped steps count towards the next reached
    assert by["agreement"].median_days == 60.0  # only the one who settled moved on
    assert by["settled"].conversion == 0.5
    assert (report.settled, report.withdrawn, report.goal_share) == (1, 1, 0.25)


def test_empty_campaign() -> None:
    """No candidates: zero counts, no conversions, nothing settled."""
    report = funnel([], goal=10)
    assert all(s.count == 0 and s.conversion is None for s in report.stages)
    assert report.goal_share == 0.0


def test_median_days_is_never_minus_zero() -> None:
    """A next stage an hour before the stage's own start rounds to 0.0 days, not -0.0."""
    t0 = datetime(2027, 1, 1, 12)
    report = funnel([Journey({"invited": t0, "viewed": t0 - timedelta(hours=1)})], goal=1)
    days = report.stages[0].median_days
    assert days == 0.0 and str(days) == "0.0"
