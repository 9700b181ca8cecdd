"""Audit findings at the edge: CSV formulas, sizes, redirects, links, bounded numbers, caching."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matchmaker.domain.errors import Code
from matchmaker.models import Offer
from matchmaker.services import imports, offers
from matchmaker.services.csvfile import excel_csv
from tests.conftest import csrf_token, login, post_form
from tests.factories import create_practice, create_recruiter, create_user, offer_input

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rx"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_csv_writer_neutralises_formulas(cell: str) -> None:
    """Every export goes through one writer, which prefixes formula starts with '."""
    body = excel_csv([["title"], [cell], [42], [-3]])
    lines = body.lstrip("\ufeff").splitlines()
    assert lines[1].lstrip('"').startswith("'")
    assert lines[-2:] == ["42", "-3"]  # numbers stay numbers


def test_offer_export_neutralises_and_import_restores(
    client: FlaskClient, session: Session
) -> None:
    """A hostile title is harmless in the export and comes back unchanged on import."""
    recruiter = create_recruiter(session)
    offers.create_offer(session=session, user=recruiter, data=offer_input(title="=1+2 huis"))
    login(client, recruiter.email)
    body = client.get("/recruiter/export/housing.csv").get_data(as_text=True)
    assert ";'=1+2 huis;" in body
    _, rows = imports.read_table(body.encode())
    assert rows[0]["titel"] == "=1+2 huis"  # the Dutch export's column, restored


def test_oversized_post_gets_a_friendly_413(client: FlaskClient) -> None:
    """An 11 MB body is refused before it is parsed, with a page that says why."""
    response = client.post("/login", data={"email": "x" * (11 * 1024 * 1024)})
    assert response.status_code == 413
    assert "10 MB" in response.get_data(as_text=True)


def test_import_refuses_too_many_rows() -> None:
    """A file with more rows than the cap is refused without reading it all into models."""
    header = ";".join(imports.columns("housing"))
    body = header + "\n" + "\n".join(["GM0171;t;;;;;;rent;1;1"] * (imports.MAX_ROWS + 1))
    with pytest.raises(imports.ImportFailed) as caught:
        imports.read_table(body.encode())
    assert caught.value.errors[0].value == str(imports.MAX_ROWS)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"PK\x03\x04\x14\x00binary", Code.EXCEL_WORKBOOK),
        (b"title;x\n\x81\x8d\x8f;y\n", Code.NOT_TEXT),
        (b"title;x\nab\x00c;y\n", Code.NOT_TEXT),
        (b"title;x\n" + b"a" * 200_000 + b";y\n", Code.CELL_TOO_LONG),
        (b"title;x\n" + b"a" * 6_000 + b";y\n", Code.CELL_TOO_LONG),
    ],
)
def test_unreadable_files_get_a_clear_error(data: bytes, code: Code) -> None:
    """Binary, undecodable and over-long input is an import error, never a crash."""
    with pytest.raises(imports.ImportFailed) as caught:
        imports.read_table(data)
    assert caught.value.errors[0].code == code


def test_import_page_shows_at_most_100_errors(client: FlaskClient, session: Session) -> None:
    """Many bad rows give the count and the first hundred, not a page of thousands."""
    recruiter = create_recruiter(session)
    login(client, recruiter.email)
    header = ";".join(imports.columns("housing"))
    body = header + "\n" + "\n".join(["GM9999;t;;;;;;rent;1;1"] * 250)
    token = csrf_token(client, "/recruiter/import")
    html = client.post(
        "/recruiter/import",
        data={"kind": "housing", "csrf_token": token, "file": (_file(body), "a.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert html.count('data-row="') == imports.MAX_ERRORS_SHOWN
    assert "250" in html


def _file(body: str):
    import io

    return io.BytesIO(body.encode())


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example",
        "/%0a/evil.example",
        "//evil.example",
        "/%5cevil.example",
        "https://evil.example",
    ],
)
def test_login_never_redirects_off_site(client: FlaskClient, session: Session, target: str) -> None:
    """Tabs, newlines and backslashes that browsers drop or turn into '/' stay on the site."""
    user = create_user(session)
    response = client.post(
        f"/login?next={target}",
        data={
            "email": user.email,
            "password": "correct-horse-battery",
            "csrf_token": csrf_token(client),
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/profile"


def test_language_switch_never_redirects_off_site(client: FlaskClient) -> None:
    """The language form's ``next`` goes through the same check."""
    token = csrf_token(client, "/")
    response = client.post(
        "/language", data={"lang": "en", "next": "/\t/evil.example", "csrf_token": token}
    )
    assert response.headers["Location"] == "/"


def _post_offer_with_link(client: FlaskClient, session: Session, link: str):
    """A recruiter posts a housing offer with ``link``."""
    login(client, create_recruiter(session).email)
    data = {
        "gemeentecode": "GM0171",
        "title": "Huis",
        "tenure": "rent",
        "price": "900",
        "bedrooms": "3",
        "link": link,
    }
    return post_form(client, "/recruiter/offers/new/housing", data)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("gemeente.nl/wonen", "https://gemeente.nl/wonen"), ("http://a.nl", "http://a.nl")],
)
def test_offer_links_get_a_scheme(
    client: FlaskClient, session: Session, typed: str, stored: str
) -> None:
    """A link without https:// is completed, and rendered so it cannot reach back."""
    _post_offer_with_link(client, session, typed)
    assert session.exec(select(Offer)).one().link == stored
    html = client.get("/regions/GM0171").get_data(as_text=True)
    assert f'href="{stored}" rel="noopener noreferrer"' in html


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,x", "ftp://a.nl", "x"])
def test_offer_links_refuse_other_schemes(client: FlaskClient, session: Session, link: str) -> None:
    """javascript:, data: and other schemes are a field error; nothing is stored."""
    response = _post_offer_with_link(client, session, link)
    assert response.status_code == 200
    assert "webadres" in response.get_data(as_text=True)
    assert session.exec(select(Offer)).first() is None


@pytest.mark.parametrize(
    "path",
    [
        "/practices/9223372036854775808",
        "/practices/2147483648",
        "/practices/" + "9" * 400,
        "/recruiter/campaigns/99999999999999999999",
    ],
)
def test_huge_ids_are_404_not_500(client: FlaskClient, session: Session, path: str) -> None:
    """Ids beyond what the column holds do not match the route."""
    recruiter = create_recruiter(session)
    login(client, recruiter.email)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query", ["page=²", "page=99999999999999999999", "from=²&until=2030", "page=-1"]
)
def test_odd_numbers_in_queries_are_ignored(
    client: FlaskClient, session: Session, query: str
) -> None:
    """Unicode digits and huge numbers fall back to defaults."""
    create_practice(session)
    response = client.get(f"/practices?{query}")
    assert response.status_code == 200
    assert "Huisartsenpraktijk Test" in response.get_data(as_text=True)


def test_slider_weights_ignore_unicode_digits(client: FlaskClient, session: Session) -> None:
    """``w_location=²`` is not a weight."""
    from tests.factories import create_candidate

    candidate = create_candidate(session)
    user = candidate.user_id
    assert user
    login(client, session.get(__import__("matchmaker.models", fromlist=["User"]).User, user).email)
    assert client.get("/matches?w_location=²&w_housing=3").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/practices?province=Zee%00land", None),
        ("post", "/login", {"email": "a\x00@b.nl", "password": "x"}),
    ],
)
def test_nul_bytes_are_400(client: FlaskClient, method: str, path: str, data: object) -> None:
    """NUL never reaches the database (PostgreSQL refuses it in text)."""
    response = getattr(client, method)(path, data=data)
    assert response.status_code == 400


def test_personal_pages_are_not_cached(client: FlaskClient, session: Session) -> None:
    """Pages with personal data, exports and /api/v1/me say no-store; public pages do not."""
    user = create_user(session)
    assert "no-store" not in client.get("/practices").headers.get("Cache-Control", "")
    login(client, user.email)
    for path in ("/account", "/account/export", "/api/v1/me", "/profile"):
        assert client.get(path).headers.get("Cache-Control") == "no-store", path


@pytest.mark.parametrize("zero", ["０", "٠", "०"])  # fullwidth, Arabic-Indic, Devanagari
def test_ids_in_urls_take_ascii_digits_only(
    client: FlaskClient, session: Session, zero: str
) -> None:
    """Other scripts' digits are not an id: 404, never the listing (issue 20, item 13)."""
    practice = create_practice(session)
    assert client.get(f"/practices/{practice.id}").status_code == 200
    other = "".join(chr(ord(zero) + int(d)) for d in str(practice.id))
    assert client.get(f"/practices/{other}").status_code == 404
    assert client.get(f"/api/v1/practices/{other}").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "file:/etc/passwd",
        "FILE:///etc/passwd",
        "file://localhost/etc/passwd",
        "File:///etc/passwd",
        "file:///STATIC/../../etc/passwd",
        "file:///STATIC/%2e%2e/%2e%2e/etc/passwd",
        "file://evil.example/STATIC/css/print.css",
        "http://127.0.0.1/",
        "ftp://x/",
    ],
)
def test_the_pdf_fetcher_reads_only_static_files(app: Flask, url: str, tmp_path: Path) -> None:
    """Issue 30: the guard checked ``startswith("file://")``, so these read any file when
    called; parsed and resolved, each is refused."""
    from matchmaker.web.pdf import _fetcher, static_path

    static = Path(app.static_folder or "static").resolve()
    url = url.replace("/STATIC", str(static))
    assert static_path(url, static) is None
    with pytest.raises(ValueError, match="refused"):
        _fetcher(static).fetch(url)


def test_the_pdf_fetcher_still_reads_the_static_folder(app: Flask) -> None:
    """A stylesheet of the static folder loads, in any spelling of the same file."""
    from matchmaker.web.pdf import _fetcher

    static = Path(app.static_folder or "static").resolve()
    sheet = next(static.glob("css/*.css"))
    for url in (sheet.as_uri(), "FILE://localhost" + sheet.as_posix()):
        fetched = _fetcher(static).fetch(url)
        assert fetched.read() == sheet.read_bytes(), url
        fetched.close()


def test_a_405_names_the_methods_allowed(client: FlaskClient) -> None:
    """Issue 30: 405 came without the Allow header HTTP requires."""
    for path in ("/login", "/api/v1/practices"):
        response = client.delete(path)
        assert response.status_code == 405
        allowed = {m.strip() for m in response.headers.get("Allow", "").split(",")}
        assert "GET" in allowed and "DELETE" not in allowed, path


def test_an_answer_refused_before_any_view_carries_its_request_id(client: FlaskClient) -> None:
    """Issue 30: the NUL guard's 400 said "request_id": null (the id was made after it)."""
    response = client.get("/api/v1/practices?q=a%00b")
    assert response.status_code == 400
    sent = response.headers["X-Request-ID"]
    assert response.get_json()["request_id"] == sent and len(sent) >= 8
    page = client.get("/practices?q=a%00b")
    assert page.status_code == 400 and page.headers["X-Request-ID"] in page.get_data(as_text=True)
