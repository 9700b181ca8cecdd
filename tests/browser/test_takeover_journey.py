"""Two steps that need the other person, in Chromium: a duo invitation reaches the colleague by
email and bell; 'Gestart in de praktijk' counts for the campaign only once confirmed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask

from matchmaker.domain.roles import Role
from matchmaker.extensions import db
from matchmaker.models import Introduction
from matchmaker.services import campaign_dashboard, campaigns
from tests.browser.conftest import open_as, wait_for_mail
from tests.factories import (
    PASSWORD,
    create_campaign,
    create_candidate,
    create_practice,
    create_recruiter,
    create_user,
)

pytestmark = pytest.mark.browser


def _page(browser: Any, live_server: str, email: str) -> Any:
    return open_as(browser, live_server, email, PASSWORD)


def test_a_duo_invitation_reaches_the_colleague(
    browser: Any, live_server: str, live_app: Flask, mailbox: tuple[int, list[Any]]
) -> None:
    with live_app.app_context():
        anna = create_user(db.session, Role.CANDIDATE, email="anna.duo@journey.example")
        create_candidate(db.session, user=anna)
        joost = create_user(db.session, Role.CANDIDATE, email="joost.duo@journey.example")
        create_candidate(db.session, user=joost)
    inviter = _page(browser, live_server, "anna.duo@journey.example")
    inviter.goto("/profile")
    inviter.fill("input[name=email]", "joost.duo@journey.example")
    inviter.click("button:has-text('Uitnodiging versturen')")
    inviter.wait_for_load_state("networkidle")
    wait_for_mail(mailbox, "joost.duo@journey.example", "nodigt u uit om als duo")
    colleague = _page(browser, live_server, "joost.duo@journey.example")
    assert colleague.locator("a.bell").get_attribute("data-unread") == "1"
    colleague.click("a.bell")
    colleague.click(".notification.unread a")
    colleague.wait_for_load_state("networkidle")
    assert colleague.url.endswith("/profile")
    colleague.click("button:has-text('Accepteren')")
    colleague.wait_for_selector("text=U zoekt nu samen als duo.")
    inviter.context.close()
    colleague.context.close()


def test_a_start_in_the_practice_counts_once_the_other_side_confirms(
    browser: Any, live_server: str, live_app: Flask
) -> None:
    with live_app.app_context():
        session = db.session
        recruiter = create_recruiter(session)
        campaign = create_campaign(
            session, recruiter, name="Start telt", ends_on=date.today() + timedelta(days=90)
        )
        holder = create_user(session, Role.HOLDER, email="holder.start@journey.example")
        practice = create_practice(session, owner=holder, name="Praktijk De Start")
        campaigns.set_practices(
            session=session, campaign=campaign, practice_ids=[practice.id], secret="s"
        )
        cand = create_user(session, Role.CANDIDATE, email="cand.start@journey.example")
        profile = create_candidate(session, user=cand)
        campaigns.invite(session=session, campaign=campaign, emails=[cand.email])
        campaigns.link_new_profile(session=session, user=cand, profile=profile)
        intro = Introduction(
            practice_id=practice.id,
            candidate_id=profile.id,
            initiated_by="candidate",
            status="agreement",
        )
        session.add(intro)
        session.commit()
        intro_id, campaign_id = intro.id, campaign.id

    def settled() -> int:
        with live_app.app_context():
            board = campaign_dashboard.dashboard(
                session=db.session, campaign=db.session.get(type(campaign), campaign_id)
            )
            return board.report.settled

    holder_page = _page(browser, live_server, "holder.start@journey.example")
    holder_page.goto("/introductions")
    card = holder_page.locator(f"[data-intro='{intro_id}']")
    card.locator("select[name=status]").select_option("settled")
    card.locator("button:has-text('Opslaan')").click()
    holder_page.wait_for_load_state("networkidle")
    assert holder_page.locator(f"[data-intro='{intro_id}'] [data-waiting-settled]").count() == 1
    assert settled() == 0
    candidate_page = _page(browser, live_server, "cand.start@journey.example")
    assert candidate_page.locator("a.bell").get_attribute("data-unread") == "1"
    candidate_page.goto("/introductions")
    candidate_page.locator(
        f"[data-intro='{intro_id}'] button:has-text('Ja, bevestig de start')"
    ).click()
    candidate_page.wait_for_load_state("networkidle")
    assert settled() == 1
    holder_page.context.close()
    candidate_page.context.close()
