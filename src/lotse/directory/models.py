"""Where people live and where they find free counselling: regions, the 44 districts of
Baden-Württemberg, counselling centres and Welcome Centers. Loaded from `lotse/data/`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.directory.vocab import MODES, SERVICES


class Region(models.Model):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    government_district = models.CharField(_("government district"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    class Kind(models.TextChoices):
        URBAN = "urban", _("urban district")
        RURAL = "rural", _("rural district")

    code = models.CharField(_("district key"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts")
    main_town = models.CharField(_("main town"), max_length=120, blank=True)
    towns = models.JSONField(_("further towns"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Centre(models.Model):
    class Kind(models.TextChoices):
        COUNSELLING = "counselling", _("Counselling centre")
        WELCOME_CENTER = "welcome_center", _("Welcome Center")
        PARTNER = "partner", _("Network partner")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    web = models.URLField(_("website"), max_length=500, blank=True)
    opening_hours = models.JSONField(_("opening hours"), default=dict, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    services = models.JSONField(_("services"), default=list, blank=True)
    modes = models.JSONField(_("ways to get advice"), default=list, blank=True)
    districts = models.ManyToManyField(District, related_name="centres", blank=True)
    # The organisation whose staff keep this entry up to date and receive its requests.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="centres",
    )
    sources = models.JSONField(_("sources"), default=list, blank=True)
    checked_on = models.DateField(_("checked on"))
    confirmed = models.BooleanField(_("confirmed"), default=True)
    unconfirmed_note = models.TextField(_("what is not confirmed"), blank=True)
    source_file = models.CharField(_("data file"), max_length=200, blank=True)
    updated_by_staff = models.DateTimeField(_("last updated by the centre"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self) -> str:
        return self.name

    @property
    def service_labels(self) -> list[str]:
        return [str(SERVICES.get(key, key)) for key in self.services]

    @property
    def mode_labels(self) -> list[str]:
        return [str(MODES.get(key, key)) for key in self.modes]
