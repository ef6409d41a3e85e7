"""Writes of the quality cycle; each one transaction with its audit entry."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import audit_record
from lotse.quality.models import (
    ActionItem,
    Area,
    Assessment,
    CatalogueVersion,
    Criterion,
    FeedbackResponse,
    Rating,
)

FEEDBACK_QUESTIONS = ["understood", "time", "clear_next_steps", "respect", "language", "recommend"]


@transaction.atomic
def catalogue_load(*, data: dict) -> CatalogueVersion | None:
    """Create the starter catalogue as a published version, unless that version exists."""
    if CatalogueVersion.objects.filter(number=data["version"]).exists():
        return None
    version = CatalogueVersion.objects.create(
        number=data["version"],
        title=data["title"],
        levels=data["levels"],
        published_at=timezone.now(),
    )
    for a_pos, area in enumerate(data["areas"]):
        area_obj = Area.objects.create(
            version=version,
            key=area["key"],
            position=a_pos,
            title_de=area["de"],
            title_en=area["en"],
        )
        for c_pos, criterion in enumerate(area["criteria"]):
            Criterion.objects.create(
                area=area_obj, key=criterion["key"], position=c_pos,
                text_de=criterion["de"], text_en=criterion["en"],
                indicators=criterion.get("indicators") or [],
                source=criterion.get("source", ""), source_url=criterion.get("source_url", ""),
                staff_competence=bool(criterion.get("staff_competence")),
            )  # fmt: skip
    return version


def latest_published() -> CatalogueVersion | None:
    return CatalogueVersion.objects.filter(published_at__isnull=False).order_by("-number").first()


@transaction.atomic
def catalogue_new_draft(*, user) -> CatalogueVersion:
    """A new draft copied from the latest published version; editing never touches that one."""
    draft = CatalogueVersion.objects.filter(published_at__isnull=True).first()
    if draft is not None:
        return draft
    source = latest_published()
    if source is None:
        raise ValidationError(_("There is no published catalogue to start from."))
    draft = CatalogueVersion.objects.create(
        number=source.number + 1, title=source.title, levels=source.levels
    )
    for area in source.areas.prefetch_related("criteria"):
        new_area = Area.objects.create(
            version=draft, key=area.key, position=area.position,
            title_de=area.title_de, title_en=area.title_en,
        )  # fmt: skip
        Criterion.objects.bulk_create(
            Criterion(
                area=new_area,
                key=c.key,
                position=c.position,
                text_de=c.text_de,
                text_en=c.text_en,
                indicators=c.indicators,
                source=c.source,
                source_url=c.source_url,
                staff_competence=c.staff_competence,
            )  # fmt: skip
            for c in area.criteria.all()
        )
    audit_record(action="quality.catalogue.draft", actor=user, target=draft)
    return draft


@transaction.atomic
def criterion_update(*, criterion: Criterion, user, text_de: str, text_en: str) -> None:
    if criterion.area.version.is_published:
        raise ValidationError(_("A published catalogue cannot be changed. Start a new version."))
    criterion.text_de, criterion.text_en = text_de, text_en
    criterion.save(update_fields=["text_de", "text_en"])
    audit_record(action="quality.criterion.changed", actor=user, target=criterion)


@transaction.atomic
def catalogue_publish(*, version: CatalogueVersion, user) -> None:
    if version.is_published:
        return
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    audit_record(action="quality.catalogue.published", actor=user, target=version)


@transaction.atomic
def assessment_start(*, organisation, period: int, user) -> Assessment:
    existing = Assessment.objects.filter(organisation=organisation, period=period).first()
    if existing is not None:
        return existing
    version = latest_published()
    if version is None:
        raise ValidationError(_("There is no published catalogue yet."))
    assessment = Assessment.objects.create(
        organisation=organisation, period=period, version=version
    )
    criteria = Criterion.objects.filter(area__version=version)
    Rating.objects.bulk_create(Rating(assessment=assessment, criterion=c) for c in criteria)
    audit_record(action="quality.assessment.started", actor=user, target=assessment)
    return assessment


@transaction.atomic
def ratings_save(*, assessment: Assessment, user, values: dict[int, dict]) -> None:
    """Save a draft: `values` maps rating id to its fields (level, evidence, comment, file)."""
    if not assessment.editable:
        raise ValidationError(_("This assessment is submitted and cannot be changed."))
    for rating in assessment.ratings.select_for_update():
        fields = values.get(rating.pk)
        if not fields:
            continue
        changed = []
        for name, value in fields.items():
            if name == "evidence_file":
                if value:
                    rating.evidence_file = value
                    changed.append(name)
            elif getattr(rating, name) != value:
                setattr(rating, name, value)
                changed.append(name)
        if changed:
            rating.save(update_fields=changed)
    audit_record(action="quality.assessment.saved", actor=user, target=assessment)


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user) -> None:
    missing = assessment.ratings.filter(level__isnull=True).count()
    if missing:
        raise ValidationError(
            _("Please rate every criterion before you submit (%(n)s missing).") % {"n": missing}
        )
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_at"])
    audit_record(action="quality.assessment.submitted", actor=user, target=assessment)


@transaction.atomic
def assessment_review(*, assessment: Assessment, user, lock: bool, comment: str) -> None:
    if assessment.status != Assessment.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted assessment can be reviewed."))
    assessment.status = Assessment.Status.LOCKED if lock else Assessment.Status.RETURNED
    assessment.review_comment = comment
    assessment.reviewed_by = user
    assessment.save(update_fields=["status", "review_comment", "reviewed_by"])
    audit_record(
        action="quality.assessment.locked" if lock else "quality.assessment.returned",
        actor=user,
        target=assessment,
    )


@transaction.atomic
def action_create(
    *, assessment: Assessment, user, title: str, owner, due: dt.date, criterion=None
) -> ActionItem:
    item = ActionItem.objects.create(
        organisation_id=assessment.organisation_id, assessment=assessment, criterion=criterion,
        title=title, owner=owner, due=due,
    )  # fmt: skip
    audit_record(action="quality.action.created", actor=user, target=item)
    return item


@transaction.atomic
def action_set_status(*, item: ActionItem, user, status: str) -> None:
    item.status = status
    item.save(update_fields=["status"])
    audit_record(action="quality.action.status", actor=user, target=item, extra={"status": status})


def feedback_submit(
    *, organisation, language: str, answers: dict[str, int], free_text: str
) -> None:
    """Store one anonymous answer: no name, contact or address; only the day."""
    FeedbackResponse.objects.create(
        organisation=organisation, given_on=timezone.localdate(), language=language,
        answers={k: v for k, v in answers.items() if k in FEEDBACK_QUESTIONS}, free_text=free_text,
    )  # fmt: skip
