"""Template globals and filters: labels for codes, Dutch number and date formats."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, request, url_for
from flask_babel import format_date, format_datetime, format_decimal, get_locale, get_translations
from flask_login import current_user

from matchmaker.db import read_only
from matchmaker.extensions import db
from matchmaker.services import inbox
from matchmaker.services.geodata import ATTRIBUTIONS, gazetteer
from matchmaker.services.practices import public_title
from matchmaker.web import forms
from matchmaker.web.labels import import_column, label, notification_text, row_error_text


def municipality_name(code: str | None) -> str:
    """The municipality's name for its CBS code (the code itself when unknown)."""
    muni = gazetteer().municipality(code or "")
    return muni.name if muni else (code or "—")


def euro(value: int | None) -> str:
    """Whole euros in the current locale, e.g. € 45.000."""
    return "—" if value is None else f"€\u00a0{format_decimal(value)}"


def number(value: float | int | None) -> str:
    """A number in the current locale."""
    return "—" if value is None else str(format_decimal(value))


def score_class(score: float | None) -> str:
    """CSS class of the choropleth bin a shortage score falls in."""
    if score is None:
        return "bin-unknown"
    return f"bin-{min(4, int(score // 20))}"


def month(value: date | None) -> str:
    """A date as month and year, e.g. maart 2027."""
    return "—" if value is None else str(format_date(value, "MMMM yyyy"))


def when(event: Any) -> str:
    """An event's day and hours, e.g. vrijdag 12 maart 2027, 10:00–16:00."""
    day = format_date(event.day, "EEEE d MMMM yyyy")
    return f"{day}, {event.starts:%H:%M}\u2013{event.ends:%H:%M}"


def stamp(moment: Any) -> str:
    """A moment as dd-mm-yyyy HH:MM in Amsterdam time."""
    return format_datetime(moment, "dd-MM-yyyy HH:mm") if moment else "—"


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for emails: always ``PUBLIC_URL``'s origin, never the request's Host."""
    public = urlsplit(current_app.config["PUBLIC_URL"])
    return f"{public.scheme}://{public.netloc}{url_for(endpoint, **values)}"


def _unread() -> int:
    """The bell's number for a logged-in user (0 for visitors)."""
    if not current_user.is_authenticated:
        return 0
    # A page rendered after a write request's commit reads here: as a reader, so the request
    # holds no write lock while it renders (SQLite) and work after it is never blocked.
    with read_only():
        return inbox.unread_count(session=db.session, user=current_user)


@lru_cache(maxsize=512)
def _digest(path: str, _mtime: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def static_version(folder: str, filename: str) -> str | None:
    """A short hash of a static file's content (None when it is not there): its URL changes
    when the file does, so a proxy may cache every static file for a year."""
    path = (Path(folder) / filename).resolve()
    if Path(folder).resolve() not in path.parents or not path.is_file():
        return None
    return _digest(str(path), path.stat().st_mtime_ns)


def _install_gettext(app: Flask) -> None:
    """Templates' ``_()`` and ``ngettext()`` find the catalogue once per language: Flask-Babel's
    own callables look it up again for every message (a fifth of a match page's time)."""
    # By the identity of the request's locale object (Flask-Babel keeps one per request, and
    # force_locale - emails in the reader's language - sets another): comparing two locales
    # by value costs more than the lookup it saves. Each entry holds its locale, so no other
    # object can take its id while it is here.
    recent: dict[int, tuple[Any, Any]] = {}

    def catalogue() -> Any:
        locale = get_locale()
        kept = recent.get(id(locale))
        if kept is not None and kept[0] is locale:
            return kept[1]
        found = get_translations()
        if locale is not None:
            if len(recent) >= 64:
                recent.clear()
            recent[id(locale)] = (locale, found)
        return found

    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: catalogue().ugettext(s),
        ngettext=lambda s, p, n: catalogue().ungettext(s, p, n),
        pgettext=lambda c, s: catalogue().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalogue().unpgettext(c, s, p, n),
        newstyle=True,
    )


def register(app: Flask) -> None:
    """Install the filters and globals on ``app``."""
    _install_gettext(app)

    @app.url_defaults
    def _versioned_static(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = static_version(app.static_folder or "static", str(values["filename"]))
            if version:
                values["v"] = version

    app.add_template_global(external_url)
    app.add_template_filter(label)
    app.add_template_filter(euro)
    app.add_template_filter(number)
    app.add_template_filter(month)
    app.add_template_filter(score_class)
    app.add_template_filter(when)
    app.add_template_filter(stamp)
    app.add_template_filter(public_title)
    app.add_template_filter(municipality_name)
    app.add_template_filter(notification_text)
    app.add_template_filter(row_error_text)
    app.add_template_filter(import_column)
    app.add_template_filter(lambda d: format_date(d, "d MMMM yyyy") if d else "—", "day")

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {
            "attributions": ATTRIBUTIONS,
            "current_language": str(get_locale() or "nl"),
            "languages": app.config["LANGUAGES"],
            "current_path": request.full_path.rstrip("?") if request else "/",
            "logout_form": forms.EmptyForm(formdata=None),  # never parse the body here
            "unread_notifications": _unread(),
            "operator": {
                "name": app.config["OPERATOR_NAME"],
                "email": app.config["OPERATOR_EMAIL"],
                "phone": app.config["OPERATOR_PHONE"],
                "address": app.config["OPERATOR_ADDRESS"],
            },
        }
