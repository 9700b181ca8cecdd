"""gunicorn settings for `make serve` and the benchmarks: warm workers.

Each worker builds its caches (match features of every listing and candidate, the shortage
index, the map) before it accepts its first request, so the first visitor after a (re)start
waits no longer than any other. Workers keep their own copies: building takes about a
quarter of a second at 10,000 listings, less than sharing memory between processes would
save in complexity (docs/architecture.md, "Caches").
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("gunicorn.error")


def post_worker_init(worker: Any) -> None:
    """Warm the worker's caches before it serves."""
    from matchmaker.extensions import db
    from matchmaker.services import warmup

    app = worker.wsgi
    try:
        with app.app_context():
            seconds = warmup.warm(session=db.session)
    except Exception:  # a cold cache is slower, never fatal: the database may still be coming
        log.exception("warming the caches failed; they fill on the first requests")
        return
    log.info("worker %s warmed its caches in %.2f s", worker.pid, seconds)
