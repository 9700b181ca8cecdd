"""Every number the app stores is bounded to what its column holds, in forms, the API and
imports: too large a number is a clear message, never a 500 (issue 20, item 12)."""

from __future__ import annotations

import inspect
import typing

import pytest
from flask.testing import FlaskClient
from pydantic import BaseModel
from sqlmodel import Session
from wtforms import DecimalField, FloatField, IntegerField
from wtforms.validators import NumberRange

import matchmaker.schemas as schemas
from matchmaker.domain.bounds import INT32_MAX
from matchmaker.domain.roles import Role
from matchmaker.services import candidates
from matchmaker.web import forms
from tests.conftest import login, post_form
from tests.factories import create_user
from tests.web.test_profile import FORM

HUGE = "99999999999999999999999999"


def _form_classes() -> list[type]:
    return [
        cls
        for _, cls in inspect.getmembers(forms, inspect.isclass)
        if issubclass(cls, forms.Form) and cls.__module__ == forms.__name__
    ]


def test_every_number_field_of_every_form_has_an_upper_bound_a_column_holds() -> None:
    """A form's number field without a maximum lets a huge number reach the database."""
    unbounded = []
    for cls in _form_classes():
        for name, field in vars(cls).items():
            kind = getattr(field, "field_class", None)
            if kind not in (IntegerField, DecimalField, FloatField):
                continue
            validators = field.kwargs.get("validators", [])
            ranges = [v for v in validators if isinstance(v, NumberRange)]
            if not ranges or any(r.max is None or r.max > INT32_MAX for r in ranges):
                unbounded.append(f"{cls.__name__}.{name}")
    assert unbounded == []


INPUT_SUFFIXES = ("Input", "Create", "Update", "Base", "Query")


def _input_models() -> list[type[BaseModel]]:
    """Every model that takes input: forms, the API's queries and bodies, imports."""
    modules = [schemas] + [
        __import__(f"matchmaker.models.{name}", fromlist=["x"])
        for name in ("campaign", "candidate", "offer", "practice", "user", "conversation")
    ]
    return list(
        dict.fromkeys(
            cls
            for module in modules
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, BaseModel) and cls.__name__.endswith(INPUT_SUFFIXES)
        )
    )


def _int_metadata(annotation: object, metadata: list[object]) -> list[object] | None:
    """The constraints on a whole number field (or on a list's items); None for others."""
    args = typing.get_args(annotation) or (annotation,)
    if int in args:
        return metadata
    for arg in args:
        if typing.get_origin(arg) is list or typing.get_origin(annotation) is list:
            (item,) = typing.get_args(arg if typing.get_origin(arg) is list else annotation)
            if typing.get_origin(item) is typing.Annotated:
                return list(getattr(item, "__metadata__", ()))
            if item is int:
                return []
    return None


def test_every_whole_number_people_enter_has_an_upper_bound() -> None:
    """Input models (forms, API and imports go through them) bound each whole number."""
    unbounded = []
    for cls in _input_models():
        if getattr(cls, "model_config", {}).get("table"):
            continue  # table rows are written by services from validated input
        for name, info in cls.model_fields.items():
            metadata = _int_metadata(info.annotation, info.metadata)
            if metadata is None:
                continue
            highs = [getattr(m, "le", None) or getattr(m, "lt", None) for m in metadata]
            if not any(h is not None and h <= INT32_MAX for h in highs):
                unbounded.append(f"{cls.__name__}.{name}")
    assert unbounded == []


def test_a_huge_page_number_is_a_clear_error(client: FlaskClient) -> None:
    """/api/v1/practices?page=10**18 overflowed SQLite's integer: now a validation error."""
    response = client.get("/api/v1/practices?page=1000000000000000000")
    assert response.status_code in (400, 422)
    assert response.is_json


@pytest.mark.parametrize("field", ["goodwill_budget", "housing_budget"])
def test_huge_budgets_are_a_field_error_and_nothing_is_stored(
    client: FlaskClient, session: Session, field: str
) -> None:
    """A budget beyond any column's range is refused on the form, in Dutch."""
    user = create_user(session, Role.CANDIDATE)
    login(client, user.email)
    response = post_form(client, "/profile/edit", {**FORM, field: HUGE})
    assert response.status_code == 200
    assert "Nummer moet tussen 0 en 100000000 liggen." in response.get_data(as_text=True)
    assert candidates.get_profile(session=session, user=user) is None
