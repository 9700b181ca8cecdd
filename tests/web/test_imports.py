"""Import and export pages, and the import command."""

from __future__ import annotations

import io
import re
from pathlib import Path

from flask.testing import FlaskClient, FlaskCliRunner
from sqlmodel import Session, select

from matchmaker.models import Offer
from tests.conftest import csrf_token, login
from tests.factories import create_recruiter

GOOD = (
    "gemeentecode;title;description;postcode;available_from;contact;link;tenure;price;bedrooms\n"
    "GM0171;Gezinswoning;;8302;;;;rent;1250;4\n"
)


def _upload(client: FlaskClient, kind: str, text: str, encoding: str = "utf-8"):
    return client.post(
        "/recruiter/import",
        data={
            "csrf_token": csrf_token(client, "/recruiter/import"),
            "kind": kind,
            "file": (io.BytesIO(text.encode(encoding)), "aanbod.csv"),
        },
        content_type="multipart/form-data",
    )


def _import(client: FlaskClient, kind: str, text: str, encoding: str = "utf-8"):
    """Upload, look at the preview, and confirm it."""
    preview = _upload(client, kind, text, encoding)
    assert preview.status_code == 200, preview.get_data(as_text=True)[:2000]
    page = preview.get_data(as_text=True)
    token = re.search(r'name="token" value="([^"]+)"', page)
    on_existing = re.search(r'name="on_existing" value="([^"]+)"', page)
    assert token and on_existing, "no preview"
    return _confirm(client, token.group(1), kind, on_existing.group(1))


def _confirm(client: FlaskClient, token: str, kind: str = "housing", on_existing: str = "skip"):
    return client.post(
        "/recruiter/import/confirm",
        data={
            "csrf_token": csrf_token(client, "/recruiter/import"),
            "token": token,
            "kind": kind,
            "on_existing": on_existing,
        },
    )


def test_upload_good_file(client: FlaskClient, session: Session) -> None:
    """A good Excel-style file is stored and the recruiter sees it."""
    login(client, create_recruiter(session).email)
    response = _import(client, "housing", GOOD, "cp1252")
    assert response.status_code == 302
    assert "Gezinswoning" in client.get("/recruiter").get_data(as_text=True)


def test_upload_bad_file_lists_rows_and_stores_nothing(
    client: FlaskClient, session: Session
) -> None:
    """Errors appear per row and column; nothing is stored."""
    login(client, create_recruiter(session).email)
    bad = GOOD + "GM0363;Elders;;;;;;rent;900;2\nGM0171;Zonder prijs;;;;;;buy;;2\n"
    html = _upload(client, "housing", bad).get_data(as_text=True)
    assert "Er is niets geïmporteerd." in html
    assert 'data-row="3"' in html and 'data-row="4"' in html
    assert session.exec(select(Offer)).all() == []


def test_nothing_is_stored_before_the_preview_is_confirmed(
    client: FlaskClient, session: Session
) -> None:
    """The preview counts new rows and shows them as stored; only "Importeren" stores them."""
    recruiter = create_recruiter(session)
    login(client, recruiter.email)
    preview = _upload(client, "housing", GOOD).get_data(as_text=True)
    assert 'data-counts="1/0/0"' in preview and "1 nieuwe rij" in preview
    assert "Gezinswoning" in preview and "Te huur" in preview  # the code shown as its label
    assert session.exec(select(Offer)).all() == []
    token = re.search(r'name="token" value="([^"]+)"', preview).group(1)
    stranger = create_recruiter(session, email="ander@example.org")
    other = client.application.test_client()
    login(other, stranger.email)
    stolen = _confirm(other, token)
    assert stolen.status_code == 404 and session.exec(select(Offer)).all() == []
    confirmed = _confirm(client, token)
    assert confirmed.status_code == 302 and len(session.exec(select(Offer)).all()) == 1
    again = _confirm(client, token)
    assert again.status_code == 404  # the file is gone once imported


def test_dutch_labels_import_and_reimport_reports_every_row_as_existing(
    client: FlaskClient, session: Session
) -> None:
    """An Excel-made semicolon file with the words people type: 'Te koop', 'huur', 'ja'."""
    login(client, create_recruiter(session).email)
    excel = (
        "gemeentecode;title;description;postcode;available_from;contact;link;tenure;price;bedrooms\r\n"
        "GM0171;Boerderijwoning;Met erf;8302;01-03-2027;;;Te koop;€ 395.000;4\r\n"
        "GM0171;Appartement centrum;;8302;;;;huur;1.150;2\r\n"
    )
    assert _import(client, "housing", excel, "cp1252").status_code == 302
    stored = {o.title: o.tenure for o in session.exec(select(Offer))}
    assert stored == {"Boerderijwoning": "buy", "Appartement centrum": "rent"}
    again = _import(client, "housing", excel, "cp1252")
    assert again.status_code == 302
    page = client.get("/recruiter").get_data(as_text=True)
    assert "0 nieuw, 0 bijgewerkt, 2 al aanwezig en overgeslagen" in page


def test_import_errors_are_dutch_and_name_row_column_value_and_what_is_valid(
    client: FlaskClient, session: Session
) -> None:
    """'Te huur?' is no tenure: the row, the column, the value and the valid words, in Dutch."""
    login(client, create_recruiter(session).email)
    bad = (
        GOOD
        + "GM0171;Rijtjeshuis;;8302;;;;Te huur?;950;3\nGM0171;Later;;8302;morgen;;;huur;duizend;3\n"
    )
    html = _upload(client, "housing", bad).get_data(as_text=True)
    assert html.count('data-row="4"') == 2  # date and price, each on its own line
    # The column as the Dutch template names it (issue 24), not its key.
    assert (
        "<td>Huur of koop</td><td>Te huur? is geen van de keuzes. Geldig: Te huur, Te koop." in html
    )
    assert "morgen is geen datum: schrijf het als 01-03-2027." in html
    assert "duizend is geen getal." in html
    assert "not a valid" not in html
    assert 'data-valid="tenure"' in client.get("/recruiter/import").get_data(as_text=True)


def test_template_and_export_downloads(client: FlaskClient, session: Session) -> None:
    """Templates and exports are CSV attachments."""
    login(client, create_recruiter(session).email)
    template = client.get("/recruiter/import/practices.csv")
    text = template.get_data(as_text=True)
    assert template.mimetype == "text/csv"
    assert text.startswith("\ufeffE-mailadres praktijkhouder;Naam praktijkhouder;Naam;Anoniem")
    assert text.count("\r\n") == 3 and "Solopraktijk" in text and "01-03-2027" in text
    _import(client, "housing", GOOD)
    export = client.get("/recruiter/export/housing.csv")
    assert "attachment" in export.headers[
        "Content-Disposition"
    ] and "Gezinswoning" in export.get_data(as_text=True)
    assert client.get("/recruiter/export/candidates.csv").status_code == 404


def test_a_dutch_template_and_export_import_again(client: FlaskClient, session: Session) -> None:
    """The template's Dutch columns and labels import; the export re-imports as all existing."""
    login(client, create_recruiter(session, regions=("GM0171", "GM0193")).email)
    template = client.get("/recruiter/import/housing.csv").get_data(as_text=True)
    assert template.startswith("\ufeffGemeentecode;Titel;Beschrijving;Postcode")
    assert ";Te huur;" in template and ";Te koop;" in template
    assert _import(client, "housing", template.lstrip("\ufeff")).status_code == 302
    assert {o.tenure for o in session.exec(select(Offer))} == {"rent", "buy"}
    exported = client.get("/recruiter/export/housing.csv").get_data(as_text=True)
    assert "Voorbeeld: vrijstaand huis" in exported and "01-03-2027" in exported
    preview = _upload(client, "housing", exported.lstrip("\ufeff")).get_data(as_text=True)
    assert 'data-counts="0/0/2"' in preview


def test_cli_import_reports_rows_or_refuses(
    runner: FlaskCliRunner, session: Session, tmp_path: Path
) -> None:
    """`matchmaker import` stores a good file and names the rows of a bad one."""
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(args=["import", "housing", str(good)])
    assert (
        result.exit_code == 0
        and "Imported 1 housing (1 new, 0 updated, 0 skipped)." in result.output
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD.replace("1250", "veel"), encoding="utf-8")
    result = runner.invoke(args=["import", "housing", str(bad)])
    assert result.exit_code != 0 and "row 2, price" in result.output
    assert len(session.exec(select(Offer)).all()) == 1


def test_every_problem_of_a_row_is_reported_at_once(client: FlaskClient, session: Session) -> None:
    """A practice row with a bad postcode ('83XX'), a bad date and no email: three lines in
    one upload, not one per upload (issue 24)."""
    login(client, create_recruiter(session).email)
    template = client.get("/recruiter/import/practices.csv").get_data(as_text=True)
    header, example = template.lstrip("\ufeff").splitlines()[:2]
    cells = example.split(";")
    names = header.split(";")
    cells[names.index("E-mailadres praktijkhouder")] = "geen-adres"
    cells[names.index("Postcode")] = "83XX"
    cells[names.index("Overdracht vanaf")] = "volgend jaar"
    html = _upload(client, "practices", header + "\n" + ";".join(cells) + "\n").get_data(
        as_text=True
    )
    assert html.count('data-row="2"') == 3, html[html.find("<table") :][:1500]
    rows = re.findall(r"<tr data-row=\"2\">(.*?)</tr>", html)
    assert any("<td>Postcode</td>" in r and "Nederlandse postcode" in r for r in rows), rows
    assert "<td>E-mailadres praktijkhouder</td>" in html and "volgend jaar" in html


def test_cli_reads_the_dutch_template(
    client: FlaskClient, runner: FlaskCliRunner, session: Session, tmp_path: Path
) -> None:
    """The page's Dutch template imports from the command line too (every column was
    'missing' before, issue 24)."""
    login(client, create_recruiter(session).email)
    template = client.get("/recruiter/import/housing.csv").get_data(as_text=True)
    path = tmp_path / "woningen.csv"
    path.write_text(template, encoding="utf-8")
    result = runner.invoke(args=["import", "housing", str(path)])
    assert result.exit_code == 0, result.output
    assert {o.tenure for o in session.exec(select(Offer))} == {"rent", "buy"}
    bad = tmp_path / "fout.csv"
    bad.write_text(template.replace("Te huur", "Misschien", 1), encoding="utf-8")
    result = runner.invoke(args=["import", "housing", str(bad)])
    assert result.exit_code != 0 and "row 2, tenure" in result.output
