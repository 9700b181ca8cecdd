"""The shortage map, region pages and the side panel the map loads via htmx."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, request, url_for

from matchmaker.domain.shortage import SHORTAGE_REGION
from matchmaker.services import offers, practices, region_info
from matchmaker.services.geodata import geometry_tag, map_geometry
from matchmaker.web.helpers import conditional
from matchmaker.web.helpers import session as db_session

bp = Blueprint("regions", __name__)

GEOMETRY_MAX_AGE = 24 * 3600


@bp.get("/map")
def map_page() -> str:
    """Choropleth of all municipalities, with a table of the same data."""
    regions = region_info.all_regions(session=db_session())
    return render_template("regions/map.html", regions=regions.items, threshold=SHORTAGE_REGION)


@bp.get("/map/municipalities.geojson")
def geometry() -> Response:
    """Simplified municipal boundaries, served by the app itself (never a tile server)."""
    body = map_geometry()
    response = Response(body, mimetype="application/geo+json")
    response.cache_control.public = True
    response.cache_control.max_age = GEOMETRY_MAX_AGE
    return conditional(response, geometry_tag())


@bp.get("/map/practices.json")
def practice_points() -> Response:
    """Published practices as [lat, lon, id, title] for the map's markers."""
    points = practices.public_points(session=db_session())
    response = Response(points.body, mimetype="application/json")
    response.cache_control.public = True
    response.cache_control.no_cache = True  # may be stored, but asked again (ETag) each time
    return conditional(response, points.tag)


@bp.get("/regions")
def index() -> Response | str:
    """All municipalities by shortage score; ?code= jumps to one (the map's no-JS form)."""
    code = request.args.get("code", "")
    if code:
        return redirect(url_for("regions.detail", code=code))  # type: ignore[return-value]
    regions = region_info.all_regions(session=db_session())
    return render_template("regions/index.html", regions=regions.items, threshold=SHORTAGE_REGION)


@bp.get("/regions/<code>")
def detail(code: str) -> str:
    """Why settle here: the shortage breakdown, listings, offers and the recruiter (printable)."""
    region = region_info.region(session=db_session(), code=code)
    regional = offers.for_regions(session=db_session(), codes=[region.code])
    return render_template("regions/detail.html", region=region, offers=regional)


@bp.get("/methode")
def method() -> str:
    """How the shortage index is computed, its sources, and how it ranks named regions."""
    return render_template("regions/method.html", page=region_info.method(session=db_session()))


@bp.get("/regions/<code>/panel")
def panel(code: str) -> str:
    """The map's side panel for one municipality (htmx fragment)."""
    region = region_info.region(session=db_session(), code=code)
    return render_template("regions/_panel.html", region=region)
