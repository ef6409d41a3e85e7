"""Pre-aggregated counts for the statistics dashboards: codes and counts, nothing personal.

Distinct people do not add up across months or across the values of a characteristic, so the
refresh (`lotse.reports.services.statistics_refresh`) counts them exactly, per calendar year,
for every (organisation, district, characteristic, value). Because every client belongs to
exactly one organisation and one district, these counts *do* add up over organisations,
districts and regions, which is all the dashboards need to sum. Rows with no organisation
hold the sum over all organisations, so the network view reads only them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Snapshot(models.Model):
    """When the figures of one year were last computed from the live records."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    # None: asked for, not computed yet (a worker will).
    refreshed_at = models.DateTimeField(_("refreshed"), null=True, blank=True)
    seconds = models.FloatField(_("duration (seconds)"), default=0)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("statistics snapshot")
        verbose_name_plural = _("statistics snapshots")

    def __str__(self) -> str:
        return f"{self.year}"


class Fact(models.Model):
    """People and events of one source, year, organisation, district and value."""

    year = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=16)
    dimension = models.CharField(max_length=20)
    value = models.CharField(max_length=40, blank=True)
    # None: all organisations together.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    district_code = models.CharField(max_length=5, blank=True)
    people = models.PositiveIntegerField()
    events = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("statistical fact")
        verbose_name_plural = _("statistical facts")
        indexes = [models.Index(fields=["year", "source", "organisation", "dimension"])]

    def __str__(self) -> str:
        return f"{self.year} {self.source} {self.dimension}={self.value}"
