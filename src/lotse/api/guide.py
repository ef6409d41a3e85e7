"""The guide's result as JSON: the same facts as the result page."""

import datetime as dt

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from lotse.guide.selectors import GuideInputError, guide_result

router = Router(tags=["guide"])


class GuideQuery(Schema):
    occupation: str = Field(..., max_length=100, description="reference occupation slug")
    country: str = Field(
        ..., pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code of the qualification"
    )
    district: str = Field(
        ..., pattern=r"^(08\d{3}|abroad)$", description="official district key, or 'abroad'"
    )


class DocumentOut(Schema):
    key: str
    label: str
    label_de: str


class MeasureOut(Schema):
    key: str
    label: str


class CentreOut(Schema):
    key: str
    kind: str
    name: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    web: str
    opening_hours: dict
    languages: list[str]
    modes: list[str]
    lat: float | None
    lon: float | None
    accepts_requests: bool
    sources: list[str]
    checked_on: dt.date
    confirmed: bool


class GrantOut(Schema):
    text: str
    eligible_now: bool
    note: str
    source: str
    checked_on: dt.date


class GuideOut(Schema):
    occupation: dict
    country: dict
    district: dict
    regulated: bool
    regulation: str
    route: str = Field(
        ...,
        description="eu_automatic, regulated_eu, regulated_third_country, academic_zab or "
        "not_regulated",
    )
    route_text: str
    authority: dict | None
    authorities_by_district: list[dict]
    legal_basis: str
    procedure: dict
    documents: list[DocumentOut]
    fees: dict | None
    fee_range: list[int] | None
    duration_months: int
    compensation_measures: list[MeasureOut]
    language_requirement: dict | None
    grant: GrantOut
    centres: list[CentreOut]
    offers: list[dict] = Field(default=[], description="qualification offers for this occupation")
    offers_url: str = ""
    portal_url: str
    sources: list[str]
    checked_on: dt.date
    confirmed: bool
    unconfirmed_note: str


@router.get(
    "", response=GuideOut, summary="The guide's result for one occupation, country, district"
)
def guide(request, params: Query[GuideQuery]):
    try:
        return guide_result(
            occupation_slug=params.occupation,
            country=params.country,
            district_code=params.district,
        )
    except GuideInputError as error:
        raise HttpError(422, f"Unknown {error.field}.") from error
