"""Shared view helpers: page-or-fragment rendering, access rules, form errors."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlmodel import Session

from matchmaker.domain.errors import DomainError
from matchmaker.extensions import db, htmx

F = TypeVar("F", bound=Callable[..., Any])

# Readable, translated messages for the domain's issue codes.
ISSUE_MESSAGES = {
    "malformed": _l("Enter a Dutch postcode, for example 8302 or 8302 AB."),
    "unknown": _l("We do not know this postcode."),
    "before_start": _l("This date lies before the start date."),
    "too_wide": _l("A window of more than 10 years is not realistic."),
    "half_range": _l("Give both ends of the range, or leave both empty."),
    "inverted": _l("The maximum is lower than the minimum."),
    "out_of_range": _l("This number is out of range."),
    "taken": _l("An account with this email address already exists."),
    "wrong": _l("Your current password is not correct."),
    "no_area": _l("Give a maximum distance or choose at least one region."),
    "self": _l("You cannot invite yourself."),
    "has_partner": _l("One of you already has a duo partner."),
    "missing": _l("Save your own profile first."),
}


def session() -> Session:
    """The request's database session."""
    return db.session


def render(page: str, fragment: str | None = None, /, **context: Any) -> str:
    """Render the fragment alone for htmx requests, the full page otherwise."""
    if fragment is not None and htmx and not htmx.boosted:
        return render_template(fragment, **context)
    return render_template(page, **context)


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


def apply_issues(form: FlaskForm, error: DomainError) -> None:
    """Attach a domain error's issues to the matching form fields."""
    for issue in error.issues:
        message = ISSUE_MESSAGES.get(issue.code, issue.message)
        field = getattr(form, issue.field, None)
        if field is None:
            form.form_errors.append(str(message))
        else:
            field.errors = [*field.errors, str(message)]
