"""Writes of the reports app: recomputing the yearly facts from the live records."""

import time
from collections import defaultdict
from datetime import date

from django.db import transaction
from django.utils import timezone

from lotse.casework.statistics import statistics_counts
from lotse.core.audit import audit_record
from lotse.reports.aggregates.catalogue import CUBE_DIMENSIONS
from lotse.reports.models import Fact, Snapshot
from lotse.reports.selectors import statistics_years

BATCH = 5000


def _facts(year: int) -> list[tuple]:
    """Every (source, dimension, value, organisation, district, people, events) of `year`.

    Counted per organisation and district in one query per source and dimension; the rows
    with no organisation are their sums (exact: a client belongs to one organisation), plus
    the network's breakdown by organisation under the dimension "organisation".
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows: list[tuple] = []
    for source, dimensions in CUBE_DIMENSIONS.items():
        for dimension in dimensions:
            group = ("organisation", "district") + (() if dimension == "total" else (dimension,))
            network: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
            found = statistics_counts(source=source, start=start, end=end, group=group)
            for codes, people, events in found:
                organisation, district = int(codes[0]), codes[1]
                value = "" if dimension == "total" else codes[2]
                rows.append((source, dimension, value, organisation, district, people, events))
                for key in [(dimension, value, district)] + (
                    [("organisation", str(organisation), district)] if dimension == "total" else []
                ):
                    network[key][0] += people
                    network[key][1] += events
            rows += [
                (source, dim, value, None, district, people, events)
                for (dim, value, district), (people, events) in network.items()
            ]
    return rows


def statistics_refresh(*, year: int, actor=None) -> Snapshot:
    """Recompute the facts of one calendar year. Counting runs outside the transaction; the
    swap of old for new facts is atomic, so readers see either the old or the new year."""
    started = time.monotonic()
    rows = _facts(year)
    Snapshot.objects.get_or_create(year=year)
    with transaction.atomic():
        # One refresh of a year at a time: the second waits here, then replaces the first.
        snapshot = Snapshot.objects.select_for_update().get(year=year)
        Fact.objects.filter(year=year).delete()
        for i in range(0, len(rows), BATCH):
            Fact.objects.bulk_create(
                Fact(
                    year=year,
                    source=source,
                    dimension=dimension,
                    value=value[:40],
                    organisation_id=organisation,
                    district_code=district[:5],
                    people=people,
                    events=events,
                )
                for source, dimension, value, organisation, district, people, events in rows[
                    i : i + BATCH
                ]
            )
        snapshot.refreshed_at = timezone.now()
        snapshot.seconds = round(time.monotonic() - started, 3)
        snapshot.save(update_fields=["refreshed_at", "seconds"])
        audit_record(
            action="reports.refreshed",
            actor=actor,
            target=snapshot,
            extra={"year": year, "facts": len(rows)},
        )
    return snapshot


def statistics_refresh_all(*, years: list[int] | None = None, actor=None) -> list[Snapshot]:
    return [statistics_refresh(year=y, actor=actor) for y in (years or statistics_years())]
