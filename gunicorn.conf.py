"""gunicorn settings for `make serve` and the benchmarks: warm workers.

Each worker builds its caches (match features of every listing and candidate, the shortage
index, the map) before it accepts its first request, so the first visitor after a (re)start
waits no longer than any other. Workers keep their own copies: building takes about a
quarter of a second at 10,000 listings, less than sharing memory between processes would
save in complexity (docs/architecture.md, "Caches").
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger("gunicorn.error")

# No access log of gunicorn's own: it would write each full path, tokens and all (calendar,
# reset, unsubscribe links). The app logs every request as one JSON line with the route's
# pattern instead (matchmaker.requests), and nginx logs paths with tokens masked.
accesslog = None

# Metrics from every worker add up (prometheus-client's multiprocess mode): each worker writes
# its figures to files here. Set before any worker imports the app, cleared at every start.
METRICS_DIR = Path(
    os.environ.setdefault(
        "PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="matchmaker-metrics-")
    )
)


def on_starting(_server: Any) -> None:
    """Start with no figures from an earlier run."""
    shutil.rmtree(METRICS_DIR, ignore_errors=True)
    METRICS_DIR.mkdir(parents=True, exist_ok=True)


def child_exit(_server: Any, worker: Any) -> None:
    """A worker that ended no longer counts towards the live gauges."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]


def post_worker_init(worker: Any) -> None:
    """Warm the worker's caches before it serves."""
    from matchmaker.extensions import db
    from matchmaker.services import warmup

    app = worker.wsgi
    templates = _load_what_requests_load_lazily(app)
    try:
        with app.app_context():
            seconds = warmup.warm(session=db.session)
    except Exception:  # a cold cache is slower, never fatal: the database may still be coming
        log.exception("warming the caches failed; they fill on the first requests")
        return
    # What the warm caches hold lives as long as the worker: a full garbage collection that
    # walks it all paused a request for 50-110 ms every few hundred requests. Frozen, those
    # objects are left out of every collection (measured: longest pause 12 ms).
    gc.collect()
    gc.freeze()
    log.info(
        "worker %s warmed its caches in %.2f s, compiled %d templates and froze %d objects",
        worker.pid,
        seconds,
        templates,
        gc.get_freeze_count(),
    )


def _load_what_requests_load_lazily(app: Any) -> int:
    """Import the task queue and compile every template now; returns how many templates.

    The first request in a worker paid for both: every request's teardown imports the task
    queue (huey and the Redis client, about 0.4 s) to hand over email, and Jinja compiles a
    template the first time it is rendered (143 templates take about 0.8 s in all).
    """
    import matchmaker.tasks  # noqa: F401

    compiled = 0
    for name in app.jinja_env.list_templates():
        try:
            app.jinja_env.get_template(name)
            compiled += 1
        except Exception:  # one broken template must not keep the worker from serving
            log.exception("template %s does not compile", name)
    return compiled
