"""Who uses the platform: the roles an account can have."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What an account may do."""

    HOLDER = "holder"
    CANDIDATE = "candidate"
    RECRUITER = "recruiter"
    ADMIN = "admin"
