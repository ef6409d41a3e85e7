from django.db import models
from django.utils.translation import gettext_lazy as _


class AppointmentRequest(models.Model):
    """A request for counselling sent from the public guide to one centre.

    Holds only what the centre needs to get in touch, given with explicit consent. The guide
    result is attached as the three choices that rebuild it (occupation, country, district).
    """

    class Status(models.TextChoices):
        NEW = "new", _("new")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    reference = models.CharField(_("reference number"), max_length=12, unique=True)
    submission_token = models.UUIDField(unique=True)
    centre = models.ForeignKey(
        "directory.Centre", on_delete=models.PROTECT, related_name="appointment_requests"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="appointment_requests"
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8)
    preferred_times = models.CharField(_("preferred times"), max_length=300, blank=True)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    occupation_slug = models.CharField(_("reference occupation"), max_length=100, blank=True)
    country = models.CharField(_("country of qualification"), max_length=2, blank=True)
    district_code = models.CharField(_("district"), max_length=8, blank=True)
    consent_text_version = models.CharField(max_length=20)
    consent_given_at = models.DateTimeField(_("consent given"))
    language = models.CharField(_("language of the request"), max_length=8)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("appointment request")
        verbose_name_plural = _("appointment requests")
        indexes = [models.Index(fields=["organisation", "status", "-created_at"])]

    def __str__(self) -> str:
        return self.reference
