"""Imports never unmask or rewrite a holder's listing (issue 20, item 6).

On the old code an "update" import matched on name and postcode whoever owned the listing:
it changed a holder's contact email, turned an anonymous draft into a published listing by
name, and left no audit entry; an imported "published" row was public before the holder
had a say.
"""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from matchmaker.domain.errors import Code, NotFound
from matchmaker.models import AuditEvent, OutboxMessage, Practice
from matchmaker.services import accounts, imports, practices
from tests.factories import create_practice, create_recruiter

HEADER = ";".join(imports.PRACTICE_COLUMNS)


def _row(email: str, name: str, *, contact: str = "", anonymous: str = "nee") -> str:
    return (
        f"{email};Dr. Bakker;{name};{anonymous};8302;Kerkstraat 1;2.300;1,0;solo;nee;"
        f"rented;01-03-2027;2027-09-01;gradual;;;4;12;3;1;Fijne praktijk;{contact};;published"
    )


def _file(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows, ""]).encode()


def test_an_update_import_never_touches_a_holders_own_listing(session: Session) -> None:
    """Matching name and postcode of a holder's listing is refused, and nothing changes."""
    recruiter = create_recruiter(session)
    own = create_practice(
        session,
        name="Praktijk Bakker",
        anonymous=True,
        status="draft",
        contact_email="echt@praktijk.nl",
    )
    data = _file(_row("kaper@example.org", "Praktijk Bakker", contact="kaper@example.org"))
    with pytest.raises(imports.ImportFailed) as failed:
        imports.run_import(
            session=session,
            kind="practices",
            data=data,
            user=recruiter,
            on_existing=imports.OnExisting.UPDATE,
        )
    assert [e.code for e in failed.value.errors] == [Code.HOLDERS_LISTING]
    session.refresh(own)
    assert (own.contact_email, own.anonymous, own.status) == ("echt@praktijk.nl", True, "draft")


def test_imported_listings_stay_draft_and_anonymous_and_the_holder_is_told(
    session: Session,
) -> None:
    """A 'published', named row is stored as an anonymous draft; the import is audited and
    the holder gets a link to claim it."""
    recruiter = create_recruiter(session)
    report = imports.run_import(
        session=session,
        kind="practices",
        data=_file(_row("dokter@example.org", "Praktijk Bakker")),
        user=recruiter,
        secret="test-secret",
    )
    assert report.created == 1
    practice = session.exec(select(Practice)).one()
    assert (practice.status, practice.anonymous) == ("draft", True)
    with pytest.raises(NotFound):
        practices.get_public(session=session, practice_id=practice.id or 0)
    entry = session.exec(select(AuditEvent).where(AuditEvent.action == "import")).one()
    assert entry.actor_id == recruiter.id and "1 new" in entry.detail
    mail = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "listing_imported")).one()
    assert mail.to_email == "dokter@example.org" and "Praktijk Bakker" in mail.body_text
    link = re.search(r"http://localhost(/account/activate/\S+)", mail.body_text)
    assert link, "the email carries the link to claim the listing"


def test_only_the_importing_recruiters_unclaimed_listings_update(session: Session) -> None:
    """A recruiter updates listings of accounts they created and nobody claimed; not
    another recruiter's, and not once the holder has claimed the account."""
    first, second = create_recruiter(session), create_recruiter(session)
    data = _file(_row("dokter@example.org", "Praktijk Bakker"))
    imports.run_import(session=session, kind="practices", data=data, user=first)
    changed = _file(_row("dokter@example.org", "Praktijk Bakker", contact="balie@bakker.nl"))
    update = imports.OnExisting.UPDATE
    with pytest.raises(imports.ImportFailed):
        imports.run_import(
            session=session, kind="practices", data=changed, user=second, on_existing=update
        )
    report = imports.run_import(
        session=session, kind="practices", data=changed, user=first, on_existing=update
    )
    assert report.updated == 1
    practice = session.exec(select(Practice)).one()
    assert (practice.contact_email, practice.status, practice.anonymous) == (
        "balie@bakker.nl",
        "draft",
        True,
    )
    holder = accounts.find_user(session=session, email="dokter@example.org")
    assert holder is not None
    accounts.activate(session=session, user=holder, password="een heel lang wachtwoord 9")
    with pytest.raises(imports.ImportFailed):
        imports.run_import(
            session=session, kind="practices", data=changed, user=first, on_existing=update
        )
