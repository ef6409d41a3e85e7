"""Request and response shapes of the case management API (`/api/v1/clients`, `/api/v1/cases`).

Input schemas refuse unknown fields and check what the web forms check (lengths, phone format,
countries, year of birth, dates not in the future), so that bad input answers 422 with a
message and never reaches the database as something it cannot store (e.g. NUL characters).
"""

import datetime as dt
import re
from typing import Annotated, Literal

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, model_validator

from lotse.casework.vocab import (
    COUNSELLING_LANGUAGES,
    CaseStatus,
    CompensationType,
    Decision,
    Gender,
    QualificationLevel,
    ResidenceStatus,
)
from lotse.core.i18n import is_country

MAX_ID = 2**63 - 1  # BigAutoField: a larger number cannot be a row and must not reach SQL
_PHONE = re.compile(r"^\+?[0-9 ()/-]{6,40}$")


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError(_("The text contains a character that cannot be stored."))
    return value


def _email(value: str) -> str:
    value = _no_nul(value).strip()
    if value:
        try:
            validate_email(value)
        except DjangoValidationError as error:
            raise ValueError(_("Enter a valid e-mail address.")) from error
    return value


def _phone(value: str) -> str:
    value = _no_nul(value).strip()
    if value and not _PHONE.match(value):
        raise ValueError(_("Please enter a phone number with digits only."))
    return value


def _country(value: str) -> str:
    value = _no_nul(value).strip().upper()
    if value and not is_country(value):
        raise ValueError(_("Use a two-letter country code (ISO 3166-1), e.g. UA."))
    return value


def _birth_year(value: int) -> int:
    this_year = timezone.localdate().year
    if not this_year - 100 <= value <= this_year - 14:
        raise ValueError(
            _("Enter a year of birth between %(a)s and %(b)s.")
            % {"a": this_year - 100, "b": this_year - 14}
        )
    return value


def _not_future(value: dt.date) -> dt.date:
    if value > timezone.localdate():
        raise ValueError(_("The date cannot be in the future."))
    return value


def _since(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Text = Annotated[str, AfterValidator(_no_nul)]
PastDate = Annotated[dt.date, AfterValidator(_not_future)]
Email = Annotated[str, Field(max_length=254), AfterValidator(_email)]
Phone = Annotated[str, Field(max_length=40), AfterValidator(_phone)]
Country = Annotated[str, Field(max_length=2), AfterValidator(_country)]
BirthYear = Annotated[int, AfterValidator(_birth_year)]
Since = Annotated[dt.datetime, AfterValidator(_since)]
Slug = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z0-9_-]+$")]
DistrictCode = Annotated[str, Field(pattern=r"^(08\d{3})?$")]

UiLanguage = Literal[tuple(code for code, _name in settings.LANGUAGES)]
SpokenLanguage = Literal[tuple(COUNSELLING_LANGUAGES)]
GenderCode = Literal[tuple(Gender.values)]
ResidenceCode = Literal[tuple(ResidenceStatus.values)]
LevelCode = Literal[tuple(QualificationLevel.values)]
CaseStatusCode = Literal[tuple(CaseStatus.values)]
DecisionCode = Literal[tuple(Decision.values)]
CompensationCode = Literal[tuple(CompensationType.values)]


class StrictIn(Schema):
    """Unknown fields are an error, not silently dropped: a typo must not look like success."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    detail: str | list = Field(
        ..., description="a message, or for invalid input a list of {loc, msg, type}"
    )


ERRORS = dict.fromkeys((400, 401, 403, 404, 409, 422), ErrorOut)


# --- Clients -------------------------------------------------------------------------------


class ConsentIn(StrictIn):
    """The client's consent to counselling and documentation (current text version)."""

    given_on: PastDate
    given_by: Literal["client", "representative"] = "client"
    form: Literal["written", "electronic", "oral"] = "written"


class ProfileFields(StrictIn):
    """Fields beyond contact data: refused (409) until a counselling consent is recorded."""

    languages: list[SpokenLanguage] | None = Field(None, max_length=len(COUNSELLING_LANGUAGES))
    gender: GenderCode | None = None
    birth_year: BirthYear | None = None
    country_of_residence: Country | None = None
    arrived_on: PastDate | None = None
    district_code: DistrictCode | None = Field(None, description="official district key, 08…")
    residence_status: ResidenceCode | None = None
    qualification_country: Country | None = None
    qualification_level: LevelCode | None = None
    qualifications: Annotated[Text, Field(max_length=2000)] | None = None
    work_experience: Annotated[Text, Field(max_length=2000)] | None = None


class ClientIn(ProfileFields):
    name: Annotated[Text, Field(min_length=1, max_length=200)]
    email: Email = ""
    phone: Phone = ""
    preferred_language: UiLanguage = "de"
    consent: ConsentIn | None = Field(
        None, description="record the counselling consent in the same step"
    )

    @model_validator(mode="after")
    def _reachable(self):
        if not self.email and not self.phone:
            raise ValueError(_("Give an e-mail address or a phone number."))
        if not self.name.strip():
            raise ValueError(_("Give the client's name."))
        return self


class ClientPatch(ProfileFields):
    """Only the fields sent are changed; `null` clears an optional field."""

    name: Annotated[Text, Field(min_length=1, max_length=200)] | None = None
    email: Email | None = None
    phone: Phone | None = None
    preferred_language: UiLanguage | None = None


class ClientQuery(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10**9)
    status: Literal["active", "closed"] | None = None
    q: Annotated[Text, Field(max_length=200)] = Field(
        "", description="client number (K-…) or part of the name"
    )
    updated_since: Since | None = Field(None, description="ISO 8601 date or date-time")


class ClientOut(Schema):
    id: int
    number: str = Field(..., description="pseudonymous client number")
    status: str
    source: str
    counsellor: str | None = Field(..., description="user name of the counsellor in charge")
    has_consent: bool = Field(..., description="an active consent to counselling is recorded")
    name: str
    email: str
    phone: str
    preferred_language: str
    languages: list[str]
    gender: str
    birth_year: int | None
    age_band: str
    country_of_residence: str
    arrived_on: dt.date | None
    district_code: str
    residence_status: str
    qualification_country: str
    qualification_level: str
    qualifications: str
    work_experience: str
    first_contact_on: dt.date
    last_contact_on: dt.date
    closed_on: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime


class ClientsOut(Schema):
    items: list[ClientOut]
    count: int = Field(..., description="all matching clients, not only this page")
    limit: int
    offset: int


# --- Recognition cases ---------------------------------------------------------------------


class StepIn(StrictIn):
    """A step on the case's timeline; what a step needs depends on its status."""

    status: CaseStatusCode
    date: PastDate | None = Field(None, description="defaults to today")
    note: Annotated[Text, Field(max_length=2000)] = ""
    decision: DecisionCode | None = Field(None, description="required for status 'decision'")
    compensation_type: CompensationCode | None = Field(
        None, description="required for status 'compensation'"
    )
    compensation_provider: Annotated[Text, Field(max_length=200)] = ""
    compensation_start: dt.date | None = None
    compensation_end: dt.date | None = None
    abandon_reason: Annotated[Text, Field(max_length=300)] = Field(
        "", description="required for status 'abandoned'"
    )


class CaseIn(StrictIn):
    client: Id
    occupation: Slug = Field(..., description="slug of the reference occupation")
    authority: Slug | None = Field(
        None, description="key of the competent authority; default: from the knowledge base"
    )
    grant_applied: bool | None = None


class CasePatch(StrictIn):
    occupation: Slug | None = None
    authority: Slug | None = Field(None, description="key of the authority; null clears it")
    grant_applied: bool | None = None
    step: StepIn | None = Field(None, description="record the next step of the timeline")


class CaseQuery(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10**9)
    status: CaseStatusCode | None = None
    client: Id | None = Field(None, description="only the cases of this client")
    occupation: Slug | None = None
    updated_since: Since | None = Field(None, description="ISO 8601 date or date-time")


class OccupationRef(Schema):
    slug: str
    title_de: str
    kldb2010: str
    regulated: bool


class AuthorityRef(Schema):
    key: str
    name: str


class StepOut(Schema):
    status: str
    date: dt.date
    note: str


class CaseOut(Schema):
    id: int
    client: int
    client_number: str
    counsellor: str | None
    occupation: OccupationRef
    authority: AuthorityRef | None
    status: str
    allowed_next: list[str] = Field(..., description="statuses the next step may have")
    opened_on: dt.date
    submitted_on: dt.date | None
    days_since_submission: int | None = Field(
        ..., description="until the decision, or until today while none has come"
    )
    decision: str
    decided_on: dt.date | None
    compensation_type: str
    compensation_provider: str
    compensation_start: dt.date | None
    compensation_end: dt.date | None
    grant_applied: bool | None
    closed_on: dt.date | None
    abandon_reason: str
    updated_at: dt.datetime


class CaseDetailOut(CaseOut):
    steps: list[StepOut]


class CasesOut(Schema):
    items: list[CaseOut]
    count: int = Field(..., description="all matching cases, not only this page")
    limit: int
    offset: int
