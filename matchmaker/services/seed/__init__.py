"""Synthetic demo data: practices and households, clearly labelled as demo.

- ``logins``: the named demo logins and bulk synthetic accounts;
- ``population``: synthetic practices and households spread over the country;
- ``showcase``: what the named accounts show (listings, a profile, offers, requests);
- ``campaign``: a demo campaign with events and a funnel;
- ``demo``: seeding and removing it all.

Demo rows carry ``is_demo`` and a "(demo)" label; they never change a real figure.
"""

from __future__ import annotations

from matchmaker.services.seed.demo import SeedReport, reset_demo, seed_demo
from matchmaker.services.seed.logins import (
    ADMIN_EMAIL,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    HOLDER_EMAIL,
    RECRUITER_EMAIL,
    STARTER_EMAIL,
)
from matchmaker.services.seed.showcase import DEMO_OFFERS

__all__ = [
    "ADMIN_EMAIL",
    "DEMO_ACCOUNTS",
    "DEMO_OFFERS",
    "DEMO_PASSWORD",
    "HOLDER_EMAIL",
    "RECRUITER_EMAIL",
    "STARTER_EMAIL",
    "SeedReport",
    "reset_demo",
    "seed_demo",
]
