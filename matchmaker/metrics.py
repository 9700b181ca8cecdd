"""Prometheus metrics (prometheus-client), counted in every process and added up at scrape.

Under gunicorn each worker writes its figures to files in ``PROMETHEUS_MULTIPROC_DIR``
(``gunicorn.conf.py`` sets and clears it), and a scrape of any worker reads them all through
``MultiProcessCollector``, so the figures add up across workers. Without that directory (the
development server, tests) the process's own registry is used.
"""

from __future__ import annotations

import os
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, multiprocess

if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # the files need their directory
    Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)

# Latency buckets from 5 ms to 5 s: the pages' budget is 50 ms, a rebuild took seconds.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)

REQUEST_SECONDS = Histogram(
    "matchmaker_request_seconds",
    "Time to answer a request, per route",
    ["route", "method"],
    buckets=BUCKETS,
)
RESPONSES = Counter("matchmaker_responses_total", "Responses by status code", ["status"])
MATCH_SECONDS = Histogram(
    "matchmaker_match_seconds", "Time to rank matches for one person", ["side"], buckets=BUCKETS
)
CACHE_UPDATES = Counter(
    "matchmaker_cache_updates_total",
    "Match caches brought up to date: built from scratch, or patched with the rows that changed",
    ["cache", "kind"],
)
TASKS = Counter("matchmaker_tasks_total", "Background tasks run, by outcome", ["task", "outcome"])
DB_POOL_CHECKED_OUT = Gauge(
    "matchmaker_db_pool_checked_out",
    "Database connections in use (summed over the workers)",
    multiprocess_mode="livesum",
)


def registry() -> CollectorRegistry | None:
    """The registry a scrape reads: every process's files in multiprocess mode, else None
    (the default registry)."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return None
    collected = CollectorRegistry()
    multiprocess.MultiProcessCollector(collected)
    return collected
