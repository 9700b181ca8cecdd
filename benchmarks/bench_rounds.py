"""Match-round benchmark: our deferred acceptance against the `matching` library.

Same instance, same process: 3,000 candidates × 600 practices, candidate lists of up to 10,
practices ranking everyone who listed them. Prints both times, the ratio, and whether the
assignments are identical.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
import warnings

from matching.games import HospitalResident

from matchmaker.domain.rounds import match_round


def instance(n_candidates: int, n_practices: int, max_list: int, seed: int):  # type: ignore[no-untyped-def]
    """A reproducible random round."""
    rng = random.Random(seed)
    practices = [f"p{i}" for i in range(n_practices)]
    cprefs = {f"c{i}": rng.sample(practices, rng.randint(1, max_list)) for i in range(n_candidates)}
    applicants: dict[str, list[str]] = {p: [] for p in practices}
    for c, ps in cprefs.items():
        for p in ps:
            applicants[p].append(c)
    pprefs = {p: rng.sample(cs, len(cs)) for p, cs in applicants.items()}
    caps = {p: rng.choice((1, 1, 2, 3)) for p in practices}
    return cprefs, pprefs, caps


def library(cprefs, pprefs, caps):  # type: ignore[no-untyped-def]
    """The `matching` library's resident-optimal solution as candidate → practice."""
    hospitals = {p: cs for p, cs in pprefs.items() if cs}
    game = HospitalResident.create_from_dictionaries(
        cprefs, hospitals, {p: caps[p] for p in hospitals}
    )
    result = dict.fromkeys(cprefs)
    for hospital, residents in game.solve(optimal="resident").items():
        for r in residents:
            result[str(r)] = str(hospital)
    return result


def main() -> None:
    """Time both on the same instance."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=3000)
    parser.add_argument("--practices", type=int, default=600)
    parser.add_argument("--max-list", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cprefs, pprefs, caps = instance(args.candidates, args.practices, args.max_list, seed=7)
    ours = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        fast = match_round(cprefs, pprefs, caps)
        ours.append(time.perf_counter() - t)
    # The library deep-copies its player graph recursively: give it a deep stack in a thread.
    box: dict[str, object] = {}

    def run_library() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t = time.perf_counter()
            box["result"] = library(cprefs, pprefs, caps)
            box["seconds"] = time.perf_counter() - t

    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1024 * 1024 * 1024)
    worker = threading.Thread(target=run_library)
    worker.start()
    worker.join()
    slow, theirs = box["result"], float(box["seconds"])  # type: ignore[arg-type]
    ours_s = statistics.median(ours)
    placed = sum(1 for v in fast.values() if v)
    print(
        f"match round — {args.candidates:,} candidates × {args.practices:,} practices, lists ≤ {args.max_list}, {placed:,} placed"
    )
    print(f"  matchmaker.domain.rounds   {ours_s * 1000:8.1f} ms (median of {args.repeat})")
    print(f"  matching HospitalResident  {theirs * 1000:8.1f} ms")
    print(f"  {theirs / ours_s:.0f}× faster (target ≥ 30×); identical assignment: {fast == slow}")


if __name__ == "__main__":
    main()
