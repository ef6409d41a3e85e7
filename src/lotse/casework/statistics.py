"""Reads of case management for anonymised statistics (used by `lotse.reports` only).

Counts are grouped by codes: distinct clients ("people") and rows ("events"). Deliberately not
scoped to a user: lotse.reports decides who sees which figures and suppresses small cells
before anything leaves it. Erased clients keep their statistical fields (district, country,
gender, age band) and so still count.
"""

from datetime import date, timedelta

from django.db.models import Count, DurationField, ExpressionWrapper, F
from django.db.models.functions import ExtractYear, TruncMonth

from lotse.casework.models import CounsellingSession, Outcome, RecognitionCase

STATISTICS_SOURCES = (
    "counselling",
    "cases",
    "decisions",
    "decision_days",
    "outcomes_close",
    "outcomes_6m",
)
_CLIENT_CODES = {
    "organisation": "organisation_id",
    "district": "client__district_code",
    "country": "client__qualification_country",
    "gender": "client__gender",
    "age_band": "client__age_band",
    # A client counts under the occupation of each of their recognition cases.
    "occupation": "client__cases__occupation_id",
    "occupation_group": "client__cases__occupation__group",
}


def _statistics_rows(source: str, start: date, end: date):
    """(rows dated in the period, their date field, codes of their own) for one source."""
    case_codes = {"occupation": "occupation_id", "occupation_group": "occupation__group"}
    if source == "counselling":
        rows = CounsellingSession.objects.filter(date__range=(start, end))
        return rows, "date", {"language": "language", "mode": "mode"}
    if source == "cases":
        rows = RecognitionCase.objects.filter(opened_on__range=(start, end))
        return rows, "opened_on", {"status": "status", **case_codes}
    if source in ("decisions", "decision_days"):
        rows = RecognitionCase.objects.filter(decided_on__range=(start, end)).exclude(decision="")
        if source == "decision_days":  # decisions whose application date is known
            rows = rows.filter(submitted_on__isnull=False)
        days = ExpressionWrapper(F("decided_on") - F("submitted_on"), output_field=DurationField())
        return rows, "decided_on", {"decision": "decision", "days": days, **case_codes}
    if source in ("outcomes_close", "outcomes_6m"):
        timepoint = "close" if source == "outcomes_close" else "6m"
        rows = Outcome.objects.filter(recorded_on__range=(start, end), timepoint=timepoint)
        return rows, "recorded_on", {"employment": "employment", "match": "qualification_match"}
    raise ValueError(f"Unknown source of statistics: {source}")


def statistics_counts(
    *,
    source: str,
    start: date,
    end: date,
    group: tuple[str, ...],
    organisation_id: int | None = None,
) -> list[tuple[tuple[str, ...], int, int]]:
    """(codes, distinct clients, rows) per combination of the `group` codes, in one query.

    Codes come back as strings: "" for not stated, "YYYY-MM" for months, whole days for "days"
    (time from submission to decision).
    """
    rows, date_field, own = _statistics_rows(source, start, end)
    codes = {
        **_CLIENT_CODES,
        **own,
        "month": TruncMonth(date_field),
        "year": ExtractYear(date_field),
    }
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    if "days" in group:
        rows = rows.filter(submitted_on__isnull=False)
    paths = [codes[name] for name in group]
    aliases = {f"code{i}": F(p) if isinstance(p, str) else p for i, p in enumerate(paths)}
    # Grouping across a client's cases repeats rows; count each row once then.
    repeated = any(isinstance(p, str) and p.startswith("client__cases__") for p in paths)
    found = (
        rows.annotate(**aliases)
        .values(*aliases)
        .annotate(
            people=Count("client_id", distinct=True),
            events=Count("pk", distinct=repeated),
        )
        .order_by()
    )
    return [
        (tuple(_statistics_code(row[alias]) for alias in aliases), row["people"], row["events"])
        for row in found
    ]


def _statistics_code(value) -> str:
    if value is None:
        return ""
    if isinstance(value, timedelta):
        return str(value.days)
    if isinstance(value, date):
        return f"{value:%Y-%m}"
    return str(value)


def statistics_first_day() -> date | None:
    """The date of the first counselling session on record."""
    return CounsellingSession.objects.order_by("date").values_list("date", flat=True).first()
