"""Match rounds in a campaign: rankings, the round, answers feeding the funnel."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from sqlmodel import Session, select

from matchmaker.domain.errors import DomainError, NotFound
from matchmaker.domain.roles import Role
from matchmaker.models import CampaignMember, Introduction, Notification, OutboxMessage
from matchmaker.services import campaign_dashboard, campaigns, match_rounds
from tests.factories import (
    create_campaign,
    create_candidate,
    create_practice,
    create_recruiter,
    create_user,
)


@pytest.fixture
def setup(app: Flask, session: Session):
    """A campaign with two solo practices and two candidates who opened their invitation."""
    recruiter = create_recruiter(session)
    campaign = create_campaign(
        session, recruiter, name="Ronde", ends_on=date.today() + timedelta(days=90), goal=2
    )
    h1, h2 = create_user(session, Role.HOLDER), create_user(session, Role.HOLDER)
    p1, p2 = create_practice(session, owner=h1), create_practice(session, owner=h2)
    with app.test_request_context(base_url="http://localhost"):
        campaigns.set_practices(
            session=session, campaign=campaign, practice_ids=[p1.id, p2.id], secret="test-secret"
        )
    anna, bram = (
        create_user(session, Role.CANDIDATE, email="anna@x.nl"),
        create_user(session, Role.CANDIDATE, email="bram@x.nl"),
    )
    pa, pb = create_candidate(session, user=anna), create_candidate(session, user=bram)
    with app.test_request_context(base_url="http://localhost"):
        campaigns.invite(session=session, campaign=campaign, emails=["anna@x.nl", "bram@x.nl"])
    return campaign, (h1, p1), (h2, p2), (anna, pa), (bram, pb)


def test_round_proposes_stable_pairs_and_acceptance_introduces(session: Session, setup) -> None:
    """Both want p1; p1 prefers Bram; Anna gets p2. Two yeses make an introduction."""
    campaign, (h1, p1), (h2, p2), (anna, pa), (bram, pb) = setup
    match_rounds.rank_practices(
        session=session, user=anna, campaign_id=campaign.id, positions={p1.id: 1, p2.id: 2}
    )
    match_rounds.rank_practices(
        session=session, user=bram, campaign_id=campaign.id, positions={p1.id: 1, p2.id: None}
    )
    match_rounds.rank_candidates(
        session=session,
        user=h1,
        campaign_id=campaign.id,
        practice_id=p1.id,
        positions={pb.id: 1, pa.id: 2},
    )
    match_rounds.rank_candidates(
        session=session, user=h2, campaign_id=campaign.id, practice_id=p2.id, positions={pa.id: 1}
    )
    round_ = match_rounds.run(session=session, campaign=campaign)
    view = match_rounds.latest(session=session, campaign=campaign)
    assert {(p.candidate_id, p.practice_id) for p in view.proposals} == {
        (pb.id, p1.id),
        (pa.id, p2.id),
    }
    assert round_.unplaced == 0 and round_.blocking == []
    # Everyone in a proposed pair hears it in the app and by email: it needs their answer.
    told = session.exec(select(Notification).where(Notification.kind == "round_proposal")).all()
    assert {n.user_id for n in told} == {anna.id, bram.id, h1.id, h2.id}
    assert {n.link for n in told} == {f"/campaigns/{campaign.id}/rank"}
    mailed = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "round_proposal"))
    assert {m.to_email for m in mailed} == {anna.email, bram.email, h1.email, h2.email}
    proposal = next(p for p in view.proposals if p.candidate_id == pa.id)
    match_rounds.answer(session=session, user=anna, proposal_id=proposal.id, accept=True)
    assert session.exec(select(Introduction)).all() == []
    match_rounds.answer(session=session, user=h2, proposal_id=proposal.id, accept=True)
    intro = session.exec(select(Introduction)).one()
    assert (intro.candidate_id, intro.practice_id, intro.status) == (pa.id, p2.id, "introduced")
    counts = {
        s.stage: s.count
        for s in campaign_dashboard.dashboard(session=session, campaign=campaign).report.stages
    }
    assert counts["introduced"] == 1


def test_only_participants_rank_and_answer(session: Session, setup) -> None:
    """Outsiders, foreign practices and strangers' proposals are NotFound."""
    campaign, (h1, p1), _, (anna, pa), _ = setup
    with pytest.raises(NotFound):
        match_rounds.rank_practices(
            session=session,
            user=create_user(session, Role.CANDIDATE),
            campaign_id=campaign.id,
            positions={},
        )
    other = create_practice(session)
    with pytest.raises(NotFound):
        match_rounds.rank_practices(
            session=session, user=anna, campaign_id=campaign.id, positions={other.id: 1}
        )
    with pytest.raises(NotFound):
        match_rounds.rank_candidates(
            session=session,
            user=create_user(session, Role.HOLDER),
            campaign_id=campaign.id,
            practice_id=p1.id,
            positions={},
        )
    match_rounds.rank_practices(
        session=session, user=anna, campaign_id=campaign.id, positions={p1.id: 1}
    )
    match_rounds.rank_candidates(
        session=session, user=h1, campaign_id=campaign.id, practice_id=p1.id, positions={pa.id: 1}
    )
    match_rounds.run(session=session, campaign=campaign)
    (proposal,) = match_rounds.latest(session=session, campaign=campaign).proposals
    with pytest.raises(NotFound):
        match_rounds.answer(
            session=session,
            user=create_user(session, Role.CANDIDATE),
            proposal_id=proposal.id,
            accept=True,
        )


def test_duo_in_the_campaign_applies_together(session: Session, setup) -> None:
    """Two duo partners take the two places of a group practice together."""
    campaign, (h1, p1), (h2, p2), (anna, pa), (bram, pb) = setup
    pa.duo_partner_id, pb.duo_partner_id = pb.id, pa.id
    p2.form = "group"
    session.add_all([pa, pb, p2])
    session.commit()
    lead = min(pa.id, pb.id)
    lead_user = anna if pa.id == lead else bram
    match_rounds.rank_practices(
        session=session, user=lead_user, campaign_id=campaign.id, positions={p1.id: 1, p2.id: 2}
    )
    match_rounds.rank_candidates(
        session=session, user=h1, campaign_id=campaign.id, practice_id=p1.id, positions={pa.id: 1}
    )
    match_rounds.rank_candidates(
        session=session, user=h2, campaign_id=campaign.id, practice_id=p2.id, positions={pb.id: 1}
    )
    match_rounds.run(session=session, campaign=campaign)
    proposals = match_rounds.latest(session=session, campaign=campaign).proposals
    assert {(p.candidate_id, p.practice_id) for p in proposals} == {(pa.id, p2.id), (pb.id, p2.id)}
    assert session.exec(select(CampaignMember)).all()


def test_recruiter_sets_places_and_the_round_honours_them(
    app: Flask, session: Session, setup
) -> None:
    """With two places p1 takes both Anna and Bram; places survive a new practice choice."""
    campaign, (h1, p1), (h2, p2), (anna, pa), (bram, pb) = setup
    assert match_rounds.places(session=session, campaign=campaign) == {p1.id: 1, p2.id: 1}
    for user in (anna, bram):
        match_rounds.rank_practices(
            session=session, user=user, campaign_id=campaign.id, positions={p1.id: 1}
        )
    match_rounds.rank_candidates(
        session=session,
        user=h1,
        campaign_id=campaign.id,
        practice_id=p1.id,
        positions={pa.id: 1, pb.id: 2},
    )
    match_rounds.set_places(session=session, campaign=campaign, wanted={p1.id: 2})
    with app.test_request_context(base_url="http://localhost"):
        campaigns.set_practices(
            session=session, campaign=campaign, practice_ids=[p1.id, p2.id], secret="s"
        )
    assert match_rounds.places(session=session, campaign=campaign) == {p1.id: 2, p2.id: 1}
    round_ = match_rounds.run(session=session, campaign=campaign)
    view = match_rounds.latest(session=session, campaign=campaign)
    assert round_.unplaced == 0
    assert {(p.candidate_id, p.practice_id) for p in view.proposals} == {
        (pa.id, p1.id),
        (pb.id, p1.id),
    }


def test_places_are_bounded_and_only_for_participating_practices(session: Session, setup) -> None:
    """Zero, too many, or a practice outside the campaign: nothing is saved."""
    campaign, (h1, p1), (h2, p2), _, _ = setup
    outside = create_practice(session, owner=create_user(session, Role.HOLDER))
    for wanted, code in (
        ({p1.id: 3, p2.id: 0}, "out_of_range"),
        ({p1.id: 3, p2.id: match_rounds.MAX_PLACES + 1}, "out_of_range"),
        ({p1.id: 3, outside.id: 1}, "not_in_campaign"),
    ):
        with pytest.raises(DomainError) as err:
            match_rounds.set_places(session=session, campaign=campaign, wanted=wanted)
        assert [i.code for i in err.value.issues] == [code]
    session.expire_all()
    assert match_rounds.places(session=session, campaign=campaign) == {p1.id: 1, p2.id: 1}
