"""Warnings a holder sees before saving a listing that gives itself away or does not add up."""

from __future__ import annotations

from matchmaker.domain.practice import listing_warnings

PLACES = ("Emmeloord", "Noordoostpolder", "Urk", "Den Haag")


def _codes(**overrides: object) -> list[str]:
    values: dict = {
        "anonymous": True,
        "name": "Huisartsenpraktijk De Linde",
        "description": "Een fijne praktijk met een vaste groep patiënten.",
        "patients": 2100,
        "fte": 1.0,
        "days_per_week": 4,
        "place_names": PLACES,
    } | overrides
    return [i.code for i in listing_warnings(**values)]


def test_a_plain_anonymous_listing_raises_nothing() -> None:
    assert _codes() == []


def test_an_anonymous_description_that_gives_the_practice_away() -> None:
    assert _codes(description="Midden in emmeloord, naast de bakker.") == ["names_a_place"]
    assert _codes(description="Gevestigd aan de Kampweg 12.") == ["names_a_street"]
    assert _codes(description="Praktijk De Linde zoekt een opvolger.") == ["names_the_practice"]
    assert _codes(description="Twee uur van Den Haag.") == ["names_a_place"]
    # Short names (Urk) are too common inside words to warn about; a named listing may name all.
    assert _codes(description="Vlakbij de Urkerweg? Nee.", place_names=("Urk",)) == [
        "names_a_street"
    ]
    assert _codes(anonymous=False, description="Midden in Emmeloord, Kampweg 12.") == []


def test_figures_that_do_not_add_up() -> None:
    assert _codes(patients=9000) == ["implausible_list"]  # 9,000 per FTE
    assert _codes(patients=300) == ["implausible_list"]
    assert _codes(fte=0.4, days_per_week=5, patients=900) == ["days_over_fte"]
    assert _codes(fte=2.0, days_per_week=5, patients=4000) == []
