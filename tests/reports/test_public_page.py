"""The public page on migration in Baden-Württemberg and the data file behind it."""

import datetime as dt
import os
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from lotse.reports.facts import DATA_FILE, load_facts, read_facts
from lotse.reports.facts_vocab import CHARTS

LANGUAGES = [code for code, _ in settings.LANGUAGES]
RTL = {"ar", "fa"}

VALID = """
sources:
  - {key: office, publisher: statla_bw, lang: de, url: "https://www.statistik-bw.de/x"}
series:
  - {key: arrivals, chart: asylum, kind: asylum_staying}
figures:
  - key: staying-2023
    series: arrivals
    topic: asylum
    subject: asylum_applications
    kind: asylum_staying
    unit: people
    value: 36319
    as_of: 2023-12-31
    precision: year
    source: office
    checked_on: 2026-12-03
    confirmed: true
"""


class FigureElements(HTMLParser):
    """Each element marked `data-figure`, with its attributes, links and classes inside it."""

    def __init__(self):
        super().__init__()
        self.found: list[dict] = []
        self._open: list[tuple[str, int, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for index, (name, depth, item) in enumerate(self._open):
            if name == tag:
                self._open[index] = (name, depth + 1, item)
            if "href" in attrs:
                item["hrefs"].append(attrs["href"])
            item["classes"].update((attrs.get("class") or "").split())
            if tag == "time":
                item["datetimes"].append(attrs.get("datetime"))
        if "data-figure" in attrs:
            item = {**attrs, "hrefs": [], "classes": set(), "datetimes": []}
            self.found.append(item)
            self._open.append((tag, 1, item))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            name, depth, item = self._open[index]
            if name == tag:
                if depth == 1:
                    del self._open[index]
                else:
                    self._open[index] = (name, depth - 1, item)
                break


def figure_elements(html: str) -> list[dict]:
    parser = FigureElements()
    parser.feed(html)
    return parser.found


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "migration_facts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    return [p.message for p in read_facts(write(tmp_path, text)).problems]


@pytest.fixture
def english(client, db) -> str:
    response = client.get("/en/migration/")
    assert response.status_code == 200
    return response.content.decode()


# --- The page ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_page_is_served_in_every_language_with_its_direction(client, db, code):
    response = client.get(f"/{code}/migration/")
    assert response.status_code == 200
    direction = "rtl" if code in RTL else "ltr"
    html = response.content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert f'direction="{direction}"' in html  # the charts mirror with the page


def test_every_figure_in_the_data_file_is_shown_with_its_source_and_dates(english):
    facts = load_facts()
    shown = defaultdict(list)
    for element in figure_elements(english):
        shown[element["data-figure"]].append(element)
    for figure in facts.figures:
        assert shown[figure.key], f"{figure.key} is not on the page"
        for element in shown[figure.key]:
            assert facts.sources[figure.source].url in element["hrefs"], figure.key
            assert figure.checked_on.isoformat() in element["datetimes"], figure.key
            assert figure.as_of.isoformat() in element["datetimes"], figure.key
            assert element["data-kind"] == figure.kind


def test_every_figure_on_the_page_links_to_its_source(english):
    elements = figure_elements(english)
    assert len(elements) >= len(load_facts().figures)
    for element in elements:
        assert any(href.startswith(("http://", "https://")) for href in element["hrefs"]), element


def test_figures_no_official_source_confirms_are_marked_and_others_are_not(english):
    confirmed = {f.key: f.confirmed for f in load_facts().figures}
    assert not all(confirmed.values())
    for element in figure_elements(english):
        marked = "unconfirmed" in element["classes"]
        assert marked is not confirmed[element["data-figure"]], element["data-figure"]


def test_no_chart_series_mixes_kinds_of_count_or_repeats_a_date(english):
    kinds = defaultdict(set)
    rows = defaultdict(list)
    for element in figure_elements(english):
        if "data-series" in element:
            kinds[element["data-series"]].add(element["data-kind"])
            rows[element["data-series"]].append(element["data-figure"])
    assert len(kinds) == len(load_facts().series)
    assert all(len(found) == 1 for found in kinds.values()), kinds
    facts = load_facts()
    for series, figures in (
        (s.key, [facts.figure(k) for k in rows[s.key]]) for s in facts.series.values()
    ):
        points = [(f.period_start, f.as_of, f.country) for f in figures]
        assert len(points) == len(set(points)), series


def test_each_chart_comes_with_a_summary_and_a_table(english):
    assert english.count('class="chart chart-sections"') == len(CHARTS)
    for key, chart in CHARTS.items():
        block = english.split(f'id="chart-{key}-title"', 1)[1].split("</section>", 1)[0]
        assert 'class="chart-summary"' in block
        assert f'<caption id="table-{key}">Figures and sources: {chart.title}</caption>' in block
        assert '<th scope="col">' in block


def test_numbers_and_dates_are_written_the_way_the_page_language_writes_them(client, db):
    german = client.get("/de/migration/").content.decode()
    english = client.get("/en/migration/").content.decode()
    russian = client.get("/ru/migration/").content.decode()
    assert "267.940" in german and "2,05 Millionen" in german and "31. Dezember 2023" in german
    assert "267,940" in english and "2.05 million" in english and "December 31, 2023" in english
    assert "267\xa0940" in russian and "2,05 миллиона" in russian


def test_both_figures_for_people_with_a_foreign_passport_are_explained(english):
    assert "Which figure is which?" in english
    assert "about 1.4 million people with a foreign passport" in english
    assert "almost 12%" in english
    assert "2.1 million, that is 18.5%" in english


def test_country_names_follow_the_page_language(client, db):
    assert "Foreign nationals from Türkiye" in client.get("/en/migration/").content.decode()
    assert "Türkei" in client.get("/de/migration/").content.decode()


def test_page_is_linked_from_the_main_navigation(client, db):
    html = client.get("/en/").content.decode()
    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/en/migration/"' in nav


def test_page_body_is_cached_per_language_and_data_version(client, db):
    cache.clear()
    stamp = load_facts().stamp
    german = client.get("/de/migration/").content.decode()
    body = cache.get(f"reports:migration:de:{stamp}")
    assert body and body in german
    assert cache.get(f"reports:migration:en:{stamp}") is None
    assert body in client.get("/de/migration/").content.decode()


def test_page_only_answers_reading_requests(client, db):
    assert client.post("/en/migration/").status_code == 405


# --- The data file ---------------------------------------------------------------------------


def test_shipped_data_file_is_valid():
    facts = read_facts(DATA_FILE)
    assert facts.problems == []
    assert len(facts.figures) > 40


def test_a_minimal_file_is_valid(tmp_path):
    assert problems_of(tmp_path, VALID) == []


def test_validation_rejects_a_figure_without_a_source(tmp_path):
    problems = problems_of(tmp_path, VALID.replace("    source: office\n", ""))
    assert "figure 'staying-2023': needs a known 'source' with a URL" in problems


def test_validation_rejects_a_source_without_url_and_the_figures_using_it(tmp_path):
    problems = problems_of(tmp_path, VALID.replace(', url: "https://www.statistik-bw.de/x"', ""))
    assert "source 'office': 'url' is missing" in problems
    assert "figure 'staying-2023': its source 'office' has no URL" in problems


def test_validation_rejects_a_figure_without_the_date_it_refers_to(tmp_path):
    problems = problems_of(tmp_path, VALID.replace("    as_of: 2023-12-31\n", ""))
    assert "figure 'staying-2023': 'as_of' (date of the figure) must be a date" in problems


def test_validation_rejects_a_figure_without_a_checked_on_date(tmp_path):
    problems = problems_of(tmp_path, VALID.replace("    checked_on: 2026-12-03\n", ""))
    assert "figure 'staying-2023': 'checked_on' must be a date" in problems


def test_validation_rejects_a_checked_on_date_in_the_future(tmp_path):
    tomorrow = dt.date.today() + dt.timedelta(days=1)  # noqa: DTZ011
    problems = problems_of(tmp_path, VALID.replace("2026-12-03", tomorrow.isoformat()))
    assert "figure 'staying-2023': 'checked_on' must lie between 'as_of' and today" in problems


def test_validation_rejects_a_figure_of_another_kind_in_a_series(tmp_path):
    other_kind = VALID + VALID.split("figures:\n", 1)[1].replace(
        "staying-2023", "first-2022"
    ).replace("kind: asylum_staying", "kind: asylum_first_bamf").replace("2023-12-31", "2022-12-31")
    problems = problems_of(tmp_path, other_kind)
    assert (
        "figure 'first-2022': kind 'asylum_first_bamf' differs from the kind 'asylum_staying' "
        "of series 'arrivals'"
    ) in problems


def test_validation_rejects_two_figures_for_the_same_date_in_one_series(tmp_path):
    twice = VALID + VALID.split("figures:\n", 1)[1].replace("staying-2023", "staying-again")
    problems = problems_of(tmp_path, twice)
    assert (
        "figure 'staying-again': series 'arrivals' already has a figure for this date "
        "('staying-2023')"
    ) in problems


def test_validation_asks_why_a_figure_is_unconfirmed(tmp_path):
    problems = problems_of(tmp_path, VALID.replace("confirmed: true", "confirmed: false"))
    assert "figure 'staying-2023': an unconfirmed figure needs 'note_en'" in problems


def test_validation_rejects_unknown_kinds_and_percentages_above_100(tmp_path):
    text = VALID.replace(
        "kind: asylum_staying\n    unit: people\n    value: 36319",
        "kind: guess\n    unit: percent\n    value: 140",
    )
    problems = problems_of(tmp_path, text)
    assert "figure 'staying-2023': unknown kind 'guess'" in problems
    assert "figure 'staying-2023': a percentage cannot exceed 100" in problems


def test_problems_name_the_line_of_the_figure(tmp_path):
    problem = read_facts(write(tmp_path, VALID.replace("    source: office\n", ""))).problems[0]
    assert problem.file == "migration_facts.yaml"
    assert problem.line == VALID.splitlines().index("  - key: staying-2023") + 1


def test_an_invalid_file_is_never_served(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="needs a known 'source'"):
        load_facts(write(tmp_path, VALID.replace("    source: office\n", "")))


def test_an_edited_file_is_read_again_without_a_restart(tmp_path):
    path = write(tmp_path, VALID)
    assert load_facts(path).figure("staying-2023").value == 36319
    path.write_text(VALID.replace("36319", "36320"), encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))
    assert load_facts(path).figure("staying-2023").value == 36320


def test_every_source_address_is_a_plain_web_address():
    for source in load_facts().sources.values():
        assert re.match(r"^https?://[^\s]+$", source.url), source.key
