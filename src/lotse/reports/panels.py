"""What a dashboard shows of a protected table: the rows of one view, a chart drawn from the
same published figures, and a sentence that says what the chart shows.

Nothing here decides what may be shown; it only reads `Table.display` and the cells' marks,
so a suppressed figure can appear nowhere — not in the chart, not in the summary.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.core.charts import column_bars, count_bars
from lotse.reports.aggregates.catalogue import DIMENSIONS, ENUMS, MEASURES
from lotse.reports.aggregates.tables import NONE, VALUE, region_key
from lotse.reports.selectors import Figures
from lotse.reports.suppression import TOTAL, Table


@dataclass
class Row:
    label: str
    cells: list[str]
    link: str = ""


@dataclass
class Panel:
    key: str
    title: str
    columns: list[str]
    rows: list[Row]
    total: Row | None
    chart: SafeString | str = ""
    summary: str = ""
    exports: list[tuple[str, str]] = field(default_factory=list)  # (name, title)
    note: str = ""


def shown(table: Table, row: str, column: str) -> str:
    """The cell for a page: grouped digits, or the mark."""
    text = table.display(row, column)
    if text[0].isdigit():
        cell = table.cell(row, column)
        return number_format(
            cell.value, decimal_pos=1 if isinstance(cell.value, float) else 0, force_grouping=True
        )
    return text


def _number(table: Table, row: str, column: str) -> float | None:
    cell = table.cell(row, column)
    return None if not table.published(row, column) or cell.value is None else float(cell.value)


def _summary(
    table: Table, rows: list[tuple[str, str]], total_row: str, total_col: str, place: str, year: int
) -> str:
    """One or two plain sentences from published figures only."""
    measure = MEASURES.get(table.measure)
    what = str(measure.title) if measure else table.title
    hidden = sum(1 for row, column in rows if table.cell(row, column).suppressed)
    if table.withheld or not table.published(total_row, total_col):
        return _("Too few people to show these figures for %(place)s in %(year)s.") % {
            "place": place,
            "year": year,
        }
    total = table.cell(total_row, total_col).value
    parts = [
        _("%(place)s, %(year)s: %(total)s %(what)s in total.")
        % {
            "place": capfirst(place),
            "year": year,
            "total": shown(table, total_row, total_col),
            "what": what,
        }
    ]
    candidates = [(table.cell(r, c).value, r, c) for r, c in rows if _number(table, r, c)]
    if candidates and table.column_dimension in ("month", "year"):
        value, row, column = max(candidates, key=lambda item: item[0])
        label = next((x.label for x in table.columns if x.key == column), "")
        parts.append(
            _("Most in %(label)s (%(value)s).")
            % {"label": label, "value": shown(table, row, column)}
        )
    elif candidates and total:
        value, row, column = max(candidates, key=lambda item: item[0])
        label = next((x.label for x in table.columns if x.key == column), "")
        if column == VALUE:
            label = next((x.label for x in table.rows if x.key == row), "")
        parts.append(
            _("Largest group: %(label)s (%(value)s, %(percent)s %%).")
            % {
                "label": label,
                "value": shown(table, row, column),
                "percent": round(100 * value / total),
            }
        )
    if hidden:
        parts.append(
            ngettext(
                "%(count)s figure is shown as “.”: fewer than five people stand behind it, or it "
                "would reveal such a figure.",
                "%(count)s figures are shown as “.”: fewer than five people stand behind them, or "
                "they would reveal such figures.",
                hidden,
            )
            % {"count": hidden}
        )
    return " ".join(parts)


def _short(dimension: str, column) -> str:
    """Chart label: months as their short name (the table beside it has the full label)."""
    if dimension == "month":
        year, month = column.key.removeprefix("v:").split("-")
        return date_format(date(int(year), int(month), 1), "M")
    return column.label


def _bars(table: Table, title: str, points: list[tuple[str, str, str]], *, vertical: bool = False):
    data = [(label, _number(table, r, c), table.display(r, c)) for label, r, c in points]
    return (
        column_bars(title=title, columns=data) if vertical else count_bars(title=title, rows=data)
    )


class Builder:
    """Panels of one scope; `link(region)` gives the address of the drill-down into a region."""

    def __init__(self, figures: Figures, *, place: str, link: Callable[[str], str]):
        self.figures, self.place, self.link = figures, place, link
        self.scope = figures.scope
        self.row = region_key(self.scope.region) if self.scope.region else TOTAL

    def places(self, measures: list[str]) -> Panel:
        """By region (network view) or by district (a region chosen)."""
        tables = [self.figures.places(m) for m in measures]
        first = tables[0]
        note = ""
        if self.scope.region:
            keys = [r.key for r in first.children(self.row)]
            if not first.published(self.row, VALUE):
                keys, note = (
                    [],
                    _("Districts are shown only for regions with at least five people."),
                )
            dimension = DIMENSIONS["district"]
        else:
            keys = [r.key for r in first.children(TOTAL)]
            dimension = DIMENSIONS["region"]
        rows = []
        for key in keys:
            region = key[2:] if key.startswith("r:") and first.published(key, VALUE) else ""
            rows.append(
                Row(
                    first.row(key).label,
                    [shown(t, key, VALUE) for t in tables],
                    self.link(region) if region else "",
                )
            )
        title = (
            first.title
            if not self.scope.region
            else _("%(what)s by district") % {"what": capfirst(str(MEASURES[measures[0]].title))}
        )
        points = [(first.row(k).label, k, VALUE) for k in keys if k != NONE]
        return Panel(
            key=f"{measures[0]}-region",
            title=title,
            columns=[
                capfirst(str(dimension)),
                *(capfirst(str(MEASURES[m].title)) for m in measures),
            ],
            rows=rows,
            total=Row(_("Total"), [shown(t, self.row, VALUE) for t in tables]),
            chart=_bars(first, title, points) if points else "",
            summary=_summary(
                first, [(k, VALUE) for k in keys], self.row, VALUE, self.place, self.scope.year
            ),
            exports=[(t.name, t.title) for t in tables],
            note=note,
        )

    def dimension(self, measures: list[str], dimension: str) -> Panel:
        tables = [self.figures.by(m, dimension) for m in measures]
        first = tables[0]
        columns = [c for c in first.columns if c.key != TOTAL]
        if dimension not in ENUMS and dimension not in ("month", "year"):
            # Open lists (countries, occupations …): leave out what is zero here.
            columns = [c for c in columns if any(t.display(self.row, c.key) != "-" for t in tables)]
        vertical = dimension in ("month", "year")
        rows = [Row(c.label, [shown(t, self.row, c.key) for t in tables]) for c in columns]
        total = None
        if first.has_total_column:
            total = Row(_("Total"), [shown(t, self.row, TOTAL) for t in tables])
        points = [(_short(dimension, c), self.row, c.key) for c in columns]
        total_column = TOTAL if first.has_total_column else columns[-1].key if columns else TOTAL
        return Panel(
            key=f"{measures[0]}-{dimension}",
            title=first.title,
            columns=[
                capfirst(str(DIMENSIONS[dimension])),
                *(capfirst(str(MEASURES[m].title)) for m in measures),
            ],
            rows=rows,
            total=total,
            chart=_bars(first, first.title, points, vertical=vertical) if points else "",
            summary=_summary(
                first,
                [(self.row, c.key) for c in columns],
                self.row,
                total_column,
                self.place,
                self.scope.year,
            ),
            exports=[(t.name, t.title) for t in tables],
        )

    def medians(self) -> Panel:
        table = self.figures.medians()
        if self.scope.region:
            keys = [r.key for r in table.children(self.row)]
            dimension = DIMENSIONS["district"]
        else:
            keys = [r.key for r in table.children(TOTAL)]
            dimension = DIMENSIONS["region"]
        points = [(table.row(k).label, k, VALUE) for k in keys if k != NONE]
        overall = table.cell(self.row, VALUE)
        if table.published(self.row, VALUE) and overall.value is not None:
            summary = _(
                "%(place)s, %(year)s: half of the decisions came within %(days)s days of "
                "the application."
            ) % {
                "place": capfirst(self.place),
                "year": self.scope.year,
                "days": overall.value,
            }
        else:
            summary = _("Too few decisions to show a median for %(place)s in %(year)s.") % {
                "place": self.place,
                "year": self.scope.year,
            }
        return Panel(
            key="decision_days-region",
            title=table.title,
            columns=[capfirst(str(dimension)), _("Median (days)")],
            rows=[Row(table.row(k).label, [shown(table, k, VALUE)]) for k in keys],
            total=Row(_("Total"), [shown(table, self.row, VALUE)]),
            chart=_bars(table, table.title, points) if points else "",
            summary=summary,
            exports=[(table.name, table.title)],
        )

    def section(self, name: str) -> list[Panel]:
        scope = self.scope
        if name == "counselling":
            both = ["clients", "sessions"]
            panels = [
                self.places(both),
                self.dimension(both, "month"),
                self.dimension(both, "year"),
            ]
            dimensions = [
                "country",
                "occupation",
                "occupation_group",
                "gender",
                "age_band",
                "language",
                "mode",
            ]
            if scope.organisations and not scope.own:
                dimensions.insert(0, "organisation")
            return panels + [self.dimension(both, d) for d in dimensions]
        return [
            self.places(["cases"]),
            self.dimension(["cases"], "status"),
            self.dimension(["cases"], "occupation_group"),
            self.dimension(["decisions"], "decision"),
            self.dimension(["decisions"], "occupation_group"),
            self.medians(),
            self.dimension(["outcomes_close"], "employment"),
            self.dimension(["outcomes_close"], "match"),
            self.dimension(["outcomes_6m"], "employment"),
            self.dimension(["outcomes_6m"], "match"),
        ]


def table_panel(table: Table, *, year: int) -> Panel:
    """A whole table as it is (training and quality sections)."""
    columns = table.columns
    body = [r for r in table.rows if r.key != TOTAL]
    total_row = table.row(TOTAL)
    chart_column = (
        columns[-1].key if table.has_total_column or len(columns) == 1 else columns[0].key
    )
    if table.name == "feedback-module":
        chart_column = "overall"
    points = [(r.label, r.key, chart_column) for r in body]
    return Panel(
        key=table.name,
        title=table.title,
        columns=[
            _("Module")
            if table.row_dimension == "module"
            else capfirst(str(DIMENSIONS.get(table.row_dimension, _("Area")))),
            *(c.label for c in columns),
        ],
        rows=[Row(r.label, [shown(table, r.key, c.key) for c in columns]) for r in body],
        total=Row(total_row.label, [shown(table, TOTAL, c.key) for c in columns])
        if total_row
        else None,
        chart=_bars(table, table.title, points) if points else "",
        summary=table.note or _table_summary(table, body, chart_column, year),
        exports=[(table.name, table.title)],
    )


def _table_summary(table: Table, body, column: str, year: int) -> str:
    """What the chart shows: the whole, the largest row, how many figures are hidden."""
    if not body:
        return _("No figures for %(year)s yet.") % {"year": year}
    label = next((c.label for c in table.columns if c.key == column), "")
    parts = []
    if table.row(TOTAL) is not None and _number(table, TOTAL, column) is not None:
        parts.append(
            _("%(year)s, all together: %(value)s (%(column)s).")
            % {"year": year, "value": shown(table, TOTAL, column), "column": label}
        )
    found = [(table.cell(r.key, column).value, r) for r in body if _number(table, r.key, column)]
    if found:
        value, row = max(found, key=lambda item: item[0])
        parts.append(
            _("Highest: %(label)s (%(value)s).")
            % {"label": row.label, "value": shown(table, row.key, column)}
        )
    hidden = sum(1 for r in body for c in table.columns if table.cell(r.key, c.key).suppressed)
    if hidden:
        parts.append(
            ngettext(
                "%(count)s figure is shown as “.”: fewer than five people stand behind it, or "
                "it would reveal such a figure.",
                "%(count)s figures are shown as “.”: fewer than five people stand behind them, "
                "or they would reveal such figures.",
                hidden,
            )
            % {"count": hidden}
        )
    return " ".join(parts) or _("No figures for %(year)s yet.") % {"year": year}
