"""Public practice pages and holders' listings, including authorization."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from matchmaker.domain.roles import Role
from matchmaker.models import Practice
from tests.conftest import csrf_token, login, post_form
from tests.factories import create_practice, create_user


def _form(**overrides: object) -> dict[str, object]:
    start = date.today() + timedelta(days=120)
    data: dict[str, object] = {
        "name": "Huisartsenpraktijk Het Baken",
        "postcode": "4461 AB",
        "street": "Kerkstraat 1",
        "patients": "2300",
        "fte": "1.0",
        "form": "solo",
        "building": "with_house",
        "handover_from": start.isoformat(),
        "handover_until": (start + timedelta(days=200)).isoformat(),
        "handover_model": "gradual",
        "goodwill_min": "",
        "goodwill_max": "",
        "days_per_week": "4",
        "anw_hours_per_month": "10",
        "staff_assistants": "2",
        "staff_poh": "1",
        "description": "Praktijk in Goes.",
        "contact_email": "",
        "contact_phone": "",
        "status": "published",
    }
    data.update(overrides)
    return data


def _count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Practice)).one()


def test_list_shows_published_not_drafts(client: FlaskClient, session: Session) -> None:
    """Only published listings appear on /practices."""
    create_practice(session, name="Zichtbare Praktijk")
    create_practice(session, name="Concept Praktijk", status="draft")
    html = client.get("/practices").get_data(as_text=True)
    assert "Zichtbare Praktijk" in html and "Concept Praktijk" not in html
    assert "1 praktijk" in html


def test_filter_by_province_and_htmx_gets_fragment(client: FlaskClient, session: Session) -> None:
    """Filters narrow the list; htmx requests get only the results fragment."""
    create_practice(session, name="Praktijk Zeeland", postcode="4331")
    create_practice(session, name="Praktijk Drenthe", postcode="9401")
    page = client.get("/practices?province=Zeeland").get_data(as_text=True)
    assert "<html" in page and "Praktijk Zeeland" in page and "Praktijk Drenthe" not in page
    fragment = client.get("/practices?province=Drenthe", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert "<html" not in fragment
    assert fragment.lstrip().startswith('<section id="results"')
    assert "Praktijk Drenthe" in fragment and "Praktijk Zeeland" not in fragment


def test_nonsense_filters_are_ignored(client: FlaskClient, session: Session) -> None:
    """Bad query values do not crash the list."""
    create_practice(session, name="Gewone Praktijk")
    html = client.get("/practices?form=castle&from=abc&until=99999&page=-3").get_data(as_text=True)
    assert "Gewone Praktijk" in html


def test_anonymous_detail_hides_name_street_and_contact(
    client: FlaskClient, session: Session
) -> None:
    """The public sees municipality and facts only for an anonymous listing."""
    practice = create_practice(session, anonymous=True, name="Praktijk Zeer Geheim")
    html = client.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert "Huisartsenpraktijk in Noordoostpolder" in html
    for secret in ("Zeer Geheim", "Geheime Straat", "secret-contact@example.org", "0527123456"):
        assert secret not in html


def test_draft_detail_is_404(client: FlaskClient, session: Session) -> None:
    """Unpublished listings do not exist for the public."""
    practice = create_practice(session, status="draft")
    assert client.get(f"/practices/{practice.id}").status_code == 404


def test_holder_creates_listing_through_form(client: FlaskClient, session: Session) -> None:
    """A valid form stores the listing with its derived municipality."""
    holder = create_user(session, Role.HOLDER)
    login(client, holder.email)
    response = post_form(client, "/my/practices/new", _form())
    assert response.status_code == 302
    practice = session.exec(select(Practice).where(Practice.owner_id == holder.id)).one()
    assert (practice.name, practice.postcode, practice.gemeentecode) == (
        "Huisartsenpraktijk Het Baken",
        "4461",
        "GM0664",
    )
    assert practice.goodwill_min is None and practice.patient_stop is None  # not said
    assert "Het Baken" in client.get("/my/practices").get_data(as_text=True)
    edit = f"/my/practices/{practice.id}/edit"
    assert "Patiëntenstop" in client.get(edit).get_data(as_text=True)
    post_form(client, edit, _form(patient_stop="partly"), token_page=edit)
    session.refresh(practice)
    assert practice.patient_stop == "partly"
    listed = client.get("/api/v1/practices").get_json()["items"]
    assert [p["patient_stop"] for p in listed if p["id"] == practice.id] == ["partly"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"postcode": "1000"}, "Deze postcode kennen we niet."),
        ({"postcode": "abc"}, "Vul een Nederlandse postcode in"),
        ({"handover_until": date.today().isoformat()}, "Deze datum ligt vóór de begindatum."),
        ({"goodwill_min": "30000"}, "Vul beide grenzen in, of laat beide leeg."),
        ({"patients": "0"}, "Nummer moet tussen 1 en 60000 liggen."),
        ({"form": "kasteel"}, "Ongeldige keuze."),
        ({"patient_stop": "misschien"}, "Ongeldige keuze."),
    ],
)
def test_listing_form_errors_store_nothing(
    client: FlaskClient, session: Session, overrides: dict[str, object], message: str
) -> None:
    """Invalid listings re-render with a Dutch field message and store nothing."""
    holder = create_user(session, Role.HOLDER)
    login(client, holder.email)
    before = _count(session)
    response = post_form(client, "/my/practices/new", _form(**overrides))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _count(session) == before


def test_holder_edits_own_listing(client: FlaskClient, session: Session) -> None:
    """The edit form is pre-filled and saves changes."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, name="Oude Naam")
    login(client, holder.email)
    assert 'value="Oude Naam"' in client.get(f"/my/practices/{practice.id}/edit").get_data(
        as_text=True
    )
    post_form(client, f"/my/practices/{practice.id}/edit", _form(name="Nieuwe Naam"))
    session.refresh(practice)
    assert practice.name == "Nieuwe Naam" and practice.gemeentecode == "GM0664"


def test_other_holders_listing_is_404_everywhere(client: FlaskClient, session: Session) -> None:
    """Another holder's listing cannot be seen, edited or re-statused: 404, unchanged."""
    victim = create_practice(session, name="Niet Van Jou", status="draft")
    intruder = create_user(session, Role.HOLDER)
    login(client, intruder.email)
    assert client.get(f"/my/practices/{victim.id}/edit").status_code == 404
    token = csrf_token(client, "/my/practices")
    assert (
        client.post(
            f"/my/practices/{victim.id}/edit", data={**_form(name="Gekaapt"), "csrf_token": token}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/my/practices/{victim.id}/status", data={"status": "published", "csrf_token": token}
        ).status_code
        == 404
    )
    session.refresh(victim)
    assert (victim.name, victim.status) == ("Niet Van Jou", "draft")
    assert "Niet Van Jou" not in client.get("/my/practices").get_data(as_text=True)


def test_status_change_with_htmx_returns_the_card(client: FlaskClient, session: Session) -> None:
    """Changing status via htmx swaps only that listing's card."""
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, status="draft")
    login(client, holder.email)
    token = csrf_token(client, "/my/practices")
    response = client.post(
        f"/my/practices/{practice.id}/status",
        data={"status": "published", "csrf_token": token},
        headers={"HX-Request": "true"},
    )
    html = response.get_data(as_text=True)
    assert (
        "<html" not in html
        and f'id="practice-{practice.id}"' in html
        and 'data-status="published"' in html
    )
    session.refresh(practice)
    assert practice.status == "published"
    plain = client.post(
        f"/my/practices/{practice.id}/status", data={"status": "bogus", "csrf_token": token}
    )
    assert plain.status_code == 400


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER])
def test_non_holders_cannot_list_practices(
    client: FlaskClient, session: Session, role: Role
) -> None:
    """Only holders have listings: others get 403."""
    user = create_user(session, role)
    login(client, user.email)
    assert client.get("/my/practices/new").status_code == 403
    assert client.get("/my/practices").status_code == 403


def test_home_shows_latest_published(client: FlaskClient, session: Session) -> None:
    """The home page explains the platform and shows listings."""
    create_practice(session, name="Nieuwste Praktijk")
    html = client.get("/").get_data(as_text=True)
    assert "matchmaker verbindt stoppende praktijkhouders" in html
    assert "Nieuwste Praktijk" in html


def test_postcode_lookup_fragment(client: FlaskClient) -> None:
    """Typing a postcode shows its municipality, or a message."""
    ok = client.get("/postcode?postcode=8302", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert "Noordoostpolder, Flevoland" in ok
    bad = client.get("/postcode?home_postcode=12", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert "Vul een Nederlandse postcode in" in bad


def test_recruiter_sees_listings_in_own_regions_only(client: FlaskClient, session: Session) -> None:
    """The recruiter overview covers their municipalities, drafts included."""
    from matchmaker.services import accounts

    recruiter = create_user(session, Role.RECRUITER)
    accounts.set_recruiter_regions(session=session, user=recruiter, codes=["GM0171"])
    create_practice(session, name="Polder Praktijk", status="draft")
    create_practice(session, name="Stad Praktijk", postcode="1011")
    login(client, recruiter.email)
    html = client.get("/recruiter").get_data(as_text=True)
    assert "Noordoostpolder" in html and "Polder Praktijk" in html and "Stad Praktijk" not in html


def test_two_tabs_never_silently_overwrite_each_other(
    client: FlaskClient, session: Session
) -> None:
    """The second save from an older page is refused, told what changed, and can then overwrite."""
    import re

    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, name="Oude Naam")
    login(client, holder.email)
    path = f"/my/practices/{practice.id}/edit"
    page = client.get(path).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page)
    assert version and version.group(1) == "1"
    token = csrf_token(client, path)
    first = client.post(path, data={**_form(name="Tab Een"), "version": "1", "csrf_token": token})
    assert first.status_code == 302
    second = client.post(
        path, data={**_form(name="Tab Twee", patients="2500"), "version": "1", "csrf_token": token}
    )
    html = second.get_data(as_text=True)
    assert second.status_code == 200
    assert "Iemand heeft deze advertentie opgeslagen" in html and "Tab Een" in html
    session.refresh(practice)
    assert practice.name == "Tab Een" and practice.version == 2
    assert 'name="version" type="hidden" value="2"' in html
    again = client.post(path, data={**_form(name="Tab Twee"), "version": "2", "csrf_token": token})
    assert again.status_code == 302
    session.refresh(practice)
    assert practice.name == "Tab Twee" and practice.version == 3


def test_the_database_refuses_a_stale_write(session: Session) -> None:
    """Even without the form's check, SQLAlchemy's version column stops a lost update."""
    import pytest
    from sqlalchemy import update

    from matchmaker.models import Practice
    from matchmaker.services import practices
    from tests.factories import practice_input

    practice = create_practice(session)
    session.execute(  # another process's save: this session's copy still says version 1
        update(Practice)
        .where(Practice.id == practice.id)
        .values(name="Elders", version=2)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    with pytest.raises(practices.StaleEdit) as caught:
        practices.update_listing(
            session=session, practice=practice, data=practice_input(name="Hier")
        )
    assert caught.value.changes["name"] == "Elders"


def test_postcode_with_spaces_around_is_stored_as_pc4(
    client: FlaskClient, session: Session
) -> None:
    """ " 8302 ab " passes the form and is stored as its four digits, not a 500."""
    holder = create_user(session, Role.HOLDER)
    login(client, holder.email)
    response = post_form(client, "/my/practices/new", _form(postcode=" 8302 ab "))
    assert response.status_code == 302
    assert session.exec(select(Practice)).one().postcode == "8302"


def test_htmx_history_restore_gets_the_whole_page(client: FlaskClient, session: Session) -> None:
    """Back-navigation (HX-History-Restore-Request) gets the page, not the bare results."""
    create_practice(session)
    swap = client.get("/practices", headers={"HX-Request": "true"})
    assert "<html" not in swap.get_data(as_text=True)
    assert "HX-Request" in swap.headers.get("Vary", "")
    restore = client.get(
        "/practices", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.get_data(as_text=True)
    assert "HX-Request" in client.get("/practices").headers.get("Vary", "")


def test_an_anonymous_listing_that_names_its_town_asks_before_saving(
    client: FlaskClient, session: Session
) -> None:
    """The description of an anonymous listing is checked against the gazetteer's places; its
    own municipality (Goes) is public for an anonymous listing and no finding."""
    holder = create_user(session, Role.HOLDER)
    login(client, holder.email)
    public = _form(anonymous="y", description="Een gezellige praktijk in de gemeente Goes.")
    assert "data-warnings" not in post_form(client, "/my/practices/new", public).get_data(
        as_text=True
    )
    session.delete(session.exec(select(Practice).where(Practice.owner_id == holder.id)).one())
    session.commit()
    form = _form(anonymous="y", description="Een gezellige praktijk midden in Kapelle.")
    page = post_form(client, "/my/practices/new", form)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "de beschrijving noemt Kapelle" in html and "data-warnings" in html
    assert session.exec(select(Practice).where(Practice.owner_id == holder.id)).all() == []
    saved = post_form(client, "/my/practices/new", {**form, "confirm_warnings": "y"})
    assert saved.status_code == 302
    assert session.exec(select(Practice).where(Practice.owner_id == holder.id)).one()


def test_a_new_draft_asks_whether_to_publish_now(client: FlaskClient, session: Session) -> None:
    holder = create_user(session, Role.HOLDER)
    login(client, holder.email)
    saved = post_form(client, "/my/practices/new", _form(status="draft"))
    practice = session.exec(select(Practice).where(Practice.owner_id == holder.id)).one()
    assert saved.headers["Location"].startswith(f"/my/practices?draft={practice.id}")
    prompt = client.get(f"/my/practices?draft={practice.id}").get_data(as_text=True)
    assert f'data-publish-prompt="{practice.id}"' in prompt and "Nu publiceren?" in prompt
    post_form(
        client,
        f"/my/practices/{practice.id}/status",
        {"status": "published"},
        token_page="/my/practices",
    )
    session.refresh(practice)
    assert practice.status == "published"
    assert "data-publish-prompt" not in client.get(f"/my/practices?draft={practice.id}").get_data(
        as_text=True
    )
