"""Appointment requests from the public guide: create (once per form), accept or decline."""

import secrets
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import audit_record
from lotse.directory.models import Centre
from lotse.guide.models import AppointmentRequest
from lotse.guide.tasks import send_request_confirmation
from lotse.guide.texts import CONSENT_VERSION

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out on the phone


class RequestError(Exception):
    """A request that cannot be taken; the message is for the person."""


def _new_reference() -> str:
    code = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"LT-{code[:4]}-{code[4:]}"


def appointment_request_create(
    *,
    centre: Centre,
    token: uuid.UUID,
    name: str,
    email: str,
    phone: str,
    preferred_language: str,
    preferred_times: str,
    message: str,
    occupation_slug: str,
    country: str,
    district_code: str,
    language: str,
) -> tuple[AppointmentRequest, bool]:
    """Store the request and send the confirmation. The same form sent twice (same token)
    creates one request; returns (request, created)."""
    existing = AppointmentRequest.objects.filter(submission_token=token).first()
    if existing is not None:
        return existing, False
    if centre.organisation_id is None:
        raise RequestError(_("This centre does not take requests through Lotse yet."))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                request = AppointmentRequest.objects.create(
                    reference=_new_reference(),
                    submission_token=token,
                    centre=centre,
                    organisation_id=centre.organisation_id,
                    name=name,
                    email=email,
                    phone=phone,
                    preferred_language=preferred_language,
                    preferred_times=preferred_times,
                    message=message,
                    occupation_slug=occupation_slug,
                    country=country,
                    district_code=district_code,
                    consent_text_version=CONSENT_VERSION,
                    consent_given_at=timezone.now(),
                    language=language,
                )
                audit_record(action="appointment_request.created", target=request)
                transaction.on_commit(lambda pk=request.pk: send_request_confirmation.enqueue(pk))
                return request, True
        except IntegrityError:
            existing = AppointmentRequest.objects.filter(submission_token=token).first()
            if existing is not None:  # the same form, sent twice at the same moment
                return existing, False
            # otherwise the random reference collided: try another
    raise RequestError(_("Please try again."))


@transaction.atomic
def appointment_request_decide(*, request: AppointmentRequest, user, accept: bool) -> None:
    request.status = (
        AppointmentRequest.Status.ACCEPTED if accept else AppointmentRequest.Status.DECLINED
    )
    request.decided_at = timezone.now()
    request.decided_by = user
    request.save(update_fields=["status", "decided_at", "decided_by"])
    audit_record(
        action="appointment_request.accepted" if accept else "appointment_request.declined",
        actor=user,
        target=request,
    )


# --- Data protection (called by case management's erasure and retention) ------------------

# What identifies the person. Occupation, country, district, language, dates and status stay:
# they are what counts of requests are made of, and say nothing about who asked.
PERSONAL_REQUEST_FIELDS = ("name", "email", "phone", "preferred_times", "message")


@transaction.atomic
def appointment_request_anonymise(*, request: AppointmentRequest, user=None, reason: str) -> None:
    """Blank the personal fields of a request in place (erasure of the client it became)."""
    for field in PERSONAL_REQUEST_FIELDS:
        setattr(request, field, "")
    request.save(update_fields=list(PERSONAL_REQUEST_FIELDS))
    audit_record(
        action="appointment_request.anonymised",
        actor=user,
        target=request,
        extra={"reason": reason},
    )


@transaction.atomic
def appointment_request_delete(*, request: AppointmentRequest, user=None, reason: str) -> None:
    """Delete a request (retention); a client made from it keeps its own record."""
    request_id, organisation_id = request.pk, request.organisation_id
    request.delete()
    audit_record(
        action="appointment_request.deleted",
        actor=user,
        target_type=AppointmentRequest._meta.label_lower,
        target_id=request_id,
        organisation_id=organisation_id,
        extra={"reason": reason},
    )
