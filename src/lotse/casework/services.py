"""Writes of case management. Each function is one atomic change and one audit event.

Views and the API call these with already-validated values; the rules that protect clients
(consent before anything beyond contact data, consent-scoped referrals) live here so that
every entry point obeys them.
"""

import secrets
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.casework.consent_texts import CURRENT_VERSION
from lotse.casework.models import (
    CaseStep,
    Client,
    Consent,
    CounsellingSession,
    FollowUp,
    Outcome,
    RecognitionCase,
    Referral,
)
from lotse.casework.selectors import has_consent, shared_snapshot
from lotse.casework.vocab import (
    CASE_TRANSITIONS,
    FINAL_CASE_STATUSES,
    CaseStatus,
    ConsentPurpose,
    ReferralKind,
    ReferralStatus,
    age_band,
)
from lotse.core.audit import audit_record
from lotse.occupations.normalise import keys_for
from lotse.occupations.selectors import authority_for

# Without a counselling consent only these may be stored (PRODUCT.md §4, data minimisation).
CONTACT_FIELDS = ("name", "email", "phone", "preferred_language")
PROFILE_FIELDS = (
    "languages",
    "gender",
    "birth_year",
    "country_of_residence",
    "arrived_on",
    "district_code",
    "residence_status",
    "qualification_country",
    "qualification_level",
    "qualifications",
    "work_experience",
)
_NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class CaseworkError(Exception):
    """A change the rules do not allow; the message is for the counsellor."""


def name_key(name: str) -> str:
    """What duplicate check and search compare: Latin letters, case and accents folded."""
    return keys_for(name).latin[:200]


def _new_number() -> str:
    code = "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(8))
    return f"K-{code[:4]}-{code[4:]}"


def _profile_values(values: dict) -> dict:
    """The profile fields that carry something (a default choice counts as empty)."""
    empty = {None, "", "not_stated"}
    return {k: v for k, v in values.items() if k in PROFILE_FIELDS and v not in empty}


def _refuse_profile_without_consent(client: Client | None, values: dict) -> None:
    if _profile_values(values) and (client is None or not has_consent(client)):
        raise CaseworkError(
            _(
                "Record the client's consent to counselling first. Until then only name, "
                "contact details and preferred language may be stored."
            )
        )


def _apply(client: Client, values: dict) -> None:
    for field in (*CONTACT_FIELDS, *PROFILE_FIELDS):
        if field in values:
            setattr(client, field, values[field] if values[field] is not None else "")
    for nullable in ("birth_year", "arrived_on"):
        if nullable in values and values[nullable] in ("", None):
            setattr(client, nullable, None)
    client.name_key = name_key(client.name)
    client.age_band = age_band(client.birth_year, client.first_contact_on.year)


def client_create(
    *,
    organisation,
    user,
    values: dict,
    consent: dict | None = None,
    request=None,
    appointment_request=None,
) -> Client:
    """Create a client; `consent` (purpose counselling) may be recorded in the same step."""
    if consent is None:
        _refuse_profile_without_consent(None, values)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                client = Client(
                    organisation=organisation,
                    number=_new_number(),
                    counsellor=user if user.organisation_id == organisation.pk else None,
                    first_contact_on=timezone.localdate(),
                    last_contact_on=timezone.localdate(),
                )
                if appointment_request is not None:
                    client.source = Client.Source.GUIDE
                    client.appointment_request = appointment_request
                _apply(client, {k: v for k, v in values.items() if k in CONTACT_FIELDS})
                client.save()
                if consent is not None:
                    consent_record(client=client, user=user, request=request, **consent)
                if _profile_values(values):
                    _apply(client, values)
                    client.save()
                audit_record(action="client.created", actor=user, target=client, request=request)
                return client
        except IntegrityError as error:
            if "number" not in str(error).lower() and "unique" not in str(error).lower():
                raise
    raise CaseworkError(_("Please try again."))


@transaction.atomic
def client_update(*, client: Client, user, values: dict, request=None) -> Client:
    _refuse_profile_without_consent(client, values)
    changed = sorted(
        f
        for f in (*CONTACT_FIELDS, *PROFILE_FIELDS, "counsellor")
        if f in values and getattr(client, f) != values[f]
    )
    if "counsellor" in values:
        client.counsellor = values["counsellor"]
    _apply(client, values)
    client.save()
    audit_record(
        action="client.changed",
        actor=user,
        target=client,
        request=request,
        extra={"fields": changed},
    )
    return client


def request_convert(
    *,
    appointment_request,
    user,
    values: dict,
    consent: dict | None,
    request=None,
    existing: Client | None = None,
) -> Client:
    """Turn an appointment request from the guide into a client (new, or one found as a
    duplicate) and mark the request accepted. One transaction: both happen or neither."""
    from lotse.guide.services import appointment_request_decide

    with transaction.atomic():
        if existing is not None:
            client = existing
            if consent is not None and not has_consent(client):
                consent_record(client=client, user=user, request=request, **consent)
            audit_record(
                action="client.request_linked",
                actor=user,
                target=client,
                request=request,
                extra={"appointment_request": appointment_request.reference},
            )
        else:
            client = client_create(
                organisation=appointment_request.organisation,
                user=user,
                values=values,
                consent=consent,
                request=request,
                appointment_request=appointment_request,
            )
        appointment_request_decide(request=appointment_request, user=user, accept=True)
        return client


@transaction.atomic
def client_close(*, client: Client, user, closed_on: date, request=None) -> None:
    if any(case.is_open for case in client.cases.all()):
        raise CaseworkError(_("Close or abandon the open recognition cases first."))
    client.status = Client.Status.CLOSED
    client.closed_on = closed_on
    client.save(update_fields=["status", "closed_on", "updated_at"])
    audit_record(action="client.closed", actor=user, target=client, request=request)


@transaction.atomic
def client_reopen(*, client: Client, user, request=None) -> None:
    client.status = Client.Status.ACTIVE
    client.closed_on = None
    client.save(update_fields=["status", "closed_on", "updated_at"])
    audit_record(action="client.reopened", actor=user, target=client, request=request)


# --- Consent -----------------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    client: Client,
    user,
    purpose: str,
    given_on: date,
    given_by: str = "client",
    form: str = "written",
    receiving_organisation=None,
    shared_fields=None,
    request=None,
    text_version: str = CURRENT_VERSION,
) -> Consent:
    if purpose == ConsentPurpose.REFERRAL and receiving_organisation is None:
        raise CaseworkError(_("A consent to pass data on must name the receiving organisation."))
    if purpose == ConsentPurpose.REFERRAL and receiving_organisation.pk == client.organisation_id:
        raise CaseworkError(_("Choose another organisation than your own."))
    if given_on > timezone.localdate():
        raise CaseworkError(_("The date of the consent cannot be in the future."))
    consent = Consent.objects.create(
        client=client,
        organisation_id=client.organisation_id,
        purpose=purpose,
        text_version=text_version,
        given_on=given_on,
        given_by=given_by,
        form=form,
        receiving_organisation=receiving_organisation
        if purpose == ConsentPurpose.REFERRAL
        else None,
        shared_fields=list(shared_fields or []) if purpose == ConsentPurpose.REFERRAL else [],
        recorded_by=user,
    )
    audit_record(
        action="consent.recorded",
        actor=user,
        target=client,
        request=request,
        extra={"consent": consent.pk, "purpose": purpose, "version": text_version},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, user, withdrawn_on: date, request=None) -> int:
    """Withdraw a consent. Referrals made under it stop and the receiver loses the shared data.
    Returns how many referrals were stopped."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise CaseworkError(_("This consent has already been withdrawn."))
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    stopped = 0
    for referral in consent.referrals.exclude(status=ReferralStatus.STOPPED):
        referral.status = ReferralStatus.STOPPED
        referral.shared_data = {}
        referral.save(update_fields=["status", "shared_data"])
        stopped += 1
        audit_record(
            action="referral.stopped",
            actor=user,
            target=referral,
            request=request,
            extra={"reason": "consent_withdrawn", "receiver": referral.receiving_organisation_id},
        )
    audit_record(
        action="consent.withdrawn",
        actor=user,
        target=consent.client,
        request=request,
        extra={"consent": consent.pk, "purpose": consent.purpose, "referrals_stopped": stopped},
    )
    return stopped


def _require_consent(client: Client) -> None:
    if not has_consent(client):
        raise CaseworkError(_("Record the client's consent to counselling first."))
    if client.is_erased:
        raise CaseworkError(_("This client's personal data has been erased."))


def _touch(client: Client, on: date) -> None:
    if on > client.last_contact_on:
        Client.objects.filter(pk=client.pk).update(last_contact_on=on)
        client.last_contact_on = on


# --- Sessions ----------------------------------------------------------------------------


@transaction.atomic
def session_add(*, client: Client, user, values: dict, request=None) -> CounsellingSession:
    _require_consent(client)
    if values["date"] > timezone.localdate():
        raise CaseworkError(_("A session cannot be dated in the future."))
    session = CounsellingSession.objects.create(
        client=client, organisation_id=client.organisation_id, counsellor=user, **values
    )
    _touch(client, session.date)
    audit_record(action="session.created", actor=user, target=session, request=request)
    return session


# --- Recognition cases -------------------------------------------------------------------


@transaction.atomic
def case_open(
    *, client: Client, user, occupation, values: dict | None = None, request=None
) -> RecognitionCase:
    _require_consent(client)
    values = dict(values or {})
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
    for field, value in values.items():
        if field in allowed:
            setattr(case, field, value)
    case.save()
    audit_record(
        action="case.changed",
        actor=user,
        target=case,
        request=request,
        extra={"fields": sorted(set(values) & allowed)},
    )
    return case


def allowed_next(case: RecognitionCase) -> list[str]:
    if case.status in FINAL_CASE_STATUSES:
        return []
    return [*CASE_TRANSITIONS[case.status], CaseStatus.ABANDONED]


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
    decision and decided date, compensation type/provider/start/end, abandon reason."""
    case = RecognitionCase.objects.select_for_update().get(pk=case.pk)
    details = details or {}
    if status not in allowed_next(case):
        raise CaseworkError(_("This step cannot follow the current status of the case."))
    if on > timezone.localdate():
        raise CaseworkError(_("A step cannot be dated in the future."))
    last = case.steps.order_by("-date", "-id").first()
    if last is not None and on < last.date:
        raise CaseworkError(_("A step cannot be dated before the previous step."))
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
        case.compensation_provider = details.get("compensation_provider", "")
        case.compensation_start, case.compensation_end = start, end
    elif status == CaseStatus.ABANDONED:
        if not details.get("abandon_reason"):
            raise CaseworkError(_("Say why the case was abandoned."))
        case.abandon_reason = details["abandon_reason"]
    if status in FINAL_CASE_STATUSES:
        case.closed_on = on
    case.status = status
    case.save()
    step = CaseStep.objects.create(case=case, status=status, date=on, note=note, recorded_by=user)
    audit_record(
        action="case.step", actor=user, target=case, request=request, extra={"status": status}
    )
    return step


# --- Referrals ---------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    client: Client,
    user,
    kind: str,
    offer=None,
    receiving_organisation=None,
    target: str = "",
    note: str = "",
    request=None,
) -> Referral:
    """Refer a client. To another organisation only under an active referral consent naming
    that organisation; the receiver then sees exactly the fields the consent lists."""
    _require_consent(client)
    consent = None
    shared: dict = {}
    if kind == ReferralKind.ORGANISATION:
        if receiving_organisation is None:
            raise CaseworkError(_("Choose the organisation that receives the referral."))
        consent = (
            client.consents.filter(
                purpose=ConsentPurpose.REFERRAL,
                withdrawn_on__isnull=True,
                receiving_organisation=receiving_organisation,
            )
            .order_by("-given_on", "-id")
            .first()
        )
        if consent is None:
            raise CaseworkError(
                _(
                    "There is no consent to pass this client's data on to %(organisation)s. "
                    "Record the consent first."
                )
                % {"organisation": receiving_organisation.name}
            )
        shared = shared_snapshot(client, consent.shared_fields)
    elif kind == ReferralKind.OFFER and offer is None:
        raise CaseworkError(_("Choose the qualification offer."))
    elif kind in (ReferralKind.LANGUAGE, ReferralKind.EMPLOYER) and not target.strip():
        raise CaseworkError(_("Name the course, employer or contact person."))
    referral = Referral.objects.create(
        client=client,
        organisation_id=client.organisation_id,
        kind=kind,
        offer=offer,
        receiving_organisation=receiving_organisation if consent else None,
        consent=consent,
        target=target.strip(),
        shared_data=shared,
        note=note,
        created_by=user,
        status=ReferralStatus.SENT,
    )
    audit_record(
        action="referral.created",
        actor=user,
        target=referral,
        request=request,
        extra={
            "kind": kind,
            "receiver": referral.receiving_organisation_id,
            "fields": sorted(shared),
        },
    )
    return referral


@transaction.atomic
def referral_answer(*, referral: Referral, user, accept: bool, request=None) -> None:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != ReferralStatus.SENT:
        raise CaseworkError(_("This referral has already been answered or stopped."))
    referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
    referral.decided_at = timezone.now()
    referral.decided_by = user
    referral.save(update_fields=["status", "decided_at", "decided_by"])
    audit_record(
        action="referral.accepted" if accept else "referral.declined",
        actor=user,
        target=referral,
        organisation_id=user.organisation_id,
        request=request,
    )


# --- Follow-ups and outcomes -------------------------------------------------------------


@transaction.atomic
def follow_up_create(
    *, client: Client, user, assignee, title: str, due_on: date, request=None
) -> FollowUp:
    if assignee.organisation_id != client.organisation_id:
        raise CaseworkError(_("Tasks can be assigned only to members of your organisation."))
    task = FollowUp.objects.create(
        client=client,
        organisation_id=client.organisation_id,
        assignee=assignee,
        title=title,
        due_on=due_on,
        created_by=user,
    )
    audit_record(action="follow_up.created", actor=user, target=task, request=request)
    return task


@transaction.atomic
def follow_up_done(*, task: FollowUp, user, request=None) -> None:
    task.done_on = timezone.localdate()
    task.save(update_fields=["done_on"])
    audit_record(action="follow_up.done", actor=user, target=task, request=request)


@transaction.atomic
def outcome_record(
    *,
    client: Client,
    user,
    timepoint: str,
    employment: str,
    qualification_match: str,
    recorded_on: date,
    request=None,
) -> Outcome:
    if recorded_on > timezone.localdate():
        raise CaseworkError(_("An outcome cannot be dated in the future."))
    outcome, _created = Outcome.objects.update_or_create(
        client=client,
        timepoint=timepoint,
        defaults={
            "organisation_id": client.organisation_id,
            "employment": employment,
            "qualification_match": qualification_match,
            "recorded_on": recorded_on,
            "recorded_by": user,
        },
    )
    audit_record(
        action="outcome.recorded",
        actor=user,
        target=client,
        request=request,
        extra={"timepoint": timepoint},
    )
    return outcome
