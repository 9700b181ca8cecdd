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


# Keys whose values are personal in a Sentry event: they are dropped, not sent.
_PERSONAL = {"email", "display_name", "name", "password", "cookies", "data", "query_string"}


def scrub_event(event: dict[str, Any], _hint: Any = None) -> dict[str, Any]:
    """A Sentry event without personal data: no user but an id, no request body, cookies,
    query string or headers beyond the harmless ones, no local variables."""
    user = event.get("user") or {}
    event["user"] = {"id": user["id"]} if "id" in user else {}
    req = event.get("request") or {}
    for key in list(req):
        if key in _PERSONAL or key == "env":
            req.pop(key)
    headers = req.get("headers") or {}
    req["headers"] = {
        k: v for k, v in headers.items() if k.lower() in ("user-agent", "x-request-id", "accept")
    }
    if req:
        event["request"] = req
    for exc in (event.get("exception") or {}).get("values", []):
        for frame in (exc.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    event.pop("breadcrumbs", None)
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
        integrations=[FlaskIntegration()],
    )
    return True
