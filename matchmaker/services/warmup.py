"""Build what the first requests of a new worker would otherwise wait for."""

from __future__ import annotations

import time

from sqlmodel import Session

from matchmaker.services import matching, practices, region_info


def warm(*, session: Session) -> float:
    """Fill the per-process caches (match features, the index, the map); returns seconds.

    gunicorn runs this in each worker before it accepts a request (``gunicorn.conf.py``),
    so that no visitor waits for a worker's first build.
    """
    started = time.perf_counter()
    matching.public_practices(session)
    matching.candidate_pool(session)
    matching.holder_pool(session)
    region_info.all_regions(session=session)
    practices.public_points(session=session)
    session.rollback()  # end the read transaction: the worker starts clean
    return time.perf_counter() - started
