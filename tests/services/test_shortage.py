"""The index over all municipalities, and what counts as a succession gap."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.models import Introduction
from matchmaker.services import shortage
from tests.factories import create_candidate, create_practice, create_user


def test_every_municipality_scored_and_many_distinct(session: Session) -> None:
    """All 342 municipalities get a score; it is a real index, not a few buckets."""
    snap = shortage.current(session)
    scores = [r.score for r in snap.by_code.values()]
    assert len(scores) == 342 and all(s is not None and 0 <= s <= 100 for s in scores)
    assert len(set(scores)) > 150
    assert snap.by_code["GM0171"].score > snap.by_code["GM0363"].score


def test_succession_counts_unintroduced_handovers_within_five_years(session: Session) -> None:
    """Soon-to-stop listings count (drafts too); handed over, far-off or introduced ones do not."""
    soon = date.today() + timedelta(days=400)
    far = date.today() + timedelta(days=6 * 365)
    create_practice(
        session, patients=1000, handover_from=soon, handover_until=soon + timedelta(days=30)
    )
    create_practice(
        session,
        patients=500,
        status="draft",
        handover_from=soon,
        handover_until=soon + timedelta(days=30),
    )
    create_practice(session, patients=700, status="handed_over")
    create_practice(
        session, patients=900, handover_from=far, handover_until=far + timedelta(days=30)
    )
    introduced = create_practice(session, patients=800)
    profile = create_candidate(session)
    session.add(
        Introduction(
            practice_id=introduced.id,
            candidate_id=profile.id,
            initiated_by="candidate",
            status="introduced",
        )
    )
    session.commit()
    assert shortage.succession_patients(session) == {"GM0171": 1500.0}


def test_index_follows_new_listings(session: Session) -> None:
    """A new listing raises its municipality's succession component at once."""
    before = shortage.current(session).by_code["GM0171"]
    create_practice(session, owner=create_user(session, Role.HOLDER), patients=3000)
    after = shortage.current(session).by_code["GM0171"]
    succession = {p.name: p for p in after.components}["succession"]
    assert succession.raw and succession.raw > 0
    assert after.score > before.score
