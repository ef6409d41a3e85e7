"""The public page "Migration in Baden-Württemberg": figures with their sources, as charts,
tables and short summaries, in the visitor's language.

Numbers and dates are formatted with Babel for the page language (Latin digits in every
language, as on the rest of the site). The figures come from `facts.py`, which has checked
them; this module only arranges and formats them.
"""

from urllib.parse import urlsplit

from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, format_percent
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lotse.core.charts import bar_sections
from lotse.core.i18n import country_name
from lotse.reports.facts import TOPICS, Facts, Figure, load_facts
from lotse.reports.facts_vocab import CHARTS, KINDS, PUBLISHERS, SUBJECTS

QUALIFIED = {
    "about": gettext_lazy("about %(number)s"),
    "almost": gettext_lazy("almost %(number)s"),
    "more_than": gettext_lazy("more than %(number)s"),
    "just_under": gettext_lazy("just under %(number)s"),
}
HIGHLIGHTS = [
    "iq-moved-since-1952",
    "net-migration-1952-2024",
    "foreign-census-2022-2024",
    "immigration-history-2024",
    "asylum-staying-2024",
    "ukraine-refugees-since-2022",
]
CACHE_SECONDS = 24 * 60 * 60
EXPLAINERS = ["statla-migration-statistics", "statla-glossary-migration-background"]


def _locale() -> str:
    return (get_language() or "de").replace("-", "_")


def number_text(value: float, unit: str, locale: str) -> str:
    if unit == "percent":
        return format_percent(value / 100, locale=locale, decimal_quantization=False)
    if value >= 1_000_000:
        return format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=2)
    return format_decimal(value, locale=locale)


def value_text(figure: Figure, locale: str) -> str:
    number = number_text(figure.value, figure.unit, locale)
    template = QUALIFIED.get(figure.qualifier)
    return str(template) % {"number": number} if template else number


def _one(day, precision: str, locale: str) -> str:
    if precision == "year":
        return format_skeleton("y", day, locale=locale)
    if precision == "month":
        return format_skeleton("yMMMM", day, locale=locale)
    return format_date(day, "long", locale=locale)


def period_text(figure: Figure, locale: str) -> str:
    """The date a figure refers to, as precisely as its source gives it."""
    start, end, precision = figure.period_start, figure.as_of, figure.precision
    if start is None or (precision == "year" and start.year == end.year):
        return _one(end, precision, locale)
    if precision == "month" and start.year == end.year:
        first = format_date(start, "LLLL", locale=locale)
    else:
        first = _one(start, precision, locale)
    return _("%(start)s – %(end)s") % {"start": first, "end": _one(end, precision, locale)}


def figure_view(figure: Figure, facts: Facts, locale: str) -> dict:
    subject = str(SUBJECTS[figure.subject])
    country = country_name(figure.country, locale) if figure.country else ""
    if country:
        subject = subject % {"country": country}
    german = locale == "de" and figure.note_de
    return {
        "key": figure.key, "series": figure.series, "kind": figure.kind,
        "kind_label": KINDS[figure.kind].label, "subject": subject, "country": country,
        "value": figure.value, "value_text": value_text(figure, locale),
        "period": period_text(figure, locale), "as_of": figure.as_of,
        "checked_on": figure.checked_on,
        "checked_on_text": format_date(figure.checked_on, "long", locale=locale),
        "confirmed": figure.confirmed,
        "note": figure.note_de if german else figure.note_en, "note_lang": "de" if german else "en",
        "source": source_view(facts, figure.source),
    }  # fmt: skip


def source_view(facts: Facts, key: str) -> dict:
    source = facts.sources[key]
    return {
        "url": source.url, "title": source.title, "lang": source.lang,
        "publisher": PUBLISHERS[source.publisher], "reported_by": source.reported_by,
        "host": urlsplit(source.url).hostname.removeprefix("www."),
    }  # fmt: skip


def _series_summary(kind: str, views: list[dict]) -> str:
    label = KINDS[kind].label
    if views[0]["country"]:
        top = max(views, key=lambda v: v["value"])
        return _("%(kind)s: the largest group came from %(name)s, %(value)s (%(period)s).") % {
            "kind": label, "name": top["country"], "value": top["value_text"],
            "period": top["period"],
        }  # fmt: skip
    if len(views) == 1:
        return _("%(kind)s: %(value)s (%(period)s).") % {
            "kind": label, "value": views[0]["value_text"], "period": views[0]["period"]
        }  # fmt: skip
    first, last = views[0], views[-1]
    peak = max(views, key=lambda v: v["value"])
    return _(
        "%(kind)s: from %(first)s (%(first_period)s) to %(last)s (%(last_period)s); "
        "highest: %(peak)s (%(peak_period)s)."
    ) % {
        "kind": label, "first": first["value_text"], "first_period": first["period"],
        "last": last["value_text"], "last_period": last["period"],
        "peak": peak["value_text"], "peak_period": peak["period"],
    }  # fmt: skip


def chart_view(key: str, facts: Facts, locale: str, rtl: bool) -> dict:
    """One chart, its table rows and its summary: one section per series (= kind of count)."""
    sections, rows, summary = [], [], []
    for series, figures in facts.chart_series(key):
        views = [figure_view(f, facts, locale) for f in figures]
        label = str(KINDS[series.kind].label)
        sections.append(
            (label, [(v["country"] or v["period"], v["value"], v["value_text"]) for v in views])
        )
        rows += views
        summary.append(_series_summary(series.kind, views))
    title = str(CHARTS[key].title)
    svg = bar_sections(
        title=_("%(title)s. The table below gives the same figures.") % {"title": title},
        sections=sections,
        rtl=rtl,
    )
    return {"key": key, "title": title, "svg": svg, "figures": rows, "summary": summary}


def _charts_of(topic: str) -> list[str]:
    return [key for key, chart in CHARTS.items() if chart.topic == topic]


def page_context(facts: Facts) -> dict:
    locale, rtl = _locale(), get_language_bidi()
    topics = {
        topic: {
            "charts": [chart_view(k, facts, locale, rtl) for k in _charts_of(topic)],
            "others": [figure_view(f, facts, locale) for f in facts.outside_charts(topic)],
        }
        for topic in TOPICS
    }
    views = {f.key: figure_view(f, facts, locale) for f in facts.figures}
    eu, total = facts.figure("eu-citizens-register-2015"), facts.figure("foreign-register-2015")
    used = {f.kind for f in facts.figures}
    return {
        **topics,
        "highlights": [views[key] for key in HIGHLIGHTS],
        "fx": {key.replace("-", "_"): view for key, view in views.items()},
        "eu_share_computed": number_text(round(100 * eu.value / total.value, 1), "percent", locale),
        "explainers": [source_view(facts, key) for key in EXPLAINERS],
        "kinds": [(k, kind.label, kind.explanation) for k, kind in KINDS.items() if k in used],
    }  # fmt: skip


@require_safe
def migration(request):
    """The page body depends only on the language and the data file, so it is built once per
    language and file version; the frame around it (language switcher, login) stays live."""
    facts = load_facts()
    key = f"reports:migration:{get_language()}:{facts.stamp}"
    body = cache.get(key)
    if body is None:
        body = render_to_string("reports/public_migration_body.html", page_context(facts))
        cache.set(key, body, CACHE_SECONDS)
    return render(request, "reports/public_migration.html", {"body": mark_safe(body)})  # noqa: S308


urlpatterns = [path("migration/", migration, name="migration")]
