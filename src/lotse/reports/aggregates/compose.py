"""Any table a user asks for by name and dimensions (the `lotse report` command).

The requested table is built together with the tables it is linked to — the place table, the
region table of each characteristic — so its margins carry the same marks as everywhere else.
"""

from django.utils.translation import gettext as _

from lotse.reports.aggregates import tables as build
from lotse.reports.aggregates.catalogue import GEO, MEASURES, Measure
from lotse.reports.aggregates.sources import Geography
from lotse.reports.suppression import TOTAL, Line, Table


class RequestError(ValueError):
    """A table or dimension that does not exist or cannot be combined; the message says why."""


def check(measure_key: str, dimensions: list[str]) -> Measure:
    measure = MEASURES.get(measure_key)
    if measure is None:
        raise RequestError(
            _("Unknown table “%(name)s”. Tables: %(names)s.")
            % {"name": measure_key, "names": ", ".join(MEASURES)}
        )
    allowed = (*GEO, *measure.dimensions)
    if not dimensions:
        raise RequestError(_("Name one or two dimensions with --by."))
    for dimension in dimensions:
        if dimension not in allowed:
            raise RequestError(
                _("Unknown dimension “%(name)s” for %(table)s. Dimensions: %(names)s.")
                % {"name": dimension, "table": measure.key, "names": ", ".join(allowed)}
            )
    if len(dimensions) > 2 or len(set(dimensions)) != len(dimensions):
        raise RequestError(_("Name one or two different dimensions."))
    if len(dimensions) == 2 and all(d in GEO for d in dimensions):
        raise RequestError(_("Combine a place (region or district) with a characteristic."))
    if measure.counts == "median" and len(dimensions) != 1:
        raise RequestError(_("Medians are available by one dimension only."))
    return measure


def rows_of(table: Table, keys: list[str], *, name: str) -> Table:
    """The same cells, fewer rows: a district list without its region subtotals, say."""
    rows = [Line(r.key, r.label, None if r.key == TOTAL else TOTAL) for r in table.rows]
    return Table(
        name=name,
        title=table.title,
        rows=[r for r in rows if r.key in keys],
        columns=table.columns,
        cells=table.cells,
        additive=table.additive,
        personal=table.personal,
        measure=table.measure,
        row_dimension=table.row_dimension,
        column_dimension=table.column_dimension,
        withheld=table.withheld,
    )


def network_row(table: Table, *, name: str) -> Table:
    """A region table's total row turned into a one-column table of the characteristic."""
    values = [c for c in table.columns if c.key != TOTAL]
    result = Table(
        name=name,
        title=table.title,
        rows=[Line(TOTAL, _("Total"))] + [Line(c.key, c.label, TOTAL) for c in values],
        columns=[Line("value", str(MEASURES[table.measure].title))],
        measure=table.measure,
        row_dimension=table.column_dimension,
        withheld=table.withheld,
    )
    for key in [TOTAL, *(c.key for c in values)]:
        result.cells[(key, "value")] = table.cell(TOTAL, key)
    return result


def compose(source, measure: Measure, dimensions: list[str], geo: Geography) -> tuple[Table, bool]:
    """(table, transpose): the protected table; transpose when the place was named second."""
    name = "-".join([measure.key, *dimensions])
    if measure.counts == "median":
        by = dimensions[0]
        table = build.median_table(source, measure, by, geo)
        if by in GEO:
            keep = _place_keys(table, by)
            return rows_of(table, keep, name=name), False
        return table, False
    places = build.place_table(source, measure, geo)
    if len(dimensions) == 1:
        (only,) = dimensions
        if only in GEO:
            return rows_of(places, _place_keys(places, only), name=name), False
        by = build.dimension_table(source, measure, only, geo, places)
        return network_row(by, name=name), False
    first, second = dimensions
    if first in GEO or second in GEO:
        place, other = (first, second) if first in GEO else (second, first)
        regions = build.dimension_table(source, measure, other, geo, places)
        if place == "region":
            table = regions
        else:
            table = build.district_table(source, measure, other, geo, places, regions)
            table = rows_of(table, _place_keys(table, "district"), name=name)
        return table, second in GEO
    by_first = build.dimension_table(source, measure, first, geo, places)
    by_second = build.dimension_table(source, measure, second, geo, places)
    return build.cross_table(source, measure, first, second, by_first, by_second, places), False


def _place_keys(table: Table, level: str) -> list[str]:
    prefix = "r:" if level == "region" else "d:"
    return [r.key for r in table.rows if r.key in (TOTAL, build.NONE) or r.key.startswith(prefix)]
