"""Match rounds: worked examples, equality with the `matching` library, duo feasibility."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matching.games import HospitalResident

from matchmaker.domain.rounds import RoundError, blocking_pairs, match_round, run_round


def test_worked_example() -> None:
    """b and a win their first choices' favour; c is left without a place."""
    result = match_round(
        {"a": ["X", "Y"], "b": ["X"], "c": ["Y", "X"]},
        {"X": ["b", "a", "c"], "Y": ["a", "c"]},
        {"X": 1, "Y": 1},
    )
    assert result == {"a": "Y", "b": "X", "c": None}


def test_only_mutual_choices_count() -> None:
    """A practice that does not list a candidate cannot receive them, and vice versa."""
    result = match_round({"a": ["X"], "b": ["X"]}, {"X": ["b"]}, {"X": 2})
    assert result == {"a": None, "b": "X"}


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (({"a": ["X", "X"]}, {"X": ["a"]}, {"X": 1}), "duplicate"),
        (({"a": ["X"]}, {"X": ["a"]}, {}), "no_capacity"),
        (({"a": ["X"]}, {"X": ["a"]}, {"X": -1}), "negative"),
        (({"a": ["X"]}, {"X": ["a"]}, {"X": 1}, {"a": 3}), "size"),
    ],
)
def test_bad_input_is_one_clear_error(args: tuple[Any, ...], code: str) -> None:
    """Inconsistent rounds raise RoundError naming what is wrong."""
    with pytest.raises(RoundError) as exc:
        run_round(*args)
    assert code in {i.code for i in exc.value.issues}


@st.composite
def instances(
    draw: Any, max_candidates: int = 14, max_practices: int = 6
) -> tuple[dict, dict, dict]:
    """Random rounds with lists of up to 5 choices."""
    cs = [f"c{i}" for i in range(draw(st.integers(1, max_candidates)))]
    ps = [f"p{i}" for i in range(draw(st.integers(1, max_practices)))]
    cprefs = {
        c: draw(st.permutations(ps).map(lambda xs: xs[: draw(st.integers(0, 5))])) for c in cs
    }
    pprefs = {
        p: draw(st.permutations(cs).map(lambda xs: xs[: draw(st.integers(0, len(cs)))])) for p in ps
    }
    caps = {p: draw(st.integers(0, 3)) for p in ps}
    return cprefs, pprefs, caps


def oracle(cprefs: dict, pprefs: dict, caps: dict) -> dict[str, str | None]:
    """The `matching` library's resident-optimal result on the mutually acceptable pairs."""
    # The library cannot take practices without places; they can take nobody anyway.
    mutual_c = {c: [p for p in ps if c in pprefs[p] and caps[p] > 0] for c, ps in cprefs.items()}
    mutual_p = {p: [c for c in cs if p in mutual_c[c]] for p, cs in pprefs.items() if caps[p] > 0}
    residents = {c: ps for c, ps in mutual_c.items() if ps}
    hospitals = {p: cs for p, cs in mutual_p.items() if cs}
    result: dict[str, str | None] = dict.fromkeys(cprefs)
    if residents and hospitals:
        game = HospitalResident.create_from_dictionaries(
            residents, hospitals, {p: caps[p] for p in hospitals}
        )
        for hospital, matched in game.solve(optimal="resident").items():
            for resident in matched:
                result[str(resident)] = str(hospital)
    return result


@pytest.mark.filterwarnings("ignore::UserWarning")
@settings(max_examples=300, deadline=None)
@given(instances())
def test_equals_matching_library_resident_optimal(inst: tuple[dict, dict, dict]) -> None:
    """With singles only, the result equals HospitalResident(optimal='resident')."""
    assert match_round(*inst) == oracle(*inst)


@settings(max_examples=200, deadline=None)
@given(instances())
def test_singles_result_is_stable_and_feasible(inst: tuple[dict, dict, dict]) -> None:
    """No blocking pair, no practice over capacity."""
    cprefs, pprefs, caps = inst
    result = match_round(cprefs, pprefs, caps)
    lists = {c: [p for p in ps if c in pprefs[p]] for c, ps in cprefs.items()}
    ranks = {p: {c: i for i, c in enumerate(cs)} for p, cs in pprefs.items()}
    assert blocking_pairs(result, lists, ranks, caps, {}) == []
    for p, cap in caps.items():
        assert sum(1 for v in result.values() if v == p) <= cap


def brute_blocking(
    result: dict, cprefs: dict, pprefs: dict, caps: dict, sizes: dict
) -> set[tuple[str, str]]:
    """Independent check: c prefers p to its place, and p could fit c by dropping worse units."""
    out = set()
    for c, ps in cprefs.items():
        for p in ps:
            if c not in pprefs[p]:
                continue
            if result[c] == p:
                break
            held = [u for u, q in result.items() if q == p]
            used = sum(sizes.get(u, 1) for u in held)
            worse = sum(sizes.get(u, 1) for u in held if pprefs[p].index(u) > pprefs[p].index(c))
            if caps[p] - used + worse >= sizes.get(c, 1):
                out.add((c, p))
    return out


@settings(max_examples=300, deadline=None)
@given(instances(), st.data())
def test_duos_stay_together_within_capacity_and_blocking_pairs_are_honest(
    inst: tuple[dict, dict, dict], data: Any
) -> None:
    """Duos take two places at one practice; capacities hold; all blocking pairs are reported."""
    cprefs, pprefs, caps = inst
    sizes = {c: data.draw(st.sampled_from([1, 2])) for c in cprefs}
    result = run_round(cprefs, pprefs, caps, sizes)
    for p, cap in caps.items():
        assert sum(sizes[c] for c, q in result.assignment.items() if q == p) <= cap
    for c, p in result.assignment.items():
        if p is not None:
            assert p in cprefs[c] and c in pprefs[p]
    assert set(result.blocking_pairs) == brute_blocking(
        result.assignment, cprefs, pprefs, caps, sizes
    )


def test_duo_needs_two_places() -> None:
    """A duo never takes a practice with a single place; a single does."""
    result = run_round(
        {"duo": ["X", "Y"], "solo": ["X"]},
        {"X": ["duo", "solo"], "Y": ["duo"]},
        {"X": 1, "Y": 2},
        {"duo": 2},
    )
    assert result.assignment == {"duo": "Y", "solo": "X"} and result.stable
