"""Reads of the directory (public data)."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from lotse.directory.models import Centre, District

_KIND_ORDER = Case(
    When(kind=Centre.Kind.COUNSELLING, then=Value(0)),
    When(kind=Centre.Kind.WELCOME_CENTER, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def districts_all() -> QuerySet[District]:
    return District.objects.select_related("region").order_by("name", "kind")


def district_get(*, code: str) -> District | None:
    return District.objects.select_related("region").filter(code=code).first()


def centres_for_district(*, district: District) -> list[Centre]:
    """Counselling centres first, then Welcome Centers, then partners serving the district."""
    return list(
        Centre.objects.filter(districts=district)
        .annotate(kind_order=_KIND_ORDER)
        .order_by("kind_order", "name")
    )


def centres_search(
    *, district: District | None = None, language: str = "", service: str = ""
) -> list[Centre]:
    centres = Centre.objects.annotate(kind_order=_KIND_ORDER).order_by("kind_order", "name")
    if district is not None:
        centres = centres.filter(districts=district)
    centres = list(centres.distinct())
    # Language and service lists are short JSON arrays; filtering them in Python keeps the
    # query the same on SQLite and PostgreSQL.
    if language:
        centres = [c for c in centres if language in c.languages]
    if service:
        centres = [c for c in centres if service in c.services]
    return centres


def centre_get(*, key: str) -> Centre | None:
    return Centre.objects.prefetch_related("districts").filter(key=key).first()


def centre_languages() -> list[str]:
    codes: set[str] = set()
    for languages in Centre.objects.values_list("languages", flat=True):
        codes.update(languages or [])
    return sorted(codes)
