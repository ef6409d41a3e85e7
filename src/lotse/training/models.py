"""Trainings for Welcome Center staff and network partners, and qualification offers for
immigrants. Registrations hold a seat or a place on the waiting list; the event row is locked
while seats are counted, so two people never get the last seat."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    BLENDED = "blended", _("blended")


class TrainingModule(models.Model):
    slug = models.SlugField(unique=True)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_de = models.TextField(_("summary (German)"))
    summary_en = models.TextField(_("summary (English)"))
    goals_de = models.JSONField(_("learning goals (German)"), default=list)
    goals_en = models.JSONField(_("learning goals (English)"), default=list)
    target_groups = models.JSONField(_("target groups"), default=list)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    duration_hours = models.DecimalField(_("duration (hours)"), max_digits=5, decimal_places=1)
    language = models.CharField(_("language"), max_length=8, default="de")
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="training_modules"
    )

    class Meta:
        ordering = ["title_de"]

    def __str__(self) -> str:
        return self.title_de


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")
        COMPLETED = "completed", _("completed")

    module = models.ForeignKey(TrainingModule, on_delete=models.PROTECT, related_name="events")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"))
    registration_deadline = models.DateTimeField(_("registration deadline"))
    price_eur = models.DecimalField(_("price (EUR)"), max_digits=7, decimal_places=2, default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="training_events"
    )
    feedback_token = models.UUIDField(default=uuid.uuid4, unique=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.module} {self.starts_at:%Y-%m-%d}"


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("role in the organisation"), max_length=150, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    waiting_position = models.PositiveIntegerField(null=True, blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    certificate_code = models.CharField(max_length=16, unique=True, null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, default="de")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"


class EventFeedback(models.Model):
    """Anonymous: no link to the registration it came from."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    overall = models.PositiveSmallIntegerField()
    useful = models.PositiveSmallIntegerField()
    trainer = models.PositiveSmallIntegerField()
    comment = models.TextField(max_length=1000, blank=True)
    given_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.event} {self.given_on}"


class QualificationOffer(models.Model):
    class Kind(models.TextChoices):
        ADAPTATION = "adaptation_course", _("Adaptation course")
        EXAM_PREPARATION = "exam_preparation", _("Preparation for the knowledge or aptitude test")
        LANGUAGE = "language_course", _("Professional language course")
        BRIDGING = "bridging_programme", _("Bridging programme for academics")

    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    provider = models.CharField(_("provider"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    online = models.BooleanField(_("online"), default=False)
    district_codes = models.JSONField(_("districts"), default=list, blank=True)
    occupation_slugs = models.JSONField(_("reference occupations"), default=list)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    cost = models.CharField(_("cost and funding"), max_length=300, blank=True)
    admission = models.CharField(_("admission requirements"), max_length=300, blank=True)
    language_level = models.CharField(_("language level"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=60, blank=True)
    web = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
