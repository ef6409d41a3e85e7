"""Tables of the training and quality sections, read live (they are small).

Training counts people by distinct e-mail address per cell, so the same suppression rule holds
as for clients. Quality counts institutions, not people; its network medians follow the quality
app's own rule (shown only when at least five institutions took part).
"""

from datetime import date

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from lotse.quality.models import Assessment
from lotse.quality.selectors import (
    MIN_INSTITUTIONS,
    network_medians,
    statistics_area_titles,
    statistics_assessment_status,
)
from lotse.reports.suppression import TOTAL, Cell, Line, Table, suppress
from lotse.training.models import Event, Registration
from lotse.training.selectors import (
    statistics_events,
    statistics_feedback,
    statistics_modules,
    statistics_registrations,
)

STATUSES = [
    (Registration.Status.CONFIRMED, gettext_lazy("confirmed")),
    (Registration.Status.WAITING, gettext_lazy("on the waiting list")),
    (Registration.Status.CANCELLED, gettext_lazy("cancelled")),
]


def _period(year: int) -> dict:
    return {"start": date(year, 1, 1), "end": date(year, 12, 31)}


def _module_rows(module_ids) -> list[Line]:
    titles = statistics_modules()
    index = 0 if get_language() == "de" else 1
    found = sorted(
        (str(pk) for pk in module_ids if int(pk) in titles),
        key=lambda pk: titles[int(pk)][index].casefold(),
    )
    return [Line(TOTAL, _("All modules"))] + [
        Line(pk, titles[int(pk)][index], TOTAL) for pk in found
    ]


def _people_table(name: str, title: str, rows: list[Line], label: str, found) -> Table:
    """A one-column table of people per module with the all-modules total (distinct)."""
    table = Table(name, title, rows, [Line("value", label)], row_dimension="module")
    by_module, total = found
    for (module,), people, _n in by_module:
        table.cells[(module, "value")] = Cell(people=people, value=people)
    for _codes, people, _n in total:
        table.cells[(TOTAL, "value")] = Cell(people=people, value=people)
    return table


def training_tables(year: int) -> dict[str, Table]:
    period = _period(year)
    regs = statistics_registrations(**period)
    held = {"ended": True, "status": Registration.Status.CONFIRMED, **period}
    ended = {
        "by": statistics_registrations(group=("module",), **held),
        "all": statistics_registrations(group=(), **held),
    }
    came = {
        "by": statistics_registrations(group=("module",), attended=True, **held),
        "all": statistics_registrations(group=(), attended=True, **held),
    }
    feedback = statistics_feedback(**period)
    events = statistics_events(**period)
    modules = {codes[0] for codes, _p, _n in regs} | {str(r[0]) for r in feedback}
    modules |= {str(r[0]) for r in events}
    rows = _module_rows(modules)
    tables = {}

    registrations = Table(
        "registrations-module",
        _("Registrations by training module and status"),
        rows,
        [Line(str(s), str(label)) for s, label in STATUSES] + [Line(TOTAL, _("Total"))],
        measure="registrations",
        row_dimension="module",
        column_dimension="status",
    )
    by_module = statistics_registrations(group=("module",), **period)
    by_status = statistics_registrations(group=("status",), **period)
    overall = statistics_registrations(group=(), **period)
    for (module, status), people, n in regs:
        registrations.cells[(module, status)] = Cell(people=people, value=n)
    for (module,), people, n in by_module:
        registrations.cells[(module, TOTAL)] = Cell(people=people, value=n)
    for (status,), people, n in by_status:
        registrations.cells[(TOTAL, status)] = Cell(people=people, value=n)
    for _codes, people, n in overall:
        registrations.cells[(TOTAL, TOTAL)] = Cell(people=people, value=n)
    tables["registrations-module"] = suppress(registrations)

    registered = suppress(
        _people_table(
            "attendance-registered",
            _("Confirmed participants of trainings that took place"),
            rows,
            _("Confirmed"),
            (ended["by"], ended["all"]),
        )
    )
    attended = suppress(
        _people_table(
            "attendance-attended",
            _("Participants who attended"),
            rows,
            _("Attended"),
            (came["by"], came["all"]),
        )
    )
    attendance = Table(
        "attendance-module",
        _("Attendance by training module"),
        rows,
        [
            Line("registered", _("Confirmed")),
            Line("attended", _("Attended")),
            Line("rate", _("Attendance rate (%)")),
        ],
        additive=False,
        measure="attendance",
        row_dimension="module",
    )
    for row in rows:
        base, came_cell = registered.cell(row.key, "value"), attended.cell(row.key, "value")
        attendance.cells[(row.key, "registered")] = base
        attendance.cells[(row.key, "attended")] = came_cell
        rate = round(100 * came_cell.people / base.people) if base.people else None
        attendance.cells[(row.key, "rate")] = Cell(
            people=base.people,
            value=rate,
            # A rate beside a suppressed count would reveal it.
            suppressed=bool(base.people) and (base.suppressed or came_cell.suppressed),
        )
    tables["attendance-module"] = attendance

    scores = Table(
        "feedback-module",
        _("Feedback by training module (mean, 1 to 5)"),
        rows,
        [
            Line("responses", _("Responses")),
            Line("overall", _("Overall")),
            Line("useful", _("Usefulness")),
            Line("trainer", _("Trainer")),
        ],
        additive=False,
        measure="feedback",
        row_dimension="module",
    )
    for module, n, *means in feedback:
        for column, mean in zip(("overall", "useful", "trainer"), means, strict=True):
            value = round(mean, 1) if mean is not None else None
            scores.cells[(str(module), column)] = Cell(people=n, value=value)
        scores.cells[(str(module), "responses")] = Cell(people=n, value=n)
    total = sum(r[1] for r in feedback)
    if total:
        for i, column in enumerate(("overall", "useful", "trainer")):
            mean = sum(r[1] * r[2 + i] for r in feedback) / total
            scores.cells[(TOTAL, column)] = Cell(people=total, value=round(mean, 1))
        scores.cells[(TOTAL, "responses")] = Cell(people=total, value=total)
    tables["feedback-module"] = suppress(scores)

    held = Table(
        "events-module",
        _("Training events by module and status"),
        rows,
        [Line(str(v), str(label)) for v, label in Event.Status.choices] + [Line(TOTAL, _("Total"))],
        personal=False,
        measure="events",
        row_dimension="module",
        column_dimension="status",
    )
    for module, status, n in events:
        for key in ((str(module), status), (str(module), TOTAL), (TOTAL, status), (TOTAL, TOTAL)):
            held.cell(*key).value = (held.cell(*key).value or 0) + n
    tables["events-module"] = held
    return tables


def quality_tables(year: int) -> dict[str, Table]:
    statuses = statistics_assessment_status(period=year)
    by_status = Table(
        "assessments-status",
        _("Self-assessments of the institutions by status"),
        [Line(TOTAL, _("All institutions"))]
        + [Line(str(v), str(label), TOTAL) for v, label in Assessment.Status.choices],
        [Line("value", _("Institutions"))],
        personal=False,
        measure="institutions",
        row_dimension="status",
    )
    for status, n in statuses.items():
        by_status.cell(status, "value").value = n
    by_status.cell(TOTAL, "value").value = sum(statuses.values())

    medians, count = network_medians(period=year)
    titles = statistics_area_titles()
    index = 0 if get_language() == "de" else 1
    keys = sorted(medians or titles, key=lambda k: titles.get(k, (k, k))[index].casefold())
    areas = Table(
        "quality-area",
        _("Network median per area (percent of the top level)"),
        [Line(key, titles.get(key, (key, key))[index]) for key in keys],
        [Line("value", _("Median"))],
        additive=False,
        personal=False,
        measure="median_percent",
        row_dimension="area",
        note=_("Shown once at least %(min)s institutions have submitted for the year (now: %(n)s).")
        % {"min": MIN_INSTITUTIONS, "n": count}
        if medians is None
        else "",
    )
    for key in keys:
        areas.cells[(key, "value")] = Cell(
            people=count,
            value=medians.get(key) if medians else None,
            suppressed=medians is None,
        )
    return {"assessments-status": by_status, "quality-area": areas}
