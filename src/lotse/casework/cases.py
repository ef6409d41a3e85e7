"""Writes of recognition cases: open one for a reference occupation, move it along its
timeline. Each function is one transaction and one audit event; `services` re-exports them so
that views and the API have one entry point."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.casework.models import CaseStep, Client, RecognitionCase
from lotse.casework.rules import CaseworkError, require_active, require_consent
from lotse.casework.vocab import CASE_TRANSITIONS, FINAL_CASE_STATUSES, CaseStatus
from lotse.core.audit import audit_record
from lotse.occupations.selectors import authority_for


def days_since_submission(case: RecognitionCase, today: date | None = None) -> int | None:
    """Days from the application to the decision, or to today while the authority decides."""
    if case.submitted_on is None:
        return None
    until = case.decided_on or today or timezone.localdate()
    return max((until - case.submitted_on).days, 0)


@transaction.atomic
def case_open(
    *, client: Client, user, occupation, values: dict | None = None, request=None
) -> RecognitionCase:
    """Open a case; the competent authority comes from the knowledge base unless given."""
    require_consent(client)
    require_active(client)
    values = dict(values or {})
    if values.get("opened_on") and values["opened_on"] > timezone.localdate():
        raise CaseworkError(_("The date cannot be in the future."))
    authority = values.pop("authority", None) or authority_for(
        occupation=occupation, district_code=client.district_code
    )
    case = RecognitionCase.objects.create(
        client=client,
        organisation_id=client.organisation_id,
        counsellor=user,
        occupation=occupation,
        authority=authority,
        **values,
    )
    CaseStep.objects.create(case=case, status=case.status, date=case.opened_on, recorded_by=user)
    audit_record(action="case.opened", actor=user, target=case, request=request)
    return case


@transaction.atomic
def case_update(*, case: RecognitionCase, user, values: dict, request=None) -> RecognitionCase:
    """Change the case's facts (occupation, authority, grant), not its status."""
    allowed = {"occupation", "authority", "grant_applied", "counsellor"}
    counsellor = values.get("counsellor")
    if counsellor is not None and counsellor.organisation_id != case.organisation_id:
        raise CaseworkError(_("Cases can be assigned only to members of your organisation."))
    changed = sorted(f for f in set(values) & allowed if getattr(case, f) != values[f])
    for field in changed:
        setattr(case, field, values[field])
    case.save()
    audit_record(
        action="case.changed", actor=user, target=case, request=request, extra={"fields": changed}
    )
    return case


def allowed_next(case: RecognitionCase) -> list[str]:
    if case.status in FINAL_CASE_STATUSES:
        return []
    return [*CASE_TRANSITIONS[case.status], CaseStatus.ABANDONED]


def _apply_details(case: RecognitionCase, status: str, on: date, details: dict) -> None:
    if status == CaseStatus.SUBMITTED and case.submitted_on is None:
        case.submitted_on = on
    elif status == CaseStatus.DECISION:
        if not details.get("decision"):
            raise CaseworkError(_("Choose the decision of the authority."))
        case.decision = details["decision"]
        case.decided_on = on
    elif status == CaseStatus.COMPENSATION:
        if not details.get("compensation_type"):
            raise CaseworkError(_("Choose the type of compensation measure."))
        start, end = details.get("compensation_start"), details.get("compensation_end")
        if start and end and end < start:
            raise CaseworkError(_("The measure cannot end before it starts."))
        case.compensation_type = details["compensation_type"]
        case.compensation_provider = details.get("compensation_provider") or ""
        case.compensation_start, case.compensation_end = start, end
    elif status == CaseStatus.ABANDONED:
        reason = (details.get("abandon_reason") or "").strip()
        if not reason:
            raise CaseworkError(_("Say why the case was abandoned."))
        case.abandon_reason = reason


@transaction.atomic
def case_step(
    *,
    case: RecognitionCase,
    user,
    status: str,
    on: date,
    note: str = "",
    details: dict | None = None,
    request=None,
) -> CaseStep:
    """Move the case along its timeline. `details` carries what the step needs:
    decision, compensation type/provider/start/end, abandon reason."""
    case = RecognitionCase.objects.select_for_update().get(pk=case.pk)
    if status not in allowed_next(case):
        raise CaseworkError(_("This step cannot follow the current status of the case."))
    if on > timezone.localdate():
        raise CaseworkError(_("A step cannot be dated in the future."))
    last = case.steps.order_by("-date", "-id").first()
    if last is not None and on < last.date:
        raise CaseworkError(
            _("A step cannot be dated before the previous step (%(date)s).")
            % {"date": last.date.isoformat()}
        )
    _apply_details(case, status, on, details or {})
    if status in FINAL_CASE_STATUSES:
        case.closed_on = on
    case.status = status
    case.save()
    step = CaseStep.objects.create(case=case, status=status, date=on, note=note, recorded_by=user)
    audit_record(
        action="case.step", actor=user, target=case, request=request, extra={"status": status}
    )
    return step
