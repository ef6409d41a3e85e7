"""Occupations API: the matcher and the full record of a reference occupation."""

import datetime as dt

from django.http import Http404
from ninja import Field, Query, Router, Schema

from lotse.occupations.matcher import occupation_match
from lotse.occupations.models import Occupation
from lotse.occupations.selectors import occupation_detail, occupation_get

router = Router(tags=["occupations"])


class MatchResultOut(Schema):
    slug: str
    title_de: str
    title_de_f: str
    isco08: str
    kldb2010: str
    regulated: bool
    score: float = Field(..., description="0–1; 1 is an exact match of a label")
    matched_label: str
    matched_lang: str


class MatchOut(Schema):
    query: str
    results: list[MatchResultOut]
    confident: bool = Field(
        ..., description="False when no result matches well: offer the occupation groups instead."
    )


class MatchQuery(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="what the person typed")
    limit: int = Field(5, ge=1, le=50)


class AuthorityOut(Schema):
    key: str
    name: str
    short_name: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    web: str
    sources: list[str]
    checked_on: dt.date
    confirmed: bool
    unconfirmed_note: str


class DistrictAuthorityOut(Schema):
    authority: AuthorityOut
    districts: list[str] = Field(..., description="official five-digit district keys")


class CompetenceOut(Schema):
    key: str
    sources: list[str]
    checked_on: dt.date
    confirmed: bool
    unconfirmed_note: str


class OccupationOut(Schema):
    slug: str
    title_de: str
    title_de_f: str
    title_en: str
    former_titles_de: list[str]
    description_de: str
    description_en: str
    group: str
    kldb2010: str
    isco08: str
    regulated: bool
    regulation: str = Field(..., description="federal, state or none")
    regulation_note_de: str
    regulation_note_en: str
    legal_basis: str
    eu_automatic: bool
    compensation_measures: list[str]
    language_requirement: dict | None
    documents: list[str]
    fees: dict | None
    procedure: dict
    duration_note: dict
    authority: AuthorityOut | None = Field(
        ..., description="the competent authority in Baden-Württemberg (for the district given)"
    )
    authorities_by_district: list[DistrictAuthorityOut]
    competence: CompetenceOut
    portal_url: str
    sources: list[str]
    checked_on: dt.date
    confirmed: bool
    unconfirmed_note: str


class DetailQuery(Schema):
    district: str | None = Field(
        None, pattern=r"^08\d{3}$", description="official district key, e.g. 08111"
    )


@router.get("/match", response=MatchOut, summary="Match free text to reference occupations")
def match(request, params: Query[MatchQuery]):
    matches = occupation_match(params.q, limit=params.limit)
    return {
        "query": params.q,
        "results": [r.as_dict() for r in matches.results],
        "confident": matches.confident,
    }


@router.get("/{slug}", response=OccupationOut, summary="A reference occupation, in full")
def detail(request, slug: str, params: Query[DetailQuery]):
    try:
        occupation = occupation_get(slug=slug)
    except Occupation.DoesNotExist as error:
        raise Http404 from error
    return occupation_detail(occupation=occupation, district_code=params.district)
