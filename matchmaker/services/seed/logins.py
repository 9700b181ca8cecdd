"""Demo accounts: the named ones people log in with, and synthetic ones in bulk."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from matchmaker.domain.roles import Role
from matchmaker.models import (
    User,
)
from matchmaker.models._common import utcnow
from matchmaker.services import accounts

DEMO_PASSWORD = "demo-password"


HOLDER_EMAIL = "huisarts@demo.example"


STARTER_EMAIL = "starter@demo.example"


RECRUITER_EMAIL = "recruiter@demo.example"


ADMIN_EMAIL = "admin@demo.example"


DEMO_ACCOUNTS = (HOLDER_EMAIL, STARTER_EMAIL, RECRUITER_EMAIL, ADMIN_EMAIL)


DEMO_SUFFIX = " (demo)"


NOORDOOSTPOLDER = "GM0171"


def bulk_users(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    stmt = insert(User).returning(col(User.id), sort_by_parameter_order=True)
    return list(session.scalars(stmt, rows))


def next_index(session: Session, prefix: str) -> int:
    stmt = select(User.id).where(col(User.email).startswith(prefix))
    return len(session.exec(stmt).all())


def ensure_account(session: Session, email: str, name: str, role: Role, pw: str) -> User:
    user = accounts.find_user(session=session, email=email)
    if user is None:
        user = User(
            email=email,
            display_name=name,
            role=role,
            password_hash=pw,
            is_demo=True,
            email_verified_at=utcnow(),
        )
    user.password_hash, user.role, user.is_active, user.is_demo = pw, role, True, True
    session.add(user)
    session.flush()
    return user
