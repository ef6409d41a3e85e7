"""The quarterly network monitoring export: one pseudonymous row per counselling case.

The IQ programme documents every counselling case centrally (the "NIQ-Datenbank" of the IQ
Fachstelle Beratung und Qualifizierung) and reports on it each quarter. This export gives an
organisation's lead the programme's standard case facts for one quarter, so that nobody types
a case twice. A "counselling case" is a client with at least one counselling session in the
quarter. The row holds the client number, never a name or contact detail, and describes the
case as it stood on the last day of the quarter (from the case timeline), so that an export
re-run later for a past quarter gives the same answer. Column meanings and sources:
`docs/monitoring-export.md`.

The number of queries does not depend on the number of rows: sessions, cases, steps, referrals
and outcomes are each read once for the whole quarter.
"""

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lotse.accounts.permissions import scope
from lotse.casework.models import (
    CaseStep,
    Client,
    CounsellingSession,
    Outcome,
    RecognitionCase,
    Referral,
)
from lotse.casework.vocab import CaseStatus
from lotse.core.i18n import EU_EEA_CH

FIRST_YEAR = 2012  # the federal Recognition Act and IQ recognition counselling began in 2012
MULTI_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    meaning: Promise


COLUMNS = [
    Column("quarter", _("reporting quarter, e.g. 2026-Q1")),
    Column("client_number", _("pseudonymous client number")),
    Column("organisation", _("counselling organisation")),
    Column("first_contact_on", _("date of the first contact")),
    Column("first_contact_in_quarter", _("first contact in this quarter (yes/no)")),
    Column("sessions_in_quarter", _("counselling sessions in the quarter")),
    Column("minutes_in_quarter", _("minutes of counselling in the quarter")),
    Column("session_modes", _("modes of the sessions (in person, phone, video, e-mail)")),
    Column("session_languages", _("languages of the sessions")),
    Column("interpreter_used", _("an interpreter took part in a session (yes/no)")),
    Column("session_topics", _("topics of the sessions")),
    Column("gender", _("gender")),
    Column("age_band", _("age band at first contact")),
    Column("country_of_residence", _("country of residence")),
    Column("arrival_year", _("year of arrival in Germany")),
    Column("district", _("district in Baden-Württemberg")),
    Column("residence_status", _("residence status category")),
    Column("qualification_country", _("country where the qualification was earned")),
    Column("qualification_country_group", _("EU/EEA/Switzerland or third country")),
    Column("qualification_level", _("level of the highest qualification")),
    Column("recognition_cases", _("recognition cases opened by the end of the quarter")),
    Column("occupation_title", _("reference occupation of the latest case")),
    Column("occupation_kldb2010", _("KldB 2010 code of the reference occupation")),
    Column("occupation_regulated", _("regulated profession (yes/no)")),
    Column("competent_authority", _("competent authority")),
    Column("case_status", _("status of the case at the end of the quarter")),
    Column("case_opened_on", _("date the case was opened")),
    Column("application_submitted_on", _("date the application was submitted")),
    Column("decision", _("decision of the authority")),
    Column("decision_on", _("date of the decision")),
    Column("compensation_measure", _("compensation measure")),
    Column("grant_applied", _("recognition grant applied for (yes/no)")),
    Column("case_closed_on", _("date the case was completed or abandoned")),
    Column("referral_kinds", _("kinds of referral made")),
    Column("client_status", _("client active or closed at the end of the quarter")),
    Column("outcome_at_close_employment", _("employment status at close")),
    Column("outcome_at_close_job_matches", _("job matches the qualification, at close")),
    Column("outcome_6_months_employment", _("employment status 6 months after close")),
    Column("outcome_6_months_job_matches", _("job matches the qualification, after 6 months")),
]
HEADER = [column.name for column in COLUMNS]


class MonitoringError(ValueError):
    """A quarter that cannot be exported; the message is for the lead."""


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a calendar quarter."""
    if quarter not in (1, 2, 3, 4):
        raise MonitoringError(_("Choose a quarter from 1 to 4."))
    start = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, following - dt.timedelta(days=1)


def last_completed_quarter(today: dt.date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3 + 1
    return (today.year - 1, 4) if quarter == 1 else (today.year, quarter - 1)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _joined(values) -> str:
    return MULTI_SEPARATOR.join(sorted({str(v) for v in values if v}))


def _country_group(code: str) -> str:
    if not code:
        return ""
    return "eu_eea_ch" if code.upper() in EU_EEA_CH else "third_country"


@dataclass
class _CaseAtEnd:
    """A recognition case as it stood on the last day of the quarter."""

    case: RecognitionCase
    count: int
    status: str
    reached: set


def _cases_at_end(cases, end: dt.date) -> dict[int, _CaseAtEnd]:
    """The latest case opened by `end` per client, with its status from the timeline."""
    latest: dict[int, RecognitionCase] = {}
    counts: dict[int, int] = defaultdict(int)
    for case in cases.select_related("occupation", "authority").order_by("opened_on", "id"):
        latest[case.client_id] = case
        counts[case.client_id] += 1
    history: dict[int, list[str]] = defaultdict(list)
    steps = CaseStep.objects.filter(case__in=cases, date__lte=end).order_by("date", "id")
    for case_id, status in steps.values_list("case_id", "status"):
        history[case_id].append(status)
    return {
        client_id: _CaseAtEnd(
            case=case,
            count=counts[client_id],
            status=history[case.pk][-1] if history[case.pk] else case.status,
            reached=set(history[case.pk]),
        )
        for client_id, case in latest.items()
    }


def _on_or_before(day: dt.date | None, end: dt.date) -> dt.date | None:
    return day if day is not None and day <= end else None


def _case_columns(found: _CaseAtEnd | None, end: dt.date) -> list:
    if found is None:
        return [0, "", "", "", "", "", "", "", "", "", "", "", ""]
    case = found.case
    decided_on = _on_or_before(case.decided_on, end)
    compensation = case.compensation_type if CaseStatus.COMPENSATION in found.reached else ""
    return [
        found.count,
        case.occupation.title_de,
        case.occupation.kldb2010,
        _yes_no(case.occupation.is_regulated),
        case.authority.name if case.authority else "",
        found.status,
        case.opened_on,
        _on_or_before(case.submitted_on, end) or "",
        case.decision if decided_on else "",
        decided_on or "",
        compensation,
        _yes_no(case.grant_applied),
        _on_or_before(case.closed_on, end) or "",
    ]


def monitoring_rows(user, *, year: int, quarter: int) -> list[list]:
    """The export's rows (without the header), ordered by client number. Only the user's
    organisation; clients whose personal data was erased are left out."""
    start, end = quarter_bounds(year, quarter)
    sessions = scope(user, CounsellingSession.objects.all()).filter(date__range=(start, end))
    # Subqueries, not lists of ids: a large organisation has more clients in a quarter than
    # a database accepts as query parameters.
    eligible = (
        scope(user, Client.objects.all())
        .filter(erased_at__isnull=True)
        .filter(Exists(sessions.filter(client=OuterRef("pk"))))
    )
    clients = list(eligible.select_related("organisation").order_by("number"))
    if not clients:
        return []
    activity: dict[int, dict] = defaultdict(
        lambda: {"n": 0, "minutes": 0, "modes": set(), "languages": set(), "topics": set()}
    )
    interpreter: dict[int, bool] = defaultdict(bool)
    for client_id, mode, language, used, topics, minutes in sessions.filter(
        client__in=eligible
    ).values_list("client_id", "mode", "language", "interpreter", "topics", "duration_minutes"):
        row = activity[client_id]
        row["n"] += 1
        row["minutes"] += minutes or 0
        row["modes"].add(mode)
        row["languages"].add(language)
        row["topics"].update(t for t in topics or [] if isinstance(t, str))
        interpreter[client_id] |= bool(used)
    latest = _cases_at_end(
        RecognitionCase.objects.filter(client__in=eligible, opened_on__lte=end), end
    )
    referrals: dict[int, set] = defaultdict(set)
    for client_id, kind in Referral.objects.filter(
        client__in=eligible, created_on__lte=end
    ).values_list("client_id", "kind"):
        referrals[client_id].add(kind)
    outcomes: dict[tuple[int, str], tuple[str, str]] = {}
    for client_id, timepoint, employment, matches in Outcome.objects.filter(
        client__in=eligible, recorded_on__lte=end
    ).values_list("client_id", "timepoint", "employment", "qualification_match"):
        outcomes[(client_id, timepoint)] = (employment, matches)

    label = f"{year}-Q{quarter}"
    rows = []
    for client in clients:
        done = activity[client.pk]
        at_close = outcomes.get((client.pk, Outcome.Timepoint.AT_CLOSE), ("", ""))
        later = outcomes.get((client.pk, Outcome.Timepoint.AFTER_6_MONTHS), ("", ""))
        closed = _on_or_before(client.closed_on, end) is not None
        rows.append(
            [
                label,
                client.number,
                client.organisation.name,
                client.first_contact_on,
                _yes_no(start <= client.first_contact_on <= end),
                done["n"],
                done["minutes"],
                _joined(done["modes"]),
                _joined(done["languages"]),
                _yes_no(interpreter[client.pk]),
                _joined(done["topics"]),
                client.gender,
                client.age_band,
                client.country_of_residence,
                client.arrived_on.year if client.arrived_on else "",
                client.district_code,
                client.residence_status,
                client.qualification_country,
                _country_group(client.qualification_country),
                client.qualification_level,
                *_case_columns(latest.get(client.pk), end),
                _joined(referrals[client.pk]),
                "closed" if closed else "active",
                *at_close,
                *later,
            ]
        )
    return rows


def _cell(value):
    """Text that a spreadsheet would run as a formula is written as text (CSV/formula
    injection: names of organisations and authorities come from outside this module)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def as_csv(rows: list[list]) -> bytes:
    """UTF-8, comma-separated, header row first, dates as YYYY-MM-DD."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def as_xlsx(rows: list[list], *, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
