"""The figures behind the public page on migration: read, validate and cache the data file.

Offices count migration in different ways (a register, the population update, a survey,
applications, arrivals), and their numbers for the same year differ. So every figure names
its kind of count, and a chart series holds figures of one kind only; the validator refuses
anything else, and a figure without a source URL, date or "checked on" date, before a page
can show it.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from lotse.core.datafiles import Problem, entries, read_yaml, unique, where
from lotse.reports.facts_vocab import CHARTS, KINDS, PUBLISHERS, SUBJECTS

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "migration_facts.yaml"

TOPICS = ("moving", "foreign", "background", "asylum")
UNITS = {"people", "percent"}
PRECISIONS = {"day", "month", "year"}
QUALIFIERS = {"exact", "about", "almost", "more_than", "just_under"}
COUNTRY_SUBJECTS = {"nationality", "asylum_origin_share"}
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
LANG_RE = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True)
class Source:
    """Where a figure was read. `title` only when the page's own title was seen; never made up."""

    key: str
    publisher: str
    title: str
    lang: str
    url: str
    reported_by: str = ""


@dataclass(frozen=True)
class Series:
    key: str
    chart: str
    kind: str


@dataclass(frozen=True)
class Figure:
    key: str
    topic: str
    subject: str
    kind: str
    unit: str
    value: float
    as_of: dt.date
    precision: str
    source: str
    checked_on: dt.date
    confirmed: bool
    qualifier: str = "exact"
    period_start: dt.date | None = None
    series: str = ""
    country: str = ""
    note_en: str = ""
    note_de: str = ""


@dataclass
class Facts:
    sources: dict[str, Source] = field(default_factory=dict)
    series: dict[str, Series] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stamp: int = 0  # the file's modification time; part of every cache key built on it

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def chart_series(self, chart: str) -> list[tuple[Series, list[Figure]]]:
        """The series of one chart in file order, each with its figures in date order."""
        result = []
        for item in self.series.values():
            if item.chart == chart:
                members = [f for f in self.figures if f.series == item.key]
                result.append((item, sorted(members, key=lambda f: (f.as_of, -f.value))))
        return result

    def outside_charts(self, topic: str) -> list[Figure]:
        return [f for f in self.figures if f.topic == topic and not f.series]


def _is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_source(item: dict, problems: list[Problem]) -> None:
    what = f"source '{item.get('key')}'"
    for name in ("key", "publisher", "lang", "url"):
        if not item.get(name):
            problems.append(Problem(*where(item), f"{what}: '{name}' is missing"))
    if item.get("publisher") and item["publisher"] not in PUBLISHERS:
        problems.append(Problem(*where(item), f"{what}: unknown publisher '{item['publisher']}'"))
    url = item.get("url")
    if url and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
        problems.append(Problem(*where(item), f"{what}: 'url' must be an http(s) address"))
    if item.get("lang") and not LANG_RE.match(str(item["lang"])):
        problems.append(Problem(*where(item), f"{what}: 'lang' must be a two-letter code"))


def _check_series(item: dict, problems: list[Problem]) -> None:
    what = f"series '{item.get('key')}'"
    if item.get("chart") not in CHARTS:
        problems.append(Problem(*where(item), f"{what}: unknown chart '{item.get('chart')}'"))
    if item.get("kind") not in KINDS:
        problems.append(Problem(*where(item), f"{what}: unknown kind '{item.get('kind')}'"))


def _check_choices(item: dict, problems: list[Problem], what: str) -> None:
    for name, allowed in (
        ("topic", TOPICS), ("subject", SUBJECTS), ("kind", KINDS), ("unit", UNITS),
        ("precision", PRECISIONS), ("qualifier", QUALIFIERS),
    ):  # fmt: skip
        value = item.get(name, "exact" if name == "qualifier" else None)
        if value is None:
            problems.append(Problem(*where(item), f"{what}: '{name}' is missing"))
        elif value not in allowed:
            problems.append(Problem(*where(item), f"{what}: unknown {name} '{value}'"))


def _check_figure(item: dict, problems: list[Problem], facts: Facts, today: dt.date) -> None:
    what = f"figure '{item.get('key')}'"
    _check_choices(item, problems, what)
    value = item.get("value")
    if not _is_number(value) or value <= 0:
        problems.append(Problem(*where(item), f"{what}: 'value' must be a positive number"))
    elif item.get("unit") == "percent" and value > 100:
        problems.append(Problem(*where(item), f"{what}: a percentage cannot exceed 100"))
    as_of, start, checked = item.get("as_of"), item.get("period_start"), item.get("checked_on")
    if not _is_date(as_of):
        problems.append(
            Problem(*where(item), f"{what}: 'as_of' (date of the figure) must be a date")
        )
    if start is not None and not (_is_date(start) and _is_date(as_of) and start <= as_of):
        problems.append(
            Problem(*where(item), f"{what}: 'period_start' must be a date before 'as_of'")
        )
    if not _is_date(checked):
        problems.append(Problem(*where(item), f"{what}: 'checked_on' must be a date"))
    elif checked > today or (_is_date(as_of) and as_of > checked):
        problems.append(
            Problem(*where(item), f"{what}: 'checked_on' must lie between 'as_of' and today")
        )
    source = facts.sources.get(item.get("source"))
    if source is None:
        problems.append(Problem(*where(item), f"{what}: needs a known 'source' with a URL"))
    elif not source.url:
        problems.append(Problem(*where(item), f"{what}: its source '{source.key}' has no URL"))
    if not isinstance(item.get("confirmed"), bool):
        problems.append(Problem(*where(item), f"{what}: 'confirmed' must be true or false"))
    elif not item["confirmed"] and not item.get("note_en"):
        problems.append(Problem(*where(item), f"{what}: an unconfirmed figure needs 'note_en'"))
    needs_country = item.get("subject") in COUNTRY_SUBJECTS
    country = item.get("country")
    if needs_country and not (isinstance(country, str) and COUNTRY_RE.match(country)):
        problems.append(Problem(*where(item), f"{what}: needs a 'country' (ISO 3166 code)"))
    if country and not needs_country:
        problems.append(
            Problem(*where(item), f"{what}: 'country' is only for {sorted(COUNTRY_SUBJECTS)}")
        )
    _check_membership(item, problems, facts, what)  # fmt: skip


def _check_membership(item: dict, problems: list[Problem], facts: Facts, what: str) -> None:
    """A series is one kind of count in one unit; a kind never slips into another's series."""
    if not item.get("series"):
        return
    series = facts.series.get(item["series"])
    if series is None:
        problems.append(Problem(*where(item), f"{what}: unknown series '{item['series']}'"))
        return
    if item.get("kind") != series.kind:
        problems.append(
            Problem(
                *where(item),
                f"{what}: kind '{item.get('kind')}' differs from the kind '{series.kind}' "
                f"of series '{series.key}'",
            )
        )
    chart = CHARTS.get(series.chart)
    if chart and (item.get("unit") != chart.unit or item.get("topic") != chart.topic):
        problems.append(
            Problem(*where(item), f"{what}: unit and topic must match chart '{series.chart}'")
        )


def _check_unique_points(items: list[dict], problems: list[Problem]) -> None:
    """Within a series each period (and country) appears once, so no year holds two values."""
    seen: dict[tuple, str] = {}
    for item in items:
        if not item.get("series"):
            continue
        point = (item["series"], item.get("period_start"), item.get("as_of"), item.get("country"))
        if point in seen:
            problems.append(
                Problem(
                    *where(item),
                    f"figure '{item.get('key')}': series '{item['series']}' already has a figure "
                    f"for this date ('{seen[point]}')",
                )
            )
        else:
            seen[point] = item.get("key", "")


def read_facts(path: Path = DATA_FILE, *, today: dt.date | None = None) -> Facts:
    """Every problem in the file, with its line, and the facts it holds."""
    today = today or dt.date.today()  # noqa: DTZ011 - a calendar date, not an instant
    facts = Facts()
    problems = facts.problems
    doc = read_yaml(path, path.parent, problems)
    rel = path.name
    sources = entries(doc, "sources", rel, problems)
    series = entries(doc, "series", rel, problems)
    figures = entries(doc, "figures", rel, problems)
    for name, items in (("source", sources), ("series", series), ("figure", figures)):
        unique(items, "key", problems, f"{name} key")
        for item in items:
            if not KEY_RE.match(str(item.get("key", ""))):
                problems.append(
                    Problem(*where(item), f"{name} key '{item.get('key')}' is not a slug")
                )
    for item in sources:
        _check_source(item, problems)
        facts.sources[item.get("key")] = Source(
            key=item.get("key", ""), publisher=item.get("publisher", ""),
            title=item.get("title", ""), lang=item.get("lang", ""), url=item.get("url", ""),
            reported_by=item.get("reported_by", ""),
        )  # fmt: skip
    for item in series:
        _check_series(item, problems)
        facts.series[item.get("key")] = Series(item.get("key"), item.get("chart"), item.get("kind"))
    for item in figures:
        _check_figure(item, problems, facts, today)
    _check_unique_points(figures, problems)
    used = {item.get("series") for item in figures}
    for item in series:
        if item.get("key") not in used:
            problems.append(Problem(*where(item), f"series '{item.get('key')}' has no figures"))
    if not problems:
        facts.figures = [Figure(**_fields(item)) for item in figures]
    return facts


def _fields(item: dict) -> dict:
    names = Figure.__dataclass_fields__
    return {k: v for k, v in item.items() if k in names}


_cache: dict[Path, tuple[int, Facts]] = {}


def load_facts(path: Path = DATA_FILE) -> Facts:
    """The validated facts, read again only when the file changes (an edit needs no restart)."""
    stamp = path.stat().st_mtime_ns
    cached = _cache.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    facts = read_facts(path)
    facts.stamp = stamp
    if facts.problems:
        raise ImproperlyConfigured(
            "Invalid migration facts:\n" + "\n".join(str(p) for p in facts.problems)
        )
    _cache[path] = (stamp, facts)
    return facts
