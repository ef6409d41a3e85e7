"""Quality cycle for counselling institutions: a versioned criteria catalogue, self-assessments
with evidence, review by the network coordination, action items, and anonymous client feedback.

A published catalogue version never changes: editing happens in a new draft version, so every
submitted assessment keeps the criteria it was made against.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueVersion(models.Model):
    number = models.PositiveIntegerField(_("version"), unique=True)
    title = models.JSONField(_("title"), default=dict)
    levels = models.JSONField(_("levels"), default=list)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")

    def __str__(self) -> str:
        return f"v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Area(models.Model):
    version = models.ForeignKey(CatalogueVersion, on_delete=models.CASCADE, related_name="areas")
    key = models.SlugField(max_length=60)
    position = models.PositiveIntegerField(default=0)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_area_key")]

    def __str__(self) -> str:
        return self.title_en


class Criterion(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(max_length=80)
    position = models.PositiveIntegerField(default=0)
    text_de = models.TextField(_("criterion (German)"))
    text_en = models.TextField(_("criterion (English)"))
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    source = models.CharField(_("source of the idea"), max_length=500, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    staff_competence = models.BooleanField(_("about staff competence"), default=False)

    class Meta:
        ordering = ["area__position", "position"]

    def __str__(self) -> str:
        return self.key


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        LOCKED = "locked", _("reviewed and locked")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="quality_assessments"
    )
    period = models.PositiveIntegerField(_("year"))
    version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    review_comment = models.TextField(_("comment of the review"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period"], name="one_assessment_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class Rating(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    evidence_text = models.TextField(_("evidence"), max_length=2000, blank=True)
    evidence_link = models.URLField(_("link to evidence"), max_length=500, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="quality/%Y/", blank=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="one_rating_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.criterion}"

    @property
    def organisation_id(self) -> int:
        return self.assessment.organisation_id


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="quality_actions"
    )
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    criterion = models.ForeignKey(Criterion, null=True, blank=True, on_delete=models.SET_NULL)
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quality_actions"
    )
    due = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due"]

    def __str__(self) -> str:
        return self.title


class FeedbackLink(models.Model):
    """The public, unguessable address of an institution's client feedback survey."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="feedback_link"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True)

    def __str__(self) -> str:
        return str(self.organisation)


class FeedbackResponse(models.Model):
    """Anonymous: no name, no contact, no IP address, only the day it was given."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="feedback_responses"
    )
    given_on = models.DateField(_("date"))
    language = models.CharField(max_length=8)
    answers = models.JSONField(default=dict)
    free_text = models.TextField(_("comment"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.given_on}"
