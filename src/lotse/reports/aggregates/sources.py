"""Where counts come from: the live records (any period) or the yearly pre-aggregated facts.

Both answer the same question — people and events per combination of codes — so every table
is built by the same code whichever source feeds it. The dashboards read the facts (fast at
millions of sessions); the command line and the refresh itself read the live records.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from lotse.casework.statistics import statistics_counts
from lotse.directory.models import District, Region
from lotse.reports.aggregates.catalogue import CUBE_DIMENSIONS
from lotse.reports.models import Fact


class Counts(NamedTuple):
    people: int
    events: int


CountMap = dict[tuple[str, ...], Counts]


class LiveSource:
    """Counts straight from the case records, for any period."""

    def __init__(self, *, start: date, end: date, organisation_id: int | None = None):
        self.start, self.end, self.organisation_id = start, end, organisation_id
        self._cache: dict[tuple, CountMap] = {}

    def counts(self, source: str, group: tuple[str, ...]) -> CountMap:
        key = (source, group)
        if key not in self._cache:
            rows = statistics_counts(
                source=source,
                start=self.start,
                end=self.end,
                group=group,
                organisation_id=self.organisation_id,
            )
            self._cache[key] = {codes: Counts(people, events) for codes, people, events in rows}
        return self._cache[key]

    def months(self) -> list[str]:
        return _months(self.start, self.end)


class CubeSource:
    """Counts of one calendar year from the facts written by the last refresh.

    Answers groups of ("district",) or ("district", dimension) for the dimensions the refresh
    stores, and ("district", "organisation") from the network rows.
    """

    def __init__(self, *, year: int, organisation_id: int | None = None):
        self.year, self.organisation_id = year, organisation_id
        self.start, self.end = date(year, 1, 1), date(year, 12, 31)
        self._facts: dict[tuple[str, str], CountMap] = {}

    def supports(self, source: str, dimension: str) -> bool:
        if dimension == "organisation":
            return self.organisation_id is None
        return dimension in CUBE_DIMENSIONS.get(source, ())

    def counts(self, source: str, group: tuple[str, ...]) -> CountMap:
        if not group or group[0] != "district" or len(group) > 2:
            raise ValueError(f"The yearly facts cannot be grouped by {group}.")
        dimension = group[1] if len(group) == 2 else "total"
        if dimension != "total" and not self.supports(source, dimension):
            raise ValueError(f"The yearly facts do not hold {source} by {dimension}.")
        if (source, dimension) not in self._facts:
            self._facts[(source, dimension)] = self._load(source, dimension)
        return self._facts[(source, dimension)]

    def months(self) -> list[str]:
        return _months(self.start, self.end)

    def _load(self, source: str, dimension: str) -> CountMap:
        """One indexed read: (year, source, organisation, dimension)."""
        facts = Fact.objects.filter(year=self.year, source=source, dimension=dimension)
        if self.organisation_id is None:
            facts = facts.filter(organisation__isnull=True)
        else:
            facts = facts.filter(organisation_id=self.organisation_id)
        rows = facts.values_list("value", "district_code", "people", "events")
        if dimension == "total":
            return {(district,): Counts(people, events) for _v, district, people, events in rows}
        return {
            (district, value): Counts(people, events) for value, district, people, events in rows
        }


def _months(start: date, end: date) -> list[str]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass
class Geography:
    """Regions and districts of Baden-Württemberg as the directory holds them."""

    regions: list[tuple[str, str]] = field(default_factory=list)  # (key, name) by name
    districts: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (name, region)

    @classmethod
    def load(cls) -> "Geography":
        regions = list(Region.objects.order_by("name").values_list("key", "name"))
        districts = {
            code: (name, region)
            for code, name, region in District.objects.values_list("code", "name", "region__key")
        }
        return cls(regions=regions, districts=districts)

    def region_of(self, district_code: str) -> str | None:
        found = self.districts.get(district_code)
        return found[1] if found else None

    def districts_of(self, region: str) -> list[tuple[str, str]]:
        found = [(code, name) for code, (name, r) in self.districts.items() if r == region]
        return sorted(found, key=lambda item: (item[1], item[0]))
