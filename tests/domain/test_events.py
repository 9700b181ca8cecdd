"""Event rules: planning checks, seats, and sign-ups that never overbook."""

from __future__ import annotations

from datetime import date, time

from hypothesis import given
from hypothesis import strategies as st

from matchmaker.domain.events import Seats, check_event, check_sign_up, max_party

TODAY = date(2027, 3, 1)


def _codes(**kw: object) -> list[str]:
    args = {
        "kind": "introduction_day",
        "day": date(2027, 4, 2),
        "starts": time(10),
        "ends": time(16),
        "practice": False,
        "today": TODAY,
    }
    args.update(kw)
    return [i.code for i in check_event(**args)]


def test_planning_checks() -> None:
    """Hours in order, not in the past, and a meeloopdag needs its practice."""
    assert _codes() == []
    assert _codes(ends=time(9)) == ["time_order"]
    assert _codes(day=date(2027, 2, 28)) == ["past"]
    assert _codes(kind="trial_day") == ["practice_required"]
    assert _codes(kind="trial_day", practice=True) == []


def test_seats() -> None:
    """No capacity means never full; otherwise what is left, never below zero."""
    assert Seats(None, 500).left is None and not Seats(None, 500).full
    assert Seats(10, 8).left == 2 and Seats(10, 12).left == 0 and Seats(10, 10).full


def test_sign_up_checks() -> None:
    """Past events, party size and a full event are refused; editing keeps one's own seats."""
    seats = Seats(4, 4)
    assert [
        i.code for i in check_sign_up(day=TODAY, today=TODAY, seats=seats, party=1, already=0)
    ] == ["full"]
    # Someone already holding 2 of the 4 seats may go down to 1 or stay at 2.
    assert check_sign_up(day=TODAY, today=TODAY, seats=seats, party=2, already=2) == []
    assert [
        i.code
        for i in check_sign_up(
            day=date(2027, 2, 1), today=TODAY, seats=Seats(None, 0), party=1, already=0
        )
    ] == ["event_over"]
    assert [
        i.code
        for i in check_sign_up(day=TODAY, today=TODAY, seats=Seats(None, 0), party=3, already=0)
    ] == ["out_of_range"]


@given(
    capacity=st.integers(1, 30),
    requests=st.lists(st.tuples(st.integers(0, 15), st.integers(0, 2)), max_size=60),
)
def test_accepted_sign_ups_never_exceed_capacity(
    capacity: int, requests: list[tuple[int, int]]
) -> None:
    """Whatever people sign up, change or cancel (party 0), the seats taken stay within capacity."""
    held: dict[int, int] = {}
    for person, party in requests:
        already = held.get(person, 0)
        if party == 0:
            held.pop(person, None)
            continue
        seats = Seats(capacity, sum(held.values()))
        if not check_sign_up(day=TODAY, today=TODAY, seats=seats, party=party, already=already):
            held[person] = party
        assert sum(held.values()) <= capacity


def test_a_meeloopdag_is_for_the_gp_alone() -> None:
    """Partners are welcome at introduction days and bus tours, not at a trial locum day."""
    assert max_party("trial_day") == 1 and max_party("bus_tour") == 2
    issues = check_sign_up(
        day=TODAY, today=TODAY, seats=Seats(5, 0), party=2, already=0, most=max_party("trial_day")
    )
    assert [i.code for i in issues] == ["out_of_range"]
