"""Appointments of clients with counsellors: book, change, cancel, mark as done; the calendar.

The writes follow services.py: keyword-only, one transaction and one audit event each (ids and
action names only). The e-mail to the client is queued after commit, so a booking that rolls
back never reaches anyone. A counsellor cannot be booked twice at once: the counsellor's user
row is locked while the day is checked for overlaps (`SELECT … FOR UPDATE` on PostgreSQL;
SQLite runs write transactions `IMMEDIATE`, which serialises them anyway).
"""

import datetime as dt
import secrets
from functools import partial
from urllib.parse import urlparse

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from lotse.accounts.models import User
from lotse.accounts.permissions import scope
from lotse.casework.models import Appointment, Client
from lotse.casework.permissions import CASEWORKERS
from lotse.casework.rules import CaseworkError
from lotse.casework.tasks import REMINDER_LEAD_TIME, send_appointment_mail
from lotse.casework.vocab import COUNSELLING_LANGUAGES, SessionMode
from lotse.core.audit import audit_record

BOOKABLE_MODES = (SessionMode.IN_PERSON, SessionMode.PHONE, SessionMode.VIDEO)
MIN_DURATION = 10
MAX_DURATION = 480
# What the client sees; a change of any of these is a new version of the invitation.
DETAIL_FIELDS = (
    "counsellor",
    "starts_at",
    "duration_minutes",
    "mode",
    "location",
    "language",
    "interpreter_needed",
)


def _new_uid() -> str:
    """Stable for the appointment's life: calendar programs replace an event by its UID."""
    host = urlparse(settings.LOTSE_BASE_URL).hostname or "lotse"
    return f"{secrets.token_hex(16)}@{host}"


def ends_at(appointment: Appointment) -> dt.datetime:
    return appointment.starts_at + dt.timedelta(minutes=appointment.duration_minutes)


def client_gets_mail(client: Client) -> bool:
    return bool(client.email) and not client.is_erased


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value)


# --- Reads -------------------------------------------------------------------------------


def appointment_counsellors(user) -> QuerySet[User]:
    """Whom appointments can be booked with: active counsellors and leads of the user's own
    organisation (nobody for a user without one)."""
    members = User.objects.filter(is_active=True, role__in=CASEWORKERS)
    return scope(user, members).order_by("last_name", "first_name", "username")


def appointments_of_client(user, client: Client, *, past_days: int = 90) -> list[Appointment]:
    """The client's appointments from `past_days` ago on, in time order."""
    since = timezone.now() - dt.timedelta(days=past_days)
    rows = scope(user, Appointment.objects.filter(client=client, starts_at__gte=since))
    return list(rows.select_related("counsellor").order_by("starts_at", "id")[:100])


def day_bounds(first_day: dt.date, days: int) -> tuple[dt.datetime, dt.datetime]:
    """Local midnight of `first_day` and of the day after the last (DST-safe)."""
    start = timezone.make_aware(dt.datetime.combine(first_day, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(first_day + dt.timedelta(days=days), dt.time.min))
    return start, end


def calendar_days(
    user, *, counsellor: User, first_day: dt.date, days: int
) -> list[tuple[dt.date, list[Appointment]]]:
    """One counsellor's appointments (booked, done and cancelled), day by day; one query."""
    start, end = day_bounds(first_day, days)
    rows = (
        scope(user, Appointment.objects.all())
        .filter(counsellor=counsellor, starts_at__gte=start, starts_at__lt=end)
        .select_related("client")
        .order_by("starts_at", "id")
    )
    by_day: dict[dt.date, list[Appointment]] = {
        first_day + dt.timedelta(days=n): [] for n in range(days)
    }
    for appointment in rows:
        appointment.ends_at = ends_at(appointment)
        by_day.setdefault(_local(appointment.starts_at).date(), []).append(appointment)
    return sorted(by_day.items())


# --- Rules -------------------------------------------------------------------------------


def _refuse_overlap(
    *, counsellor: User, starts_at: dt.datetime, duration: int, exclude_pk: int | None
) -> None:
    finish = starts_at + dt.timedelta(minutes=duration)
    nearby = Appointment.objects.filter(
        counsellor=counsellor,
        status=Appointment.Status.BOOKED,
        starts_at__lt=finish,
        starts_at__gt=starts_at - dt.timedelta(minutes=MAX_DURATION),
    ).exclude(pk=exclude_pk)
    for other in nearby.order_by("starts_at"):
        if ends_at(other) > starts_at:
            raise CaseworkError(
                _(
                    "%(counsellor)s already has an appointment on %(day)s from %(start)s to "
                    "%(end)s. Choose another time or another counsellor."
                )
                % {
                    "counsellor": counsellor.get_full_name() or counsellor.get_username(),
                    "day": date_format(_local(other.starts_at), "SHORT_DATE_FORMAT"),
                    "start": time_format(_local(other.starts_at), "H:i"),
                    "end": time_format(_local(ends_at(other)), "H:i"),
                }
            )


def _check(client: Client, values: dict, *, exclude_pk: int | None = None) -> None:
    """The rules every booking and change obeys; raises CaseworkError with the reason."""
    counsellor = values["counsellor"]
    if client.is_erased:
        raise CaseworkError(_("This client's personal data has been erased."))
    if (
        counsellor.organisation_id != client.organisation_id
        or counsellor.role not in CASEWORKERS
        or not counsellor.is_active
    ):
        raise CaseworkError(_("Appointments can be booked only with counsellors of your team."))
    if values["starts_at"] <= timezone.now():
        raise CaseworkError(_("The appointment cannot start in the past."))
    if not MIN_DURATION <= values["duration_minutes"] <= MAX_DURATION:
        raise CaseworkError(
            _("The duration must be between %(min)s and %(max)s minutes.")
            % {"min": MIN_DURATION, "max": MAX_DURATION}
        )
    if values["mode"] not in BOOKABLE_MODES:
        raise CaseworkError(_("Choose in person, phone or video."))
    if values["language"] not in COUNSELLING_LANGUAGES:
        raise CaseworkError(_("Choose the language of the appointment."))
    if values["mode"] == SessionMode.VIDEO and not values["location"]:
        raise CaseworkError(_("Give the video link, so that the client can join."))
    # Serialise bookings of one counsellor, then look for a clash.
    User.objects.select_for_update().filter(pk=counsellor.pk).first()
    _refuse_overlap(
        counsellor=counsellor,
        starts_at=values["starts_at"],
        duration=values["duration_minutes"],
        exclude_pk=exclude_pk,
    )


def _normalised(values: dict) -> dict:
    values = {field: values[field] for field in DETAIL_FIELDS}
    values["location"] = (values.get("location") or "").strip()
    values["interpreter_needed"] = bool(values["interpreter_needed"])
    return values


def _reminder_state(appointment: Appointment, now: dt.datetime) -> dt.datetime | None:
    # Less than a day ahead the confirmation itself is the reminder: a second mail an hour
    # later would only be noise. Marking it reminded keeps the hourly run from sending one.
    if appointment.starts_at - now <= REMINDER_LEAD_TIME and client_gets_mail(appointment.client):
        return now
    return None


def _queue_mail(appointment: Appointment, kind: str) -> bool:
    if not client_gets_mail(appointment.client):
        return False
    transaction.on_commit(partial(send_appointment_mail.enqueue, appointment.pk, kind))
    return True


# --- Writes ------------------------------------------------------------------------------


@transaction.atomic
def appointment_book(
    *,
    client: Client,
    user,
    counsellor: User,
    starts_at: dt.datetime,
    duration_minutes: int,
    mode: str,
    language: str,
    location: str = "",
    interpreter_needed: bool = False,
    request=None,
) -> Appointment:
    """Book a slot; the client gets a confirmation with an .ics invitation if they have an
    e-mail address."""
    values = _normalised(
        {
            "counsellor": counsellor,
            "starts_at": starts_at,
            "duration_minutes": duration_minutes,
            "mode": mode,
            "location": location,
            "language": language,
            "interpreter_needed": interpreter_needed,
        }
    )
    _check(client, values)
    appointment = Appointment(
        client=client, organisation_id=client.organisation_id, uid=_new_uid(), **values
    )
    appointment.reminded_at = _reminder_state(appointment, timezone.now())
    appointment.save()
    mailed = _queue_mail(appointment, "confirmation")
    audit_record(
        action="appointment.booked",
        actor=user,
        target=appointment,
        request=request,
        extra={"client": client.pk, "counsellor": counsellor.pk, "mail": mailed},
    )
    return appointment


def _locked(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("client")
        .get(pk=appointment.pk)
    )


@transaction.atomic
def appointment_reschedule(
    *,
    appointment: Appointment,
    user,
    counsellor: User,
    starts_at: dt.datetime,
    duration_minutes: int,
    mode: str,
    language: str,
    location: str = "",
    interpreter_needed: bool = False,
    request=None,
) -> Appointment:
    """Change time or details. The invitation's SEQUENCE grows, so the client's calendar
    replaces the old entry; a new date earns a new reminder."""
    appointment = _locked(appointment)
    if appointment.status != Appointment.Status.BOOKED:
        raise CaseworkError(_("Only a booked appointment can be changed."))
    now = timezone.now()
    if appointment.starts_at <= now:
        raise CaseworkError(
            _("This appointment has begun; it cannot be changed. Mark it as done or cancel it.")
        )
    values = _normalised(
        {
            "counsellor": counsellor,
            "starts_at": starts_at,
            "duration_minutes": duration_minutes,
            "mode": mode,
            "location": location,
            "language": language,
            "interpreter_needed": interpreter_needed,
        }
    )
    changed = sorted(
        field for field in DETAIL_FIELDS if getattr(appointment, field) != values[field]
    )
    if not changed:
        raise CaseworkError(_("Nothing was changed."))
    _check(appointment.client, values, exclude_pk=appointment.pk)
    for field, value in values.items():
        setattr(appointment, field, value)
    appointment.sequence += 1
    if "starts_at" in changed:
        appointment.reminded_at = _reminder_state(appointment, now)
    appointment.save()
    mailed = _queue_mail(appointment, "rescheduled")
    audit_record(
        action="appointment.rescheduled",
        actor=user,
        target=appointment,
        request=request,
        extra={"fields": changed, "sequence": appointment.sequence, "mail": mailed},
    )
    return appointment


@transaction.atomic
def appointment_cancel(*, appointment: Appointment, user, request=None) -> bool:
    """Cancel; a client with an e-mail address gets a cancellation (METHOD CANCEL) that removes
    the entry from their calendar. Returns whether that e-mail was queued."""
    appointment = _locked(appointment)
    if appointment.status != Appointment.Status.BOOKED:
        raise CaseworkError(_("Only a booked appointment can be cancelled."))
    appointment.status = Appointment.Status.CANCELLED
    appointment.sequence += 1
    appointment.save(update_fields=["status", "sequence"])
    mailed = appointment.starts_at > timezone.now() and _queue_mail(appointment, "cancelled")
    audit_record(
        action="appointment.cancelled",
        actor=user,
        target=appointment,
        request=request,
        extra={"sequence": appointment.sequence, "mail": mailed},
    )
    return mailed


@transaction.atomic
def appointment_mark_done(*, appointment: Appointment, user, request=None) -> None:
    """The appointment took place: it counts as the client's latest contact."""
    appointment = _locked(appointment)
    if appointment.status != Appointment.Status.BOOKED:
        raise CaseworkError(_("Only a booked appointment can be marked as done."))
    if appointment.starts_at > timezone.now():
        raise CaseworkError(_("An appointment can be marked as done once it has begun."))
    appointment.status = Appointment.Status.DONE
    appointment.save(update_fields=["status"])
    day = _local(appointment.starts_at).date()
    Client.objects.filter(pk=appointment.client_id, last_contact_on__lt=day).update(
        last_contact_on=day
    )
    audit_record(action="appointment.done", actor=user, target=appointment, request=request)
