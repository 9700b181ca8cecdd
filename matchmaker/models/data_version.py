"""A change stamp per kind of data: one row per topic, given a fresh token on every write.

Caches of derived data (match features, the shortage index, offer counts) compare one cheap
read of this table with the stamp they were built at, instead of scanning whole tables per
request. The token is random, not a counter, so a rolled-back write can never make an old
stamp come back and match a cache built from the rolled-back data.

Writes are seen by SQLAlchemy session events: objects flushed through the ORM, and ORM-enabled
bulk statements (``session.execute(insert(Practice), rows)``).
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import BigInteger, Connection, event, insert, inspect, select, update
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlmodel import Field, SQLModel, col

from matchmaker.models.candidate import CandidateProfile
from matchmaker.models.introduction import Introduction
from matchmaker.models.offer import Offer
from matchmaker.models.practice import Practice
from matchmaker.models.succession import StopPlan

TOPICS: dict[type[Any], str] = {
    Practice: "practices",
    StopPlan: "practices",  # stop plans move the shortage index as listings do
    CandidateProfile: "candidates",
    Offer: "offers",
    Introduction: "introductions",
}
# "succession": what the shortage index reads of listings, stop plans and introductions. It
# moves only when one of these columns changes (None: any change), so that saving a listing's
# description does not recompute the index in every worker.
SUCCESSION = "succession"
SUCCESSION_COLUMNS: dict[type[Any], frozenset[str] | None] = {
    Practice: frozenset(
        {"is_demo", "status", "owner_id", "handover_from", "gemeentecode", "patients"}
        | {"patient_stop"}
    ),
    StopPlan: None,
    Introduction: frozenset({"status", "practice_id"}),
}


class DataVersion(SQLModel, table=True):
    """The current change token of one topic."""

    __tablename__ = "data_versions"

    topic: str = Field(primary_key=True, max_length=40)
    token: int = Field(default=0, sa_type=BigInteger)


def new_token() -> int:
    """A random token that fits a signed 64-bit column."""
    return secrets.randbits(62)


def _bump(connection: Connection, topics: set[str]) -> None:
    for topic in sorted(topics):  # a fixed order: concurrent writers lock rows alike
        connection.execute(
            update(DataVersion).where(col(DataVersion.topic) == topic).values(token=new_token())
        )


def _moves_succession(obj: Any, dirty: bool) -> bool:
    if type(obj) not in SUCCESSION_COLUMNS:
        return False
    attrs = inspect(obj).attrs
    if isinstance(obj, Practice) and obj.is_demo and not attrs["is_demo"].history.has_changes():
        return False  # the index never reads demo listings (services/shortage.py)
    columns = SUCCESSION_COLUMNS[type(obj)]
    if not dirty or columns is None:
        return True
    return any(attrs[name].history.has_changes() for name in columns)


@event.listens_for(Session, "before_flush")
def _on_flush(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    touched: set[str] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        dirty = obj in session.dirty
        if type(obj) not in TOPICS or (dirty and not session.is_modified(obj)):
            continue
        touched.add(TOPICS[type(obj)])
        if _moves_succession(obj, dirty and obj not in session.deleted):
            touched.add(SUCCESSION)
    if touched:
        _bump(session.connection(), touched)


@event.listens_for(Session, "do_orm_execute")
def _on_bulk(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    topic = TOPICS.get(mapper.class_) if mapper is not None else None
    if topic is not None:
        extra = (
            {SUCCESSION} if mapper is not None and mapper.class_ in SUCCESSION_COLUMNS else set()
        )
        _bump(state.session.connection(), {topic, *extra})


@event.listens_for(DataVersion.__table__, "after_create")  # type: ignore[attr-defined]
def _first_rows(target: Any, connection: Connection, **_kw: Any) -> None:
    topics = dict.fromkeys([*TOPICS.values(), SUCCESSION])  # one row per topic
    connection.execute(insert(target), [{"topic": t, "token": 0} for t in topics])


_TOKENS = select(col(DataVersion.topic), col(DataVersion.token))  # read by every request


def read(session: Session) -> dict[str, int]:
    """Every topic's current token (one small primary-key read)."""
    return {topic: token for topic, token in session.connection().execute(_TOKENS)}
