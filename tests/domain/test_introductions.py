"""Who may move an introduction where."""

from __future__ import annotations

import pytest

from matchmaker.domain.introductions import check_move, contact_shared, next_steps


def test_a_skipped_step_with_a_reason_is_fine() -> None:
    assert check_move("introduced", "negotiation", by_receiver=True, reason="kennen elkaar") == []
    assert check_move("introduced", "negotiation", by_receiver=True, reason="   ") != []


@pytest.mark.parametrize(
    ("current", "target", "by_receiver", "code"),
    [
        ("requested", "introduced", True, None),
        ("requested", "declined", True, None),
        ("requested", "introduced", False, "not_receiver"),
        ("requested", "meeting", True, "await_answer"),
        ("requested", "withdrawn", False, None),  # the requester takes it back
        ("requested", "withdrawn", True, "not_receiver"),  # the receiver declines instead
        ("introduced", "meeting", False, None),
        ("introduced", "negotiation", True, "skip_reason"),  # skipping a step needs a reason
        ("introduced", "meeting", True, None),  # the next step needs none
        ("meeting", "introduced", True, "backwards"),
        ("negotiation", "withdrawn", False, None),
        ("agreement", "settled", False, None),  # the new GP started
        ("agreement", "withdrawn", True, None),  # an agreement can still fall through
        ("settled", "withdrawn", True, "closed"),
        ("declined", "introduced", True, "closed"),
        ("introduced", "bogus", True, "backwards"),
    ],
)
def test_moves(current: str, target: str, by_receiver: bool, code: str | None) -> None:
    """The receiver answers a request; afterwards both move forward or withdraw."""
    issues = check_move(current, target, by_receiver=by_receiver)
    assert [i.code for i in issues] == ([code] if code else [])


def test_contact_only_after_acceptance() -> None:
    """Names and contact are shared from 'introduced' on, never for requests or refusals."""
    assert not contact_shared("requested") and not contact_shared("declined")
    assert not contact_shared("withdrawn")
    assert contact_shared("introduced") and contact_shared("agreement")


def test_next_steps_only_move_forward() -> None:
    """The step menu offers only later steps; requests and closed introductions offer none."""
    assert next_steps("introduced")[0] == "meeting"
    assert next_steps("negotiation") == ("agreement", "settled")
    assert next_steps("agreement") == ("settled",)
    assert next_steps("requested") == next_steps("settled") == next_steps("withdrawn") == ()
