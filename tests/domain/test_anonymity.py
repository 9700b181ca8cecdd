"""Texts that give an anonymous practice away, word by word (issue 30, item 3)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from matchmaker.domain.anonymity import Identity, masked, name_words, naming_issues
from matchmaker.domain.errors import Code

ZILVERBERK = Identity(
    name="Praktijk Zilverberk",
    holder="Hendrika Zilverberk",
    street="Verborgenlaan 13",
    municipality="Borger-Odoorn",
)
PLACES = ("Borger-Odoorn", "Borger", "Exloo", "Emmen")


def _found(text: str) -> list[tuple[Code, str]]:
    return [(i.code, i.value) for i in naming_issues("description", text, ZILVERBERK, PLACES)]


def test_one_word_of_a_name_gives_it_away() -> None:
    """The finding: exact strings missed 'dokter Zilverberk' and 'aan de Verborgenlaan'."""
    assert _found("Dokter Zilverberk laat u de praktijk zien") == [
        (Code.NAMES_THE_PRACTICE, "zilverberk")
    ]
    assert _found("Hendrika ontvangt u graag") == [(Code.NAMES_THE_HOLDER, "hendrika")]
    assert _found("Verzamelen aan de Verborgenlaan") == [(Code.NAMES_A_STREET, "verborgenlaan")]
    assert _found("Midden in Exloo") == [(Code.NAMES_A_PLACE, "Exloo")]


def test_case_and_accents_do_not_hide_a_name() -> None:
    assert _found("ZILVERBÉRK") and _found("zilverberk's praktijk")


def test_what_is_public_or_common_is_no_finding() -> None:
    """The municipality is shown for anonymous listings; 'praktijk', 'de', 'dokter' name nobody;
    a word that only contains a name is another word."""
    assert _found("Een praktijk in Borger-Odoorn, bij de dokter") == []
    assert _found("Zilverberkenhout is een boom") == []
    assert name_words("Huisartsenpraktijk De Linde") == ["linde"]


def test_masking_takes_out_every_word() -> None:
    out = masked("Dokter Zilverbérk, Verborgenlaan", ZILVERBERK, "[praktijk]")
    assert out == "Dokter [praktijk], [praktijk]"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_masked_text_never_holds_a_name_word(text: str) -> None:
    """Whatever is written around it, no identifying word survives masking."""
    out = masked(f"{text} Zilverberk {text}", ZILVERBERK, "·")
    assert not _found_words(out)


def _found_words(text: str) -> list[str]:
    return [
        i.value for i in naming_issues("x", text, ZILVERBERK, ()) if i.code != Code.NAMES_A_PLACE
    ]
