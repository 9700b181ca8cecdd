"""Goodwill on a listing's page: the LHV position, both methods with the listing's figures."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session

from matchmaker.domain.errors import DomainError
from matchmaker.domain.roles import Role
from matchmaker.services.money import advisers
from tests.conftest import login
from tests.factories import create_candidate, create_practice, create_user


def test_listing_with_goodwill_explains_it(client: FlaskClient, session: Session) -> None:
    """€60,000 for 2,000 patients at 1 FTE: €30 per patient, the NZa reference, the advisers,
    and for a candidate with a €40,000 budget the gap."""
    practice = create_practice(
        session, postcode="3511", patients=2_000, fte=1.0, goodwill_min=60_000, goodwill_max=60_000
    )
    page = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert 'id="goodwill"' in page and "€\xa030 per patiënt" in page
    assert "€\xa0202.476" in page and "2007" in page and "2016" in page and "2006" in page
    assert (
        "lhv.nl/thema/praktijkzaken/goodwill" in page
        and 'rel="noopener noreferrer nofollow"' in page
    )
    assert "data-budget-gap" not in page  # a visitor has no budget
    user = create_user(session, Role.CANDIDATE)
    create_candidate(session, user=user, goodwill_budget=40_000)
    login(client, user.email)
    page = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert 'data-budget-gap="20000"' in page


def test_no_goodwill_no_section(client: FlaskClient, session: Session) -> None:
    """A listing that asks none says so and shows no calculation."""
    practice = create_practice(session, goodwill_min=None, goodwill_max=None)
    page = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert 'id="goodwill"' not in page and "<dd>geen</dd>" in page


ADVISER = (
    '{"advisers": [{"name": "X", "kind": "bank", "url": "https://bank.example",'
    ' "about": {"nl": "a", "en": "b"}}]}'
)


@pytest.mark.parametrize(
    "text",
    [
        ADVISER.replace("https://", "http://"),
        ADVISER.replace('"bank"', '"paid"'),
        "not json",
    ],
)
def test_a_bad_advisers_file_is_refused(text: str) -> None:
    """Plain http, an unknown kind, or no JSON: refused with the problem named."""
    assert advisers.parse(ADVISER)[0].url == "https://bank.example"
    with pytest.raises(DomainError):
        advisers.parse(text)
