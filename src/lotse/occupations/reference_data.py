"""Read, validate and load the reference data files in `lotse/data/`.

Validation collects every problem with file and line before anything is written, so a
reviewer sees all mistakes at once; loading runs in one transaction and saves only rows that
changed, so a second run changes nothing.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from lotse.core.datafiles import (
    LINE,
    Problem,
    check_sourced,
    entries,
    need,
    read_yaml,
    unique,
    where,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

GROUPS = {
    "health", "care_social", "education", "engineering_architecture", "law_finance",
    "public_service", "crafts", "industry_trade", "it_media", "hospitality_food",
    "agriculture_environment", "transport_logistics", "office_business", "academic_other",
}  # fmt: skip
REGULATION = {"federal", "state", "none"}
DOCUMENT_KEYS = {
    "application_form", "id", "diploma", "transcript", "cv", "work_experience", "translations",
    "certified_copies", "name_change", "intent_to_work_bw", "health_certificate",
    "criminal_record", "language_certificate", "power_of_attorney", "school_certificate",
    "licence_to_practise_abroad", "certificate_of_good_standing",
}  # fmt: skip
COMPENSATION_KEYS = {"adaptation_period", "aptitude_test", "knowledge_test"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class ReferenceData:
    districts: list[dict] = field(default_factory=list)
    authorities: list[dict] = field(default_factory=list)
    competences: list[dict] = field(default_factory=list)
    occupations: list[dict] = field(default_factory=list)
    labels: list[tuple[str, str, str, str, int]] = field(default_factory=list)  # slug, lang, text
    problems: list[Problem] = field(default_factory=list)


def read_all(root: Path = DATA_DIR) -> ReferenceData:
    data = ReferenceData()
    districts_doc = read_yaml(root / "districts.yaml", root, data.problems)
    data.districts = entries(districts_doc, "districts", "districts.yaml", data.problems)
    for path in sorted(root.glob("authorities*.yaml")):
        doc = read_yaml(path, root, data.problems)
        data.authorities += entries(doc, "authorities", str(path.relative_to(root)), data.problems)
    for path in sorted(root.glob("competences*.yaml")):
        doc = read_yaml(path, root, data.problems)
        data.competences += entries(doc, "competences", str(path.relative_to(root)), data.problems)
    for path in sorted((root / "occupations").glob("*.yaml")):
        doc = read_yaml(path, root, data.problems)
        data.occupations += entries(doc, "occupations", str(path.relative_to(root)), data.problems)
    for path in sorted((root / "labels").glob("*.yaml")):
        rel = str(path.relative_to(root))
        doc = read_yaml(path, root, data.problems)
        if doc is None:
            continue
        lang = doc.get("lang")
        if lang != path.stem:
            data.problems.append(Problem(rel, 1, f"'lang: {lang}' does not match the file name"))
        labels = doc.get("labels") or {}
        line = labels.get(LINE, 1) if isinstance(labels, dict) else 1
        if not isinstance(labels, dict):
            data.problems.append(Problem(rel, 1, "expected a mapping under 'labels'"))
            continue
        for slug, texts in labels.items():
            if slug == LINE:
                continue
            if not isinstance(texts, list):
                data.problems.append(Problem(rel, line, f"labels of '{slug}' must be a list"))
                continue
            for text in texts:
                data.labels.append((slug, path.stem, str(text).strip(), rel, line))
    validate(data)
    return data


def validate(data: ReferenceData) -> None:
    authority_keys = unique(data.authorities, "key", data.problems, "authority key")
    for item in data.authorities:
        need(item, ["key", "name"], data.problems, f"authority '{item.get('key')}'")
        check_sourced(item, data.problems, f"authority '{item.get('key')}'")

    codes = unique(data.districts, "code", data.problems, "district code")
    for item in data.districts:
        what = f"district '{item.get('name')}'"
        if not re.fullmatch(r"08\d{3}", str(item.get("code", ""))):
            data.problems.append(Problem(*where(item), f"{what}: code must be '08' + 3 digits"))
        chamber = item.get("chamber_of_crafts")
        if chamber not in authority_keys:
            data.problems.append(Problem(*where(item), f"{what}: unknown authority '{chamber}'"))
    if data.districts and len(codes) != 44:
        data.problems.append(
            Problem("districts.yaml", 1, f"expected 44 districts, found {len(codes)}")
        )

    competence_keys = unique(data.competences, "key", data.problems, "competence key")
    for item in data.competences:
        what = f"competence '{item.get('key')}'"
        need(item, ["key"], data.problems, what)
        check_sourced(item, data.problems, what)
        authority, by_district = item.get("authority"), item.get("by_district")
        if by_district and by_district != "chamber_of_crafts":
            data.problems.append(
                Problem(*where(item), f"{what}: unknown by_district '{by_district}'")
            )
        if not by_district and authority not in authority_keys:
            data.problems.append(Problem(*where(item), f"{what}: unknown authority '{authority}'"))
        _check_keys(item, "documents", DOCUMENT_KEYS, data, what)

    slugs = unique(data.occupations, "slug", data.problems, "slug")
    for item in data.occupations:
        _validate_occupation(item, competence_keys, data)

    for slug, lang, text, rel, line in data.labels:
        if slug not in slugs:
            data.problems.append(
                Problem(rel, line, f"label '{text}' names unknown occupation '{slug}'")
            )
        if not text:
            data.problems.append(Problem(rel, line, f"empty label for '{slug}' ({lang})"))


def _check_keys(item: dict, name: str, allowed: set[str], data: ReferenceData, what: str) -> None:
    unknown = sorted(set(item.get(name) or []) - allowed)
    if unknown:
        data.problems.append(Problem(*where(item), f"{what}: unknown {name} {unknown}"))


def _validate_occupation(item: dict, competence_keys: set[str], data: ReferenceData) -> None:
    slug = item.get("slug")
    what = f"occupation '{slug}'"
    need(
        item,
        ["slug", "title_de", "title_en", "group", "regulation", "competence"],
        data.problems,
        what,
    )
    check_sourced(item, data.problems, what)
    if slug and not SLUG_RE.match(str(slug)):
        data.problems.append(Problem(*where(item), f"{what}: slug must be lowercase a-z, 0-9, '-'"))
    for name, digits in (("kldb2010", 5), ("isco08", 4)):
        value = item.get(name)
        if not (isinstance(value, str) and re.fullmatch(rf"\d{{{digits}}}", value)):
            data.problems.append(
                Problem(
                    *where(item),
                    f"{what}: {name} must be {digits} digits in quotes, got {value!r}",
                )
            )
    if item.get("group") not in GROUPS:
        data.problems.append(Problem(*where(item), f"{what}: unknown group '{item.get('group')}'"))
    if item.get("regulation") not in REGULATION:
        data.problems.append(
            Problem(*where(item), f"{what}: regulation must be federal, state or none")
        )
    if item.get("competence") not in competence_keys:
        data.problems.append(
            Problem(*where(item), f"{what}: unknown competence '{item.get('competence')}'")
        )
    _check_keys(item, "documents_extra", DOCUMENT_KEYS, data, what)
    _check_keys(item, "compensation_measures", COMPENSATION_KEYS, data, what)
