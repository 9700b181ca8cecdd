"""Introductions between a candidate and a practice: the steps and who may take them."""

from __future__ import annotations

from enum import StrEnum

from matchmaker.domain.errors import Code, Issue


class IntroStatus(StrEnum):
    """Where an introduction stands; the funnel follows this order."""

    REQUESTED = "requested"  # one side expressed interest
    INTRODUCED = "introduced"  # the other side accepted: names and contact are shared
    MEETING = "meeting"  # a meeting is planned
    TRIAL_DAY = "trial_day"  # a trial locum day (meeloopdag)
    NEGOTIATION = "negotiation"
    AGREEMENT = "agreement"  # both sides agreed on the takeover or the job
    SETTLED = "settled"  # the new GP has started in the practice
    DECLINED = "declined"  # the other side said no to the request
    WITHDRAWN = "withdrawn"  # either side stopped after the introduction


PROGRESS = (
    IntroStatus.REQUESTED,
    IntroStatus.INTRODUCED,
    IntroStatus.MEETING,
    IntroStatus.TRIAL_DAY,
    IntroStatus.NEGOTIATION,
    IntroStatus.AGREEMENT,
    IntroStatus.SETTLED,
)
CLOSED = (IntroStatus.SETTLED, IntroStatus.DECLINED, IntroStatus.WITHDRAWN)
REVEALED = PROGRESS[1:]  # contact details are visible from 'introduced' on


def contact_shared(status: str) -> bool:
    """Whether both sides may see names and contact details."""
    return status in REVEALED


def check_move(current: str, target: str, *, by_receiver: bool, reason: str = "") -> list[Issue]:
    """Problems with moving an introduction from ``current`` to ``target``.

    The receiving side alone accepts or declines a request, and the requesting side alone
    may withdraw it while it waits; afterwards steps go in order (skipping one needs a
    ``reason``) and either side may move
    forward (skipping steps is allowed) or withdraw, until the introduction is closed.
    """
    if current in CLOSED:
        return [Issue("status", Code.CLOSED, "this introduction is closed")]
    if current == IntroStatus.REQUESTED:
        if target == IntroStatus.WITHDRAWN:  # the requester takes a pending request back
            if by_receiver:
                return [Issue("status", Code.NOT_RECEIVER, "only the requester can withdraw")]
            return []
        if target not in (IntroStatus.INTRODUCED, IntroStatus.DECLINED):
            return [Issue("status", Code.AWAIT_ANSWER, "the request awaits an answer")]
        if not by_receiver:
            return [Issue("status", Code.NOT_RECEIVER, "only the other side can answer")]
        return []
    if target == IntroStatus.WITHDRAWN:
        return []
    if target not in PROGRESS or PROGRESS.index(IntroStatus(target)) <= PROGRESS.index(
        IntroStatus(current)
    ):
        return [Issue("status", Code.BACKWARDS, "an introduction only moves forward")]
    if skipped(current, target) and not reason.strip():
        return [Issue("reason", Code.SKIP_REASON, "a skipped step needs a reason")]
    return []


def skipped(current: str, target: str) -> tuple[IntroStatus, ...]:
    """The steps between ``current`` and ``target`` that a move leaves out."""
    if current not in PROGRESS or target not in PROGRESS:
        return ()
    return PROGRESS[PROGRESS.index(IntroStatus(current)) + 1 : PROGRESS.index(IntroStatus(target))]


def next_steps(current: str) -> tuple[IntroStatus, ...]:
    """The forward steps either side may record after the introduction, in order."""
    if current in CLOSED or current == IntroStatus.REQUESTED or current not in PROGRESS:
        return ()
    return PROGRESS[PROGRESS.index(IntroStatus(current)) + 1 :]
