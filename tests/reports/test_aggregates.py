"""Every aggregation against the hand-counted world of `conftest.world`."""

from datetime import date

import pytest

from lotse.reports.aggregates import tables as build
from lotse.reports.aggregates.catalogue import MEASURES
from lotse.reports.aggregates.sources import Geography, LiveSource
from lotse.reports.selectors import Figures, Scope, table_names
from lotse.reports.services import statistics_refresh
from lotse.reports.suppression import TOTAL
from tests.reports.attack import lone_suppressions, revealed
from tests.reports.conftest import YEAR


def live(year: int = YEAR, organisation_id=None) -> LiveSource:
    return LiveSource(
        start=date(year, 1, 1), end=date(year, 12, 31), organisation_id=organisation_id
    )


def raw(table, row: str = TOTAL) -> dict[str, int]:
    """What was counted, suppressed or not: {value code: number} of one row."""
    return {
        c.key.removeprefix("v:"): table.cell(row, c.key).value
        for c in table.columns
        if table.cell(row, c.key).value
    }


def marks(table, row: str = TOTAL) -> dict[str, str]:
    return {c.key.removeprefix("v:"): table.display(row, c.key) for c in table.columns}


def place_marks(table) -> dict[str, str]:
    return {r.key: table.display(r.key, "value") for r in table.rows}


def by(dimension: str, measure: str = "clients", source=None):
    source = source or live()
    geo = Geography.load()
    places = build.place_table(source, MEASURES[measure], geo)
    return build.dimension_table(source, MEASURES[measure], dimension, geo, places)


def test_clients_count_once_and_sessions_each_time_by_place(world):
    geo = Geography.load()
    clients = build.place_table(live(), MEASURES["clients"], geo)
    sessions = build.place_table(live(), MEASURES["sessions"], geo)
    assert place_marks(clients) == {
        "total": "24", "r:nord": "11", "d:08111": "6", "d:08115": "5",
        "r:sued": "8", "d:08221": ".", "d:08222": ".", "none": "5",
    }  # fmt: skip
    assert place_marks(sessions) == {
        "total": "44", "r:nord": "17", "d:08111": "12", "d:08115": "5",
        "r:sued": "22", "d:08221": ".", "d:08222": ".", "none": "5",
    }  # fmt: skip
    assert sessions.cell("d:08222", "value").value == 21, "hidden, but counted right"


def test_a_sessions_cell_needs_five_different_people_not_five_sessions(world):
    table = by("gender", "sessions")
    assert table.cell("r:sued", "v:male").value == 9  # 3 men with 3 sessions each
    assert table.display("r:sued", "v:male") == "."


def test_clients_by_gender_per_region(world):
    table = by("gender")
    assert raw(table) == {"female": 15, "male": 8, "diverse": 1, "total": 24}
    assert raw(table, "r:nord") == {"female": 6, "male": 5, "total": 11}
    assert raw(table, "r:sued") == {"female": 4, "male": 3, "diverse": 1, "total": 8}
    assert raw(table, "none") == {"female": 5, "total": 5}
    primary = {key for key, cell in table.cells.items() if cell.primary}
    assert primary == {
        ("r:sued", "v:female"), ("r:sued", "v:male"), ("r:sued", "v:diverse"),
        (TOTAL, "v:diverse"),
    }  # fmt: skip
    assert revealed(table) == [] and lone_suppressions(table) == []


def test_the_total_column_carries_the_marks_of_the_place_table(world):
    geo = Geography.load()
    places = build.place_table(live(), MEASURES["clients"], geo)
    table = build.dimension_table(live(), MEASURES["clients"], "country", geo, places)
    for row in table.rows:
        assert table.display(row.key, TOTAL) == places.display(row.key, "value")


def test_a_client_counts_once_in_each_month_they_were_counselled(world):
    clients, sessions = by("month"), by("month", "sessions")
    assert raw(clients) == {
        "2025-01": 7, "2025-02": 7, "2025-03": 18, "2025-04": 6, "2025-06": 5, "2025-07": 1,
        "total": 24,
    }  # fmt: skip
    assert raw(sessions) == {
        "2025-01": 7, "2025-02": 7, "2025-03": 18, "2025-04": 6, "2025-06": 5, "2025-07": 1,
        "total": 44,
    }  # fmt: skip
    assert clients.display(TOTAL, "v:2025-07") == "."


def test_clients_by_country_age_band_language_and_mode(world):
    assert raw(by("country")) == {"UA": 7, "SY": 12, "TR": 5, "total": 24}
    assert raw(by("age_band")) == {"25-34": 14, "35-44": 5, "45-54": 5, "total": 24}
    assert raw(by("language")) == {"uk": 7, "ar": 5, "de": 7, "tr": 5, "total": 24}
    assert raw(by("language", "sessions")) == {"uk": 13, "ar": 5, "de": 21, "tr": 5, "total": 44}
    # A client counselled in person and by phone counts under both modes.
    assert raw(by("mode")) == {"in_person": 12, "phone": 6, "video": 7, "email": 5, "total": 24}
    assert raw(by("mode", "sessions")) == {
        "in_person": 12, "phone": 6, "video": 21, "email": 5, "total": 44,
    }  # fmt: skip


def test_clients_count_under_each_occupation_of_their_recognition_cases(world, occupations):
    ids = {key: str(o.pk) for key, o in occupations.items()}
    # "": no recognition case (B, D, F and two of C).
    assert raw(by("occupation")) == {
        ids["doctor"]: 6, ids["nurse"]: 5, ids["engineer"]: 2, "": 13, "total": 24,
    }  # fmt: skip
    assert raw(by("occupation", "sessions")) == {
        ids["doctor"]: 12, ids["nurse"]: 15, ids["engineer"]: 6, "": 17, "total": 44,
    }  # fmt: skip
    groups = by("occupation_group", "sessions")
    assert raw(groups) == {"health": 27, "engineering_architecture": 6, "": 17, "total": 44}


def test_the_network_by_organisation(world):
    table = by("organisation")
    stuttgart, mannheim = str(world["stuttgart"].pk), str(world["mannheim"].pk)
    assert raw(table) == {stuttgart: 11, mannheim: 13, "total": 24}
    assert raw(by("organisation", "sessions")) == {stuttgart: 17, mannheim: 27, "total": 44}


def test_recognition_cases_by_status_and_decisions(world):
    cases = by("status", "cases")
    assert raw(cases) == {"decision": 6, "submitted": 5, "informed": 2, "total": 13}
    assert cases.cell(TOTAL, TOTAL).people == 11, "13 cases of 11 people"
    assert marks(cases)["informed"] == "."
    decisions = by("decision", "decisions")
    assert raw(decisions) == {"full": 4, "partial": 2, "total": 6}
    assert marks(decisions) == {"full": ".", "partial": ".", "rejected": "-", "total": "6"}
    assert raw(by("occupation_group", "cases")) == {
        "health": 11, "engineering_architecture": 2, "total": 13,
    }  # fmt: skip


def test_median_days_from_application_to_decision(world):
    table = build.median_table(live(), MEASURES["decision_days"], "region", Geography.load())
    # 30, 40, 50, 60, 70, 149 days: the median is (50 + 60) / 2.
    assert place_marks(table) == {
        "total": "55", "r:nord": "55", "d:08111": "55", "d:08115": "-",
        "r:sued": "-", "d:08221": "-", "d:08222": "-", "none": "-",
    }  # fmt: skip
    by_decision = build.median_table(
        live(), MEASURES["decision_days"], "decision", Geography.load()
    )
    assert by_decision.cell("v:full", "value").value == 45
    assert by_decision.display("v:full", "value") == ".", "4 people only"


def test_outcomes_at_close_and_six_months_later(world):
    assert raw(by("employment", "outcomes_close")) == {"employed": 5, "seeking": 6, "total": 11}
    assert raw(by("match", "outcomes_close")) == {"yes": 3, "partly": 2, "na": 6, "total": 11}
    assert marks(by("match", "outcomes_close"))["yes"] == "."
    assert raw(by("employment", "outcomes_6m")) == {"employed": 5, "total": 5}


def test_trend_by_year_puts_each_years_place_table_side_by_side(world):
    geo = Geography.load()
    years = {y: build.place_table(live(y), MEASURES["clients"], geo) for y in (YEAR - 1, YEAR)}
    table = build.year_table(MEASURES["clients"], geo, years)
    assert marks(table) == {str(YEAR - 1): "5", str(YEAR): "24"}
    assert marks(table, "r:sued") == {str(YEAR - 1): "-", str(YEAR): "8"}


@pytest.fixture
def refreshed(world):
    statistics_refresh(year=YEAR - 1)
    statistics_refresh(year=YEAR)
    return world


def test_the_yearly_facts_give_exactly_the_tables_of_the_live_records(refreshed):
    cube = Figures(Scope(year=YEAR, organisations=True))
    geo = Geography.load()
    for name in table_names(cube.scope):
        measure, dimension = name.split("-", 1)
        if dimension == "year":
            continue
        if measure == "decision_days":
            expected = build.median_table(live(), MEASURES[measure], "region", geo)
        elif dimension == "region":
            expected = build.place_table(live(), MEASURES[measure], geo)
        else:
            expected = by(dimension, measure)
        found = cube.table(name)
        for key in expected.cells:
            assert found.display(*key) == expected.display(*key), (name, key)
            assert found.cell(*key).value == expected.cell(*key).value, (name, key)


def test_a_leads_own_figures_count_only_their_organisation(refreshed):
    own = Figures(Scope(year=YEAR, organisation_id=refreshed["stuttgart"].pk))
    assert place_marks(own.places("clients")) == {
        "total": "11", "r:nord": "11", "d:08111": "6", "d:08115": "5",
        "r:sued": "-", "d:08221": "-", "d:08222": "-", "none": "-",
    }  # fmt: skip
    assert raw(own.by("clients", "country")) == {"UA": 6, "SY": 5, "total": 11}


def test_in_a_leads_network_view_a_cell_needs_five_people_of_other_organisations(refreshed):
    coordinator_view = Figures(Scope(year=YEAR, organisations=True))
    lead_view = Figures(Scope(year=YEAR, viewer_organisation_id=refreshed["stuttgart"].pk))
    # Ukraine: 7 clients, 6 of them the Stuttgart lead's own: one other person.
    assert coordinator_view.by("clients", "country").display(TOTAL, "v:UA") == "7"
    assert lead_view.by("clients", "country").display(TOTAL, "v:UA") == "."


def test_the_yearly_facts_hold_codes_and_counts_only(refreshed):
    from lotse.reports.models import Fact

    fields = {f.name for f in Fact._meta.get_fields()}
    assert fields == {
        "id", "year", "source", "dimension", "value", "organisation", "district_code",
        "people", "events",
    }  # fmt: skip
    values = set(Fact.objects.values_list("value", flat=True))
    assert not any("Olga" in v for v in values)


def test_the_median_of_a_histogram_is_the_median_of_its_values():
    import random
    import statistics
    from collections import Counter

    rng = random.Random(3)
    for _ in range(500):
        values = [rng.randint(0, 400) for _ in range(rng.randint(1, 40))]
        assert build.median(Counter(values)) == statistics.median(values)
    assert build.median({}) is None
