"""Shared view helpers: page-or-fragment rendering, access rules, form errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, current_app, g, render_template, request
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlmodel import Session
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from matchmaker.domain.bounds import parse_int, safe_local_path
from matchmaker.domain.errors import Code, DomainError, Issue
from matchmaker.domain.practice import PracticeForm
from matchmaker.extensions import db, htmx
from matchmaker.services import audit, storage
from matchmaker.services.geodata import gazetteer
from matchmaker.services.practices import PracticeFilters
from matchmaker.web.labels import FORM_LABELS, issue_text

F = TypeVar("F", bound=Callable[..., Any])
FILTER_YEARS_AHEAD = 8


def signing_secret() -> str:
    """The key that signs links in emails (activation, confirmation, password reset)."""
    return str(current_app.config["SECRET_KEY"])


def session() -> Session:
    """The request's database session."""
    return db.session


def render(page: str, fragment: str | None = None, /, **context: Any) -> str:
    """Render the fragment alone for htmx swaps, the full page otherwise.

    htmx 2 also sends ``HX-Request`` when it restores history after "back"; that request
    needs the whole page, or the browser shows a bare fragment. The answer depends on the
    header, so caches are told (``Vary: HX-Request``, added after the request).
    """
    if fragment is None:
        return render_template(page, **context)
    g.varies_on_htmx = True
    if htmx and not htmx.boosted and not htmx.history_restore_request:
        return render_template(fragment, **context)
    return render_template(page, **context)


def add_vary_header(response: Response) -> Response:
    """After a page whose answer depends on ``HX-Request``: say so to caches."""
    if g.get("varies_on_htmx"):
        response.vary.add("HX-Request")
    return response


def role_required(*roles: str) -> Callable[[F], F]:
    """Require login and one of ``roles`` (403 otherwise)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return cast(F, login_required(wrapped))

    return decorator


def form_values(form: FlaskForm, *, blank_is_none: tuple[str, ...] = ()) -> dict[str, Any]:
    """The form's data without the CSRF token; listed text fields turn '' into None."""
    data = {name: field.data for name, field in form._fields.items() if name != "csrf_token"}
    for name in blank_is_none:
        data[name] = data[name] or None
    return data


def redirect_target(target: str | None, default: str) -> str:
    """``target`` when it is a path on this site, else ``default``: the one check for ``next``."""
    return safe_local_path(target) or default


def form_ids(name: str) -> list[int]:
    """The valid ids among the request form's repeated ``name`` fields."""
    return [i for i in (parse_int(v) for v in request.form.getlist(name)) if i is not None]


def _year(args: MultiDict[str, str], name: str) -> int | None:
    return parse_int(args.get(name, ""), lo=2000, hi=2100)


def practice_filters(args: MultiDict[str, str]) -> PracticeFilters:
    """Read practice filters from a query string, ignoring values that make no sense."""
    year_from, year_until = _year(args, "from"), _year(args, "until")
    form = args.get("form", "")
    return PracticeFilters(
        province=args.get("province") or None,
        gemeentecode=args.get("gemeente") or None,
        form=form if form in set(PracticeForm) else None,
        dispensing={"yes": True, "no": False}.get(args.get("dispensing", "")),
        window_from=date(year_from, 1, 1) if year_from else None,
        window_until=date(year_until, 12, 31) if year_until else None,
        shortage_only=args.get("shortage") == "1",
    )


def filter_options() -> dict[str, Any]:
    """(value, label) choices for the province, municipality, form and year filters."""
    gaz = gazetteer()
    this_year = date.today().year
    years = range(this_year, this_year + FILTER_YEARS_AHEAD + 1)
    return {
        "province_options": [(p, p) for p in gaz.provinces()],
        "municipality_options": [
            (m.code, m.name) for m in sorted(gaz.municipalities.values(), key=lambda m: m.name)
        ],
        "form_options": [(str(code), label) for code, label in FORM_LABELS.items()],
        "year_options": [(y, y) for y in years],
    }


def uploaded(field: str, limit: int, missing: str) -> storage.Upload:
    """The file sent in ``field``, read to one byte past ``limit`` so the service can refuse
    what is too large; a ``DomainError`` on the field (``missing``) when none was chosen."""
    sent = request.files.get(field)
    if sent is None or not sent.filename:
        raise DomainError([Issue(field, Code.REQUIRED, missing)])
    return storage.Upload(sent.filename, sent.read(limit + 1))


def issue_message(error: DomainError) -> str:
    """The translated message of a domain error's first issue, for a flash or a fragment."""
    issue = error.issues[0]
    return issue_text(issue)


def apply_issues(form: FlaskForm, error: DomainError) -> None:
    """Attach a domain error's issues to the matching form fields."""
    for issue in error.issues:
        message = issue_text(issue)
        field = getattr(form, issue.field, None)
        if field is None:
            form.form_errors.append(str(message))
        else:
            field.errors = [*field.errors, str(message)]


R = TypeVar("R", bound=Response)


def conditional(response: R, tag: str) -> R:
    """Tag ``response`` (ETag) and answer 304 Not Modified when the browser has it already."""
    response.set_etag(tag)
    response.make_conditional(request)  # turns it into a 304 in place when the tag matches
    return response


def csv_response(body: str, name: str, *, personal: bool = True) -> Response:
    """A CSV download; one with personal data is recorded in the audit log."""
    if personal:
        audit.record(
            session=session(), actor=current_user, action=audit.Action.EXPORT_CSV, detail=name
        )
    response = Response(body, mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
