"""Consent before contact: no path reaches a candidate who has not consented."""

from __future__ import annotations

from flask import Flask
from sqlmodel import Session, select

from matchmaker.domain.errors import DomainError, NotFound
from matchmaker.domain.roles import Role
from matchmaker.models import CandidateProfile, Introduction, OutboxMessage
from matchmaker.services import campaigns, digest, introductions, match_rounds
from tests.factories import (
    create_campaign,
    create_imported_candidate,
    create_practice,
    create_recruiter,
    create_user,
)


def _unconsented(session: Session) -> CandidateProfile:
    user = create_imported_candidate(session, "sanne@example.org", consent=False)
    profile = session.exec(
        select(CandidateProfile).where(CandidateProfile.user_id == user.id)
    ).one()
    return profile


def test_holder_cannot_request_an_introduction_with_an_unconsented_candidate(
    app: Flask, session: Session
) -> None:
    """The candidate id is as good as unknown: 404, no email, nothing stored."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder)
    profile = _unconsented(session)
    with app.test_request_context(base_url="http://localhost"):
        try:
            introductions.express_interest(
                session=session,
                user=holder,
                practice_id=practice.id or 0,
                candidate_id=profile.id,
                message="Hallo",
            )
        except (NotFound, DomainError):
            pass
        else:
            raise AssertionError("an unconsented candidate was reachable")
    assert session.exec(select(Introduction)).all() == []
    assert session.exec(select(OutboxMessage)).all() == []


def test_unconsented_invitees_are_not_in_a_round(app: Flask, session: Session) -> None:
    """Rounds only rank and propose to candidates who consented."""
    recruiter = create_recruiter(session)
    campaign = create_campaign(session, recruiter)
    _unconsented(session)
    with app.test_request_context(base_url="http://localhost"):
        campaigns.invite(session=session, campaign=campaign, emails=["sanne@example.org"])
    assert match_rounds.members(session=session, campaign=campaign) == []


def test_unconsented_candidates_get_no_digest(app: Flask, session: Session) -> None:
    """Even opted in (say, by an import), no digest goes to someone who has not consented."""
    profile = _unconsented(session)
    profile.digest_opt_in = True
    session.add(profile)
    session.commit()
    create_practice(session, postcode="3511", goodwill_min=None, goodwill_max=None)
    with app.test_request_context(base_url="http://localhost"):
        assert digest.send_weekly(session=session, min_score=0.0) == 0
    assert session.exec(select(OutboxMessage).where(OutboxMessage.kind == "digest")).all() == []
