"""Server-rendered SVG bar charts: no JavaScript, no CDN, no inline styles (CSP-safe).

Each bar carries its value as text and each series its name, so nothing is told by colour
alone; pages always show the data table beside the chart.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT = 16
GAP = 10
LABEL_WIDTH = 300
PLOT_WIDTH = 300


def horizontal_bars(
    *,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    maximum: float = 100,
) -> SafeString:
    """Grouped horizontal bars: one group per label, one bar per series (name, values)."""
    group_height = len(series) * BAR_HEIGHT + GAP
    height = len(labels) * group_height + 10
    width = LABEL_WIDTH + PLOT_WIDTH + 60
    parts = []
    for i, label in enumerate(labels):
        top = i * group_height + 5
        parts.append(
            format_html(
                '<text x="0" y="{}" class="chart-label">{}</text>',
                top + BAR_HEIGHT - 4,
                label,
            )
        )
        for s, (name, values) in enumerate(series):
            value = values[i]
            y = top + s * BAR_HEIGHT
            if value is None:
                continue
            length = round(PLOT_WIDTH * max(0.0, min(value, maximum)) / maximum)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="chart-series-{}">'
                    "<title>{}: {}</title></rect>"
                    '<text x="{}" y="{}" class="chart-value">{} {}</text>',
                    LABEL_WIDTH,
                    y + 1,
                    length,
                    BAR_HEIGHT - 3,
                    s,
                    name,
                    value,
                    LABEL_WIDTH + length + 4,
                    y + BAR_HEIGHT - 4,
                    round(value),
                    name,
                )  # fmt: skip
            )
    body = format_html_join("", "{}", ((p,) for p in parts))
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" class="chart" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title, width, height, title, body,
    )  # fmt: skip


SECTION_HEADING = 28
SECTION_ROW = 22
SECTION_PLOT = 220
# Rough glyph width at the 14px the stylesheet gives these charts; enough to keep the
# longest label and value inside the picture in every language.
SECTION_CHAR = 8.4


def _text_width(texts: list[str], floor: int) -> int:
    return max([floor, *(round(len(t) * SECTION_CHAR) + 8 for t in texts)])


def bar_sections(
    *,
    title: str,
    sections: list[tuple[str, list[tuple[str, float, str]]]],
    rtl: bool = False,
) -> SafeString:
    """Horizontal bars in named sections on one shared scale.

    Each section is one series (heading, rows of label, value and the value as text, already
    formatted for the page language). Figures counted in different ways go into different
    sections, so no series mixes them, while one scale keeps their sizes comparable. On
    right-to-left pages the chart is mirrored: labels on the right, bars growing leftwards.
    """
    rows_all = [row for _heading, rows in sections for row in rows]
    maximum = max((value for _label, value, _text in rows_all), default=0) or 1
    label_width = _text_width([label for label, _v, _t in rows_all], 60)
    value_width = _text_width([text for _l, _v, text in rows_all], 60)
    width = max(
        label_width + SECTION_PLOT + value_width,
        _text_width([heading for heading, _rows in sections], 0),
    )
    parts = []
    y = 0
    for s, (heading, rows) in enumerate(sections):
        y += SECTION_HEADING
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="start" class="chart-heading">{}</text>',
                width - 2 if rtl else 2,
                y - 8,
                heading,
            )  # fmt: skip
        )
        for label, value, text in rows:
            length = max(1, round(SECTION_PLOT * max(0.0, value) / maximum))
            if rtl:
                origin = width - label_width
                bar_x, label_x, value_x = origin - length, width - 2, origin - length - 4
            else:
                origin = label_width
                bar_x, label_x, value_x = origin, 2, origin + length + 4
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="start" class="chart-label">{}</text>'
                    '<rect x="{}" y="{}" width="{}" height="{}" class="chart-series-{}">'
                    "<title>{}: {}</title></rect>"
                    '<text x="{}" y="{}" text-anchor="start" class="chart-value">{}</text>',
                    label_x,
                    y + SECTION_ROW - 6,
                    label,
                    bar_x,
                    y + 2,
                    length,
                    SECTION_ROW - 5,
                    s % 4,
                    label,
                    text,
                    value_x,
                    y + SECTION_ROW - 6,
                    text,
                )  # fmt: skip
            )
            y += SECTION_ROW
    body = format_html_join("", "{}", ((p,) for p in parts))
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" class="chart chart-sections" '
        'direction="{}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title, width, y + 6, "rtl" if rtl else "ltr", title, body,
    )  # fmt: skip


COUNT_ROW = 20
COUNT_PLOT = 300
COUNT_CHAR = 7.2  # rough glyph width at the 12px of .chart-label
COLUMN_WIDTH = 46
COLUMN_GAP = 8
COLUMN_PLOT = 150


def count_bars(*, title: str, rows: list[tuple[str, float | None, str]]) -> SafeString:
    """Horizontal bars of counts, one per row (label, value, value as text). A row without a
    value (a suppressed figure) gets no bar, only its text (e.g. "."), so the gap is visible
    and nothing is drawn that the data table does not say."""
    maximum = max((v for _l, v, _t in rows if v is not None), default=0) or 1
    label_width = max([60, *(round(len(label) * COUNT_CHAR) + 8 for label, _v, _t in rows)])
    value_width = max([40, *(round(len(text) * COUNT_CHAR) + 8 for _l, _v, text in rows)])
    parts = []
    for i, (label, value, text) in enumerate(rows):
        y = i * COUNT_ROW
        length = round(COUNT_PLOT * max(0.0, value) / maximum) if value else 0
        parts.append(
            format_html(
                '<text x="0" y="{}" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart-series-0">'
                "<title>{}: {}</title></rect>"
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                y + COUNT_ROW - 6,
                label,
                label_width,
                y + 3,
                length,
                COUNT_ROW - 6,
                label,
                text,
                label_width + length + 4,
                y + COUNT_ROW - 6,
                text,
            )
        )
    body = format_html_join("", "{}", ((p,) for p in parts))
    width, height = label_width + COUNT_PLOT + value_width, len(rows) * COUNT_ROW + 4
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'class="chart chart-counts" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title, width, height, width, height, title, body,
    )  # fmt: skip


def column_bars(*, title: str, columns: list[tuple[str, float | None, str]]) -> SafeString:
    """Vertical bars for a time series (label under each bar, value as text above it); a
    column without a value gets no bar, only its text."""
    maximum = max((v for _l, v, _t in columns if v is not None), default=0) or 1
    step = COLUMN_WIDTH + COLUMN_GAP
    top = 18
    parts = [
        format_html(
            '<line x1="0" y1="{}" x2="{}" y2="{}" class="chart-axis"></line>',
            top + COLUMN_PLOT,
            len(columns) * step,
            top + COLUMN_PLOT,
        )
    ]
    for i, (label, value, text) in enumerate(columns):
        x = i * step + COLUMN_GAP // 2
        height = round(COLUMN_PLOT * max(0.0, value) / maximum) if value else 0
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart-series-0">'
                "<title>{}: {}</title></rect>"
                '<text x="{}" y="{}" text-anchor="middle" class="chart-value">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" class="chart-label">{}</text>',
                x,
                top + COLUMN_PLOT - height,
                COLUMN_WIDTH,
                height,
                label,
                text,
                x + COLUMN_WIDTH // 2,
                top + COLUMN_PLOT - height - 4,
                text,
                x + COLUMN_WIDTH // 2,
                top + COLUMN_PLOT + 16,
                label,
            )
        )
    body = format_html_join("", "{}", ((p,) for p in parts))
    width, height = len(columns) * step, top + COLUMN_PLOT + 24
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'class="chart chart-columns" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title, width, height, width, height, title, body,
    )  # fmt: skip
