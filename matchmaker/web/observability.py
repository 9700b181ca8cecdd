"""Request ids, one JSON log line per request, Prometheus metrics and the /metrics endpoint."""

from __future__ import annotations

import hmac
import logging
import re
import time
import uuid
from collections.abc import Iterator

from flask import Blueprint, Flask, abort, current_app, g, request
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func
from sqlmodel import select
from werkzeug.wrappers import Response

from matchmaker import metrics
from matchmaker.extensions import db
from matchmaker.models import OutboxMessage

bp = Blueprint("observability", __name__)
log = logging.getLogger("matchmaker.requests")
# An id a proxy or client sent is kept when it looks like one; anything else is replaced.
_GOOD_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def _start() -> None:
    g.request_started = time.perf_counter()
    sent = request.headers.get("X-Request-ID", "")
    g.request_id = sent if _GOOD_ID.fullmatch(sent) else uuid.uuid4().hex


def _finish(response: Response) -> Response:
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers["X-Request-ID"] = request_id
    started = g.get("request_started")
    seconds = time.perf_counter() - started if started is not None else 0.0
    # The route's pattern, never the path: paths carry ids and tokens (feeds, unsubscribe).
    route = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
    if route != "/metrics":
        metrics.REQUEST_SECONDS.labels(route, request.method).observe(seconds)
        metrics.RESPONSES.labels(str(response.status_code)).inc()
    log.info(
        "request",
        extra={
            "event": "request",
            "request_id": request_id,
            "method": request.method,
            "route": route,
            "status": response.status_code,
            "ms": round(seconds * 1000, 1),
        },
    )
    return response


def register(app: Flask) -> None:
    """Every request gets an id (answered in ``X-Request-ID``, shown on error pages), a log
    line and its metrics; /metrics is served to a scraper with the token."""
    app.before_request(_start)
    app.after_request(_finish)
    app.register_blueprint(bp)


class _Backlog:
    """What waits: email in the outbox by status, and tasks in the queue (read at scrape)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        outbox = GaugeMetricFamily(
            "matchmaker_outbox_messages", "Emails in the outbox by status", labels=["status"]
        )
        rows = db.session.exec(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        ).all()
        counts = {status: n for status, n in rows}
        for status in ("pending", "sending", "failed"):
            outbox.add_metric([status], counts.get(status, 0))
        yield outbox
        queue = GaugeMetricFamily("matchmaker_task_queue_depth", "Tasks waiting in the queue")
        try:
            from matchmaker.tasks import huey

            queue.add_metric([], huey.pending_count())
        except Exception:  # a queue that cannot be read is reported as absent, not zero
            return
        yield queue


@bp.get("/metrics")
def scrape() -> Response:
    """Prometheus text format, for whoever has ``MATCHMAKER_METRICS_TOKEN`` (404 without one
    configured: the endpoint does not exist on a site that has not chosen to expose it)."""
    token = current_app.config.get("METRICS_TOKEN") or ""
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(sent.encode(), token.encode()):
        abort(404)
    try:
        engine = db.engine
        metrics.DB_POOL_CHECKED_OUT.set(engine.pool.checkedout())  # type: ignore[attr-defined]
    except Exception:  # a pool without the count (SQLite's static pool in tests)
        pass
    backlog = CollectorRegistry()
    backlog.register(_Backlog())
    body = generate_latest(metrics.registry() or REGISTRY) + generate_latest(backlog)
    response = Response(body, mimetype="text/plain; version=0.0.4")
    response.headers["Cache-Control"] = "no-store"
    return response
