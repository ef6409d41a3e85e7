"""Reads of the knowledge base (public data: no organisation scope)."""

from collections import defaultdict

from lotse.occupations.models import Authority, Competence, Label, Occupation


def _sourced(obj) -> dict:
    return {
        "sources": obj.sources,
        "checked_on": obj.checked_on,
        "confirmed": obj.confirmed,
        "unconfirmed_note": obj.unconfirmed_note,
    }


def reference_data_as_files() -> dict[str, dict]:
    """The database's reference data as the YAML documents it was loaded from, by file name.

    `districts.yaml` is not included: districts are kept in their own file (owned by the
    directory), and the chamber-of-crafts mapping is read from it.
    """
    files: dict[str, dict] = defaultdict(dict)
    for authority in Authority.objects.order_by("source_file", "id"):
        entry = {"key": authority.key, "name": authority.name}
        for field in ["short_name", "street", "postcode", "city", "phone", "email", "web"]:
            if getattr(authority, field):
                entry[field] = getattr(authority, field)
        entry.update(authority.extra)
        entry.update(_sourced(authority))
        name = authority.source_file or "authorities.yaml"
        files[name].setdefault("authorities", []).append(entry)
    for competence in Competence.objects.select_related("authority").order_by("source_file", "id"):
        entry = {"key": competence.key}
        if competence.by_district:
            entry["by_district"] = competence.by_district
        else:
            entry["authority"] = competence.authority.key if competence.authority else None
        entry.update(competence.data)
        entry.update(_sourced(competence))
        name = competence.source_file or "competences.yaml"
        files[name].setdefault("competences", []).append(entry)
    occupations = Occupation.objects.select_related("competence").order_by("source_file", "id")
    for occupation in occupations:
        entry = {
            "slug": occupation.slug,
            "title_de": occupation.title_de,
            "title_de_f": occupation.title_de_f,
            "title_en": occupation.title_en,
            "group": occupation.group,
            "kldb2010": occupation.kldb2010,
            "isco08": occupation.isco08,
            "regulation": occupation.regulation,
            "legal_basis": occupation.legal_basis,
            "competence": occupation.competence.key,
            "eu_automatic": occupation.eu_automatic,
            "portal_url": occupation.portal_url,
        }
        entry.update(occupation.data)
        entry.update(_sourced(occupation))
        name = occupation.source_file or "occupations/admin.yaml"
        files[name].setdefault("occupations", []).append(entry)
    labels: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for slug, lang, text in Label.objects.order_by("lang", "occupation__slug", "id").values_list(
        "occupation__slug", "lang", "text"
    ):
        labels[lang][slug].append(text)
    for lang, by_slug in labels.items():
        files[f"labels/{lang}.yaml"] = {"lang": lang, "labels": dict(by_slug)}
    return dict(files)
