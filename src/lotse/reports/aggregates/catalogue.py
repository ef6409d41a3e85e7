"""What can be counted (measures) and by what (dimensions), with the labels readers see."""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import Organisation
from lotse.casework.vocab import (
    AgeBand,
    CaseStatus,
    Decision,
    EmploymentStatus,
    Gender,
    QualificationMatch,
    SessionMode,
)
from lotse.core.i18n import country_name, language_name
from lotse.occupations.models import Occupation
from lotse.occupations.vocab import GROUPS

GEO = ("region", "district")
CLIENT_DIMENSIONS = ("organisation", "country", "gender", "age_band")
TIME = ("month", "year")

DIMENSIONS: dict[str, Promise] = {
    "region": _("region"),
    "district": _("district"),
    "organisation": _("organisation"),
    "country": _("country of qualification"),
    "occupation": _("reference occupation"),
    "occupation_group": _("occupation group"),
    "gender": _("gender"),
    "age_band": _("age band"),
    "language": _("language of counselling"),
    "mode": _("mode of counselling"),
    "status": _("status of the case"),
    "decision": _("decision"),
    "employment": _("employment"),
    "match": _("job matches the qualification"),
    "month": _("month"),
    "year": _("year"),
}

ENUMS = {
    "gender": Gender,
    "age_band": AgeBand,
    "mode": SessionMode,
    "status": CaseStatus,
    "decision": Decision,
    "employment": EmploymentStatus,
    "match": QualificationMatch,
}

NOT_STATED = {
    "district": _("not stated or outside Baden-Württemberg"),
    "occupation": _("no recognition case"),
    "occupation_group": _("no recognition case"),
}


@dataclass(frozen=True)
class Measure:
    """One countable thing. `counts`: "people" (distinct clients), "events" (sessions,
    cases … each resting on the distinct people behind it) or "median" (days)."""

    key: str
    source: str
    counts: str
    title: Promise
    dimensions: tuple[str, ...]


_COUNSELLING = (*CLIENT_DIMENSIONS, "occupation", "occupation_group", "language", "mode", *TIME)
_CASES = (*CLIENT_DIMENSIONS, "status", "occupation", "occupation_group", *TIME)
_DECISIONS = (*CLIENT_DIMENSIONS, "decision", "occupation", "occupation_group", *TIME)
_OUTCOMES = (*CLIENT_DIMENSIONS, "employment", "match", "occupation_group", *TIME)

MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure("clients", "counselling", "people", _("clients counselled"), _COUNSELLING),
        Measure("sessions", "counselling", "events", _("counselling sessions"), _COUNSELLING),
        Measure("cases", "cases", "events", _("recognition cases opened"), _CASES),
        Measure("decisions", "decisions", "events", _("decisions of the authorities"), _DECISIONS),
        Measure(
            "decision_days",
            "decision_days",
            "median",
            _("median days from application to decision"),
            _DECISIONS,
        ),
        Measure(
            "outcomes_close", "outcomes_close", "people", _("clients: outcome at close"), _OUTCOMES
        ),
        Measure(
            "outcomes_6m",
            "outcomes_6m",
            "people",
            _("clients: outcome 6 months after close"),
            _OUTCOMES,
        ),
    )
}

# What the yearly refresh stores per (organisation, district); "total" is the district itself.
CUBE_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "counselling": (
        "total",
        "country",
        "occupation",
        "occupation_group",
        "gender",
        "age_band",
        "language",
        "mode",
        "month",
    ),
    "cases": ("total", "status", "occupation_group"),
    "decisions": ("total", "decision", "occupation_group"),
    "decision_days": ("total", "days"),
    "outcomes_close": ("total", "employment", "match"),
    "outcomes_6m": ("total", "employment", "match"),
}


def ordered_values(dimension: str, observed, *, labels: dict[str, str] | None = None) -> list:
    """Values in reading order: choice lists in their own order, time in time order, other
    lists alphabetically by label ("not stated" last). Never by size: the order must not hint
    at the size of a suppressed cell."""
    observed = set(observed)
    if dimension in ENUMS:
        known = list(ENUMS[dimension].values)
        return known + sorted(observed - set(known))
    if dimension in TIME:
        return sorted(observed)
    labels = labels or {}
    present = sorted((v for v in observed if v), key=lambda v: (labels.get(v, v).casefold(), v))
    return present + ([""] if "" in observed else [])


def value_labels(dimension: str, codes) -> dict[str, str]:
    """Readable, translated labels for the codes of one dimension."""
    codes = set(codes)
    lang = get_language() or "de"
    labels: dict[str, str] = {}
    if dimension in ENUMS:
        choices = dict(ENUMS[dimension].choices)
        labels = {c: str(choices.get(c, c)) for c in codes}
    elif dimension == "country":
        labels = {c: country_name(c, lang) if c else str(_("not stated")) for c in codes}
    elif dimension == "language":
        labels = {c: language_name(c, lang) if c else str(_("not stated")) for c in codes}
    elif dimension == "occupation_group":
        labels = {c: str(GROUPS.get(c, c)) for c in codes if c}
    elif dimension == "occupation":
        ids = [int(c) for c in codes if c.isdigit()]
        title = "title_de" if lang == "de" else "title_en"
        found = Occupation.objects.filter(pk__in=ids).values_list("pk", title)
        labels = {str(pk): text for pk, text in found}
    elif dimension == "organisation":
        ids = [int(c) for c in codes if c.isdigit()]
        found = Organisation.objects.filter(pk__in=ids).values_list("pk", "name")
        labels = {str(pk): name for pk, name in found}
    elif dimension == "month":
        for c in codes:
            year, month = c.split("-")
            labels[c] = date_format(date(int(year), int(month), 1), "YEAR_MONTH_FORMAT")
    for code in codes:
        if code not in labels:
            labels[code] = code if code else str(NOT_STATED.get(dimension, _("not stated")))
    return labels
