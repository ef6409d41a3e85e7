"""Reads of the quality cycle, scoped to the user's institution (the network view is anonymised)."""

import statistics
from collections import defaultdict

from django.db.models import Count, QuerySet

from lotse.accounts.permissions import can
from lotse.quality.models import ActionItem, Area, Assessment, FeedbackResponse, Rating
from lotse.quality.services import FEEDBACK_QUESTIONS

MIN_INSTITUTIONS = 5  # network figures only when at least this many institutions submitted
DONE = (Assessment.Status.SUBMITTED, Assessment.Status.LOCKED)


def assessments_visible_to(*, user) -> QuerySet[Assessment]:
    qs = Assessment.objects.select_related("organisation", "version")
    if can(user, "quality.assessment.review") or user.role in ("coordinator", "quality"):
        return qs
    return qs.filter(organisation_id=user.organisation_id) if user.organisation_id else qs.none()


def area_scores(assessment: Assessment) -> list[dict]:
    """Per area: mean level (0–3) and percent of the top level, in catalogue order."""
    levels: dict[tuple[int, str], list[int]] = defaultdict(list)
    titles: dict[str, tuple[str, str]] = {}
    for rating in assessment.ratings.select_related("criterion__area"):
        area = rating.criterion.area
        titles[area.key] = (area.title_de, area.title_en)
        if rating.level is not None:
            levels[(area.position, area.key)].append(rating.level)
        else:
            levels.setdefault((area.position, area.key), [])
    rows = []
    for (_pos, key), values in sorted(levels.items()):
        mean = statistics.fmean(values) if values else None
        rows.append(
            {"key": key, "title_de": titles[key][0], "title_en": titles[key][1], "mean": mean,
             "percent": round(mean / 3 * 100) if mean is not None else None}
        )  # fmt: skip
    return rows


def overall_percent(rows: list[dict]) -> int | None:
    values = [r["percent"] for r in rows if r["percent"] is not None]
    return round(statistics.fmean(values)) if values else None


def previous_assessment(assessment: Assessment) -> Assessment | None:
    return (
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id,
            period__lt=assessment.period,
            status__in=DONE,
        )
        .order_by("-period")
        .first()
    )


def network_medians(*, period: int) -> tuple[dict[str, int], int] | tuple[None, int]:
    """Median percent per area over the institutions that submitted for `period`.

    Returns (None, n) when fewer than five institutions submitted, so that no institution's
    figures can be read off the network view.
    """
    done = Assessment.objects.filter(period=period, status__in=DONE)
    count = done.count()
    if count < MIN_INSTITUTIONS:
        return None, count
    # One query for all ratings of the year, grouped per institution and area.
    levels: dict[tuple[int, str], list[int]] = defaultdict(list)
    rows = Rating.objects.filter(assessment__in=done, level__isnull=False).values_list(
        "assessment_id", "criterion__area__key", "level"
    )
    for assessment_id, area_key, level in rows:
        levels[(assessment_id, area_key)].append(level)
    per_area: dict[str, list[int]] = defaultdict(list)
    for (_assessment_id, area_key), values in levels.items():
        per_area[area_key].append(round(statistics.fmean(values) / 3 * 100))
    return {key: round(statistics.median(v)) for key, v in per_area.items()}, count


def actions_for(*, assessment: Assessment) -> QuerySet[ActionItem]:
    return assessment.actions.select_related("owner", "criterion")


def feedback_summary(*, organisation) -> dict:
    responses = list(FeedbackResponse.objects.filter(organisation=organisation)[:5000])
    means = {}
    for question in FEEDBACK_QUESTIONS:
        values = [
            r.answers[question] for r in responses if isinstance(r.answers.get(question), int)
        ]
        means[question] = round(statistics.fmean(values), 1) if values else None
    texts = [(r.given_on, r.free_text) for r in responses if r.free_text][:100]
    return {"count": len(responses), "means": means, "texts": texts}


# --- Statistics (read by lotse.reports) ----------------------------------------------------


def statistics_assessment_status(*, period: int) -> dict[str, int]:
    """Institutions per status of their self-assessment for `period` (institutions, not people)."""
    found = Assessment.objects.filter(period=period).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in found.order_by()}


def statistics_area_titles() -> dict[str, tuple[str, str]]:
    """Area key -> (German title, English title), the newest catalogue version winning."""
    titles: dict[str, tuple[str, str]] = {}
    for key, de, en in Area.objects.order_by("version__number").values_list(
        "key", "title_de", "title_en"
    ):
        titles[key] = (de, en)
    return titles
