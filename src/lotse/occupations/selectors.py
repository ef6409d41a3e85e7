"""Reads of the knowledge base (public data: no organisation scope)."""

from collections import defaultdict

from lotse.occupations.models import Authority, Competence, DistrictAuthority, Label, Occupation


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


def authority_as_dict(authority: Authority) -> dict:
    return {
        "key": authority.key,
        "name": authority.name,
        "short_name": authority.short_name,
        "street": authority.street,
        "postcode": authority.postcode,
        "city": authority.city,
        "phone": authority.phone,
        "email": authority.email,
        "web": authority.web,
        "sources": authority.sources,
        "checked_on": authority.checked_on,
        "confirmed": authority.confirmed,
        "unconfirmed_note": authority.unconfirmed_note,
    }


def occupation_get(*, slug: str) -> Occupation:
    """One occupation with its competence rule and authority; raises Occupation.DoesNotExist."""
    return Occupation.objects.select_related("competence__authority").get(slug=slug)


def occupation_detail(*, occupation: Occupation, district_code: str | None = None) -> dict:
    """Every fact about one occupation, with the competent authority for Baden-Württemberg.

    Where the authority depends on the district (crafts: the chamber of the person's district),
    `authorities_by_district` lists each authority with the district keys it serves, and
    `authority` is filled only when `district_code` is given.
    """
    competence = occupation.competence
    data = occupation.data
    rule = competence.data
    authority = competence.authority
    by_district = []
    if competence.by_district:
        grouped: dict[str, dict] = {}
        mapping = DistrictAuthority.objects.filter(by_district=competence.by_district)
        for row in mapping.select_related("authority").order_by("authority__name", "district_code"):
            entry = grouped.setdefault(
                row.authority.key, {"authority": authority_as_dict(row.authority), "districts": []}
            )
            entry["districts"].append(row.district_code)
            if row.district_code == district_code:
                authority = row.authority
        by_district = list(grouped.values())
    # An occupation may override what its rule says (data README: "may override …").
    base_documents = data.get("documents") or rule.get("documents") or []
    documents = list(dict.fromkeys([*base_documents, *(data.get("documents_extra") or [])]))
    return {
        "slug": occupation.slug,
        "title_de": occupation.title_de,
        "title_de_f": occupation.title_de_f,
        "title_en": occupation.title_en,
        "former_titles_de": data.get("former_titles_de") or [],
        "description_de": data.get("description_de") or "",
        "description_en": data.get("description_en") or "",
        "group": occupation.group,
        "kldb2010": occupation.kldb2010,
        "isco08": occupation.isco08,
        "regulated": occupation.is_regulated,
        "regulation": occupation.regulation,
        "regulation_note_de": data.get("regulation_note_de") or "",
        "regulation_note_en": data.get("regulation_note_en") or "",
        "legal_basis": occupation.legal_basis,
        "eu_automatic": occupation.eu_automatic,
        "compensation_measures": data.get("compensation_measures") or [],
        "language_requirement": data.get("language_requirement") or None,
        "documents": documents,
        "fees": data.get("fees") or rule.get("fees") or None,
        "procedure": data.get("procedure") or rule.get("procedure") or {},
        "duration_note": data.get("duration_note") or rule.get("duration_note") or {},
        "authority": authority_as_dict(authority) if authority else None,
        "authorities_by_district": by_district,
        "competence": {
            "key": competence.key,
            "sources": competence.sources,
            "checked_on": competence.checked_on,
            "confirmed": competence.confirmed,
            "unconfirmed_note": competence.unconfirmed_note,
        },
        "portal_url": occupation.portal_url,
        "sources": occupation.sources,
        "checked_on": occupation.checked_on,
        "confirmed": occupation.confirmed,
        "unconfirmed_note": occupation.unconfirmed_note,
    }


def occupation_groups() -> list[tuple[str, list[Occupation]]]:
    """All occupations by group, for browsing when a search finds nothing good."""
    grouped: dict[str, list[Occupation]] = defaultdict(list)
    for occupation in Occupation.objects.only(
        "slug", "title_de", "title_de_f", "group", "regulation"
    ):
        grouped[occupation.group].append(occupation)
    return sorted(grouped.items())


def authority_for(*, occupation: Occupation, district_code: str = "") -> Authority | None:
    """The competent authority for one occupation in one district (None if open or unknown)."""
    competence = occupation.competence
    if competence.by_district and district_code:
        row = (
            DistrictAuthority.objects.filter(
                by_district=competence.by_district, district_code=district_code
            )
            .select_related("authority")
            .first()
        )
        if row is not None:
            return row.authority
    return competence.authority
