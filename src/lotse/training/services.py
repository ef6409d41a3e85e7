"""Registrations with a hard capacity: the event row is locked while seats are counted."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.audit import audit_record
from lotse.training.models import Event, EventFeedback, Registration
from lotse.training.tasks import send_registration_mail

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def registration_create(*, event_id: int, name: str, email: str, organisation_name: str,
                        role: str = "", accessibility_needs: str = "", dietary_needs: str = "",
                        language: str = "de") -> Registration:  # fmt: skip
    """A seat if one is free, otherwise the next place on the waiting list."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        now = timezone.now()
        if event.status != Event.Status.PUBLISHED:
            raise ValidationError(_("Registration for this training is not open."))
        if now > event.registration_deadline:
            raise ValidationError(_("The registration deadline has passed."))
        active = event.registrations.exclude(status=Registration.Status.CANCELLED)
        if active.filter(email__iexact=email).exists():
            raise ValidationError(_("This e-mail address is already registered for this training."))
        taken = active.filter(status=Registration.Status.CONFIRMED).count()
        if taken < event.capacity:
            status, position = Registration.Status.CONFIRMED, None
        else:
            status = Registration.Status.WAITING
            last = active.filter(status=status).aggregate(m=Max("waiting_position"))["m"] or 0
            position = last + 1
        registration = Registration.objects.create(
            event=event, name=name, email=email, organisation_name=organisation_name, role=role,
            accessibility_needs=accessibility_needs, dietary_needs=dietary_needs,
            status=status, waiting_position=position, language=language,
        )  # fmt: skip
        audit_record(action=f"training.registration.{status}", target=registration)
        transaction.on_commit(
            lambda pk=registration.pk: send_registration_mail.enqueue(pk, "registered", language)
        )
    return registration


def registration_cancel(*, token) -> Registration | None:
    """Cancel by link; a freed seat goes to the first person on the waiting list."""
    with transaction.atomic():
        registration = Registration.objects.filter(token=token).first()
        if registration is None:
            return None
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration.refresh_from_db()
        if registration.status == Registration.Status.CANCELLED:
            return registration
        had_seat = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.waiting_position = None
        registration.save(update_fields=["status", "waiting_position"])
        audit_record(action="training.registration.cancelled", target=registration)
        if had_seat:
            _promote_first(event)
    return registration


def _promote_first(event: Event) -> None:
    """E-mails go out in the language each person registered in."""
    first = (
        event.registrations.filter(status=Registration.Status.WAITING)
        .order_by("waiting_position", "id")
        .first()
    )
    if first is None:
        return
    first.status = Registration.Status.CONFIRMED
    first.waiting_position = None
    first.save(update_fields=["status", "waiting_position"])
    audit_record(action="training.registration.promoted", target=first)
    transaction.on_commit(
        lambda pk=first.pk, lang=first.language: send_registration_mail.enqueue(
            pk, "promoted", lang
        )
    )


@transaction.atomic
def attendance_mark(*, registration: Registration, present: bool, user) -> None:
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(_("Only confirmed participants can be checked in."))
    registration.attended = present
    if present and not registration.certificate_code:
        registration.certificate_code = _new_code()
    registration.save(update_fields=["attended", "certificate_code"])
    audit_record(
        action="training.attendance", actor=user, target=registration, extra={"present": present}
    )


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))
        if not Registration.objects.filter(certificate_code=code).exists():
            return code


def feedback_submit(*, event: Event, overall: int, useful: int, trainer: int, comment: str) -> None:
    EventFeedback.objects.create(
        event=event, overall=overall, useful=useful, trainer=trainer, comment=comment,
        given_on=timezone.localdate(),
    )  # fmt: skip
