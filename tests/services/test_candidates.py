"""Candidate profiles and duo invitations."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from matchmaker.domain.errors import DomainError, NotFound
from matchmaker.domain.roles import Role
from matchmaker.models import CandidateProfile
from matchmaker.services import candidates
from tests.factories import create_candidate, create_user, profile_input


def test_profile_derives_home_location_and_updates_in_place(session: Session) -> None:
    """Saving twice keeps one profile and re-derives the home."""
    user = create_user(session)
    first = candidates.save_profile(session=session, user=user, data=profile_input())
    assert (first.gemeentecode, first.province) == ("GM0344", "Utrecht")
    second = candidates.save_profile(
        session=session, user=user, data=profile_input(home_postcode="9711 AA")
    )
    assert second.id == first.id and second.gemeentecode == "GM0014"
    assert second.children_birth_years == [2021, 2024]


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"max_distance_km": None, "search_regions": []}, "no_area"),
        (
            {
                "earliest_start": profile_input().latest_start,
                "latest_start": profile_input().earliest_start,
            },
            "before_start",
        ),
    ],
)
def test_profile_checks(session: Session, overrides: dict[str, object], code: str) -> None:
    """A profile needs a search area and an ordered start window."""
    user = create_user(session)
    with pytest.raises(DomainError) as exc:
        candidates.save_profile(session=session, user=user, data=profile_input(**overrides))
    assert exc.value.issues[0].code == code
    assert candidates.get_profile(session=session, user=user) is None


def test_duo_invitation_accepted_links_both_profiles(session: Session) -> None:
    """Accepting makes each the other's duo partner; leaving unlinks both."""
    anna = create_candidate(session)
    bram_user = create_user(session, email="bram@example.org")
    bram = create_candidate(session, user=bram_user)
    invitation = candidates.invite_duo(session=session, profile=anna, email="Bram@Example.org")
    assert [name for _, name in candidates.invitations_for(session=session, user=bram_user)] == [
        anna.display_name
    ]
    candidates.respond_to_invitation(
        session=session, user=bram_user, invitation_id=invitation.id, accept=True
    )
    session.refresh(anna)
    session.refresh(bram)
    assert (anna.duo_partner_id, bram.duo_partner_id) == (bram.id, anna.id)
    candidates.leave_duo(session=session, profile=bram)
    session.refresh(anna)
    assert anna.duo_partner_id is None and bram.duo_partner_id is None


def test_invitations_cannot_be_answered_by_someone_else(session: Session) -> None:
    """Only the invitee may answer; anyone else gets NotFound."""
    anna = create_candidate(session)
    invitation = candidates.invite_duo(session=session, profile=anna, email="someone@example.org")
    intruder = create_user(session, Role.CANDIDATE)
    with pytest.raises(NotFound):
        candidates.respond_to_invitation(
            session=session, user=intruder, invitation_id=invitation.id, accept=True
        )


def test_cannot_invite_self_and_declining_changes_nothing(session: Session) -> None:
    """Self-invitations are refused; a declined invitation leaves both solo."""
    user = create_user(session, email="solo@example.org")
    anna = create_candidate(session, user=user)
    with pytest.raises(DomainError):
        candidates.invite_duo(session=session, profile=anna, email="SOLO@example.org")
    bob = create_user(session, email="bob@example.org")
    create_candidate(session, user=bob)
    inv = candidates.invite_duo(session=session, profile=anna, email="bob@example.org")
    candidates.respond_to_invitation(session=session, user=bob, invitation_id=inv.id, accept=False)
    assert inv.status == "declined"
    assert session.get(CandidateProfile, anna.id).duo_partner_id is None
