"""Writes of case management. Each function is one atomic change and one audit event.

Views and the API call these with already-validated values; the rules that protect clients
(consent before anything beyond contact data, consent-scoped referrals) live here and in
`rules` so that every entry point obeys them. Recognition cases (`cases`) and referrals
(`referrals`) have their own modules and are re-exported below: this is the one entry point.
"""

import secrets
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.permissions import has_role
from lotse.casework.cases import (  # noqa: F401 - re-exported: one entry point
    allowed_next,
    case_open,
    case_step,
    case_update,
    days_since_submission,
)
from lotse.casework.consents import consent_record, consent_withdraw  # noqa: F401
from lotse.casework.duplicates import email_key, name_key, phone_key
from lotse.casework.models import (
    Client,
    CounsellingSession,
    FollowUp,
    Outcome,
)
from lotse.casework.permissions import CASEWORKERS
from lotse.casework.referrals import referral_answer, referral_create  # noqa: F401
from lotse.casework.rules import (  # noqa: F401 - re-exported for views, API and documents
    CONTACT_FIELDS,
    PROFILE_FIELDS,
    CaseworkError,
    profile_values,
    refuse_profile_without_consent,
    require_active,
    require_consent,
    touch,
)
from lotse.casework.selectors import has_consent
from lotse.casework.vocab import (
    Topic,
    age_band,
)
from lotse.core.audit import audit_record
from lotse.directory.selectors import district_get
from lotse.guide.models import AppointmentRequest
from lotse.guide.services import appointment_request_decide

_NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _new_number() -> str:
    code = "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(8))
    return f"K-{code[:4]}-{code[4:]}"


def _apply(client: Client, values: dict) -> None:
    for field in (*CONTACT_FIELDS, *PROFILE_FIELDS):
        if field in values:
            value = values[field]
            setattr(client, field, value.strip() if isinstance(value, str) else value)
    for nullable in ("birth_year", "arrived_on"):
        if nullable in values and values[nullable] in ("", None):
            setattr(client, nullable, None)
    for text in (*CONTACT_FIELDS, *PROFILE_FIELDS):
        if text not in ("birth_year", "arrived_on") and getattr(client, text) is None:
            setattr(client, text, "")
    client.email = email_key(client.email)
    client.name_key = name_key(client.name)
    client.phone_key = phone_key(client.phone)
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
        refuse_profile_without_consent(None, values)
    if not (values.get("name") or "").strip():
        raise CaseworkError(_("Give the client's name."))
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
                if profile_values(values):
                    _apply(client, values)
                    client.save()
                audit_record(action="client.created", actor=user, target=client, request=request)
                return client
        except IntegrityError as error:
            # A clash of the random client number: draw again. Anything else is a real error.
            if "number" not in str(error).lower() and "unique" not in str(error).lower():
                raise
    raise CaseworkError(_("Please try again."))


def _profile_from_request(appointment_request) -> dict:
    """What the guide already asked (country of qualification, district), kept only once the
    client consented to counselling."""
    values = {}
    if len(appointment_request.country) == 2:
        values["qualification_country"] = appointment_request.country.upper()
    if district_get(code=appointment_request.district_code) is not None:
        values["district_code"] = appointment_request.district_code
    return values


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
    with transaction.atomic():
        locked = AppointmentRequest.objects.select_for_update().get(pk=appointment_request.pk)
        if locked.status != AppointmentRequest.Status.NEW:
            raise CaseworkError(_("This request has already been answered."))
        if existing is not None:
            if existing.organisation_id != locked.organisation_id or existing.is_erased:
                raise CaseworkError(_("Choose a client of your own organisation."))
            client = existing
            if consent is not None and not has_consent(client):
                consent_record(client=client, user=user, request=request, **consent)
            if client.appointment_request_id is None:
                client.appointment_request = locked
                client.save(update_fields=["appointment_request", "updated_at"])
            audit_record(
                action="client.request_linked",
                actor=user,
                target=client,
                request=request,
                extra={"appointment_request": locked.reference},
            )
        else:
            values = dict(values)
            if consent is not None:
                values = {**_profile_from_request(locked), **values}
            client = client_create(
                organisation=locked.organisation,
                user=user,
                values=values,
                consent=consent,
                request=request,
                appointment_request=locked,
            )
        appointment_request_decide(request=locked, user=user, accept=True)
        return client


@transaction.atomic
def client_update(*, client: Client, user, values: dict, request=None) -> Client:
    if client.is_erased:
        raise CaseworkError(_("This client's personal data has been erased."))
    refuse_profile_without_consent(client, values)
    if "name" in values and not (values["name"] or "").strip():
        raise CaseworkError(_("Give the client's name."))
    counsellor = values.get("counsellor")
    if counsellor is not None and counsellor.organisation_id != client.organisation_id:
        raise CaseworkError(_("Clients can be assigned only to members of your organisation."))
    before = {f: getattr(client, f) for f in (*CONTACT_FIELDS, *PROFILE_FIELDS)}
    if "counsellor" in values:
        changed_counsellor = client.counsellor_id != getattr(counsellor, "pk", None)
        client.counsellor = counsellor
    else:
        changed_counsellor = False
    _apply(client, values)
    changed = sorted(f for f, old in before.items() if getattr(client, f) != old)
    if changed_counsellor:
        changed.append("counsellor")
    client.save()
    audit_record(
        action="client.changed",
        actor=user,
        target=client,
        request=request,
        extra={"fields": changed},
    )
    return client


@transaction.atomic
def client_close(*, client: Client, user, closed_on: date, request=None) -> None:
    """Close a client whose recognition cases are all completed or abandoned."""
    if client.status == Client.Status.CLOSED:
        raise CaseworkError(_("This client is already closed."))
    if closed_on > timezone.localdate():
        raise CaseworkError(_("The date cannot be in the future."))
    if closed_on < client.first_contact_on:
        raise CaseworkError(_("A client cannot be closed before the first contact."))
    if any(case.is_open for case in client.cases.all()):
        raise CaseworkError(_("Complete or abandon the open recognition cases first."))
    client.status = Client.Status.CLOSED
    client.closed_on = closed_on
    client.save(update_fields=["status", "closed_on", "updated_at"])
    audit_record(action="client.closed", actor=user, target=client, request=request)


@transaction.atomic
def client_reopen(*, client: Client, user, request=None) -> None:
    if client.status != Client.Status.CLOSED:
        raise CaseworkError(_("This client is not closed."))
    if client.is_erased:
        raise CaseworkError(_("This client's personal data has been erased."))
    client.status = Client.Status.ACTIVE
    client.closed_on = None
    client.save(update_fields=["status", "closed_on", "updated_at"])
    audit_record(action="client.reopened", actor=user, target=client, request=request)


# --- Sessions ----------------------------------------------------------------------------


@transaction.atomic
def session_add(*, client: Client, user, values: dict, request=None) -> CounsellingSession:
    """Record a counselling session; it moves the client's last contact forward."""
    require_consent(client)
    require_active(client)
    if values["date"] > timezone.localdate():
        raise CaseworkError(_("A session cannot be dated in the future."))
    values = dict(values)
    values["topics"] = [t for t in Topic.values if t in set(values.get("topics") or [])]
    session = CounsellingSession.objects.create(
        client=client, organisation_id=client.organisation_id, counsellor=user, **values
    )
    touch(client, session.date)
    if session.date < client.first_contact_on:
        # Sessions entered afterwards (e.g. from a spreadsheet) move the first contact back.
        client.first_contact_on = session.date
        client.age_band = age_band(client.birth_year, session.date.year)
        client.save(update_fields=["first_contact_on", "age_band", "updated_at"])
    audit_record(action="session.created", actor=user, target=session, request=request)
    return session


# --- Follow-ups and outcomes -------------------------------------------------------------


@transaction.atomic
def follow_up_create(
    *, client: Client, user, assignee, title: str, due_on: date, request=None
) -> FollowUp:
    """A task about a client for a member of the client's organisation (also after closing:
    "ask about the job in six months")."""
    if client.is_erased:
        raise CaseworkError(_("This client's personal data has been erased."))
    member = assignee.organisation_id == client.organisation_id and assignee.is_active
    if not (member and has_role(assignee, *CASEWORKERS)):
        raise CaseworkError(_("Tasks can be assigned only to members of your organisation."))
    if not title.strip():
        raise CaseworkError(_("Say what is to be done."))
    task = FollowUp.objects.create(
        client=client,
        organisation_id=client.organisation_id,
        assignee=assignee,
        title=title.strip(),
        due_on=due_on,
        created_by=user,
    )
    audit_record(action="follow_up.created", actor=user, target=task, request=request)
    return task


@transaction.atomic
def follow_up_done(*, task: FollowUp, user, request=None) -> None:
    task = FollowUp.objects.select_for_update().get(pk=task.pk)
    if task.done_on is not None:
        raise CaseworkError(_("This task is already done."))
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
    """The labour-market outcome at close or six months after; a second entry for the same
    time point replaces the first."""
    if client.is_erased:
        raise CaseworkError(_("This client's personal data has been erased."))
    if recorded_on > timezone.localdate():
        raise CaseworkError(_("An outcome cannot be dated in the future."))
    if recorded_on < client.first_contact_on:
        raise CaseworkError(_("An outcome cannot be dated before the first contact."))
    if timepoint == Outcome.Timepoint.AFTER_6_MONTHS and client.status != Client.Status.CLOSED:
        raise CaseworkError(
            _("The outcome after six months is recorded once the client is closed.")
        )
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
