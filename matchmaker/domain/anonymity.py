"""Whether a text gives away an anonymous practice: its name, its holder, its street, its place.

Checked word by word, not as whole strings: "Praktijk Zilverberk" is given away by
"Zilverberk" alone, "Hendrika Zilverberk" by "dokter Zilverberk", "Verborgenlaan 13" by
"aan de Verborgenlaan". Accents and case do not matter ("Zilverbérk", "ZILVERBERK"). The same
words are what ``services.disclosure`` takes out of recruiters' texts for people without
consent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from matchmaker.domain.errors import Code, Issue

# Words of a practice's or a person's name that identify nobody.
COMMON_WORDS = frozenset(
    """
    huisarts huisartsen huisartsenpraktijk huisartspraktijk praktijk groepspraktijk
    duopraktijk gezondheidscentrum medisch centrum dokter dokters dr drs mr mw dhr mevrouw
    meneer de het een van der den en te ter aan op in bij voor the of and
    """.split()
)
MIN_NAME_WORD = 3  # "Vos" identifies a holder; two letters are initials or noise
MIN_PLACE = 4  # place names of three letters ("Ee", "Oss"…) are ordinary words too often
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def folded(text: str) -> str:
    """Lower case without accents: the form texts and names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_words(name: str | None) -> list[str]:
    """The words of a name that identify someone (folded, common words left out)."""
    words = _WORD.findall(folded(name or ""))
    return [w for w in words if len(w) >= MIN_NAME_WORD and w not in COMMON_WORDS]


def _found(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text) is not None


@dataclass(frozen=True)
class Identity:
    """What identifies an anonymous practice (as stored), and the place names to look for."""

    name: str
    holder: str = ""
    street: str | None = None
    municipality: str = ""  # public for an anonymous listing: never a finding

    def words(self) -> list[tuple[Code, str]]:
        """Each identifying word with what it gives away, longest first."""
        out = [(Code.NAMES_THE_PRACTICE, w) for w in name_words(self.name)]
        out += [(Code.NAMES_THE_HOLDER, w) for w in name_words(self.holder)]
        out += [(Code.NAMES_A_STREET, w) for w in name_words(self.street)]
        public = set(name_words(self.municipality))
        first: dict[str, Code] = {}
        for code, word in out:  # a word in both names counts as the practice's
            if word not in public:
                first.setdefault(word, code)
        return sorted(((c, w) for w, c in first.items()), key=lambda cw: (-len(cw[1]), cw[1]))


def naming_issues(
    field: str, text: str, identity: Identity, place_names: Iterable[str]
) -> list[Issue]:
    """What in ``text`` (the field ``field``) gives the practice away: one issue per kind,
    naming the first word found."""
    if not text.strip():
        return []
    municipality = folded(identity.municipality)
    # The municipality is public: "Borger" inside "Borger-Odoorn" gives nothing away.
    body = folded(text).replace(municipality, " ") if municipality else folded(text)
    issues: dict[Code, Issue] = {}
    for code, word in identity.words():
        if code not in issues and _found(body, word):
            issues[code] = Issue(field, code, "gives an anonymous practice away", word)
    for place in place_names:
        name = folded(place)
        if len(name) >= MIN_PLACE and name != municipality and _found(body, name):
            issues.setdefault(Code.NAMES_A_PLACE, Issue(field, Code.NAMES_A_PLACE, "", place))
            break
    return list(issues.values())


def masked(text: str, identity: Identity, replacement: str) -> str:
    """``text`` with every identifying word (any case, any accents) replaced."""
    out = text
    for _code, word in identity.words():
        pattern = "".join(_loose(c) for c in word)
        out = re.sub(rf"(?<![\w]){pattern}(?![\w])", replacement, out, flags=re.IGNORECASE)
    return out


def _loose(char: str) -> str:
    """A pattern for ``char`` that also matches it with an accent."""
    return f"[{char}{_ACCENTED[char]}]" if char in _ACCENTED else re.escape(char)


_ACCENTED = {
    "a": "àáâãäå",
    "c": "ç",
    "e": "èéêë",
    "i": "ìíîï",
    "n": "ñ",
    "o": "òóôõö",
    "u": "ùúûü",
    "y": "ýÿ",
}
