"""Validating every row and building the objects, per kind; storing all or none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlmodel import Session, func, select

from matchmaker.domain.emails import is_email_address, normalise_email
from matchmaker.domain.errors import Code, DomainError, raise_if
from matchmaker.domain.practice import ListingStatus
from matchmaker.domain.roles import Role
from matchmaker.models import CandidateProfile, Offer, Practice, User
from matchmaker.models.candidate import CandidateProfileInput
from matchmaker.models.offer import OfferInput
from matchmaker.models.practice import PracticeInput
from matchmaker.services import accounts, audit, notifications, offers
from matchmaker.services.candidates import check_profile
from matchmaker.services.geodata import gazetteer
from matchmaker.services.imports.reading import (
    checked,
    domain_errors,
    parse_cells,
    postcode_errors,
    read_table,
)
from matchmaker.services.imports.schema import (
    CANDIDATE_COLUMNS,
    OFFER_COMMON,
    OFFER_KINDS,
    PRACTICE_COLUMNS,
    PREVIEW_ROWS,
    UNUSABLE_PASSWORD,
    ImportFailed,
    RowError,
    Vocabulary,
    columns,
)
from matchmaker.services.practices import located_values

# --- validating and building, per kind ------------------------------------------------------


class OnExisting(StrEnum):
    """What to do with a row that is already in the database (by its natural key)."""

    ERROR = "error"  # refuse the file, naming the rows
    SKIP = "skip"  # leave what is stored
    UPDATE = "update"  # overwrite it with the row


@dataclass(frozen=True)
class ImportReport:
    """What an import stored, or in a preview would store."""

    created: int
    updated: int
    skipped: int
    preview: list[dict[str, Any]] = field(default_factory=list)  # the first new rows


@dataclass
class _Plan:
    """What a valid file will store."""

    objects: list[Any]
    users: dict[str, User]
    on_existing: OnExisting = OnExisting.ERROR
    importer: int | None = None  # the recruiter's account id; None for the command line
    seen: dict[tuple[Any, ...], int] = field(default_factory=dict)  # natural key -> row
    updates: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)
    skipped: int = 0

    def claim(self, key: tuple[Any, ...], line: int, field_name: str) -> RowError | None:
        """Note a row's natural key; a second row with the same key is an error."""
        first = self.seen.setdefault(key, line)
        if first != line:
            return RowError(line, field_name, "repeated", Code.SAME_AS_ROW, str(first))
        return None

    def existing(
        self, stored: Any, values: dict[str, Any], line: int, field_name: str
    ) -> list[RowError] | None:
        """Handle a row already in the database; None when it is new."""
        if stored is None:
            return None
        if self.on_existing == OnExisting.ERROR:
            return [RowError(line, field_name, "already stored", Code.ALREADY_STORED)]
        if self.on_existing == OnExisting.UPDATE:
            self.updates.append((stored, values))
        else:
            self.skipped += 1
        return []


def _importers(account: User, importer: int | None) -> bool:
    """Whether an import by ``importer`` (None: the command line) may touch ``account``'s
    listings: only an unclaimed account that importer created."""
    return account.invited and (importer is None or account.invited_by == importer)


def _practice(
    session: Session, row: dict[str, str], line: int, allowed: set[str] | None, plan: _Plan
) -> list[RowError]:
    values, errors = parse_cells(row, PRACTICE_COLUMNS, line)
    errors += postcode_errors(row, PRACTICE_COLUMNS, line)
    email = normalise_email(values.pop("holder_email") or "")
    holder_name = values.pop("holder_name") or email
    for optional in ("description",):
        values[optional] = values[optional] or ""
    if not is_email_address(email):
        errors.append(RowError(line, "holder_email", "no email", Code.NOT_AN_EMAIL, email))
    # Nobody learns a practice is for sale before its holder says so: an imported listing is
    # a draft, anonymous, until the holder claims it and publishes it themselves.
    values.update(anonymous=True, status=ListingStatus.DRAFT.value)
    data, errors = checked(PracticeInput, values, line, errors)
    if errors:
        return errors
    try:
        located = located_values(data)
    except DomainError as exc:
        return domain_errors(exc, line)
    if allowed is not None and located["gemeentecode"] not in allowed:
        return [
            RowError(
                line, "postcode", "not your region", Code.NOT_YOUR_REGION, str(located["postcode"])
            )
        ]
    duplicate = plan.claim(
        ("practice", data.name.strip().lower(), located["postcode"]), line, "name"
    )
    if duplicate:
        return [duplicate]
    stored = session.exec(
        select(Practice).where(
            func.lower(Practice.name) == data.name.strip().lower(),
            Practice.postcode == located["postcode"],
        )
    ).first()
    if stored is not None and plan.on_existing == OnExisting.UPDATE:
        owner = session.get(User, stored.owner_id)
        if owner is None or not _importers(owner, plan.importer):
            # A holder's own listing (or another recruiter's) is never changed by an import.
            return [RowError(line, "name", "a holder's listing", Code.HOLDERS_LISTING, data.name)]
    handled = plan.existing(stored, located, line, "name")
    if handled is not None:
        return handled
    holder = plan.users.get(email) or accounts.find_user(session=session, email=email)
    if holder is not None and holder.role != Role.HOLDER:
        return [RowError(line, "holder_email", "not a holder", Code.NOT_A_HOLDER, email)]
    if holder is not None and not _importers(holder, plan.importer):
        # Nothing is attached to an account its owner runs without their say-so.
        return [RowError(line, "holder_email", "holder has an account", Code.EMAIL_TAKEN, email)]
    if holder is None:
        holder = _invited(email, holder_name, Role.HOLDER, plan)
    plan.users[email] = holder
    plan.objects.append((holder, located))
    return []


def _invited(email: str, name: str, role: str, plan: _Plan) -> User:
    """An account the import makes for someone, to be claimed through the activation link."""
    return User(
        email=email,
        display_name=name[:120],
        role=role,
        password_hash=UNUSABLE_PASSWORD,
        invited=True,
        invited_by=plan.importer,
    )


def _candidate(
    session: Session, row: dict[str, str], line: int, allowed: set[str] | None, plan: _Plan
) -> list[RowError]:
    values, errors = parse_cells(row, CANDIDATE_COLUMNS, line)
    errors += postcode_errors(row, CANDIDATE_COLUMNS, line)
    email = normalise_email(values.pop("email") or "")
    consent = values.pop("consent")
    name = values.pop("name") or ""
    if not is_email_address(email):
        errors.append(RowError(line, "email", "no email", Code.NOT_AN_EMAIL, email))
    payload = {k: v for k, v in values.items() if v is not None}
    payload.update(display_name=name, children_birth_years=values["children_birth_years"] or [])
    data, errors = checked(CandidateProfileInput, payload, line, errors)
    if errors:
        return errors
    duplicate = plan.claim(("candidate", email), line, "email")
    if duplicate:
        return [duplicate]
    if accounts.find_user(session=session, email=email) is not None:
        if plan.on_existing == OnExisting.ERROR:
            return [RowError(line, "email", "account exists", Code.EMAIL_TAKEN, email)]
        plan.skipped += 1  # a person's own profile is theirs to change, never an import's
        return []
    try:
        raise_if(check_profile(data))
    except DomainError as exc:
        return domain_errors(exc, line)
    try:
        place = gazetteer().place(data.home_postcode)
    except DomainError as exc:
        return domain_errors(exc, line)
    user = _invited(email, name, Role.CANDIDATE, plan)
    plan.users[email] = user
    profile_values = data.model_dump()
    profile_values.update(
        home_postcode=place.pc4,
        home_lat=place.lat,
        home_lon=place.lon,
        gemeentecode=place.municipality.code,
        province=place.municipality.province,
        consent=consent,
    )
    plan.objects.append((user, profile_values))
    return []


def _offer(kind: str) -> Callable[..., list[RowError]]:
    offer_kind, fields = OFFER_KINDS[kind]

    def build(
        session: Session, row: dict[str, str], line: int, allowed: set[str] | None, plan: _Plan
    ) -> list[RowError]:
        names = (*OFFER_COMMON, *fields)
        values, errors = parse_cells(row, names, line)
        errors += postcode_errors(row, names, line)
        values["gemeentecode"] = (values["gemeentecode"] or "").upper()
        values["description"] = values["description"] or ""
        values["priority_for_doctors"] = bool(values.get("priority_for_doctors"))
        data, errors = checked(OfferInput, {**values, "kind": offer_kind.value}, line, errors)
        if errors:
            return errors
        if gazetteer().municipality(data.gemeentecode) is None:
            return [
                RowError(
                    line,
                    "gemeentecode",
                    "unknown municipality",
                    Code.UNKNOWN_MUNICIPALITY,
                    data.gemeentecode,
                )
            ]
        if allowed is not None and data.gemeentecode not in allowed:
            return [
                RowError(
                    line, "gemeentecode", "not your region", Code.NOT_YOUR_REGION, data.gemeentecode
                )
            ]
        try:
            values = offers._values(data)
        except DomainError as exc:
            return domain_errors(exc, line)
        key = (data.kind, data.gemeentecode, data.title.strip().lower())
        duplicate = plan.claim(key, line, "title")
        if duplicate:
            return [duplicate]
        stored = session.exec(
            select(Offer).where(
                Offer.kind == data.kind,
                Offer.gemeentecode == data.gemeentecode,
                func.lower(Offer.title) == data.title.strip().lower(),
            )
        ).first()
        handled = plan.existing(stored, values, line, "title")
        if handled is not None:
            return handled
        plan.objects.append(values)
        return []

    return build


BUILDERS: dict[str, Callable[..., list[RowError]]] = {
    "practices": _practice,
    "candidates": _candidate,
    **{k: _offer(k) for k in OFFER_KINDS},
}


def import_csv(*, session: Session, kind: str, data: bytes, user: User | None) -> int:
    """Import refusing rows already stored; returns how many rows were stored."""
    report = run_import(session=session, kind=kind, data=data, user=user)
    return report.created + report.updated


def run_import(
    *,
    session: Session,
    kind: str,
    data: bytes,
    user: User | None,
    on_existing: OnExisting = OnExisting.ERROR,
    vocabulary: Vocabulary | None = None,
    dry_run: bool = False,
    secret: str | None = None,
) -> ImportReport:
    """Validate every row; store all of them in one transaction, or none (ImportFailed).

    Rows repeating another row of the file (same natural key) are always an error naming
    both rows; rows already in the database follow ``on_existing``. A stored import is
    audited, and each holder a listing was created for is told, with a link to claim it
    (signed with ``secret``).
    """
    if kind not in BUILDERS:
        raise ImportFailed([RowError(0, "kind", "unknown kind", Code.UNKNOWN_KIND, kind)])
    words = vocabulary or Vocabulary()
    header, rows = read_table(data)
    keys = dict(zip(header, words.columns(header), strict=True))
    header = list(keys.values())
    rows = [{keys.get(k, k): v for k, v in row.items()} for row in rows]
    missing = [c for c in columns(kind) if c not in header]
    if missing:
        raise ImportFailed([RowError(1, c, "missing column", Code.COLUMN_MISSING) for c in missing])
    if not rows:
        raise ImportFailed([RowError(2, "", "no rows", Code.NO_ROWS)])
    allowed = None if user is None else set(offers.editable_regions(session=session, user=user))
    plan = _Plan([], {}, on_existing=on_existing, importer=user.id if user else None)
    errors = [
        words.explain(e)
        for line, row in enumerate(rows, start=2)
        for e in BUILDERS[kind](session, words.normalise(row), line, allowed, plan)
    ]
    if errors:
        raise ImportFailed(errors)
    if not dry_run:  # a preview only looked things up
        _store(session, kind, plan, user, secret)
    return ImportReport(
        len(plan.objects),
        len(plan.updates),
        plan.skipped,
        [_shown(kind, item) for item in plan.objects[:PREVIEW_ROWS]],
    )


def _shown(kind: str, item: Any) -> dict[str, Any]:
    """A new row as it will be stored, for the preview."""
    if kind == "practices":
        holder, located = item
        return {"holder_email": holder.email, **located}
    if kind == "candidates":
        account, values = item
        return {"email": account.email, "name": account.display_name, **values}
    return dict(item)


def _store(session: Session, kind: str, plan: _Plan, user: User | None, secret: str | None) -> None:
    try:
        for account in plan.users.values():
            session.add(account)
        session.flush()
        created: list[Practice] = []
        for item in plan.objects:
            if kind == "practices":
                holder, located = item
                created.append(Practice(owner_id=holder.id, **located))
                session.add(created[-1])
            elif kind == "candidates":
                account, values = item
                session.add(CandidateProfile(user_id=account.id, **values))
            else:
                session.add(Offer(created_by=user.id if user else None, **item))
        for stored, values in plan.updates:
            for key, value in values.items():
                setattr(stored, key, value)
            session.add(stored)
        audit.record(
            session=session,
            actor=user,
            action=audit.Action.IMPORT,
            detail=f"{kind}: {len(plan.objects)} new, {len(plan.updates)} updated, "
            f"{plan.skipped} skipped",
            commit=False,
        )
        _tell_holders(session, created, plan.users, user, secret)
        session.commit()
    except Exception:
        session.rollback()
        raise


def _tell_holders(
    session: Session,
    created: list[Practice],
    users: dict[str, User],
    importer: User | None,
    secret: str | None,
) -> None:
    """Each holder hears of the listings made for them, with the link to claim them."""
    by_owner: dict[int, list[Practice]] = {}
    for practice in created:
        by_owner.setdefault(practice.owner_id, []).append(practice)
    owners = {u.id: u for u in users.values()}
    for owner_id, listings in by_owner.items():
        owner = owners.get(owner_id) or session.get(User, owner_id)
        if owner is None:
            continue
        notifications.notify(
            session=session,
            kind="listing_imported",
            to=owner,
            practices=[p.name for p in listings],
            recruiter=importer.display_name if importer else None,
            activation=accounts.activation_token(user=owner, secret=secret)
            if secret and owner.invited
            else None,
        )
