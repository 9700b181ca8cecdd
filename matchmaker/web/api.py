"""JSON API v1, documented by an OpenAPI spec generated from the typed models."""

from __future__ import annotations

from flask import Blueprint
from flask_login import current_user, login_required
from spectree import Response as Resp

from matchmaker.extensions import api_spec
from matchmaker.schemas import (
    ApiError,
    Health,
    MatchList,
    MatchQuery,
    Me,
    PageQuery,
    PracticePage,
    RegionDetail,
    RegionList,
)
from matchmaker.services import health, me, practices, region_info
from matchmaker.web.helpers import session as db_session
from matchmaker.web.matches import my_matches
from matchmaker.web.presenters import match_list

bp = Blueprint("api", __name__)


@bp.get("/healthz")
@api_spec.validate(resp=Resp(HTTP_200=Health, HTTP_503=Health), tags=["health"])
def healthz() -> tuple[Health, int]:
    """Liveness with a real database round trip."""
    ok = health.database_ok(session=db_session())
    body = Health(status="ok" if ok else "degraded", database="ok" if ok else "error")
    return body, 200 if ok else 503


@bp.get("/api/v1/practices")
@api_spec.validate(resp=Resp(HTTP_200=PracticePage), tags=["practices"])
def list_practices(query: PageQuery) -> PracticePage:
    """Published practices, public fields only, soonest handover first."""
    page = practices.search_public(
        session=db_session(),
        filters=practices.PracticeFilters(),
        page=query.page,
        per_page=query.per_page,
    )
    return PracticePage(items=page.items, total=page.total, page=page.page, per_page=page.per_page)


@bp.get("/api/v1/me")
@login_required
@api_spec.validate(resp=Resp(HTTP_200=Me, HTTP_401=ApiError), tags=["account"])
def whoami() -> Me:
    """The logged-in account (401 when anonymous)."""
    return me.describe(session=db_session(), user=current_user)


@bp.get("/api/v1/me/matches")
@login_required
@api_spec.validate(resp=Resp(HTTP_200=MatchList, HTTP_401=ApiError), tags=["matching"])
def my_match_list(query: MatchQuery) -> MatchList:
    """Ranked matches: practices for candidates, candidates for holders; best first."""
    return match_list(my_matches(limit=query.limit))


@bp.get("/api/v1/regions")
@api_spec.validate(resp=Resp(HTTP_200=RegionList), tags=["regions"])
def list_regions() -> RegionList:
    """Every municipality with its shortage score and components, highest first."""
    return region_info.all_regions(session=db_session())


@bp.get("/api/v1/regions/<code>")
@api_spec.validate(resp=Resp(HTTP_200=RegionDetail, HTTP_404=ApiError), tags=["regions"])
def get_region(code: str) -> RegionDetail:
    """One municipality: score breakdown, indicators, listings and recruiters."""
    return region_info.region(session=db_session(), code=code)
