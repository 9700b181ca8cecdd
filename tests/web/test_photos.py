"""Listing photos: checked by content, resized, EXIF and GPS gone, shown by consent."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlmodel import Session, select

from matchmaker.domain.roles import Role
from matchmaker.models import ListingPhoto
from tests.conftest import login, post_form
from tests.factories import create_practice, create_user


def _jpeg_with_gps(width: int = 2000, height: int = 1500) -> bytes:
    """A photo as a phone makes it: EXIF with a camera and a GPS position."""
    image = Image.new("RGB", (width, height), (30, 120, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (52.0, 5.0, 0.0)  # latitude of the practice
    gps[3], gps[4] = "E", (5.0, 7.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def holder_client(app: Flask, session: Session, tmp_path):  # type: ignore[no-untyped-def]
    app.config["ATTACHMENT_DIR"] = str(tmp_path)
    holder = create_user(session, Role.HOLDER)
    practice = create_practice(session, owner=holder, anonymous=True, name="Praktijk Geheim")
    client = app.test_client()
    login(client, holder.email)
    return client, practice, holder


def _upload(
    client: FlaskClient, practice_id: int, data: bytes, name: str = "foto.jpg", **extra: str
):
    return post_form(
        client,
        f"/my/practices/{practice_id}/photos",
        {"photo": (io.BytesIO(data), name), "kind": "practice", **extra},
        content_type="multipart/form-data",
    )


def test_a_phone_photo_is_resized_and_stripped(holder_client, session: Session) -> None:
    """Three widths, no EXIF, no GPS, the right size; the holder sees it."""
    client, practice, _holder = holder_client
    assert _upload(client, practice.id, _jpeg_with_gps(), caption="Wachtkamer").status_code == 302
    photo = session.exec(select(ListingPhoto)).one()
    assert set(photo.files) == {"480", "960", "1600"} and (photo.width, photo.height) == (
        2000,
        1500,
    )
    got = client.get(f"/practices/{practice.id}/photos/{photo.id}/960.jpg")
    assert got.status_code == 200 and got.mimetype == "image/jpeg"
    image = Image.open(io.BytesIO(got.data))
    assert image.size == (960, 720)
    assert not image.getexif() and b"PhoneMaker" not in got.data and "exif" not in image.info


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<html>not an image</html>", "foto.jpg"),
        (b"GIF89a" + b"\x00" * 100, "foto.gif"),
        (b"%PDF-1.4 not an image", "foto.png"),
    ],
)
def test_what_is_not_a_photo_is_refused(
    holder_client, session: Session, data: bytes, name: str
) -> None:
    """Checked by content, not name: a message, nothing stored."""
    client, practice, _holder = holder_client
    page = _upload(client, practice.id, data, name).get_data(as_text=True)
    assert "is geen foto" in page
    assert session.exec(select(ListingPhoto)).all() == []


def test_at_most_eight_and_ten_megabytes(holder_client, session: Session) -> None:
    """The ninth photo and a file over 10 MB are refused with their own message."""
    client, practice, _holder = holder_client
    small = _jpeg_with_gps(320, 240)
    for _ in range(8):
        _upload(client, practice.id, small)
    assert "hoogstens 8 foto" in _upload(client, practice.id, small).get_data(as_text=True)
    big = b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024 + 10)
    assert len(session.exec(select(ListingPhoto)).all()) == 8
    other = create_practice(session, owner=_holder)
    assert "10 MB" in _upload(client, other.id, big).get_data(as_text=True)


def test_anonymous_listing_shows_identifying_photos_only_with_consent(
    holder_client, app: Flask, session: Session
) -> None:
    """A visitor sees the photo marked not identifying, never the other (404 on its file)."""
    client, practice, _holder = holder_client
    _upload(client, practice.id, _jpeg_with_gps(640, 480), caption="Gevel met naambord")
    _upload(
        client, practice.id, _jpeg_with_gps(640, 480), caption="Spreekkamer", not_identifying="1"
    )
    facade, room = session.exec(select(ListingPhoto).order_by(ListingPhoto.id)).all()
    visitor = app.test_client()
    page = visitor.get(f"/practices/{practice.id}").get_data(as_text=True)
    assert f'data-photo="{room.id}"' in page and f'data-photo="{facade.id}"' not in page
    assert "Gevel met naambord" not in page
    assert visitor.get(f"/practices/{practice.id}/photos/{facade.id}/480.jpg").status_code == 404
    room_file = visitor.get(f"/practices/{practice.id}/photos/{room.id}/480.jpg")
    assert room_file.status_code == 200 and "public" in room_file.headers["Cache-Control"]
    own = client.get(f"/practices/{practice.id}/photos/{facade.id}/480.jpg")
    assert own.status_code == 200 and "no-store" in own.headers["Cache-Control"]
