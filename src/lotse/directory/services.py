"""Writes to the directory: loading the data files, and a centre's staff updating its entry."""

from collections import Counter

from django.db import transaction
from django.utils import timezone

from lotse.core.audit import audit_record
from lotse.core.datafiles import strip_lines
from lotse.core.upsert import upsert
from lotse.directory.data import DirectoryData
from lotse.directory.models import Centre, District, Region

CENTRE_FIELDS = [
    "kind", "name", "operator", "street", "postcode", "city", "lat", "lon", "phone", "email",
    "web", "opening_hours", "languages", "services", "modes", "sources", "checked_on",
    "confirmed", "unconfirmed_note",
]  # fmt: skip
STAFF_FIELDS = ["phone", "email", "web", "opening_hours", "languages", "services", "modes"]
_EMPTY = {
    "lat": None,
    "lon": None,
    "opening_hours": {},
    "languages": [],
    "services": [],
    "modes": [],
}


@transaction.atomic
def directory_load(*, data: DirectoryData) -> Counter:
    """Load validated directory data. Entries a centre's staff have edited keep their edits."""
    if data.problems:
        raise ValueError("Refusing to load directory data with problems.")
    counts: Counter = Counter()
    regions = {}
    for raw in data.regions:
        item = strip_lines(raw)
        values = {"name": item["name"], "government_district": item.get("government_district", "")}
        regions[item["key"]] = upsert(Region, {"key": item["key"]}, values, counts)
    districts = {}
    for raw in data.districts:
        item = strip_lines(raw)
        values = {
            "name": item["name"],
            "kind": item.get("kind", "rural"),
            "region": regions[item["region"]],
            "main_town": item.get("main_town") or "",
            "towns": item.get("towns") or [],
        }
        districts[item["code"]] = upsert(District, {"code": item["code"]}, values, counts)
    for raw in data.centres:
        item = strip_lines(raw)
        values = {f: item.get(f, _EMPTY.get(f, "")) for f in CENTRE_FIELDS}
        values["source_file"] = raw.get("__file__", "")
        existing = Centre.objects.filter(key=item["key"]).first()
        if existing is not None and existing.updated_by_staff:
            for name in STAFF_FIELDS:
                values.pop(name)
            counts["centre kept as edited by its staff"] += 1
        centre = upsert(Centre, {"key": item["key"]}, values, counts)
        wanted = {districts[code].pk for code in item.get("districts") or []}
        if set(centre.districts.values_list("pk", flat=True)) != wanted:
            centre.districts.set(wanted)
    return counts


@transaction.atomic
def centre_update(*, centre: Centre, user, changes: dict) -> Centre:
    """A centre's own staff update its public entry (contact, hours, languages, services)."""
    changed = [k for k in STAFF_FIELDS if k in changes and getattr(centre, k) != changes[k]]
    for key in changed:
        setattr(centre, key, changes[key])
    centre.updated_by_staff = timezone.now()
    centre.save(update_fields=[*changed, "updated_by_staff"])
    audit_record(
        action="centre.updated",
        actor=user,
        target=centre,
        extra={"fields": changed},
    )
    return centre
