"""Write the validated reference data into the database (one transaction, only changed rows)."""

from collections import Counter

from django.db import transaction

from lotse.core.datafiles import strip_lines
from lotse.core.upsert import upsert
from lotse.occupations.matcher import reset_index
from lotse.occupations.models import Authority, Competence, DistrictAuthority, Label, Occupation
from lotse.occupations.reference_data import ReferenceData

AUTHORITY_FIELDS = ["name", "short_name", "street", "postcode", "city", "phone", "email", "web"]
SOURCED_FIELDS = ["sources", "checked_on", "confirmed", "unconfirmed_note"]
OCCUPATION_FIELDS = [
    "title_de", "title_de_f", "title_en", "group", "kldb2010", "isco08", "regulation",
    "legal_basis", "eu_automatic", "portal_url",
]  # fmt: skip


def _sourced(item: dict) -> dict:
    return {
        "sources": list(item.get("sources") or []),
        "checked_on": item["checked_on"],
        "confirmed": bool(item.get("confirmed", True)),
        "unconfirmed_note": item.get("unconfirmed_note") or "",
        "source_file": item.get("__file__", ""),
    }


@transaction.atomic
def reference_data_load(*, data: ReferenceData) -> Counter:
    """Load validated data; returns counts of created/updated/deleted rows."""
    if data.problems:
        raise ValueError("Refusing to load reference data with problems.")
    counts: Counter = Counter()
    authorities = {}
    for raw in data.authorities:
        item = strip_lines(raw)
        values = {f: item.get(f) or "" for f in AUTHORITY_FIELDS}
        extra = {
            k: v
            for k, v in item.items()
            if k not in {*AUTHORITY_FIELDS, *SOURCED_FIELDS, "key", "__file__"}
        }
        values.update(_sourced(raw), extra=extra)
        authorities[item["key"]] = upsert(Authority, {"key": item["key"]}, values, counts)

    for raw in data.districts:
        values = {"authority": authorities[raw["chamber_of_crafts"]]}
        lookup = {"by_district": "chamber_of_crafts", "district_code": raw["code"]}
        upsert(DistrictAuthority, lookup, values, counts)

    competences = {}
    for raw in data.competences:
        item = strip_lines(raw)
        rest = {
            k: v
            for k, v in item.items()
            if k not in {*SOURCED_FIELDS, "key", "authority", "by_district", "__file__"}
        }
        values = {
            "authority": authorities.get(item.get("authority"))
            if not item.get("by_district")
            else None,
            "by_district": item.get("by_district") or "",
            "data": _jsonable(rest),
            **_sourced(raw),
        }
        competences[item["key"]] = upsert(Competence, {"key": item["key"]}, values, counts)

    occupations = {}
    for raw in data.occupations:
        item = strip_lines(raw)
        values = {f: item.get(f) for f in OCCUPATION_FIELDS}
        values["title_de_f"] = values["title_de_f"] or item["title_de"]
        values["legal_basis"] = values["legal_basis"] or ""
        values["portal_url"] = values["portal_url"] or ""
        values["eu_automatic"] = bool(values["eu_automatic"])
        rest = {
            k: v
            for k, v in item.items()
            if k not in {*OCCUPATION_FIELDS, *SOURCED_FIELDS, "slug", "competence", "__file__"}
        }
        values.update(
            competence=competences[item["competence"]], data=_jsonable(rest), **_sourced(raw)
        )
        occupations[item["slug"]] = upsert(Occupation, {"slug": item["slug"]}, values, counts)

    wanted = {(slug, lang, text) for slug, lang, text, _file, _line in data.labels}
    existing = {
        (slug, lang, text): pk
        for pk, slug, lang, text in Label.objects.values_list(
            "pk", "occupation__slug", "lang", "text"
        )
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        Label.objects.filter(pk__in=stale).delete()
        counts["label deleted"] += len(stale)
    new = [
        Label(occupation=occupations[slug], lang=lang, text=text)
        for slug, lang, text in sorted(wanted - set(existing))
    ]
    Label.objects.bulk_create(new, batch_size=1000)
    transaction.on_commit(reset_index)
    if new:
        counts["label created"] += len(new)
    return counts


def _jsonable(value):
    """Dates inside free-form data become ISO strings so they fit a JSON field."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
