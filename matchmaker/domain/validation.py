"""How the index's two dimensions rank the places that published reports name.

Each group is a set of municipalities one or more public sources name for one kind of GP
shortage. The check: the group's mean percentile rank in the dimension that kind belongs to.
A formula change that ranks named recruitment regions lower on recruitment, or named
patient-stop regions lower on access, shows here, and a test pins the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matchmaker.domain.shortage import Dimension, RegionShortage, ranks


@dataclass(frozen=True, slots=True)
class Source:
    """A published report or article, cited on /methode."""

    title: str
    publisher: str
    date: str  # as published, YYYY-MM
    url: str


@dataclass(frozen=True, slots=True)
class NamedGroup:
    """Municipalities a source names for one kind of shortage."""

    key: str
    name: str
    dimension: Dimension  # the kind of shortage the sources describe
    codes: tuple[str, ...]
    sources: tuple[Source, ...]


REKENKAMER = Source(
    "Focus op huisartsenzorg (patiëntenstops bij ten minste driekwart van de praktijken in"
    " Haaglanden, Zuid-Holland-Zuid, Gooi en Vechtstreek en Amersfoort e.o.)",
    "Algemene Rekenkamer; zoals gemeld door Skipr en Praktijkmanagersnetwerk",
    "2025-04",
    "https://www.skipr.nl/nieuws/bijna-miljoen-nederlanders-zoeken-andere-huisarts/",
)
NZA = Source(
    "Wachtlijst voor huisarts het grootst in deze gemeente (NZa-cijfers van zorgverzekeraars:"
    " Enschede, Leeuwarden, Hendrik-Ido-Ambacht)",
    "Skipr, op basis van de Nederlandse Zorgautoriteit",
    "2024-11",
    "https://www.skipr.nl/nieuws/wachtlijst-voor-huisarts-het-grootst-in-deze-gemeente/",
)
NIEUWSUUR = Source(
    "Huisartsentekort op het platteland: in Zeeland is het tekort het grootst; ook"
    " Noord-Holland-Noord, Drenthe, Groningen, de Achterhoek en Zuid-Limburg",
    "NOS Nieuwsuur",
    "2019-04",
    "https://nos.nl/nieuwsuur/artikel/2279141-de-huisarts-bezwijkt-ik-was-meer-manager-dan-dokter.html",
)
STENTOR_ACHTERHOEK = Source(
    "Geen paniek ondanks groeiende druk op huisartsen in de Achterhoek (10% minder huisartsen"
    " in 2023, bijna 20% in 2028)",
    "De Stentor",
    "2020-02",
    "https://www.destentor.nl/achterhoek/geen-paniek-ondanks-groeiende-druk-op-huisartsen-in-de-achterhoek~ac76529d/",
)
NH_NIEUWS = Source(
    "Noord-Hollanders moeten steeds verder reizen om naar de huisarts te gaan (Nivel-prognose:"
    " in de Noordkop tot 40% tekort in 2028)",
    "NH Nieuws",
    "2023-01",
    "https://www.nhnieuws.nl/nieuws/313348/noord-hollanders-moeten-steeds-verder-reizen-om-naar-de-huisarts-te-gaan",
)
POLDERDOKTER = Source(
    "Polderdokter.nl: gemeente, huisartsen, UMCG en Zilveren Kruis werven jonge huisartsen"
    " voor de Noordoostpolder",
    "Polderdokter.nl / gemeente Noordoostpolder",
    "2024-01",
    "https://polderdokter.nl/polderdokter-speech-nieuwe-jaar-burgemeester-roger-de-groot/",
)
GRONINGEN = Source(
    "Genoeg huisartsen, toch een tekort: huisartsen concentreren zich rond opleidingssteden;"
    " Veenkoloniën en Winschoten zoeken hulp van ver",
    "Nieuwsblad van het Noorden",
    "2024-12",
    "https://ms-newssite-react.pages.dev/groningen/Genoeg-huisartsen-toch-een-tekort-43202567.html",
)

GROUPS: tuple[NamedGroup, ...] = (
    NamedGroup(
        "zeeland",
        "Zeeland",
        Dimension.RECRUITMENT,
        (
            "GM0654",
            "GM0664",
            "GM0677",
            "GM0678",
            "GM0687",
            "GM0703",
            "GM0715",
            "GM0716",
            "GM0717",
            "GM0718",
            "GM1676",
            "GM1695",
            "GM1714",
        ),
        (NIEUWSUUR,),
    ),
    NamedGroup(
        "achterhoek",
        "Achterhoek",
        Dimension.RECRUITMENT,
        ("GM0197", "GM1859", "GM1876", "GM0222", "GM1955", "GM1586", "GM1509", "GM0294"),
        (STENTOR_ACHTERHOEK, NIEUWSUUR),
    ),
    NamedGroup(
        "kop_nh",
        "Kop van Noord-Holland",
        Dimension.RECRUITMENT,
        ("GM0400", "GM1911", "GM0441", "GM0448"),
        (NH_NIEUWS,),
    ),
    NamedGroup(
        "oost_groningen",
        "Oost-Groningen",
        Dimension.RECRUITMENT,
        ("GM1895", "GM0765", "GM0047", "GM1950", "GM0037"),
        (GRONINGEN, NIEUWSUUR),
    ),
    NamedGroup(
        "noordoostpolder",
        "Noordoostpolder",
        Dimension.RECRUITMENT,
        ("GM0171",),
        (POLDERDOKTER,),
    ),
    NamedGroup(
        "haaglanden",
        "Haaglanden",
        Dimension.ACCESS,
        (
            "GM0518",
            "GM0503",
            "GM1916",
            "GM1842",
            "GM1926",
            "GM0603",
            "GM0629",
            "GM1783",
            "GM0637",
        ),
        (REKENKAMER,),
    ),
    NamedGroup(
        "zhz",
        "Zuid-Holland-Zuid",
        Dimension.ACCESS,
        (
            "GM0482",
            "GM0505",
            "GM0512",
            "GM0523",
            "GM0531",
            "GM1963",
            "GM1978",
            "GM0590",
            "GM0610",
            "GM0642",
        ),
        (REKENKAMER,),
    ),
    NamedGroup(
        "gooi",
        "Gooi en Vechtstreek",
        Dimension.ACCESS,
        ("GM0376", "GM0317", "GM1942", "GM0402", "GM0406", "GM0417", "GM1696"),
        (REKENKAMER,),
    ),
    NamedGroup(
        "amersfoort",
        "Amersfoort en omgeving",
        Dimension.ACCESS,
        ("GM0307", "GM0308", "GM0313", "GM0327", "GM0342", "GM0351"),
        (REKENKAMER,),
    ),
    NamedGroup(
        "nza_waiting",
        "Langste wachtlijsten (Enschede, Leeuwarden, Hendrik-Ido-Ambacht)",
        Dimension.ACCESS,
        ("GM0153", "GM0080", "GM0531"),
        (NZA,),
    ),
)


@dataclass(frozen=True, slots=True)
class Row:
    """One group's mean percentile rank (0–100) in each dimension."""

    group: NamedGroup
    rank: Mapping[Dimension, float | None]

    @property
    def agrees(self) -> bool:
        """Whether the group ranks higher in its own dimension than in the other one."""
        own = self.rank[self.group.dimension]
        other = [v for d, v in self.rank.items() if d != self.group.dimension and v is not None]
        return own is not None and all(own > v for v in other)


def table(index: Mapping[str, RegionShortage], groups: Sequence[NamedGroup] = GROUPS) -> list[Row]:
    """The validation table: every named group's mean percentile rank per dimension."""
    codes = list(index)
    percentile = {
        d: dict(zip(codes, ranks([index[c].scores.get(d) for c in codes]), strict=True))
        for d in Dimension
    }
    rows = []
    for group in groups:
        means: dict[Dimension, float | None] = {}
        for d in Dimension:
            known = [v for c in group.codes if (v := percentile[d].get(c)) is not None]
            means[d] = round(100.0 * sum(known) / len(known), 1) if known else None
        rows.append(Row(group, means))
    return rows
