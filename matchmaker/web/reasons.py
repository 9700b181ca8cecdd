"""Words for the domain's match reasons, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.numbers import format_decimal
from flask_babel import force_locale, get_locale, get_translations
from flask_babel import lazy_gettext as _l

from matchmaker.domain.explain import Reason
from matchmaker.web.labels import SECTOR_LABELS

TEXTS = {
    "distance": _l("%(km)s km from home"),
    "distance_duo": _l("%(km)s km from the farther of your two homes"),
    "praktijkwoning": _l("Practice house (praktijkwoning) available"),
    "dispensing_not_wanted": _l("Dispensing practice, which you would rather not have"),
    "goodwill_none": _l("No goodwill asked"),
    "goodwill_over_budget": _l("Goodwill from € %(amount)s, above your budget of € %(budget)s"),
    "list_large": _l("Large list: %(ratio)s× the normpraktijk per FTE"),
    "timing_overlap": _l("Handover fits your start window"),
    "timing_gap": _l("Handover about %(months)s months outside your start window"),
    "timing_unknown": _l("No start window given"),
    "house_value": _l("Average house value € %(woz)s against your budget of € %(budget)s"),
    "rental_share": _l("%(pct)s%% of homes here are rented outside social housing"),
    "housing_unknown": _l("No housing data for this municipality"),
    "partner_labour": _l(
        "Partner in %(sector)s: %(n)s businesses of that sector within %(km)s km,"
        " %(times)s× the national share"
    ),
    "partner_labour_all": _l("Partner: %(n)s businesses within %(km)s km"),
    "childcare_near": _l("Childcare on average %(km)s km away"),
    "school_near": _l("Primary school on average %(km)s km away"),
    "childcare_unknown": _l("No childcare or school data for this municipality"),
    "shortage_high": _l("Region with a shortage of GPs"),
}


def N_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - marks strings for pybabel
    """Mark a singular/plural pair for extraction; translated when the count is known."""
    return singular, plural


# Reasons with a count: singular and plural, chosen with ngettext ("1 vacature", "2 vacatures").
PLURAL_TEXTS = {
    "housing_offers": N_(
        "The region offers %(n)s home for doctors", "The region offers %(n)s homes for doctors"
    ),
    "job_leads": N_(
        "Partner in %(sector)s: %(n)s job lead from the region",
        "Partner in %(sector)s: %(n)s job leads from the region",
    ),
    "childcare_places": N_(
        "%(n)s childcare place offered to doctors' families",
        "%(n)s childcare places offered to doctors' families",
    ),
}

# The same reasons as a holder reads them: about the candidate, not "you".
HOLDER_TEXTS = {
    "distance": _l("%(km)s km from the candidate's home"),
    "distance_duo": _l("%(km)s km from the farther home of the duo"),
    "dispensing_not_wanted": _l("The candidate would rather not run a dispensing practice"),
    "goodwill_over_budget": _l(
        "Goodwill from € %(amount)s, above the candidate's budget of € %(budget)s"
    ),
    "timing_overlap": _l("Handover fits the candidate's start window"),
    "timing_gap": _l("Handover about %(months)s months outside the candidate's start window"),
    "timing_unknown": _l("The candidate gave no start window"),
    "house_value": _l(
        "Average house value € %(woz)s against the household's budget of € %(budget)s"
    ),
}
# Why an incentive does or does not count for a household.
RULES = {
    "everyone": _l("for every GP who settles here"),
    "takeover": _l("for taking over a practice"),
    "needs_housing": _l("you are looking for a home"),
    "no_housing_need": _l("not counted: you need no home"),
    "young_children": _l("you have children under 4"),
    "no_young_children": _l("not counted: no children under 4"),
    "moving_here": _l("you move to the region"),
    "already_here": _l("not counted: you already live here"),
}
COMPONENT_LABELS = {
    "location": _l("Location"),
    "housing": _l("Housing"),
    "partner_work": _l("Partner's work"),
    "childcare": _l("Childcare and school"),
    "practice_fit": _l("Practice fit"),
    "timing": _l("Timing"),
    "shortage": _l("Regional shortage"),
}


def component_labels() -> dict[str, str]:
    """The components' names in the request's language, translated once per language."""
    return _words(str(get_locale())).components


@dataclass(frozen=True)
class _Words:
    """Every reason template and sector name, translated once per language."""

    locale: Locale
    texts: dict[str, str]
    holder_texts: dict[str, str]
    sectors: dict[str, str]
    any_sector: str
    translations: Any  # babel Translations of the language, for plural forms
    components: dict[str, str]


@lru_cache(maxsize=8)
def _words(language: str) -> _Words:
    with force_locale(language):
        return _Words(
            Locale.parse(language),
            {k: str(v) for k, v in TEXTS.items()},
            {k: str(v) for k, v in HOLDER_TEXTS.items()},
            {str(k): str(v).lower() for k, v in SECTOR_LABELS.items()},
            str(_l("any sector")),
            get_translations(),
            {k: str(v) for k, v in COMPONENT_LABELS.items()},
        )


@lru_cache(maxsize=8192)
def _decimal(value: float, locale: Locale) -> str:
    """A number as the reader writes it; cached, since Babel's formatting is the slowest step
    of explaining a match and the same figures come back on every page of matches."""
    return str(format_decimal(value, locale=locale))


def _param(words: _Words, name: str, value: Any) -> Any:
    if name == "sector":
        return words.sectors.get(value, words.any_sector) if value else words.any_sector
    if isinstance(value, int | float) and name != "pct":
        return _decimal(value, words.locale)
    return value


def text(reason: Reason, *, for_holder: bool = False, language: str | None = None) -> str:
    """The reason as a sentence in the reader's language (default: the request's), worded
    for its reader. Templates are translated once per language, not once per sentence."""
    words = _words(language or str(get_locale()))
    params = {k: _param(words, k, v) for k, v in reason.params.items()}
    template = words.holder_texts.get(reason.key) if for_holder else None
    if template is None and reason.key in PLURAL_TEXTS:
        singular, plural = PLURAL_TEXTS[reason.key]
        template = words.translations.ngettext(singular, plural, int(reason.params.get("n", 0)))
    return (template or words.texts[reason.key]) % params
