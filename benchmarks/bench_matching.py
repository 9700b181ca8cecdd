"""Matching benchmark at national scale: 10,000 practices × 3,000 candidates.

Prints, side by side: ranking one candidate with numpy, the same ranking done naively
(a Python loop with geopy's geodesic per practice), a full rescore of every pair, and the
latency of /api/v1/me/matches served by gunicorn (2 workers) over loopback.
Run with `make bench`. Bounded: a fixed number of requests, all to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from geopy.distance import geodesic

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from _server import serve  # noqa: E402

CONCURRENCY = 4


def _timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def _in_process(url: str, repeat: int) -> dict[str, float]:
    from matchmaker import create_app
    from matchmaker.config import Config
    from matchmaker.domain import scoring as sc
    from matchmaker.extensions import db
    from matchmaker.services import accounts, candidates, matching

    class Bench(Config):
        DATABASE_URL = url

    app = create_app(Bench)
    with app.app_context():
        session = db.session
        user = accounts.find_user(session=session, email="starter@demo.example")
        profile = candidates.get_profile(session=session, user=user)  # type: ignore[arg-type]
        assert profile is not None
        p = matching.public_practices(session)
        c = matching.candidate_features(profile, None)

        def numpy_rank() -> object:
            return sc.rank(sc.score(c, p), 20)

        def service_rank() -> object:
            return matching.for_candidate(session=session, profile=profile, limit=20)

        def naive_rank() -> object:
            home = (profile.home_lat, profile.home_lon)
            results = []
            for i in range(len(p)):
                one = sc.PracticeFeatures(
                    **{
                        k: (v[i : i + 1] if isinstance(v, np.ndarray) else v)
                        for k, v in p.__dict__.items()
                    }
                )
                d = geodesic(home, (float(p.lat[i]), float(p.lon[i]))).km
                r = sc.score(c, one)
                if not r.excluded[0]:
                    results.append((-float(r.total[0]), d, int(p.ids[i])))
            return sorted(results)[:20]

        numpy_ms = _timed(numpy_rank, repeat)
        service_ms = _timed(service_rank, repeat)
        naive_ms = _timed(naive_rank, 1)
        pool = matching.candidate_pool(session)
        n_c = len(pool.ids)
        start = time.perf_counter()
        for j in range(n_c):
            one = sc.CandidateFeatures(
                **{
                    k: getattr(pool.features, k)[j]
                    for k in sc.CandidateFeatures.__dataclass_fields__
                }
            )
            sc.score(one, p)
        full_s = time.perf_counter() - start
        # Same top 20 both ways (ids), so the comparison is fair.
        fast = [int(p.ids[i]) for i in numpy_rank()]  # type: ignore[union-attr]
        slow = [pid for _, _, pid in naive_rank()]  # type: ignore[union-attr]
        return {
            "practices": len(p),
            "candidates": n_c,
            "numpy_p50_ms": statistics.median(numpy_ms),
            "numpy_p95_ms": _pct(numpy_ms, 95),
            "service_p50_ms": statistics.median(service_ms),
            "service_p95_ms": _pct(service_ms, 95),
            "naive_ms": naive_ms[0],
            "full_rescore_s": full_s,
            "pairs_per_s": len(p) * n_c / full_s,
            "same_top20": fast == slow,
        }


def _http(url: str, requests: int) -> dict[str, float]:
    server, base = serve(url)
    try:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(base + "/login").read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        form = urllib.parse.urlencode(
            {"email": "starter@demo.example", "password": "demo-password", "csrf_token": token}
        )
        opener.open(base + "/login", form.encode())
        for _ in range(10):  # warm both workers' caches
            opener.open(base + "/api/v1/me/matches?limit=20").read()
        latencies = []
        for _ in range(requests):
            start = time.perf_counter()
            body = opener.open(base + "/api/v1/me/matches?limit=20").read()
            latencies.append((time.perf_counter() - start) * 1000)
        items = json.loads(body)["items"]

        def one(_: int) -> float:
            start = time.perf_counter()
            opener.open(base + "/api/v1/me/matches?limit=20").read()
            return (time.perf_counter() - start) * 1000

        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
            concurrent = list(pool.map(one, range(requests)))
        return {
            "requests": requests,
            "items": len(items),
            "p50_ms": statistics.median(latencies),
            "p95_ms": _pct(latencies, 95),
            "p99_ms": _pct(latencies, 99),
            "concurrent_p50_ms": statistics.median(concurrent),
            "concurrent_p95_ms": _pct(concurrent, 95),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    """Seed, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--candidates", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        env = {**os.environ, "MATCHMAKER_DATABASE_URL": url}
        cli = [sys.executable, "-m", "matchmaker.cli"]
        subprocess.run([*cli, "migrate"], check=True, env=env, cwd=ROOT, capture_output=True)
        t = time.perf_counter()
        subprocess.run(
            [
                *cli,
                "seed-demo",
                "--practices",
                str(args.practices),
                "--candidates",
                str(args.candidates),
            ],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
        )
        seed_s = time.perf_counter() - t
        inproc = _in_process(url, args.repeat)
        web = _http(url, args.requests)
    speedup = inproc["naive_ms"] / web["p50_ms"]
    lines = [
        f"matching benchmark — {inproc['practices']:,} published practices × {inproc['candidates']:,} candidates (seeded in {seed_s:.1f} s)",
        "",
        f"{'':44s}{'p50':>10s}{'p95':>10s}",
        f"{'rank one candidate, numpy scoring':44s}{inproc['numpy_p50_ms']:>8.1f}ms{inproc['numpy_p95_ms']:>8.1f}ms",
        f"{'rank one candidate, service (DB + reasons)':44s}{inproc['service_p50_ms']:>8.1f}ms{inproc['service_p95_ms']:>8.1f}ms",
        f"{'same ranking, naive geopy loop':44s}{inproc['naive_ms']:>8.0f}ms",
        f"{'GET /api/v1/me/matches (gunicorn, 2 workers)':44s}{web['p50_ms']:>8.1f}ms{web['p95_ms']:>8.1f}ms   ({web['requests']} requests, p99 {web['p99_ms']:.1f} ms)",
        f"{f'  same, {CONCURRENCY} clients at once':44s}{web['concurrent_p50_ms']:>8.1f}ms{web['concurrent_p95_ms']:>8.1f}ms",
        f"{'full rescore of all pairs':44s}{inproc['full_rescore_s']:>8.1f}s    ({inproc['pairs_per_s'] / 1e6:.1f} M pairs/s)",
        "",
        f"numpy vs naive, same process:     {inproc['naive_ms'] / inproc['numpy_p50_ms']:.0f}× faster (same top 20: {inproc['same_top20']})",
        f"endpoint vs naive ranking:        {speedup:.0f}× faster end to end (target ≥ 5×)",
        f"endpoint p95 {web['p95_ms']:.1f} ms against the 150 ms target (moonshot 50 ms)",
    ]
    print("\n".join(lines))
    out = ROOT / "artifacts" / "bench-matching.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"seed_s": seed_s, **inproc, "http": web}, indent=2))


if __name__ == "__main__":
    main()
