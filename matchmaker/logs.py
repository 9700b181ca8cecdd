"""One JSON line per log record (the standard library's logging, no extra dependency).

Requests and tasks log what an operator needs - route, status, duration, request id - and
never a name, an email address, a token in a URL or anything a person typed: the request
line names the route's pattern (``/calendar/<token>.ics``), not the path that was asked.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import UTC, datetime
from typing import Any

# Attributes every LogRecord has; anything else given in ``extra=`` becomes a JSON field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, logger, message and the extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        data.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)


def configure(level: str | None = None) -> None:
    """JSON lines on stderr for the app's loggers (``MATCHMAKER_LOG_FORMAT=text`` keeps the
    plain format for a developer's terminal)."""
    if os.environ.get("MATCHMAKER_LOG_FORMAT", "json") == "text":
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JSONFormatter())
    root = logging.getLogger("matchmaker")
    root.handlers[:] = [handler]
    root.setLevel(level or os.environ.get("MATCHMAKER_LOG_LEVEL", "INFO"))
    root.propagate = False


# What of a request a Sentry event keeps: the method and harmless headers; the URL becomes the
# route's pattern (``/calendar/<token>.ics``: a path can hold a reset, calendar or unsubscribe
# token), and nothing else - body, cookies, query string, environment - is sent.
_KEPT_HEADERS = ("user-agent", "x-request-id", "accept")


def _route(event: dict[str, Any]) -> str | None:
    """The route pattern the Flask integration names the transaction by (``url`` style)."""
    name = event.get("transaction")
    return name if isinstance(name, str) and name.startswith("/") else None


def scrub_event(event: dict[str, Any], _hint: Any = None) -> dict[str, Any]:
    """A Sentry event without personal data: no user but an id, the request as method, route
    pattern and harmless headers, exceptions by type and place only (their messages can quote
    what a person typed), no ``extra``, log arguments, local variables or breadcrumbs."""
    user = event.get("user") or {}
    event["user"] = {"id": user["id"]} if "id" in user else {}
    old = event.get("request") or {}
    req: dict[str, Any] = {}
    if "method" in old:
        req["method"] = old["method"]
    if (route := _route(event)) is not None:
        req["url"] = route
    headers = {k: v for k, v in (old.get("headers") or {}).items() if k.lower() in _KEPT_HEADERS}
    if headers:
        req["headers"] = headers
    event.pop("request", None)
    if req:
        event["request"] = req
    for exc in (event.get("exception") or {}).get("values", []):
        exc.pop("value", None)
        for frame in (exc.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    entry = event.get("logentry") or {}
    if entry:  # the message's pattern stays, what was put into it goes
        event["logentry"] = {"message": entry.get("message", "")}
    event.pop("message", None)
    for key in ("extra", "breadcrumbs"):
        event.pop(key, None)
    contexts = event.get("contexts") or {}
    event["contexts"] = {k: v for k, v in contexts.items() if k in ("trace", "runtime", "os")}
    return event


def init_sentry(dsn: str | None, *, environment: str = "") -> bool:
    """Report errors to Sentry when a DSN is set; nothing personal leaves (``scrub_event``)."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.flask import FlaskIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        send_default_pii=False,
        include_local_variables=False,
        max_breadcrumbs=0,
        before_send=scrub_event,  # type: ignore[arg-type]
        integrations=[FlaskIntegration(transaction_style="url")],  # route patterns
    )
    return True
