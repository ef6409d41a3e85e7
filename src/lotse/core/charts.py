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
