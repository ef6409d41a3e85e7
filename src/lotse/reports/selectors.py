"""Reads of the reports app: the protected tables one viewer may see for one year.

`scope_for` turns a user and their filter into a `Scope` — whose figures (the network or the
lead's own organisation) and which region — and refuses what their role does not allow.
`Figures` builds every table of a scope from the yearly facts, each exactly once per request,
in the order that keeps linked tables consistent (place tables before the tables that lock
their totals from them).
"""

from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lotse.accounts.permissions import can
from lotse.casework.statistics import statistics_first_day
from lotse.reports.aggregates import tables as build
from lotse.reports.aggregates.catalogue import MEASURES
from lotse.reports.aggregates.sources import CubeSource, Geography
from lotse.reports.models import Snapshot
from lotse.reports.suppression import Table

# The dashboard's tables: measure -> the dimensions it is shown by ("region": the place table).
COUNSELLING = {
    "clients": (
        "region",
        "month",
        "year",
        "organisation",
        "country",
        "occupation",
        "occupation_group",
        "gender",
        "age_band",
        "language",
        "mode",
    ),
}
COUNSELLING["sessions"] = COUNSELLING["clients"]
RECOGNITION = {
    "cases": ("region", "status", "occupation_group"),
    "decisions": ("region", "decision", "occupation_group"),
    "decision_days": ("region",),
    "outcomes_close": ("region", "employment", "match"),
    "outcomes_6m": ("region", "employment", "match"),
}
SECTIONS = {"counselling": COUNSELLING, "recognition": RECOGNITION}


@dataclass(frozen=True)
class Scope:
    year: int
    region: str = ""
    # Figures of this organisation only (a lead's own); None: the whole network.
    organisation_id: int | None = None
    # For network figures seen by a member of an organisation: the "others" rule applies.
    viewer_organisation_id: int | None = None
    organisations: bool = False

    @property
    def own(self) -> bool:
        return self.organisation_id is not None


def scope_for(user, *, year: int, region: str = "", own: bool = False) -> Scope:
    if own:
        if not can(user, "reports.own"):
            raise PermissionDenied
        return Scope(year=year, region=region, organisation_id=user.organisation_id)
    if not can(user, "reports.network"):
        raise PermissionDenied
    return Scope(
        year=year,
        region=region,
        viewer_organisation_id=user.organisation_id if can(user, "reports.own") else None,
        organisations=can(user, "reports.organisations"),
    )


def statistics_years() -> list[int]:
    """Calendar years from the first counselling session on record to this year."""
    today = timezone.localdate()
    first = statistics_first_day()
    return list(range(min(first.year, today.year) if first else today.year, today.year + 1))


def years_available() -> list[int]:
    """Years with records or computed figures, newest first (this year always)."""
    computed = Snapshot.objects.filter(refreshed_at__isnull=False).values_list("year", flat=True)
    years = set(computed) | set(statistics_years())
    return sorted(years, reverse=True)


def snapshot_of(year: int) -> Snapshot | None:
    """The last computation of `year`, if it has been computed."""
    return Snapshot.objects.filter(year=year, refreshed_at__isnull=False).first()


def table_names(scope: Scope) -> list[str]:
    """Every table this scope may export, in dashboard order."""
    names = []
    for section in SECTIONS.values():
        for measure, dimensions in section.items():
            for dimension in dimensions:
                if dimension == "organisation" and not scope.organisations:
                    continue
                names.append(f"{measure}-{dimension}")
    return names


class Figures:
    """The protected tables of one scope, built on first use."""

    def __init__(self, scope: Scope, *, geo: Geography | None = None):
        self.scope = scope
        self.geo = geo or Geography.load()
        self._other_years: dict[int, Figures] = {}
        self.source = CubeSource(year=scope.year, organisation_id=scope.organisation_id)
        viewer = scope.viewer_organisation_id if not scope.own else None
        self.own = CubeSource(year=scope.year, organisation_id=viewer) if viewer else None
        self._tables: dict[str, Table] = {}

    def places(self, measure: str) -> Table:
        return self._get(
            f"{measure}-region",
            lambda: build.place_table(self.source, MEASURES[measure], self.geo, own=self.own),
        )

    def by(self, measure: str, dimension: str) -> Table:
        if dimension == "region":
            return self.places(measure)
        if dimension == "year":
            return self.years(measure)
        if measure == "decision_days":
            raise ValueError("Medians are shown by place only.")
        return self._get(
            f"{measure}-{dimension}",
            lambda: build.dimension_table(
                self.source,
                MEASURES[measure],
                dimension,
                self.geo,
                self.places(measure),
                own=self.own,
            ),
        )

    def medians(self) -> Table:
        return self._get(
            "decision_days-region",
            lambda: build.median_table(
                self.source, MEASURES["decision_days"], "region", self.geo, own=self.own
            ),
        )

    def years(self, measure: str) -> Table:
        def make() -> Table:
            by_year = {}
            computed = Snapshot.objects.filter(refreshed_at__isnull=False)
            for year in sorted(computed.values_list("year", flat=True)):
                if year > self.scope.year:
                    continue
                if year == self.scope.year:
                    by_year[year] = self.places(measure)
                    continue
                if year not in self._other_years:
                    self._other_years[year] = Figures(replace(self.scope, year=year), geo=self.geo)
                by_year[year] = self._other_years[year].places(measure)
            if not by_year:
                by_year[self.scope.year] = self.places(measure)
            return build.year_table(MEASURES[measure], self.geo, by_year)

        return self._get(f"{measure}-year", make)

    def table(self, name: str) -> Table | None:
        """A table by its export name, or None if this scope has no such table."""
        if name not in table_names(self.scope):
            return None
        measure, dimension = name.split("-", 1)
        if measure == "decision_days":
            return self.medians()
        return self.by(measure, dimension)

    def _get(self, name: str, make) -> Table:
        if name not in self._tables:
            self._tables[name] = make()
        return self._tables[name]
