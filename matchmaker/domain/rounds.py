"""Stable match rounds: candidates (and duos) rank practices, practices rank candidates.

The round is deferred acceptance with candidates proposing. A pair is acceptable only when
each side lists the other. With every unit of size 1 the result is the candidate-optimal
stable matching (the hospitals/residents algorithm of Gale–Shapley and Roth).

Duos apply as one unit of size 2 and are placed together or not at all. A stable outcome may
then not exist, so the rule is: when a practice holds more than its capacity, it keeps units
best-first in its own ranking, skipping any unit that no longer fits, and rejects the rest;
rejected units propose to their next choice. Every practice's capacity is always respected
and duos stay together; any remaining blocking pairs are computed and reported.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from matchmaker.domain.errors import Code, DomainError, Issue

DUO_SIZE = 2


class RoundError(DomainError):
    """The preferences, capacities or sizes of a round are inconsistent."""


@dataclass(frozen=True)
class RoundResult:
    """Who goes where, and the pairs that would rather be together (empty when stable)."""

    assignment: dict[str, str | None]
    blocking_pairs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def stable(self) -> bool:
        """Whether no candidate and practice would both rather be matched to each other."""
        return not self.blocking_pairs


def _check_lists(side: str, prefs: Mapping[str, Sequence[str]]) -> list[Issue]:
    return [
        Issue(f"{side}:{owner}", Code.DUPLICATE, "lists the same choice twice")
        for owner, choices in prefs.items()
        if len(set(choices)) != len(choices)
    ]


def _check_capacities(
    practice_prefs: Mapping[str, Sequence[str]], capacities: Mapping[str, int]
) -> list[Issue]:
    issues = [
        Issue(f"practice:{p}", Code.NO_CAPACITY, "has no capacity")
        for p in practice_prefs
        if p not in capacities
    ]
    issues += [
        Issue(f"practice:{p}", Code.NEGATIVE, "capacity below zero")
        for p, c in capacities.items()
        if c < 0
    ]
    return issues


def _check_sizes(sizes: Mapping[str, int]) -> list[Issue]:
    return [
        Issue(f"candidate:{c}", Code.SIZE, "size must be 1 or 2")
        for c, s in sizes.items()
        if s not in (1, DUO_SIZE)
    ]


def check_round(
    candidate_prefs: Mapping[str, Sequence[str]],
    practice_prefs: Mapping[str, Sequence[str]],
    capacities: Mapping[str, int],
    sizes: Mapping[str, int] | None = None,
) -> list[Issue]:
    """Problems with a round's input (empty when it can run)."""
    return (
        _check_lists("candidate", candidate_prefs)
        + _check_lists("practice", practice_prefs)
        + _check_capacities(practice_prefs, capacities)
        + _check_sizes(sizes or {})
    )


def _acceptable(
    candidate_prefs: Mapping[str, Sequence[str]], practice_prefs: Mapping[str, Sequence[str]]
) -> tuple[dict[str, list[str]], dict[str, dict[str, int]]]:
    """Candidate lists cut to mutually acceptable practices; each practice's ranks."""
    ranks = {p: {c: i for i, c in enumerate(cs)} for p, cs in practice_prefs.items()}
    lists = {c: [p for p in ps if c in ranks.get(p, ())] for c, ps in candidate_prefs.items()}
    return lists, ranks


def _deferred_acceptance_unit(
    lists: dict[str, list[str]], ranks: dict[str, dict[str, int]], capacities: Mapping[str, int]
) -> dict[str, str | None]:
    """Classic deferred acceptance for units of size 1 (a heap of the worst held per practice)."""
    held: dict[str, list[tuple[int, str]]] = {p: [] for p in ranks}
    nxt = dict.fromkeys(lists, 0)
    free = deque(lists)
    while free:
        c = free.popleft()
        choices = lists[c]
        if nxt[c] >= len(choices):
            continue
        p = choices[nxt[c]]
        nxt[c] += 1
        heap = held[p]
        heapq.heappush(heap, (-ranks[p][c], c))
        if len(heap) > capacities.get(p, 0):
            _, rejected = heapq.heappop(heap)
            free.append(rejected)
    result: dict[str, str | None] = dict.fromkeys(lists)
    for p, heap in held.items():
        for _, c in heap:
            result[c] = p
    return result


def _deferred_acceptance_sized(
    lists: dict[str, list[str]],
    ranks: dict[str, dict[str, int]],
    capacities: Mapping[str, int],
    sizes: Mapping[str, int],
) -> dict[str, str | None]:
    """Deferred acceptance where a unit may need two places; practices keep best-first fits."""
    held: dict[str, list[str]] = {p: [] for p in ranks}
    nxt = dict.fromkeys(lists, 0)
    free = deque(lists)
    while free:
        c = free.popleft()
        if nxt[c] >= len(lists[c]):
            continue
        p = lists[c][nxt[c]]
        nxt[c] += 1
        units = sorted([*held[p], c], key=ranks[p].__getitem__)
        room, kept = capacities.get(p, 0), []
        for unit in units:
            if sizes.get(unit, 1) <= room:
                kept.append(unit)
                room -= sizes.get(unit, 1)
            else:
                free.append(unit)
        held[p] = kept
    result: dict[str, str | None] = dict.fromkeys(lists)
    for p, units in held.items():
        for c in units:
            result[c] = p
    return result


def blocking_pairs(
    assignment: Mapping[str, str | None],
    lists: Mapping[str, list[str]],
    ranks: Mapping[str, dict[str, int]],
    capacities: Mapping[str, int],
    sizes: Mapping[str, int],
) -> list[tuple[str, str]]:
    """(candidate, practice) pairs that both prefer each other to what they got.

    A practice prefers a unit when it could make room for it by releasing only units it
    ranks lower (plus any free places).
    """
    held: dict[str, list[str]] = {p: [] for p in ranks}
    for c, p in assignment.items():
        if p is not None:
            held[p].append(c)
    out = []
    for c, choices in lists.items():
        current = assignment.get(c)
        for p in choices:
            if p == current:
                break
            need = sizes.get(c, 1)
            free = capacities.get(p, 0) - sum(sizes.get(u, 1) for u in held[p])
            lower = sum(sizes.get(u, 1) for u in held[p] if ranks[p][u] > ranks[p][c])
            if free + lower >= need:
                out.append((c, p))
    return out


def run_round(
    candidate_prefs: Mapping[str, Sequence[str]],
    practice_prefs: Mapping[str, Sequence[str]],
    capacities: Mapping[str, int],
    sizes: Mapping[str, int] | None = None,
) -> RoundResult:
    """Run a round and report blocking pairs.

    Parameters
    ----------
    candidate_prefs
        Candidate (or duo) id → practice ids, most wanted first.
    practice_prefs
        Practice id → candidate ids, most wanted first.
    capacities
        Successor places per practice.
    sizes
        2 for a duo applying as one unit; default 1.

    Returns
    -------
    RoundResult
        The assignment (every candidate, None when unplaced) and the blocking pairs.
    """
    issues = check_round(candidate_prefs, practice_prefs, capacities, sizes)
    if issues:
        raise RoundError(issues)
    lists, ranks = _acceptable(candidate_prefs, practice_prefs)
    sizes = dict(sizes or {})
    if any(s != 1 for s in sizes.values()):
        assignment = _deferred_acceptance_sized(lists, ranks, capacities, sizes)
        return RoundResult(assignment, blocking_pairs(assignment, lists, ranks, capacities, sizes))
    return RoundResult(_deferred_acceptance_unit(lists, ranks, capacities))


def match_round(
    candidate_prefs: dict[str, list[str]],
    practice_prefs: dict[str, list[str]],
    capacities: dict[str, int],
    sizes: dict[str, int] | None = None,
) -> dict[str, str | None]:
    """Candidate id → practice id (or None): the candidate-optimal stable matching for singles.

    Parameters
    ----------
    candidate_prefs, practice_prefs, capacities, sizes
        As for :func:`run_round`.

    Returns
    -------
    dict
        Every candidate id mapped to a practice id or None.
    """
    return run_round(candidate_prefs, practice_prefs, capacities, sizes).assignment
