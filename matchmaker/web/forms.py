"""WTForms for every HTML form; CSRF comes with FlaskForm."""

from __future__ import annotations

from datetime import date, time
from typing import Any
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from matchmaker.domain.bounds import MAX_EUROS, MAX_PLACES, internal_host, web_link
from matchmaker.domain.errors import PostcodeError
from matchmaker.domain.events import MAX_PARTY
from matchmaker.domain.passwords import check_password
from matchmaker.services.geodata import gazetteer
from matchmaker.web.labels import (
    BUILDING_LABELS,
    EVENT_LABELS,
    FORM_LABELS,
    HANDOVER_LABELS,
    HOUSING_LABELS,
    INCENTIVE_LABELS,
    PARTNER_WORK_LABELS,
    PATIENT_STOP_LABELS,
    SECTOR_LABELS,
    SHARED_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
    TENURE_LABELS,
    issue_text,
)


def _choices(labels: dict[Any, Any], *, blank: Any = None) -> list[tuple[str, Any]]:
    items = [(str(k), v) for k, v in labels.items()]
    return [("", blank), *items] if blank is not None else items


def _patient_stop_field() -> SelectField:
    """Whether the practice takes new patients; feeds the access side of the shortage index."""
    return SelectField(
        _l("Patient stop (patiëntenstop)"),
        choices=_choices(PATIENT_STOP_LABELS, blank=_l("I'd rather not say")),
        coerce=lambda v: v or None,
        validators=[Optional()],
        description=_l(
            "Does the practice take new patients? Counted, without your name, in how hard it is"
            " to find a GP in your region."
        ),
    )


def _strip(value: Any) -> Any:
    """Text from a form without the spaces around it (" 8302 ab " is "8302 ab")."""
    return value.strip() if isinstance(value, str) else value


class Form(FlaskForm):
    """Every form strips the text it receives (passwords excepted) before validating it."""

    class Meta:
        """Add the strip filter to every field."""

        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            """Bind a field with ``_strip`` before its own filters."""
            filters = list(unbound_field.kwargs.get("filters", ()))
            if not issubclass(unbound_field.field_class, PasswordField):  # spaces count there
                filters.insert(0, _strip)
            return unbound_field.bind(form=form, filters=filters, **options)


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def validate_postcode(_form: FlaskForm, field: Any) -> None:
    """A Dutch postcode that the open data knows."""
    try:
        gazetteer().place(field.data or "")
    except PostcodeError as exc:
        raise ValidationError(issue_text(exc.issues[0])) from None


def validate_web_link(_form: FlaskForm, field: Any) -> None:
    """An http(s) address; ``https://`` is added when left out, other schemes are refused."""
    if field.data and field.data.strip():
        try:
            field.data = web_link(field.data)
        except ValueError:
            host = urlsplit(field.data if "://" in field.data else f"//{field.data}").hostname
            if host and internal_host(host):
                raise ValidationError(
                    _l("Give a public web address: addresses inside a network are refused.")
                ) from None
            raise ValidationError(
                _l("Give a web address, for example https://www.example.nl.")
            ) from None


def _children(field_data: str) -> list[int]:
    years = [part.strip() for part in (field_data or "").replace(";", ",").split(",")]
    return [int(y) for y in years if y]


def validate_birth_years(_form: FlaskForm, field: Any) -> None:
    """Comma-separated plausible birth years."""
    try:
        years = _children(field.data)
    except ValueError:
        raise ValidationError(_l("Give birth years as numbers, e.g. 2019, 2022.")) from None
    this_year = date.today().year
    if any(not this_year - 30 <= y <= this_year + 1 for y in years):
        raise ValidationError(_l("A birth year lies outside the plausible range."))


class LoginForm(Form):
    """Log in with email and password."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me logged in"))


def validate_new_password(form: FlaskForm, field: Any) -> None:
    """The password policy (ASVS 2.1): 12+ characters, not common, not built from one's name."""
    personal = [
        str(getattr(form, name).data or "")
        for name in ("email", "display_name")
        if hasattr(form, name)
    ]
    if current_user and current_user.is_authenticated:
        personal += [current_user.email, current_user.display_name]
    issues = check_password(field.data or "", personal=personal)
    if issues:
        raise ValidationError(issue_text(issues[0]))


PASSWORD_HINT = _l("At least 12 characters; a few unusual words together work well.")


class ForgotPasswordForm(Form):
    """Ask for a password reset link."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])


class NewPasswordForm(Form):
    """A new password, typed twice."""

    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), validate_new_password],
        description=PASSWORD_HINT,
    )
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[DataRequired(), EqualTo("password", message=_l("Passwords do not match."))],
    )


class RegisterForm(NewPasswordForm):
    """Self-registration as holder or candidate."""

    role = RadioField(
        _l("I am"),
        choices=[
            ("holder", _l("a practice holder looking for a successor")),
            ("candidate", _l("a young GP, trainee (haio) or locum looking for a practice")),
        ],
        validators=[InputRequired()],
    )
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(
        _l("Email"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)]
    )


class ChangePasswordForm(Form):
    """Change one's own password."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), validate_new_password],
        description=PASSWORD_HINT,
    )
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("Passwords do not match."))],
    )


class ConsentForm(NewPasswordForm):
    """An imported candidate agrees to the details held and chooses a password."""

    consent = BooleanField(
        _l("I agree that matchmaker keeps these details and uses them to match me with practices."),
        validators=[DataRequired(message=_l("Without your consent we cannot continue."))],
    )


class ActivationForm(NewPasswordForm):
    """Someone whose account a recruiter created agrees and chooses a password."""

    consent = BooleanField(
        _l("I agree that matchmaker keeps and uses these details to find a successor."),
        validators=[DataRequired(message=_l("Without your consent we cannot continue."))],
    )


class PracticeListingForm(Form):
    """A holder's listing."""

    version = HiddenField()  # the version this edit started from (optimistic locking)

    name = StringField(
        _l("Practice name"),
        validators=[DataRequired(), Length(max=160)],
        description=_l("Hidden from the public when you list anonymously."),
    )
    anonymous = BooleanField(
        _l("List anonymously"),
        description=_l("The public sees the municipality and the facts, never name or contact."),
    )
    postcode = StringField(
        _l("Postcode"),
        validators=[DataRequired(), validate_postcode],
        description=_l("We derive the municipality from it; only the municipality is public."),
    )
    street = StringField(_l("Street and number"), validators=[Optional(), Length(max=160)])
    patients = IntegerField(
        _l("Registered patients (ingeschreven patiënten)"),
        validators=[InputRequired(), NumberRange(min=1, max=60_000)],
    )
    fte = DecimalField(
        _l("GP FTE in the practice"), places=1, validators=[InputRequired(), NumberRange(0.1, 20)]
    )
    form = SelectField(_l("Practice form"), choices=_choices(FORM_LABELS))
    dispensing = BooleanField(_l("Dispensing practice (apotheekhoudend)"))
    building = SelectField(_l("Building"), choices=_choices(BUILDING_LABELS))
    handover_from = DateField(_l("Handover from"), validators=[InputRequired()])
    handover_until = DateField(_l("Handover until"), validators=[InputRequired()])
    handover_model = SelectField(_l("Handover model"), choices=_choices(HANDOVER_LABELS))
    goodwill_min = IntegerField(
        _l("Goodwill from (€)"),
        validators=[Optional(), NumberRange(min=0, max=MAX_EUROS)],
        description=_l("Leave empty when you ask no goodwill."),
    )
    goodwill_max = IntegerField(
        _l("Goodwill up to (€)"), validators=[Optional(), NumberRange(min=0, max=MAX_EUROS)]
    )
    days_per_week = IntegerField(
        _l("Days per week for the successor"), validators=[InputRequired(), NumberRange(1, 5)]
    )
    anw_hours_per_month = IntegerField(
        _l("Out-of-hours (ANW) duties, hours per month"),
        validators=[Optional(), NumberRange(0, 200)],
    )
    staff_assistants = IntegerField(
        _l("Doctor's assistants"), default=0, validators=[InputRequired(), NumberRange(0, 100)]
    )
    staff_poh = IntegerField(
        _l("Practice nurses (POH)"), default=0, validators=[InputRequired(), NumberRange(0, 100)]
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=4000)])
    contact_email = EmailField(
        _l("Contact email"), validators=[Optional(), Email(check_deliverability=False)]
    )
    contact_phone = StringField(_l("Contact phone"), validators=[Optional(), Length(max=32)])
    status = SelectField(_l("Status"), choices=_choices(STATUS_LABELS))
    patient_stop = _patient_stop_field()
    confirm_warnings = BooleanField(_l("I have checked this: save anyway"))
    warned = False  # set when the last save returned warnings


class ProfileForm(Form):
    """A candidate's profile, with the reasons we ask."""

    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    stage = SelectField(_l("Career stage"), choices=_choices(STAGE_LABELS))
    earliest_start = DateField(_l("Earliest start"), validators=[Optional()])
    latest_start = DateField(_l("Latest start"), validators=[Optional()])
    days_per_week = IntegerField(
        _l("Days per week you want to work"), validators=[Optional(), NumberRange(1, 5)]
    )
    home_postcode = StringField(
        _l("Home postcode"),
        validators=[DataRequired(), validate_postcode],
        description=_l("Needed to compute distances. Only you see it."),
    )
    max_distance_km = IntegerField(
        _l("Maximum distance (km)"),
        validators=[Optional(), NumberRange(1, 400)],
        description=_l("How far from home may the practice be? Or choose provinces below."),
    )
    search_regions = MultiCheckboxField(_l("Provinces you would move to"), choices=[])
    forms_acceptable = MultiCheckboxField(
        _l("Practice forms you would consider"), choices=_choices(FORM_LABELS)
    )
    dispensing_ok = BooleanField(_l("A dispensing practice is fine"), default=True)
    building_wishes = MultiCheckboxField(
        _l("Building situations that suit you"), choices=_choices(BUILDING_LABELS)
    )
    goodwill_budget = IntegerField(
        _l("Goodwill you could pay (€)"), validators=[Optional(), NumberRange(min=0, max=MAX_EUROS)]
    )
    partner_work = SelectField(
        _l("Your partner's work"),
        choices=_choices(PARTNER_WORK_LABELS, blank=_l("— rather not say —")),
        validators=[Optional()],
        description=_l("Research shows a partner's job decides where young GPs settle."),
    )
    partner_sector = SelectField(
        _l("Your partner's sector"),
        choices=_choices(SECTOR_LABELS, blank=_l("— not applicable —")),
        validators=[Optional()],
    )
    children_birth_years = StringField(
        _l("Children's birth years"),
        validators=[Optional(), validate_birth_years],
        description=_l("E.g. 2019, 2022. We use ages to look for childcare and schools."),
    )
    housing_need = SelectField(
        _l("Housing"),
        choices=_choices(HOUSING_LABELS, blank=_l("— rather not say —")),
        validators=[Optional()],
    )
    housing_budget = IntegerField(
        _l("Housing budget (€)"),
        validators=[Optional(), NumberRange(min=0, max=MAX_EUROS)],
        description=_l("Purchase price when buying, monthly rent when renting."),
    )
    bedrooms_min = IntegerField(
        _l("Bedrooms at least"), validators=[Optional(), NumberRange(1, 10)]
    )
    about = TextAreaField(_l("About you"), validators=[Optional(), Length(max=4000)])
    share_with_holders = MultiCheckboxField(
        _l("What practice holders may see before an introduction"),
        choices=_choices(SHARED_LABELS),
        description=_l(
            "Your stage, municipality and whether you apply as a duo are always visible. The "
            "match score a practice holder sees is computed only from what you tick here: "
            "anything else counts as unknown, cannot lower or raise it, and does not keep you "
            "out of a holder's list."
        ),
    )
    digest_opt_in = BooleanField(
        _l("Email me new matches once a week"),
        description=_l("Only practices that fit you well; you can turn this off at any time."),
    )

    def children(self) -> list[int]:
        """The birth years as numbers."""
        return _children(self.children_birth_years.data or "")


class CodeForm(Form):
    """A code from the authenticator app, or a recovery code."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=20)])


class BigNumberForm(Form):
    """One's BIG registration number."""

    big_number = StringField(
        _l("BIG number"),
        validators=[
            Optional(),
            Regexp(r"^\s*\d{11}\s*$", message=_l("A BIG number has 11 digits.")),
        ],
        description=_l("Your registration in the BIG register; a recruiter checks it."),
    )


class ConfirmEmailForm(Form):
    """Confirm one's address from the emailed link, with the account's password."""

    password = PasswordField(_l("Password"), validators=[DataRequired()])


class DeleteAccountForm(Form):
    """Confirm deleting one's account with the password."""

    password = PasswordField(_l("Password"), validators=[DataRequired()])


class DuoInviteForm(Form):
    """Invite a colleague to apply together."""

    email = EmailField(
        _l("Your duo partner's email"),
        validators=[DataRequired(), Email(check_deliverability=False)],
    )


# Which fields each kind of offer shows, after the common ones.
OFFER_FIELDS = {
    "housing": ("tenure", "price", "bedrooms"),
    "job_lead": ("sector", "employer", "hours_per_week"),
    "childcare": ("places", "ages", "priority_for_doctors"),
    "training": ("places",),
    "incentive": ("incentive_type", "amount"),
}


class OfferForm(Form):
    """A recruiter's offer; the template shows the fields of its kind."""

    gemeentecode = SelectField(_l("Municipality"), choices=[])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=160)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)])
    postcode = StringField(
        _l("Postcode"),
        validators=[Optional(), validate_postcode],
        description=_l("Where the home, job or childcare is (optional)."),
    )
    available_from = DateField(_l("Available from"), validators=[Optional()])
    contact = StringField(_l("Contact"), validators=[Optional(), Length(max=254)])
    link = StringField(_l("Link"), validators=[Optional(), Length(max=500), validate_web_link])
    tenure = SelectField(
        _l("Rent or buy"), choices=_choices(TENURE_LABELS, blank="—"), validators=[Optional()]
    )
    price = IntegerField(
        _l("Price (€; rent per month)"), validators=[Optional(), NumberRange(min=1, max=MAX_EUROS)]
    )
    bedrooms = IntegerField(_l("Bedrooms"), validators=[Optional(), NumberRange(0, 20)])
    sector = SelectField(
        _l("Sector"), choices=_choices(SECTOR_LABELS, blank="—"), validators=[Optional()]
    )
    employer = StringField(_l("Employer"), validators=[Optional(), Length(max=160)])
    hours_per_week = IntegerField(_l("Hours per week"), validators=[Optional(), NumberRange(1, 60)])
    places = IntegerField(_l("Places"), validators=[Optional(), NumberRange(min=1, max=MAX_PLACES)])
    ages = StringField(
        _l("Ages"), validators=[Optional(), Length(max=32)], description=_l("E.g. 0–4 or 4–12.")
    )
    priority_for_doctors = BooleanField(_l("Priority for doctors' families"))
    incentive_type = SelectField(
        _l("Kind of incentive"),
        choices=_choices(INCENTIVE_LABELS, blank="—"),
        validators=[Optional()],
    )
    amount = IntegerField(
        _l("Value (€)"), validators=[Optional(), NumberRange(min=0, max=MAX_EUROS)]
    )


class StopPlanForm(Form):
    """A holder's plan to stop, before publishing anything."""

    planned_stop = DateField(_l("I plan to stop around"), validators=[InputRequired()])
    postcode = StringField(_l("Practice postcode"), validators=[DataRequired(), validate_postcode])
    patients = IntegerField(
        _l("Registered patients, roughly"), validators=[InputRequired(), NumberRange(1, 60_000)]
    )
    practice_name = StringField(
        _l("Name of the practice"), validators=[Optional(), Length(max=200)]
    )
    note = TextAreaField(
        _l("Note for the regional recruiter"), validators=[Optional(), Length(max=1000)]
    )
    share_contact = BooleanField(
        _l("The regional recruiter may see my email address and phone number"),
        description=_l(
            "So they can call you about a successor; otherwise they see only your name."
        ),
    )
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=32)])
    patient_stop = _patient_stop_field()


class CampaignForm(Form):
    """A recruiter's campaign."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=160)])
    starts_on = DateField(_l("Starts on"), validators=[InputRequired()])
    ends_on = DateField(_l("Ends on"), validators=[InputRequired()])
    goal = IntegerField(
        _l("Goal: settled GPs"), default=0, validators=[InputRequired(), NumberRange(0, 10_000)]
    )
    municipalities = MultiCheckboxField(_l("Municipalities"), choices=[])


class InviteForm(Form):
    """Email addresses to invite, one per line or separated by commas."""

    emails = TextAreaField(
        _l("Email addresses"),
        validators=[DataRequired()],
        description=_l("One per line. Each gets a personal link."),
    )


class EmptyForm(Form):
    """A form carrying only the CSRF token (for buttons that post)."""


class CampaignEventForm(Form):
    """A kennismakingsdag, bus tour or meeloopdag."""

    kind = SelectField(
        _l("Kind of event"), choices=list(EVENT_LABELS.items()), validators=[InputRequired()]
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=160)])
    day = DateField(_l("Day"), validators=[InputRequired()])
    starts = TimeField(_l("From"), default=time(10), validators=[InputRequired()])
    ends = TimeField(_l("Until"), default=time(16), validators=[InputRequired()])
    place = StringField(
        _l("Place"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("Address or meeting point, e.g. the station of Emmeloord."),
    )
    practice_id = SelectField(
        _l("Practice"),
        choices=[],
        coerce=lambda v: int(v) if v not in (None, "", "None") else None,
        validators=[Optional()],
        description=_l("For a trial locum day: the practice that receives the candidates."),
    )
    capacity = IntegerField(
        _l("Places"),
        validators=[Optional(), NumberRange(1, 10_000)],
        description=_l("People, partners included. Leave empty for no limit."),
    )
    description = TextAreaField(
        _l("Programme"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 4}
    )
    announce = BooleanField(_l("Email the campaign's candidates and holders"), default=True)


class SignupForm(Form):
    """Coming to an event, alone or with one's partner."""

    party = RadioField(
        _l("Who comes"),
        choices=[("1", _l("Just me")), ("2", _l("Me and my partner"))],
        default="1",
        validators=[InputRequired()],
    )
    note = StringField(
        _l("Anything we should know?"),
        validators=[Optional(), Length(max=300)],
        description=_l("Diet, accessibility, questions."),
    )

    @property
    def people(self) -> int:
        """The number of people signing up."""
        value = int(self.party.data or 1)
        return value if 1 <= value <= MAX_PARTY else 1


class MessageForm(Form):
    """A message in a conversation, with at most one PDF."""

    body = TextAreaField(_l("Message"), validators=[Optional(), Length(max=4000)])
    attachment = FileField(_l("Attach a PDF (at most 5 MB)"))
