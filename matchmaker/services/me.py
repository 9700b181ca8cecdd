"""What the API tells a logged-in user about their own account."""

from __future__ import annotations

from sqlmodel import Session

from matchmaker.domain.roles import Role
from matchmaker.models import User
from matchmaker.schemas import HomeLocation, Me
from matchmaker.services import accounts, candidates, practices
from matchmaker.services.geodata import gazetteer


def describe(*, session: Session, user: User) -> Me:
    """The account, plus home location (candidates), listings (holders) or regions."""
    me = Me.model_validate(user, from_attributes=True)
    if user.role == Role.CANDIDATE:
        profile = candidates.get_profile(session=session, user=user)
        if profile is not None:
            muni = gazetteer().municipality(profile.gemeentecode)
            me.home = HomeLocation(
                postcode=profile.home_postcode,
                lat=profile.home_lat,
                lon=profile.home_lon,
                municipality=muni.name if muni else "",
            )
    elif user.role == Role.HOLDER:
        me.practices = [p.id for p in practices.list_owned(session=session, owner=user) if p.id]
    elif user.role == Role.RECRUITER:
        me.regions = accounts.recruiter_regions(session=session, user=user)
    return me
