"""Spreadsheets in the reader's language."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Flask
from flask_babel import force_locale

from matchmaker.services.csvfile import Table
from matchmaker.web.spreadsheets import spreadsheet

TABLE = Table(
    ("stage", "conversion", "invited_at", "day", "attended"),
    [("meeting", 0.5, datetime(2027, 3, 1, 8, 5, tzinfo=UTC), date(2027, 3, 1), True)],
    codes={"stage": "funnel"},
)


def test_dutch_has_words_comma_decimals_and_dutch_time(app: Flask) -> None:
    """0,5 with a comma; 08:05 UTC is 09:05 in Amsterdam in March; ja for True."""
    with app.test_request_context(), force_locale("nl"):
        text = spreadsheet(TABLE)
    assert text == (
        "\ufeffFase;Vanuit vorige fase;Uitgenodigd op;Dag;Aanwezig\r\n"
        "Gesprek;0,5;01-03-2027 09:05;01-03-2027;ja\r\n"
    )


def test_english_has_english_words_and_a_decimal_point(app: Flask) -> None:
    """The same table for an English reader."""
    with app.test_request_context(), force_locale("en"):
        text = spreadsheet(TABLE, TABLE)
    assert text.startswith("\ufeffStage;From previous stage;Invited on;Day;Came\r\n")
    assert "Meeting;0.5;01-03-2027 09:05;01-03-2027;yes\r\n" in text
    assert text.count("Stage;") == 2 and "\r\n\r\n" in text  # two blocks, a blank line between
