"""The guide's result: everything a person needs for one occupation, country and district."""

import datetime as dt

from django.db.models import Count, QuerySet
from django.utils import translation

from lotse.accounts.permissions import scope
from lotse.core.i18n import EU_EEA_CH, country_name, is_country
from lotse.core.signals import guide_result_extras
from lotse.directory.models import Centre
from lotse.directory.selectors import centres_for_district, district_get
from lotse.guide.models import AppointmentRequest
from lotse.guide.texts import GRANT, ROUTES
from lotse.occupations import vocab
from lotse.occupations.models import Occupation
from lotse.occupations.selectors import occupation_detail, occupation_get

ABROAD = "abroad"
GRANT_SOURCE = "https://www.anerkennung-in-deutschland.de/html/de/anerkennungszuschuss.php"
GRANT_CHECKED_ON = dt.date(2026, 11, 25)


class GuideInputError(ValueError):
    """One of the three choices is unknown; `field` names which."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


def _route(facts: dict, eu: bool) -> str:
    if facts["regulated"] and eu and facts["eu_automatic"]:
        return "eu_automatic"
    if facts["regulated"]:
        return "regulated_eu" if eu else "regulated_third_country"
    if facts["competence"]["key"] == "zab":
        return "academic_zab"
    return "not_regulated"


def _centre_dict(centre: Centre) -> dict:
    return {
        "key": centre.key,
        "kind": centre.kind,
        "name": centre.name,
        "street": centre.street,
        "postcode": centre.postcode,
        "city": centre.city,
        "phone": centre.phone,
        "email": centre.email,
        "web": centre.web,
        "opening_hours": centre.opening_hours,
        "languages": centre.languages,
        "modes": centre.modes,
        "lat": centre.lat,
        "lon": centre.lon,
        "accepts_requests": centre.organisation_id is not None,
        "sources": centre.sources,
        "checked_on": centre.checked_on,
        "confirmed": centre.confirmed,
    }


def _fee_range(fees: dict | None) -> list[int] | None:
    low, high = (fees or {}).get("min"), (fees or {}).get("max")
    if isinstance(low, int | float) and isinstance(high, int | float):
        return [int(low), int(high)]
    return None


def guide_result(*, occupation_slug: str, country: str, district_code: str) -> dict:
    """The same facts for the result page, the PDF, the API and `lotse guide`."""
    try:
        occupation = occupation_get(slug=occupation_slug)
    except Occupation.DoesNotExist as error:
        raise GuideInputError("occupation") from error
    country = (country or "").upper()
    if not is_country(country):
        raise GuideInputError("country")
    abroad = district_code == ABROAD
    district = None if abroad else district_get(code=district_code or "")
    if district is None and not abroad:
        raise GuideInputError("district")
    facts = occupation_detail(
        occupation=occupation, district_code=None if abroad else district_code
    )
    eu = country in EU_EEA_CH
    route = _route(facts, eu)
    if district is not None:
        centres = centres_for_district(district=district)
    else:
        # Still abroad: the statewide offers (those serving every district).
        centres = list(
            Centre.objects.annotate(served=Count("districts"))
            .filter(served__gte=44)
            .order_by("name")
        )
    with translation.override("de"):
        documents_de = [str(vocab.DOCUMENTS.get(key, key)) for key in facts["documents"]]
    sources = list(dict.fromkeys([
        *facts["sources"], *facts["competence"]["sources"],
        *((facts["authority"] or {}).get("sources") or []), GRANT_SOURCE,
    ]))  # fmt: skip
    extras: dict = {}
    for _receiver, value in guide_result_extras.send(
        sender=guide_result, occupation_slug=occupation.slug, district_code=district_code
    ):
        extras.update(value or {})
    return {
        "offers": extras.get("offers", []),
        "offers_url": extras.get("offers_url", ""),
        "occupation": {
            "slug": facts["slug"],
            "title_de": facts["title_de"],
            "title_de_f": facts["title_de_f"],
            "title_en": facts["title_en"],
            "description_de": facts["description_de"],
            "description_en": facts["description_en"],
        },
        "country": {"code": country, "name": country_name(country), "eu_eea_ch": eu},
        "district": (
            {"code": district.code, "name": district.name, "region": district.region.name}
            if district
            else {"code": ABROAD, "name": "", "region": ""}
        ),
        "regulated": facts["regulated"],
        "regulation": facts["regulation"],
        "route": route,
        "route_text": str(ROUTES[route]),
        "authority": facts["authority"],
        "authorities_by_district": facts["authorities_by_district"] if abroad else [],
        "legal_basis": facts["legal_basis"],
        "procedure": facts["procedure"],
        "documents": [
            {"key": key, "label": str(vocab.DOCUMENTS.get(key, key)), "label_de": label_de}
            for key, label_de in zip(facts["documents"], documents_de, strict=True)
        ],
        "fees": facts["fees"],
        "fee_range": _fee_range(facts["fees"]),
        "duration_months": 3,
        "compensation_measures": [
            {"key": key, "label": str(vocab.COMPENSATION.get(key, key))}
            for key in facts["compensation_measures"]
        ],
        "language_requirement": facts["language_requirement"],
        "grant": {
            "text": str(GRANT["text"]),
            "eligible_now": not abroad,
            "note": str(GRANT["abroad"] if abroad else GRANT["apply_first"]),
            "source": GRANT_SOURCE,
            "checked_on": GRANT_CHECKED_ON,
        },
        "centres": [_centre_dict(c) for c in centres],
        "portal_url": facts["portal_url"],
        "sources": sources,
        "checked_on": facts["checked_on"],
        "confirmed": facts["confirmed"] and facts["competence"]["confirmed"],
        "unconfirmed_note": " ".join(
            n for n in (facts["unconfirmed_note"], facts["competence"]["unconfirmed_note"]) if n
        ),
    }


def appointment_requests_for(*, user) -> QuerySet[AppointmentRequest]:
    """The inbox: requests to the centres of the user's organisation."""
    return scope(user, AppointmentRequest.objects.select_related("centre"))


def appointment_requests_answered_before(moment: dt.datetime) -> QuerySet[AppointmentRequest]:
    """Requests accepted or declined before `moment`: what the retention run may delete.
    Not scoped to a user: only the scheduled retention task reads this."""
    return AppointmentRequest.objects.filter(
        status__in=[AppointmentRequest.Status.ACCEPTED, AppointmentRequest.Status.DECLINED],
        decided_at__lt=moment,
    )
