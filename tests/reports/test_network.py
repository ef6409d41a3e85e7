"""Training and quality figures of the network, counted by hand."""

import datetime as dt

import pytest

from lotse.quality.models import Assessment
from lotse.reports.aggregates.network import quality_tables, training_tables
from lotse.reports.suppression import TOTAL
from lotse.training.models import Event, EventFeedback, Format, Registration, TrainingModule
from tests.quality.conftest import catalogue, institution  # noqa: F401
from tests.reports.attack import revealed

YEAR = 2025


def module(slug: str, title: str) -> TrainingModule:
    return TrainingModule.objects.create(
        slug=slug, title_de=title, title_en=title, summary_de="-", summary_en="-",
        format=Format.IN_PERSON, duration_hours=6,
    )  # fmt: skip


def event(training: TrainingModule, month: int, status=Event.Status.COMPLETED) -> Event:
    starts = dt.datetime(YEAR, month, 10, 9, tzinfo=dt.UTC)
    return Event.objects.create(
        module=training, starts_at=starts, ends_at=starts + dt.timedelta(hours=6), capacity=20,
        registration_deadline=starts - dt.timedelta(days=2), status=status,
    )  # fmt: skip


def register(on: Event, n: int, status: str, *, attended=None, start=0) -> None:
    for i in range(start, start + n):
        Registration.objects.create(
            event=on, name=f"Person {i}", email=f"person{i}@example.org",
            organisation_name="Welcome Center", status=status, attended=attended,
        )  # fmt: skip


@pytest.fixture
def trainings(db):
    """Recognition law (March): 6 confirmed (5 attended), 2 waiting, 1 cancelled, 5 feedback
    answers. Anti-discrimination (May): 3 confirmed, no feedback. A 2024 event does not count."""
    law = module("recht", "Anerkennungsrecht")
    held = event(law, 3)
    register(held, 5, "confirmed", attended=True)
    register(held, 1, "confirmed", attended=False, start=5)
    register(held, 2, "waiting", start=6)
    register(held, 1, "cancelled", start=8)
    for overall in (4, 5, 5, 4, 3):
        EventFeedback.objects.create(
            event=held, overall=overall, useful=4, trainer=5, given_on=dt.date(YEAR, 3, 11)
        )
    other = event(module("diskriminierung", "Antidiskriminierung"), 5)
    register(other, 3, "confirmed", start=20)
    old = event(law, 3)
    old.starts_at = old.starts_at.replace(year=YEAR - 1)
    old.ends_at = old.ends_at.replace(year=YEAR - 1)
    old.save()
    register(old, 9, "confirmed", start=40)
    return {"law": law, "other": other.module}


def cells(table, row):
    return [table.display(row, c.key) for c in table.columns]


def test_registrations_by_module_and_status(trainings):
    table = training_tables(YEAR)["registrations-module"]
    law, other = str(trainings["law"].pk), str(trainings["other"].pk)
    assert [c.key for c in table.columns] == ["confirmed", "waiting", "cancelled", TOTAL]
    assert [table.cell(law, c.key).value for c in table.columns] == [6, 2, 1, 9]
    assert [table.cell(TOTAL, c.key).value for c in table.columns] == [9, 2, 1, 12]
    # Three people in the other module: hidden, and so is what would give them away.
    assert cells(table, other)[0] == "." and cells(table, other)[3] == "."
    assert cells(table, law)[0] == "." and cells(table, TOTAL) == ["9", ".", ".", "12"]
    assert revealed(table) == []


def test_attendance_rate_is_hidden_when_its_base_is(trainings):
    table = training_tables(YEAR)["attendance-module"]
    law, other = str(trainings["law"].pk), str(trainings["other"].pk)
    assert [table.cell(law, c).value for c in ("registered", "attended", "rate")] == [6, 5, 83]
    # The other module's 3 participants hide the law module's 6 as well (or 3 = 9 - 6).
    assert cells(table, other) == [".", "-", "."]
    assert cells(table, law) == [".", "5", "."]
    assert cells(table, TOTAL) == ["9", "5", "56"]


def test_feedback_means_need_five_answers(trainings):
    table = training_tables(YEAR)["feedback-module"]
    law = str(trainings["law"].pk)
    assert cells(table, law) == ["5", "4.2", "4.0", "5.0"]
    assert cells(table, str(trainings["other"].pk)) == ["-", "-", "-", "-"]


def test_events_are_counted_as_they_are(trainings):
    table = training_tables(YEAR)["events-module"]
    assert table.display(TOTAL, "completed") == "2"
    assert table.display(str(trainings["other"].pk), TOTAL) == "1"


def test_quality_counts_institutions_and_hides_medians_below_five(catalogue):  # noqa: F811
    from lotse.quality.services import assessment_start

    for i in range(3):
        org = institution(f"beratung-{i}")
        item = assessment_start(organisation=org, period=YEAR, user=None)
        Assessment.objects.filter(pk=item.pk).update(status="submitted" if i else "draft")
    tables = quality_tables(YEAR)
    assert tables["assessments-status"].display("submitted", "value") == "2"
    assert tables["assessments-status"].display(TOTAL, "value") == "3"
    areas = tables["quality-area"]
    assert areas.rows and all(areas.display(r.key, "value") == "." for r in areas.rows)
    assert "5" in areas.note
