"""Turn service results into the typed shapes the API and the pages share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _

from matchmaker.schemas import (
    IncentiveLineOut,
    IncentivesOut,
    MatchItem,
    MatchList,
    MatchPractice,
    MatchReason,
)
from matchmaker.services.matching import MatchPage, RankedItem
from matchmaker.services.practices import public_title
from matchmaker.web.labels import label
from matchmaker.web.reasons import RULES, text
from matchmaker.web.templating import month


def match_item(
    item: RankedItem, language: str | None = None, practice: MatchPractice | None = None
) -> MatchItem:
    """One match with translated reasons (in ``language``, default the request's);
    ``practice``: the listing as the API shows it, when the caller made it already."""
    m = item.match
    return MatchItem(
        practice=practice or MatchPractice.model_validate(item.practice.model_dump()),
        candidate=item.candidate,
        score=m.score,
        score_basis=m.score_basis,  # type: ignore[arg-type]
        components=m.values,
        component_status=m.status,  # type: ignore[arg-type]
        distance_km=m.distance_km,
        distance_band=m.distance_band,
        introduction=item.introduction,
        incentives=_incentives(item),
        saved=item.saved,
        interested=item.interested,
        reasons=[
            MatchReason(
                key=r.key,
                component=r.component,
                tone=r.tone,  # type: ignore[arg-type]
                text=text(r, for_holder=item.candidate is not None, language=language),
            )
            for r in m.reasons
        ],
    )


def _incentives(item: RankedItem) -> IncentivesOut | None:
    if item.incentives is None or not item.incentives.lines:
        return None
    return IncentivesOut(
        total=item.incentives.total,
        lines=[
            IncentiveLineOut(
                title=line.title,
                kind=line.kind,
                applies=line.applies,
                amount=line.counted,
                rule=str(RULES[line.rule]),
                in_kind=line.in_kind,
                quantity=line.quantity,
            )
            for line in item.incentives.lines
        ],
    )


def match_list(page: MatchPage) -> MatchList:
    """All matches of a page."""
    language = str(get_locale())
    shown: dict[int, MatchPractice] = {}  # a holder's page shows one listing many times
    for item in page.items:
        if id(item.practice) not in shown:
            shown[id(item.practice)] = MatchPractice.model_validate(item.practice.model_dump())
    items = [match_item(i, language, shown[id(i.practice)]) for i in page.items]
    return MatchList(items=items, weights=page.weights)


@dataclass(frozen=True)
class RankRow:
    """One line of a ranking form: what it is, how it is called, and its position."""

    id: int
    name: str
    detail: str
    position: int | None


def practice_rows(items: list[tuple[Any, int | None]]) -> list[RankRow]:
    """A candidate's ranking of practices: public title and handover month."""
    return [RankRow(p.id, public_title(p), month(p.handover_from), pos) for p, pos in items]


def candidate_rows(items: list[tuple[Any, int | None]]) -> list[RankRow]:
    """A holder's ranking of candidates: anonymous, as before an introduction."""
    return [
        RankRow(
            c.id,
            f"{label(c.stage, 'stage')}, {c.province} (K-{c.id})",
            _("duo") if c.duo_partner_id else "",
            pos,
        )
        for c, pos in items
    ]
