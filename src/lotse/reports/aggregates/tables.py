"""The shapes of published tables, built from counts and protected by `suppress`.

Linked tables agree: the place table (network → regions → districts) is protected first; every
table by region and characteristic takes its total column from it, locked; a table of two
characteristics takes its margins from the tables of each; a table by district is protected
region by region inside the region's published row. So one figure is never published in one
table and suppressed in another, and the network row of a region table is the characteristic's
table for the whole network (what the dashboard shows when no region is chosen).
"""

from collections import defaultdict

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from lotse.reports.aggregates.catalogue import (
    DIMENSIONS,
    NOT_STATED,
    Measure,
    ordered_values,
    value_labels,
)
from lotse.reports.aggregates.sources import CountMap, Counts, Geography
from lotse.reports.suppression import TOTAL, Cell, Line, Table, lock, suppress

NONE = "none"
VALUE = "value"


def region_key(key: str) -> str:
    return f"r:{key}"


def district_key(code: str) -> str:
    return f"d:{code}"


def value_key(code: str) -> str:
    return f"v:{code}"


def title_for(measure: Measure, *dimensions: str) -> str:
    by = _(" and ").join(str(DIMENSIONS[d]) for d in dimensions)
    return capfirst(_("%(measure)s by %(dimension)s") % {"measure": measure.title, "dimension": by})


def _number(measure: Measure, counts: Counts) -> int:
    return counts.people if measure.counts == "people" else counts.events


def _add(target: dict, key, counts: Counts) -> None:
    people, events = target.get(key, (0, 0))
    target[key] = (people + counts.people, events + counts.events)


def _cells(measure: Measure, sums: dict) -> dict:
    return {
        key: Cell(people=people, value=people if measure.counts == "people" else events)
        for key, (people, events) in sums.items()
    }


def _place_rows(geo: Geography, *, districts: bool) -> list[Line]:
    rows = [Line(TOTAL, _("Total"))]
    for key, name in geo.regions:
        rows.append(Line(region_key(key), name, TOTAL))
        if districts:
            rows += [Line(district_key(c), n, region_key(key)) for c, n in geo.districts_of(key)]
    rows.append(Line(NONE, str(NOT_STATED["district"]), TOTAL))
    return rows


def _place_of(geo: Geography, district: str) -> tuple[str, str | None]:
    region = geo.region_of(district)
    return (region_key(region), district_key(district)) if region else (NONE, None)


# --- places ------------------------------------------------------------------------------


def place_counts(counts: CountMap, geo: Geography) -> dict[str, Counts]:
    sums: dict[str, tuple[int, int]] = {}
    for (district, *_rest), c in counts.items():
        region, place = _place_of(geo, district)
        for key in (TOTAL, region, place):
            if key is not None:
                _add(sums, key, c)
    return {key: Counts(*value) for key, value in sums.items()}


def _place_raw(source, measure: Measure, geo: Geography) -> Table:
    sums = place_counts(source.counts(measure.source, ("district",)), geo)
    table = Table(
        name=f"{measure.key}-region",
        title=title_for(measure, "region", "district"),
        rows=_place_rows(geo, districts=True),
        columns=[Line(VALUE, capfirst(str(measure.title)))],
        row_dimension="district",
        measure=measure.key,
    )
    for key, counts in sums.items():
        table.cells[(key, VALUE)] = Cell(people=counts.people, value=_number(measure, counts))
    return table


def place_table(source, measure: Measure, geo: Geography, *, own=None) -> Table:
    """Network, regions and their districts (one column); each level sums the one below."""
    table = _place_raw(source, measure, geo)
    return suppress(table, own=_place_raw(own, measure, geo) if own is not None else None)


# --- region × characteristic -------------------------------------------------------------


def _dimension_raw(
    source, measure: Measure, dimension: str, geo: Geography, values: list[str]
) -> Table:
    counts = source.counts(measure.source, ("district", dimension))
    sums: dict = {}
    for (district, value), c in counts.items():
        region, _place = _place_of(geo, district)
        _add(sums, (region, value_key(value)), c)
        _add(sums, (TOTAL, value_key(value)), c)
    labels = value_labels(dimension, values)
    table = Table(
        name=f"{measure.key}-{dimension}",
        title=title_for(measure, dimension),
        rows=_place_rows(geo, districts=False),
        columns=[Line(value_key(v), labels[v]) for v in values] + [Line(TOTAL, _("Total"))],
        row_dimension="region",
        column_dimension=dimension,
        measure=measure.key,
    )
    table.cells.update(_cells(measure, sums))
    return table


def dimension_values(source, measure: Measure, dimension: str, *more_sources) -> list[str]:
    if dimension == "month":
        return source.months()
    observed: set[str] = set()
    for s in (source, *more_sources):
        if s is not None:
            observed |= {key[-1] for key in s.counts(measure.source, ("district", dimension))}
    return ordered_values(dimension, observed, labels=value_labels(dimension, observed))


def dimension_table(
    source, measure: Measure, dimension: str, geo: Geography, places: Table, *, own=None
) -> Table:
    """Regions × the values of one characteristic, with the network as total row; the total
    column is the place table's region column, locked."""
    values = dimension_values(source, measure, dimension, own)
    table = _dimension_raw(source, measure, dimension, geo, values)
    for row in table.rows:
        like = places.cell(row.key, VALUE)
        table.cells[(row.key, TOTAL)] = Cell(people=like.people, value=like.value)
        lock(table, row.key, TOTAL, like=like)
    own_table = _dimension_raw(own, measure, dimension, geo, values) if own is not None else None
    return suppress(table, own=own_table)


def year_table(measure: Measure, geo: Geography, places_by_year: dict[int, Table]) -> Table:
    """Regions × years: each year's column is that year's place table, locked."""
    table = Table(
        name=f"{measure.key}-year",
        title=title_for(measure, "year"),
        rows=_place_rows(geo, districts=False),
        columns=[Line(value_key(str(y)), str(y)) for y in sorted(places_by_year)],
        row_dimension="region",
        column_dimension="year",
        measure=measure.key,
    )
    for year, places in places_by_year.items():
        for row in table.rows:
            like = places.cell(row.key, VALUE)
            table.cells[(row.key, value_key(str(year)))] = Cell(
                people=like.people, value=like.value
            )
            lock(table, row.key, value_key(str(year)), like=like)
    return suppress(table)


# --- tables of the command line: district × characteristic, characteristic × characteristic


def district_table(
    source,
    measure: Measure,
    dimension: str,
    geo: Geography,
    places: Table,
    regions: Table,
    *,
    own=None,
) -> Table:
    """Districts × values, protected region by region inside the region's row of `regions`
    (locked) and with each district's total from `places` (locked)."""
    columns = regions.columns
    counts = source.counts(measure.source, ("district", dimension))
    own_counts = own.counts(measure.source, ("district", dimension)) if own is not None else {}
    result = Table(
        name=f"{measure.key}-district-{dimension}",
        title=title_for(measure, "district", dimension),
        rows=_place_rows(geo, districts=True),
        columns=columns,
        row_dimension="district",
        column_dimension=dimension,
        measure=measure.key,
    )
    for key in (TOTAL, NONE):
        for column in columns:
            result.cells[(key, column.key)] = regions.cell(key, column.key)
    for key, name in geo.regions:
        rkey = region_key(key)
        rows = [Line(rkey, name)] + [r for r in result.rows if r.parent == rkey]
        inside = {r.key for r in rows[1:]}
        part = Table(name=result.name, title=result.title, rows=rows, columns=columns)
        own_part = Table(name=result.name, title=result.title, rows=rows, columns=columns)
        for target, found in ((part, counts), (own_part, own_counts)):
            sums: dict = {}
            for (district, value), c in found.items():
                if district_key(district) in inside:
                    _add(sums, (district_key(district), value_key(value)), c)
            target.cells.update(_cells(measure, sums))
        for column in columns:
            like = regions.cell(rkey, column.key)
            part.cells[(rkey, column.key)] = Cell(people=like.people, value=like.value)
            lock(part, rkey, column.key, like=like)
        for row in rows[1:]:
            like = places.cell(row.key, VALUE)
            part.cells[(row.key, TOTAL)] = Cell(people=like.people, value=like.value)
            lock(part, row.key, TOTAL, like=like)
        suppress(part, own=own_part if own is not None else None)
        result.withheld = result.withheld or part.withheld
        result.cells.update(part.cells)
    return result


def cross_table(
    source,
    measure: Measure,
    first: str,
    second: str,
    by_first: Table,
    by_second: Table,
    places: Table,
    *,
    own=None,
) -> Table:
    """Values of `first` × values of `second`; its margins are the network rows of the two
    region tables and the network total, locked."""
    rows = [Line(TOTAL, _("Total"))] + [
        Line(c.key, c.label, TOTAL) for c in by_first.columns if c.key != TOTAL
    ]
    columns = by_second.columns

    def raw(src) -> Table:
        table = Table(
            name=f"{measure.key}-{first}-{second}",
            title=title_for(measure, first, second),
            rows=rows,
            columns=columns,
            row_dimension=first,
            column_dimension=second,
            measure=measure.key,
        )
        sums: dict = {}
        for (a, b), c in src.counts(measure.source, (first, second)).items():
            _add(sums, (value_key(a), value_key(b)), c)
        table.cells.update(_cells(measure, sums))
        return table

    table = raw(source)
    margins = [((r.key, TOTAL), by_first.cell(TOTAL, r.key)) for r in rows[1:]]
    margins += [((TOTAL, c.key), by_second.cell(TOTAL, c.key)) for c in columns]
    margins[-1] = ((TOTAL, TOTAL), places.cell(TOTAL, VALUE))
    for (row, column), like in margins:
        table.cells[(row, column)] = Cell(people=like.people, value=like.value)
        lock(table, row, column, like=like)
    return suppress(table, own=raw(own) if own is not None else None)


# --- medians -----------------------------------------------------------------------------


def median(histogram: dict[int, int]) -> float | None:
    """The median of the values a histogram {value: how often} counts, without expanding it."""
    n = sum(histogram.values())
    if not n:
        return None
    low, high = (n - 1) // 2, n // 2  # positions of the middle value(s), counted from 0
    seen, below = 0, None
    for value, count in sorted(histogram.items()):
        seen += count
        if below is None and seen > low:
            below = value
        if seen > high:
            return (below + value) / 2
    return None


def median_table(source, measure: Measure, by: str, geo: Geography, *, own=None) -> Table:
    """Median days from application to decision, by place or by one characteristic; a
    median is shown only when at least five people stand behind it."""
    people = source.counts(
        measure.source, (by,) if by not in ("region", "district") else ("district",)
    )
    if by in ("region", "district"):
        rows = _place_rows(geo, districts=True)
        histograms: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for (district, days), c in source.counts(measure.source, ("district", "days")).items():
            region, place = _place_of(geo, district)
            for key in (TOTAL, region, place):
                if key is not None:
                    histograms[key][int(days)] += c.events
        sums = place_counts(people, geo)
    else:
        codes = {key[0] for key in people}
        values = ordered_values(by, codes, labels=value_labels(by, codes))
        labels = value_labels(by, values)
        rows = [Line(TOTAL, _("Total"))] + [Line(value_key(v), labels[v], TOTAL) for v in values]
        histograms = defaultdict(lambda: defaultdict(int))
        for (value, days), c in source.counts(measure.source, (by, "days")).items():
            histograms[value_key(value)][int(days)] += c.events
            histograms[TOTAL][int(days)] += c.events
        overall = source.counts(measure.source, ("district",))
        sums = {value_key(k[0]): c for k, c in people.items()}
        sums[TOTAL] = Counts(sum(c.people for c in overall.values()), 0)
    table = Table(
        name=f"{measure.key}-{'region' if by == 'district' else by}",
        title=title_for(measure, by),
        rows=rows,
        columns=[Line(VALUE, capfirst(str(measure.title)))],
        additive=False,
        row_dimension=by,
        measure=measure.key,
    )
    for row in rows:
        found = median(histograms.get(row.key, {}))
        counted = sums.get(row.key, Counts(0, 0))
        table.cells[(row.key, VALUE)] = Cell(
            people=counted.people, value=round(found) if found is not None else None
        )
    own_table = None
    if own is not None:
        own_table = median_table(own, measure, by, geo)
    return suppress(table, own=own_table)
