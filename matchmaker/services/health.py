"""Health checks."""

from __future__ import annotations

from sqlalchemy import literal, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session


def database_ok(*, session: Session) -> bool:
    """Whether the database answers a trivial query."""
    try:
        return bool(session.execute(select(literal(1))).scalar_one() == 1)
    except SQLAlchemyError:
        session.rollback()
        return False
