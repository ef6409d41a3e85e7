"""The recognition knowledge base: authorities, competence rules, reference occupations, labels.

Every fact carries its sources and a "checked on" date; `confirmed=False` marks what could not
be verified against an official source, so the UI can say so. The data comes from the YAML
files in `lotse/data/` (`lotse load_reference_data`) and goes back with
`lotse export_reference_data`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourcedFact(models.Model):
    sources = models.JSONField(_("sources"), default=list, blank=True)
    checked_on = models.DateField(_("checked on"))
    confirmed = models.BooleanField(_("confirmed"), default=True)
    unconfirmed_note = models.TextField(_("what is not confirmed"), blank=True)
    source_file = models.CharField(_("data file"), max_length=200, blank=True)

    class Meta:
        abstract = True


class Authority(SourcedFact):
    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    web = models.URLField(_("website"), max_length=500, blank=True)
    extra = models.JSONField(_("further fields"), default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")

    def __str__(self) -> str:
        return self.short_name or self.name


class Competence(SourcedFact):
    """Who decides for a group of occupations, stated once (e.g. all IHK occupations)."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.PROTECT, null=True, blank=True
    )
    # "chamber_of_crafts": the authority depends on the person's district (districts.yaml).
    by_district = models.CharField(_("authority by district"), max_length=40, blank=True)
    data = models.JSONField(_("procedure, documents, fees"), default=dict, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("competence rule")
        verbose_name_plural = _("competence rules")

    def __str__(self) -> str:
        return self.key


class DistrictAuthority(models.Model):
    """For district-dependent rules: which authority serves which district (by official key)."""

    by_district = models.CharField(max_length=40)
    district_code = models.CharField(max_length=5)
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["by_district", "district_code"], name="one_authority_per_district"
            )
        ]

    def __str__(self) -> str:
        return f"{self.by_district} {self.district_code}"


class Occupation(SourcedFact):
    class Regulation(models.TextChoices):
        FEDERAL = "federal", _("regulated by federal law")
        STATE = "state", _("regulated by state law")
        NONE = "none", _("not regulated")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title_de = models.CharField(_("German title"), max_length=200)
    title_de_f = models.CharField(_("German title (feminine)"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200)
    group = models.CharField(_("group"), max_length=40, db_index=True)
    kldb2010 = models.CharField(_("KldB 2010"), max_length=5)
    isco08 = models.CharField(_("ISCO-08"), max_length=4)
    regulation = models.CharField(_("regulation"), max_length=10, choices=Regulation.choices)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence rule"), on_delete=models.PROTECT
    )
    eu_automatic = models.BooleanField(_("automatic recognition in the EU"), default=False)
    portal_url = models.URLField(_("federal portal"), max_length=500, blank=True)
    # The remaining fields of the data file (descriptions, former titles, documents,
    # compensation measures, language requirement, fees …) are kept as given.
    data = models.JSONField(_("further facts"), default=dict, blank=True)

    class Meta:
        ordering = ["title_de"]
        verbose_name = _("reference occupation")
        verbose_name_plural = _("reference occupations")

    def __str__(self) -> str:
        return self.title_de

    @property
    def is_regulated(self) -> bool:
        return self.regulation != self.Regulation.NONE


class Label(models.Model):
    """What people type for an occupation, in one language (row per language and term)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="labels")
    lang = models.CharField(_("language"), max_length=8)
    text = models.CharField(_("label"), max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "lang", "text"], name="unique_label")
        ]
        indexes = [models.Index(fields=["lang"])]
        verbose_name = _("label")
        verbose_name_plural = _("labels")

    def __str__(self) -> str:
        return f"{self.text} ({self.lang})"
