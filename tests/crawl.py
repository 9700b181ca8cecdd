"""What the page crawls (phone layout, translations) follow and how they count pages."""

from __future__ import annotations

import re

# Links a crawl does not follow: downloads, machine endpoints, actions and other hosts' schemes.
SKIP = re.compile(
    r"(logout|/language|\.csv|\.ics|\.pdf|\.json|\.geojson|/export|/files/|/download|/static/"
    r"|/api/|/healthz|/metrics|/openapi|/docs|mailto:|tel:)"
)
START = ["/", "/practices", "/map", "/regions", "/methode", "/help", "/about"]


def kind_of(path: str) -> str:
    """Pages of one kind count once: /practices/12 and /practices/13 are both /practices/N."""
    return re.sub(r"\d+", "N", path.split("?")[0])
