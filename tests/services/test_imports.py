"""CSV imports: all rows or none, row-numbered errors, Excel variants, exports."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, func, select

from matchmaker.domain.errors import Code
from matchmaker.domain.roles import Role
from matchmaker.models import CandidateProfile, Offer, Practice, User
from matchmaker.services import accounts, imports, matching
from tests.factories import create_practice, create_recruiter, create_user

PRACTICE_HEADER = ";".join(imports.PRACTICE_COLUMNS)
PRACTICE_ROW = (
    "dokter@example.org;Dr. Bakker;Praktijk Bakker;nee;8302;Kerkstraat 1;2.300;1,0;solo;nee;"
    "rented;01-03-2027;2027-09-01;gradual;;;4;12;3;1;Fijne praktijk;;;published"
)
HOUSING = (
    "gemeentecode,title,description,postcode,available_from,contact,link,tenure,price,bedrooms\n"
    "GM0171,Gezinswoning,,8302,,,,rent,1250,4\nGM0171,Appartement,,,,,,buy,245000,2\n"
)


def _count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_practices_import_creates_invited_holders(session: Session) -> None:
    """Dutch values (2.300, 1,0, dd-mm-yyyy) import; the holder is invited, not active."""
    data = f"{PRACTICE_HEADER}\n{PRACTICE_ROW}\n".encode("cp1252")
    assert imports.import_csv(session=session, kind="practices", data=data, user=None) == 1
    practice = session.exec(select(Practice)).one()
    assert (practice.patients, practice.fte, practice.gemeentecode) == (2300, 1.0, "GM0171")
    holder = accounts.find_user(session=session, email="dokter@example.org")
    assert holder is not None and holder.invited and holder.role == "holder"
    assert (
        accounts.authenticate(
            session=session, email="dokter@example.org", password=imports.UNUSABLE_PASSWORD
        )
        is None
    )


def test_offers_import_in_utf8_with_bom_and_commas(session: Session) -> None:
    """A UTF-8 file with BOM and commas works as well as Excel's semicolons."""
    assert (
        imports.import_csv(
            session=session, kind="housing", data=("\ufeff" + HOUSING).encode(), user=None
        )
        == 2
    )
    assert {o.title for o in session.exec(select(Offer))} == {"Gezinswoning", "Appartement"}


def test_candidates_import_respects_consent(session: Session) -> None:
    """Imported candidates without consent are never matched."""
    data = (
        b"email;name;stage;home_postcode;max_distance_km;earliest_start;latest_start;days_per_week;"
        b"partner_work;partner_sector;children_birth_years;housing_need;consent\n"
        b"a@example.org;Anna;haio_3;3512;100;;;4;needs_job;education;2019 2022;buy;ja\n"
        b"b@example.org;Bram;locum;3512;100;;;;;;;;nee\n"
    )
    assert imports.import_csv(session=session, kind="candidates", data=data, user=None) == 2
    profiles = {p.display_name: p for p in session.exec(select(CandidateProfile))}
    assert profiles["Anna"].consent and not profiles["Bram"].consent
    assert profiles["Anna"].children_birth_years == [2019, 2022]
    pool = matching.candidate_pool(session)
    assert list(pool.ids) == [profiles["Anna"].id]


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("housing", HOUSING.replace("rent,1250", "rent,veel"), (2, "price")),
        (
            "housing",
            HOUSING.replace("GM0171,Appartement", "GM9999,Appartement"),
            (3, "gemeentecode"),
        ),
        ("housing", HOUSING.replace("rent,1250", "castle,1250"), (2, "tenure")),
        ("housing", HOUSING.replace("buy,245000", "buy,"), (3, "price")),
        ("housing", HOUSING.replace(",title,", ",titel,"), (1, "title")),
        (
            "training",
            "gemeentecode;title;description;postcode;available_from;contact;link;places\nGM0171;Plek;;;;;;0\n",
            (2, "places"),
        ),
        (
            "practices",
            f"{PRACTICE_HEADER}\n{PRACTICE_ROW.replace(';8302;', ';1000;')}\n",
            (2, "postcode"),
        ),
        (
            "practices",
            f"{PRACTICE_HEADER}\n{PRACTICE_ROW.replace('01-03-2027', '31-02-2027')}\n",
            (2, "handover_from"),
        ),
        (
            "practices",
            f"{PRACTICE_HEADER}\n{PRACTICE_ROW.replace('dokter@example.org', 'geen-email')}\n",
            (2, "holder_email"),
        ),
        (
            "practices",
            f"{PRACTICE_HEADER}\n{PRACTICE_ROW.replace(';solo;', ';kasteel;')}\n",
            (2, "form"),
        ),
    ],
)
def test_bad_rows_are_named_and_nothing_is_stored(
    session: Session, kind: str, text: str, expected: tuple[int, str]
) -> None:
    """Each kind of problem names its row and column; the good rows are not stored either."""
    with pytest.raises(imports.ImportFailed) as exc:
        imports.import_csv(session=session, kind=kind, data=text.encode(), user=None)
    assert expected in {(e.row, e.field) for e in exc.value.errors}
    assert (
        _count(session, Offer) == 0
        and _count(session, Practice) == 0
        and _count(session, User) == 0
    )


def test_recruiter_imports_only_into_own_regions(session: Session) -> None:
    """Rows for another municipality are refused for a recruiter."""
    recruiter = create_recruiter(session, regions=("GM0363",))
    with pytest.raises(imports.ImportFailed) as exc:
        imports.import_csv(session=session, kind="housing", data=HOUSING.encode(), user=recruiter)
    assert {e.code for e in exc.value.errors} == {Code.NOT_YOUR_REGION}


def test_existing_account_of_other_role_is_refused(session: Session) -> None:
    """A practice cannot be given to a candidate's account."""
    create_user(session, Role.CANDIDATE, email="dokter@example.org")
    with pytest.raises(imports.ImportFailed) as exc:
        imports.import_csv(
            session=session,
            kind="practices",
            data=f"{PRACTICE_HEADER}\n{PRACTICE_ROW}\n".encode(),
            user=None,
        )
    assert exc.value.errors[0].field == "holder_email"


def test_export_round_trips(session: Session) -> None:
    """An export imports again into an empty database with the same values."""
    create_practice(session, name="Rond Praktijk")
    imports.import_csv(session=session, kind="housing", data=HOUSING.encode(), user=None)
    exported = imports.export_csv(session=session, kind="housing", user=None)
    assert exported.startswith("\ufeffgemeentecode;title") and "Gezinswoning" in exported
    practices_csv = imports.export_csv(session=session, kind="practices", user=None)
    assert "Rond Praktijk" in practices_csv
    for offer in session.exec(select(Offer)):
        session.delete(offer)
    session.commit()
    assert (
        imports.import_csv(session=session, kind="housing", data=exported.encode(), user=None) == 2
    )


def test_template_has_the_header() -> None:
    """Templates carry exactly the columns an import needs."""
    lines = imports.template_csv("job_leads").lstrip("\ufeff").strip().split("\r\n")
    assert lines[0].split(";") == list(imports.columns("job_leads"))
    assert len(lines) == 3 and all("Voorbeeld" in line for line in lines[1:])


bad_cell = st.sampled_from(
    ["", "x", "-5", "9999999999", "GM0000", "31-13-2020", "castle", "€", ";"]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, 9), bad_cell, st.integers(0, 1))
def test_hypothesis_bad_cells_never_half_store(
    session: Session, column: int, value: str, row: int
) -> None:
    """Spoiling any cell of a good file either imports everything or nothing."""
    lines = HOUSING.strip().split("\n")
    cells = lines[1 + row].split(",")
    cells[column] = value.replace(";", "")
    lines[1 + row] = ",".join(cells)
    before = _count(session, Offer)
    try:
        stored = imports.import_csv(
            session=session, kind="housing", data="\n".join(lines).encode(), user=None
        )
    except imports.ImportFailed as exc:
        assert exc.errors
        assert all(e.row in (1, 2, 3) for e in exc.errors)
        assert _count(session, Offer) == before
    else:
        assert stored == 2 and _count(session, Offer) == before + 2


def test_import_never_attaches_a_listing_to_an_account_someone_runs(session: Session) -> None:
    """A holder who has an account lists their practice themselves; the row is refused."""
    holder = create_user(session, Role.HOLDER, email="dokter@example.org")
    data = f"{PRACTICE_HEADER}\n{PRACTICE_ROW}\n".encode()
    with pytest.raises(imports.ImportFailed) as caught:
        imports.import_csv(session=session, kind="practices", data=data, user=None)
    (error,) = caught.value.errors
    assert (error.row, error.field) == (2, "holder_email")
    assert (error.code, error.value) == (Code.EMAIL_TAKEN, error.value) and "@" in error.value
    assert session.exec(select(Practice).where(Practice.owner_id == holder.id)).all() == []


def test_import_may_add_to_an_imported_account_still_unclaimed(session: Session) -> None:
    """A second file for the same invited holder adds to their (unclaimed) account."""
    data = f"{PRACTICE_HEADER}\n{PRACTICE_ROW}\n".encode()
    imports.import_csv(session=session, kind="practices", data=data, user=None)
    second = data.replace(b"Praktijk Bakker", b"Praktijk Bakker-West")
    imports.import_csv(session=session, kind="practices", data=second, user=None)
    holder = accounts.find_user(session=session, email="dokter@example.org")
    assert holder is not None and holder.invited
    assert _count(session, Practice) == 2


def test_duplicate_rows_in_one_file_name_both_rows(session: Session) -> None:
    """Two rows with the same natural key are refused with both row numbers; nothing stored."""
    twice = HOUSING + "GM0171,gezinswoning,,8302,,,,rent,1300,4\n"
    with pytest.raises(imports.ImportFailed) as caught:
        imports.import_csv(session=session, kind="housing", data=twice.encode(), user=None)
    (error,) = caught.value.errors
    assert (error.row, error.field, error.code, error.value) == (4, "title", Code.SAME_AS_ROW, "2")
    assert _count(session, Offer) == 0


def test_reimporting_a_file_skips_or_updates_existing_rows(session: Session) -> None:
    """The same file again: refused by default, all skipped, or all updated, never doubled."""
    imports.import_csv(session=session, kind="housing", data=HOUSING.encode(), user=None)
    with pytest.raises(imports.ImportFailed) as caught:
        imports.import_csv(session=session, kind="housing", data=HOUSING.encode(), user=None)
    assert [e.code for e in caught.value.errors] == [Code.ALREADY_STORED] * 2
    skip = imports.run_import(
        session=session,
        kind="housing",
        data=HOUSING.encode(),
        user=None,
        on_existing=imports.OnExisting.SKIP,
    )
    assert skip == imports.ImportReport(created=0, updated=0, skipped=2)
    cheaper = HOUSING.replace("rent,1250,4", "rent,1150,4")
    update = imports.run_import(
        session=session,
        kind="housing",
        data=cheaper.encode(),
        user=None,
        on_existing=imports.OnExisting.UPDATE,
    )
    assert update == imports.ImportReport(created=0, updated=2, skipped=0)
    assert _count(session, Offer) == 2
    prices = {o.title: o.price for o in session.exec(select(Offer))}
    assert prices["Gezinswoning"] == 1150


def test_reimported_practices_and_candidates_are_recognised(session: Session) -> None:
    """Practices by name and postcode; candidates by email, their profile left alone."""
    data = f"{PRACTICE_HEADER}\n{PRACTICE_ROW}\n".encode()
    imports.import_csv(session=session, kind="practices", data=data, user=None)
    again = imports.run_import(
        session=session,
        kind="practices",
        data=data,
        user=None,
        on_existing=imports.OnExisting.SKIP,
    )
    assert again.skipped == 1 and _count(session, Practice) == 1


@pytest.mark.parametrize("kind", imports.KINDS)
def test_every_templates_example_rows_are_valid(session: Session, kind: str) -> None:
    """Both example rows of each template pass every check (a preview; nothing stored)."""
    report = imports.run_import(
        session=session,
        kind=kind,
        data=imports.template_csv(kind).encode(),
        user=None,
        dry_run=True,
    )
    assert (report.created, report.updated, report.skipped) == (2, 0, 0)
    assert len(report.preview) == 2
