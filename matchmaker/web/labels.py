"""Translated labels for stored codes and for the domain's issue codes, in one place."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from flask_babel import force_locale, format_date, get_locale
from flask_babel import lazy_gettext as _l

from matchmaker.domain.errors import Code, Issue
from matchmaker.domain.events import EventKind
from matchmaker.domain.household import (
    ChildStage,
    HousingNeed,
    PartnerSector,
    PartnerWork,
    Shared,
    Stage,
)
from matchmaker.domain.practice import (
    Building,
    HandoverModel,
    ListingStatus,
    PatientStop,
    PracticeForm,
)
from matchmaker.services.geodata import ATTRIBUTIONS
from matchmaker.services.imports import RowError, Vocabulary

FORM_LABELS = {
    PracticeForm.SOLO: _l("Solo practice"),
    PracticeForm.DUO: _l("Duo practice"),
    PracticeForm.GROUP: _l("Group practice"),
    PracticeForm.HEALTH_CENTRE: _l("Health centre (gezondheidscentrum)"),
}
BUILDING_LABELS = {
    Building.OWNED_FOR_SALE: _l("Owned premises, for sale"),
    Building.RENTED: _l("Rented premises"),
    Building.HEALTH_CENTRE: _l("Part of a health centre"),
    Building.WITH_HOUSE: _l("Practice with house (praktijkwoning)"),
}
HANDOVER_LABELS = {
    HandoverModel.DIRECT: _l("Direct handover"),
    HandoverModel.GRADUAL: _l("Gradual, with overlap"),
    HandoverModel.JOIN_THEN_TAKE_OVER: _l("Join first, take over later"),
}
STATUS_LABELS = {
    ListingStatus.DRAFT: _l("Draft"),
    ListingStatus.PUBLISHED: _l("Published"),
    ListingStatus.IN_TALKS: _l("In talks"),
    ListingStatus.HANDED_OVER: _l("Handed over"),
}
SHORTAGE_LABELS = {
    "succession": _l("Succession gap: patients at risk per 1,000"),
    "ageing": _l("Ageing: inhabitants aged 65+"),
    "gp_distance": _l("Distance to a GP practice"),
    "remoteness": _l("Remoteness: inhabitants per km²"),
    "partner_jobs": _l("Jobs for a partner: businesses within 30 km"),
    "housing": _l("Homes to rent outside social housing"),
    "childcare": _l("Distance to day care"),
    "school": _l("Distance to a primary school"),
    "patient_stops": _l("Patients whose practice has a patient stop"),
    "growth": _l("Population growth since 2021"),
    "new_build": _l("Homes built since 2000"),
    "urban_pressure": _l("Urban density: addresses per km² around"),
    "young_families": _l("Young families: inhabitants under 15"),
}
SHORTAGE_SOURCE_LABELS = {
    "succession": _l(
        "Listings and stop plans on matchmaker, per 1,000 inhabitants of the catchment"
    ),
    "ageing": _l("Share of inhabitants aged 65+ (CBS 2024)"),
    "gp_distance": _l("Average road distance to the nearest GP practice (CBS 2023)"),
    "remoteness": _l("Inhabitants per km² of land, fewer is more remote (CBS 2024)"),
    "partner_jobs": _l("Business establishments within 30 km of travel (CBS 2021)"),
    "housing": _l("Rented homes outside social housing, as a share of all homes (CBS 2021)"),
    "childcare": _l("Average road distance to the nearest day-care centre (CBS 2021)"),
    "school": _l("Average road distance to the nearest primary school (CBS 2021)"),
    "patient_stops": _l("Patient stops reported on matchmaker, share of patients in the catchment"),
    "growth": _l("Change in inhabitants from 1 January 2021 to 1 January 2024 (CBS)"),
    "urban_pressure": _l("Addresses per km² within 1 km of each address (CBS 2024)"),
    "new_build": _l("Share of homes built in 2000 or later (CBS 2021)"),
    "young_families": _l("Share of inhabitants younger than 15 (CBS 2024)"),
}
ATTRIBUTION_LABELS = {  # the open data's required credits, in the reader's language
    ATTRIBUTIONS[0]: _l("Source: CBS, Kadaster — Wijk- en Buurtkaart 2023 (CC BY 4.0)"),
    ATTRIBUTIONS[1]: _l(
        "Source: CBS — Kerncijfers wijken en buurten / Wijk- en Buurtkaart 2021, 2023, 2024"
    ),
    ATTRIBUTIONS[2]: _l("Postcode coordinates: GeoNames (www.geonames.org), CC BY"),
}
DIMENSION_LABELS = {
    "recruitment": _l("Succession and recruitment"),
    "access": _l("Access for patients"),
}
FUNNEL_LABELS = {
    "invited": _l("Invited"),
    "viewed": _l("Viewed"),
    "interested": _l("Interested"),
    "introduced": _l("Introduced"),
    "meeting": _l("Meeting"),
    "trial_day": _l("Trial locum day"),
    "negotiation": _l("Negotiation"),
    "agreement": _l("Agreement"),
    "settled": _l("Settled"),
}
ON_EXISTING_LABELS = {
    "skip": _l("Skip them: keep what is stored"),
    "update": _l("Update them with the file"),
    "error": _l("Refuse the file and show them"),
}
ROLE_LABELS = {
    "holder": _l("Practice holder"),
    "candidate": _l("Candidate"),
    "recruiter": _l("Recruiter"),
    "admin": _l("Administrator"),
}
AUDIT_LABELS = {
    "export_own_data": _l("Downloaded own data"),
    "export_csv": _l("Exported a spreadsheet"),
    "view_contacts": _l("Viewed contact details"),
    "admin_role": _l("Changed a role"),
    "admin_regions": _l("Changed municipalities"),
    "admin_lock": _l("Locked an account"),
    "admin_unlock": _l("Unlocked an account"),
    "admin_resend": _l("Sent an activation link"),
    "verify_big": _l("Verified a BIG number"),
    "import": _l("Imported a spreadsheet"),
}
EVENT_LABELS = {
    EventKind.INTRODUCTION_DAY: _l("Introduction day (kennismakingsdag)"),
    EventKind.BUS_TOUR: _l("Bus tour"),
    EventKind.TRIAL_DAY: _l("Trial locum day (meeloopdag)"),
}
EVENT_CHANGE_LABELS = {
    "day": _l("the day"),
    "starts": _l("the starting time"),
    "ends": _l("the end time"),
    "place": _l("the place"),
    "practice_id": _l("the practice"),
}
PATIENT_STOP_LABELS = {
    PatientStop.YES: _l("Yes: no new patients"),
    PatientStop.PARTLY: _l("Partly: only some new patients"),
    PatientStop.NO: _l("No: new patients are welcome"),
}
INTRO_LABELS = {
    "requested": _l("Interest expressed"),
    "introduced": _l("Introduced"),
    "meeting": _l("Meeting planned"),
    "trial_day": _l("Trial locum day"),
    "negotiation": _l("In negotiation"),
    "agreement": _l("Agreement"),
    "settled": _l("Started in the practice"),
    "settled_proposed": _l("Started in the practice (please confirm)"),
    "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"),
}
STAGE_LABELS = {
    Stage.HAIO_1: _l("GP trainee (haio), year 1"),
    Stage.HAIO_2: _l("GP trainee (haio), year 2"),
    Stage.HAIO_3: _l("GP trainee (haio), year 3"),
    Stage.RECENTLY_REGISTERED: _l("Recently registered GP"),
    Stage.LOCUM: _l("Locum (waarnemer)"),
    Stage.ESTABLISHED: _l("Established GP"),
}
SECTOR_LABELS = {
    PartnerSector.EDUCATION: _l("Education"),
    PartnerSector.HEALTHCARE: _l("Healthcare"),
    PartnerSector.ICT: _l("ICT"),
    PartnerSector.AGRICULTURE: _l("Agriculture"),
    PartnerSector.GOVERNMENT: _l("Government"),
    PartnerSector.BUSINESS: _l("Business and services"),
    PartnerSector.ENGINEERING: _l("Engineering and industry"),
    PartnerSector.CULTURE: _l("Culture and media"),
    PartnerSector.OTHER: _l("Other"),
}
PARTNER_WORK_LABELS = {
    PartnerWork.NEEDS_JOB: _l("Needs a job in the new region"),
    PartnerWork.REMOTE: _l("Works remotely"),
    PartnerWork.FLEXIBLE: _l("Flexible, can work anywhere"),
    PartnerWork.NOT_WORKING: _l("Not working"),
    PartnerWork.NO_PARTNER: _l("No partner"),
}
HOUSING_LABELS = {
    HousingNeed.BUY: _l("Buy a house"),
    HousingNeed.RENT: _l("Rent a house"),
    HousingNeed.EITHER: _l("Buy or rent"),
    HousingNeed.NONE: _l("No housing needed"),
}
OFFER_KIND_LABELS = {
    "housing": _l("Housing offer"),
    "job_lead": _l("Job lead for a partner"),
    "childcare": _l("Childcare places"),
    "training": _l("Training places for haio's"),
    "incentive": _l("Incentive"),
}
IMPORT_LABELS = {
    "practices": _l("Practices"),
    "candidates": _l("Candidates (invited)"),
    "housing": _l("Housing offers"),
    "job_leads": _l("Job leads for partners"),
    "childcare": _l("Childcare places"),
    "training": _l("Training places for haio's"),
    "incentives": _l("Incentives"),
}
TENURE_LABELS = {"rent": _l("For rent"), "buy": _l("For sale")}
INCENTIVE_LABELS = {
    "starter_bonus": _l("Starter bonus"),
    "housing_guarantee": _l("Housing guarantee"),
    "practice_support": _l("Practice support (ICT, management)"),
    "childcare_priority": _l("Priority at childcare"),
    "relocation_costs": _l("Relocation costs"),
    "other": _l("Other incentive"),
}

# Readable, translated messages for the domain's issue codes.
# What users read for each issue code; ``%(value)s`` is the refused value.
ISSUE_MESSAGES: dict[Code, Any] = {
    Code.MALFORMED: _l("Enter a Dutch postcode, for example 8302 or 8302 AB."),
    Code.UNKNOWN: _l("We do not know this postcode."),
    Code.UNKNOWN_MUNICIPALITY: _l("%(value)s is not a Dutch municipality code."),
    Code.BEFORE_START: _l("This date lies before the start date."),
    Code.TOO_WIDE: _l("A window of more than 10 years is not realistic."),
    Code.HALF_RANGE: _l("Give both ends of the range, or leave both empty."),
    Code.INVERTED: _l("The maximum is lower than the minimum."),
    Code.OUT_OF_RANGE: _l("This number is out of range."),
    Code.TIME_ORDER: _l("The end lies before the start."),
    Code.PAST: _l("This date lies in the past."),
    Code.FUTURE: _l("Attendance is recorded after the event."),
    Code.TAKEN: _l("An account with this email address already exists."),
    Code.WRONG: _l("Your current password is not correct."),
    Code.TOO_SHORT: _l("Use at least 12 characters."),
    Code.TOO_LONG: _l("Use at most 200 characters."),
    Code.WEAK: _l("This password is too common or too easy to guess. Add a few unusual words."),
    Code.BIG_FORMAT: _l("A BIG number has 11 digits."),
    Code.ALREADY_ENABLED: _l("Two-step login is already on."),
    Code.UNCONFIRMED: _l("Confirm your email address first, with the link we sent you."),
    Code.WRONG_CODE: _l("This code is not correct. Try the newest code from your app."),
    Code.NOT_RECRUITER: _l("Only regional recruiters work for municipalities."),
    Code.NO_AREA: _l("Give a maximum distance or choose at least one region."),
    Code.SELF: _l("You cannot invite yourself."),
    Code.HAS_PARTNER: _l("One of you already has a duo partner."),
    Code.MISSING: _l("Save your own profile first."),
    Code.REQUIRED: _l("This field is required for this kind of offer."),
    Code.INVALID_CHOICE: _l("%(value)s is not one of the choices."),
    Code.UNKNOWN_KIND: _l("Choose a kind of offer."),
    Code.KIND_CHANGED: _l("The kind of an offer cannot change: withdraw it and publish a new one."),
    Code.EXISTS: _l("You are already in touch about this practice."),
    Code.CLOSED: _l("This introduction is closed."),
    Code.AWAIT_ANSWER: _l("This request still awaits an answer."),
    Code.NOT_RECEIVER: _l("Only the other side can answer this request."),
    Code.BACKWARDS: _l("An introduction only moves forward."),
    Code.SKIP_REASON: _l("You skip a step: say briefly why, for example 'no meeloopdag needed'."),
    Code.CONFIRM_OTHER: _l("The other side confirms that the new GP has started."),
    Code.NOT_YOURS: _l("Choose only municipalities you work for."),
    Code.NOT_IN_AREA: _l("Choose only practices in the campaign's municipalities."),
    Code.NOT_AN_EMAIL: _l("%(value)s is not an email address."),
    Code.TOO_MANY: _l("Invite at most 500 addresses at a time."),
    Code.PRACTICE_REQUIRED: _l("A trial locum day takes place in a practice: choose one."),
    Code.NOT_IN_CAMPAIGN: _l("This practice does not take part in the campaign."),
    Code.FULL: _l("This event is full."),
    Code.EXCEL_WORKBOOK: _l("This is an Excel workbook: save it as CSV (semicolon) first."),
    Code.NOT_TEXT: _l("This is not a text file in UTF-8 or Windows-1252."),
    Code.TOO_MANY_ROWS: _l("More than %(value)s rows: split the file."),
    Code.CELL_TOO_LONG: _l("Too long: at most %(value)s characters."),
    Code.INVALID_VALUE: _l("%(value)s is not a valid value here."),
    Code.INVALID_DATE: _l("%(value)s is not a date: write it like 01-03-2027."),
    Code.NOT_A_NUMBER: _l("%(value)s is not a number."),
    Code.CELL_REQUIRED: _l("This column needs a value."),
    Code.SAME_AS_ROW: _l("The same as row %(value)s."),
    Code.ALREADY_STORED: _l("Already in the database."),
    Code.NOT_YOUR_REGION: _l("%(value)s is not one of your municipalities."),
    Code.NOT_A_HOLDER: _l("%(value)s is not a practice holder's account."),
    Code.PUBLISH_FIRST: _l("Publish the listing first: a draft cannot ask for an introduction."),
    Code.HOLDERS_LISTING: _l("%(value)s is managed by its holder: an import cannot change it."),
    Code.EMAIL_TAKEN: _l("An account with %(value)s already exists."),
    Code.COLUMN_MISSING: _l("This column is missing from the first row."),
    Code.NO_ROWS: _l("The file has no rows below the first."),
    Code.BELOW_TAKEN: _l("More people have signed up than this number of places."),
    Code.PARTY_TOO_LARGE: _l(
        "Someone signed up with their partner; a trial locum day is for the GP alone."
    ),
    Code.OWN_EVENT: _l("This meeloopdag takes place in your own practice: you are the host."),
    Code.EVENT_OVER: _l("This event has taken place."),
    Code.NOT_AN_INCENTIVE: _l("Choose incentives of the campaign's municipalities."),
    Code.NAMES_A_PLACE: _l(
        "Your listing is anonymous, but the description names %(value)s. Leave it out, or save "
        "anyway."
    ),
    Code.NAMES_A_STREET: _l(
        "Your listing is anonymous, but the description names a street (%(value)s)."
    ),
    Code.NAMES_THE_PRACTICE: _l(
        "Your listing is anonymous, but the description names the practice (%(value)s)."
    ),
    Code.NAMES_THE_HOLDER: _l(
        "Your listing is anonymous, but the description names you (%(value)s)."
    ),
    Code.GIVES_PRACTICE_AWAY: _l(
        "The practice is anonymous and people without consent read this text: leave out "
        "\u201c%(value)s\u201d (the practice, its holder, street and village are not named to "
        "them)."
    ),
    Code.IMPLAUSIBLE_LIST: _l(
        "%(value)s patients per GP FTE is unusual (the normpraktijk is 2,095). Check both numbers."
    ),
    Code.DAYS_OVER_FTE: _l(
        "The successor would work more days than the practice has GP FTE. Check both numbers."
    ),
    Code.FILE_TOO_LARGE: _l("A file may be at most 5 MB."),
    Code.NOT_A_PDF: _l("%(value)s is not a PDF. Attach PDF files only."),
    Code.NOT_AN_IMAGE: _l("%(value)s is not a photo: send a JPEG, PNG or WebP image."),
    Code.PHOTO_TOO_LARGE: _l("A photo may be at most 10 MB."),
    Code.SHORTLIST_FULL: _l("Your shortlist is full (%(value)s listings). Take a star away first."),
    Code.SEARCHES_FULL: _l(
        "You keep the most saved searches there can be (%(value)s). Delete one first."
    ),
    Code.PHOTOS_FULL: _l("A listing has at most %(value)s photos. Delete one first."),
    Code.DUPLICATE: _l("The same choice appears twice in a ranking."),
    Code.NO_CAPACITY: _l("A practice in the round has no number of places."),
    Code.NEGATIVE: _l("A number of places cannot be below zero."),
    Code.SIZE: _l("A candidate takes part alone or as a duo."),
}


def issue_text(issue: Issue) -> str:
    """What the user reads for one issue, in their language, naming the value if refused."""
    message = ISSUE_MESSAGES.get(issue.code)
    if message is None:
        return issue.message
    return (
        str(message) % {"value": issue.value or "—"}
        if "%(value)s" in str(message)
        else str(message)
    )


# The notification centre: what each kind of event says, and what the preferences call it.
NOTIFICATION_TEXTS = {
    "intro_requested": _l("New request for an introduction: %(title)s"),
    "intro_accepted": _l("Your request for an introduction was accepted: %(title)s"),
    "step_recorded": _l("A new step in your introduction (%(title)s): %(step)s"),
    "round_proposal": _l("The match round of %(campaign)s proposes a pair for you"),
    "duo_invitation": _l("%(name)s invites you to apply as a duo"),
    "event_changed:announced": _l("New event: %(title)s on %(day)s"),
    "event_changed:cancelled": _l("Cancelled: %(title)s on %(day)s"),
    "event_changed:changed": _l("Changed: %(title)s, now on %(day)s"),
    "message": _l("New message from %(name)s about %(title)s"),
    "thread_invitation": _l("%(name)s invites you into the conversation about %(title)s"),
    "thread_members:added": _l(
        "%(name)s invited %(recruiter)s into your conversation about %(title)s"
    ),
    "thread_members:removed": _l(
        "%(name)s took %(recruiter)s out of the conversation about %(title)s"
    ),
    "search_alert": _l('New listing for your search "%(search)s": %(title)s'),
    "mutual_interest": _l("Mutual interest: your introduction for %(title)s is accepted"),
    "takeover_changed": _l('Takeover file %(title)s: the other side updated "%(step)s"'),
    "takeover_overdue": _l('Takeover file %(title)s: "%(step)s" was due on %(day)s'),
    "duo_ended:left": _l("Your duo has ended: your colleague left it"),
    "duo_ended:deleted": _l("Your duo has ended: your colleague deleted their account"),
}
NOTIFICATION_KIND_LABELS = {
    "intro_requested": _l("Someone asks for an introduction"),
    "intro_accepted": _l("Your request for an introduction is accepted"),
    "step_recorded": _l("The other side records a step toward the takeover"),
    "round_proposal": _l("A match round proposes a pair"),
    "duo_invitation": _l("A colleague invites you to apply as a duo"),
    "event_changed": _l("An event of your campaign is announced, changed or cancelled"),
    "message": _l("A new message in a conversation"),
    "thread_invitation": _l("You are invited into a conversation (recruiters)"),
    "thread_members": _l("A recruiter joins or leaves a conversation of yours"),
    "search_alert": _l("A new listing fits one of your saved searches"),
    "mutual_interest": _l("You and the other side both marked interest"),
    "takeover_changed": _l("The other side updates a step of the takeover file"),
    "takeover_overdue": _l("A step of the takeover file is overdue"),
    "duo_ended": _l("Your duo ends"),
}

THREAD_ROLE_LABELS = {
    "candidate": _l("candidate"),
    "holder": _l("practice holder"),
    "recruiter": _l("regional recruiter"),
}


SHARED_LABELS = {
    Shared.AREA: _l("My search area (distance and provinces)"),
    Shared.AVAILABILITY: _l("When I can start (earliest and latest) and how many days a week"),
    Shared.WISHES: _l("My wishes for the practice (form, dispensing, building)"),
    Shared.BUDGET: _l("My budgets for goodwill and for a house"),
    Shared.HOUSEHOLD: _l("My partner's sector and whether they look for work"),
    Shared.CHILDREN: _l("How many children we have and whether they need childcare or a school"),
    Shared.HOUSING: _l("Whether we look for a house to rent or buy"),
    Shared.ABOUT: _l("My 'About you' text"),
}


PHOTO_KIND_LABELS = {
    "practice": _l("The practice"),
    "house": _l("The praktijkwoning"),
}
TAKEOVER_PARTY_LABELS = {
    "holder": _l("Practice holder"),
    "successor": _l("Successor"),
    "both": _l("Together"),
}
TAKEOVER_STATUS_LABELS = {
    "open": _l("To do"),
    "busy": _l("In progress"),
    "done": _l("Done"),
    "not_needed": _l("Not needed"),
}
TAKEOVER_FIELD_LABELS = {
    "status": _l("status"),
    "due": _l("due date"),
    "notes": _l("notes"),
    "document": _l("document added"),
}

CHILD_STAGE_LABELS = {
    ChildStage.CHILDCARE: _l("childcare"),
    ChildStage.PRIMARY: _l("primary school"),
    ChildStage.SECONDARY: _l("secondary school"),
    ChildStage.ADULT: _l("grown up"),
}

LABELS: dict[str, dict[Any, Any]] = {
    "form": FORM_LABELS,
    "building": BUILDING_LABELS,
    "handover": HANDOVER_LABELS,
    "status": STATUS_LABELS,
    "intro": INTRO_LABELS,
    "funnel": FUNNEL_LABELS,
    "shortage": SHORTAGE_LABELS,
    "offer": OFFER_KIND_LABELS,
    "import": IMPORT_LABELS,
    "tenure": TENURE_LABELS,
    "incentive": INCENTIVE_LABELS,
    "stage": STAGE_LABELS,
    "sector": SECTOR_LABELS,
    "child_stage": CHILD_STAGE_LABELS,
    "partner_work": PARTNER_WORK_LABELS,
    "housing": HOUSING_LABELS,
    "event": EVENT_LABELS,
    "event_change": EVENT_CHANGE_LABELS,
    "patient_stop": PATIENT_STOP_LABELS,
    "dimension": DIMENSION_LABELS,
    "attribution": ATTRIBUTION_LABELS,
    "shortage_source": SHORTAGE_SOURCE_LABELS,
    "role": ROLE_LABELS,
    "audit": AUDIT_LABELS,
    "on_existing": ON_EXISTING_LABELS,
    "notification": NOTIFICATION_KIND_LABELS,
    "thread_role": THREAD_ROLE_LABELS,
    "takeover_party": TAKEOVER_PARTY_LABELS,
    "photo_kind": PHOTO_KIND_LABELS,
    "takeover_status": TAKEOVER_STATUS_LABELS,
    "takeover_field": TAKEOVER_FIELD_LABELS,
}


@lru_cache(maxsize=128)
def translated(kind: str, language: str) -> dict[Any, str]:
    """One kind of label map in one language, translated once per process (a page of 20
    match cards asks for a few hundred labels)."""
    with force_locale(language):
        return {code: str(text) for code, text in LABELS[kind].items()}


def label(value: Any, kind: str) -> str:
    """The translated label of a stored code."""
    if value is None or value == "":
        return "—"
    return translated(kind, str(get_locale())).get(value, str(value))


def notification_text(kind: str, params: dict[str, Any]) -> str:
    """The notification as a sentence in the reader's language."""
    key = (
        f"{kind}:{params.get('change')}"
        if kind in ("event_changed", "duo_ended", "thread_members")
        else kind
    )
    template = NOTIFICATION_TEXTS.get(key)
    if template is None:
        return str(NOTIFICATION_KIND_LABELS.get(kind, kind))
    values = {k: str(v) for k, v in params.items()}
    if "step" in params:
        values["step"] = str(INTRO_LABELS.get(params["step"], params["step"])).lower()
    if "day" in params:
        values["day"] = format_date(date.fromisoformat(str(params["day"])), "d MMMM yyyy")
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):  # an old row without a parameter: say what it is
        return str(NOTIFICATION_KIND_LABELS.get(kind, kind))


# Coded columns of the spreadsheet imports and the labels people type for them.
IMPORT_CHOICES: dict[str, dict[Any, Any]] = {
    "form": FORM_LABELS,
    "building": BUILDING_LABELS,
    "handover_model": HANDOVER_LABELS,
    "status": STATUS_LABELS,
    "stage": STAGE_LABELS,
    "partner_work": PARTNER_WORK_LABELS,
    "partner_sector": SECTOR_LABELS,
    "housing_need": HOUSING_LABELS,
    "tenure": TENURE_LABELS,
    "sector": SECTOR_LABELS,
    "incentive_type": INCENTIVE_LABELS,
}


IMPORT_HEADERS = {  # the spreadsheet columns of imports, templates and exports
    "holder_email": _l("Holder's email address"),
    "holder_name": _l("Holder's name"),
    "name": _l("Name"),
    "anonymous": _l("Anonymous"),
    "postcode": _l("Postcode"),
    "street": _l("Street and number"),
    "patients": _l("Registered patients"),
    "fte": _l("GP FTE"),
    "form": _l("Practice form"),
    "dispensing": _l("Dispensing practice"),
    "building": _l("Building"),
    "handover_from": _l("Handover from"),
    "handover_until": _l("Handover until"),
    "handover_model": _l("Handover model"),
    "goodwill_min": _l("Goodwill from"),
    "goodwill_max": _l("Goodwill up to"),
    "days_per_week": _l("Days per week"),
    "anw_hours_per_month": _l("ANW hours per month"),
    "staff_assistants": _l("Doctor's assistants"),
    "staff_poh": _l("Practice nurses (POH)"),
    "description": _l("Description"),
    "contact_email": _l("Contact email"),
    "contact_phone": _l("Contact phone"),
    "status": _l("Status"),
    "email": _l("Email address"),
    "stage": _l("Career stage"),
    "home_postcode": _l("Home postcode"),
    "max_distance_km": _l("Maximum distance (km)"),
    "earliest_start": _l("Earliest start"),
    "latest_start": _l("Latest start"),
    "partner_work": _l("Partner's work"),
    "partner_sector": _l("Partner's sector"),
    "children_birth_years": _l("Children's birth years"),
    "housing_need": _l("Housing need"),
    "consent": _l("Consent"),
    "gemeentecode": _l("Municipality code"),
    "title": _l("Title"),
    "available_from": _l("Available from"),
    "contact": _l("Contact"),
    "link": _l("Link"),
    "tenure": _l("Rent or buy"),
    "price": _l("Price (€)"),
    "bedrooms": _l("Bedrooms"),
    "sector": _l("Sector"),
    "employer": _l("Employer"),
    "hours_per_week": _l("Hours per week"),
    "places": _l("Places"),
    "ages": _l("Ages"),
    "priority_for_doctors": _l("Priority for doctors' families"),
    "incentive_type": _l("Kind of incentive"),
    "amount": _l("Amount (€)"),
}

# The label table (a LABELS key) each coded import column's values come from.
IMPORT_LABEL_KINDS = {
    "form": "form",
    "building": "building",
    "handover_model": "handover",
    "status": "status",
    "stage": "stage",
    "partner_work": "partner_work",
    "partner_sector": "sector",
    "housing_need": "housing",
    "tenure": "tenure",
    "sector": "sector",
    "incentive_type": "incentive",
}


def _spellings(label: str) -> set[str]:
    """A label as people type it: whole, before its bracket, or the word in its bracket."""
    text = label.strip().lower()
    out = {text}
    if "(" in text:
        head, _, rest = text.partition("(")
        out |= {head.strip(), rest.rstrip(")").strip()}
    words = text.split()
    if len(words) == 2 and words[0] in {"te", "for", "de", "het", "een", "a", "the"}:
        out.add(words[1])  # "huur" for "Te huur", "sale" for "For sale"
    return {s for s in out if s}


@lru_cache(maxsize=4)
def import_vocabulary(language: str) -> Vocabulary:
    """Every spelling of every coded column in Dutch and English, and the labels in
    ``language`` to show as the valid values; built once per language."""
    aliases: dict[str, dict[str, str]] = {}
    shown: dict[str, tuple[str, ...]] = {}
    for code in ("nl", "en"):
        with force_locale(code):
            for column, table in IMPORT_CHOICES.items():
                words = aliases.setdefault(column, {})
                for value, text in table.items():
                    words[str(value).lower()] = str(value)
                    for spelling in _spellings(str(text)):
                        words.setdefault(spelling, str(value))
                if code == language:
                    shown[column] = tuple(str(text) for text in table.values())
    headers: dict[str, str] = {}
    for code in ("nl", "en"):
        with force_locale(code):
            for key, text in IMPORT_HEADERS.items():
                headers.setdefault(str(text).strip().lower(), key)
    return Vocabulary(aliases, shown, headers)


def import_column(key: str) -> str:
    """A column of an import as the template names it in the reader's language ("E-mailadres
    praktijkhouder" on a Dutch page); the key itself for what is not a template column."""
    label_text = IMPORT_HEADERS.get(key)
    return str(label_text) if label_text is not None else key


def row_error_text(error: RowError) -> str:
    """An import problem in the reader's language, with what would be valid."""
    if error.code is None:
        return error.message
    text = issue_text(Issue(error.field, error.code, error.message, error.value))
    if error.valid:
        text += " " + str(_l("Valid: %(values)s.")) % {"values": ", ".join(error.valid)}
    return text
