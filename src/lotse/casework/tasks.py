"""E-mails of case management, sent by background tasks (django-tasks; inline in tests).

Tasks take primary keys and look again at the record when they run: a worker may run minutes
after the change that queued it, and by then an appointment may have been cancelled or a task
done. The `enqueue_*` functions behind `lotse send_casework_reminders` first claim the rows
they remind of (`reminded_at` / `reminded_on`) and queue the mails after commit, so two runs
that overlap never remind twice.
"""

import datetime as dt
from collections import defaultdict
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from lotse.accounts.models import User
from lotse.casework.ics import CANCEL, REQUEST, appointment_calendar, place_of
from lotse.casework.models import Appointment, FollowUp
from lotse.core.audit import audit_record
from lotse.core.i18n import language_name

# Staff have no language setting; staff mails go out in the network's working language.
STAFF_MAIL_LANGUAGE = settings.LANGUAGE_CODE
REMINDER_LEAD_TIME = dt.timedelta(hours=24)
MAIL_KINDS = ("confirmation", "rescheduled", "reminder", "cancelled")


def mail_language(code: str) -> str:
    """The client's preferred language if the site speaks it, else German."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _still_relevant(appointment: Appointment, kind: str) -> bool:
    if kind == "cancelled":
        return appointment.status == Appointment.Status.CANCELLED
    if appointment.status != Appointment.Status.BOOKED:
        return False
    return kind != "reminder" or appointment.starts_at > timezone.now()


@task()
def send_appointment_mail(appointment_id: int, kind: str) -> None:
    """Confirmation, change, reminder or cancellation to the client, in the client's preferred
    language, with the appointment as an .ics invitation (REQUEST, or CANCEL)."""
    appointment = (
        Appointment.objects.select_related("client", "organisation", "counsellor")
        .filter(pk=appointment_id)
        .first()
    )
    if appointment is None or kind not in MAIL_KINDS:
        return
    client = appointment.client
    if not client.email or client.is_erased or not _still_relevant(appointment, kind):
        return
    language = mail_language(client.preferred_language)
    ends_at = appointment.starts_at + dt.timedelta(minutes=appointment.duration_minutes)
    with translation.override(language):
        context = {
            "a": appointment,
            "kind": kind,
            "client": client,
            "organisation": appointment.organisation,
            "ends_at": ends_at,
            "place": place_of(appointment),
            "language": language_name(appointment.language, language),
            "counsellor": appointment.counsellor.get_full_name()
            or appointment.counsellor.get_username(),
        }
        subject = " ".join(
            render_to_string("casework/email_appointment_subject.txt", context).split()
        )
        body = render_to_string("casework/email_appointment.txt", context)
        ics = appointment_calendar(appointment, method=CANCEL if kind == "cancelled" else REQUEST)
    method = CANCEL if kind == "cancelled" else REQUEST
    message = EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [client.email],
        reply_to=[appointment.organisation.email] if appointment.organisation.email else None,
        headers={"Content-Language": language},
    )
    message.attach("appointment.ics", ics, f"text/calendar; method={method}")
    message.send()
    audit_record(action="appointment.mail_sent", target=appointment, extra={"kind": kind})


def enqueue_appointment_reminders(*, now: dt.datetime | None = None) -> int:
    """Queue the reminder for each booked appointment that starts within the next 24 hours and
    has not been reminded of (once per appointment; a change of date allows one more)."""
    now = now or timezone.now()
    with transaction.atomic():
        due = Appointment.objects.filter(
            status=Appointment.Status.BOOKED,
            reminded_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + REMINDER_LEAD_TIME,
            client__erased_at__isnull=True,
        ).exclude(client__email="")
        ids = list(
            due.select_for_update(of=("self",), skip_locked=True).values_list("pk", flat=True)
        )
        for chunk in _chunks(ids):
            Appointment.objects.filter(pk__in=chunk).update(reminded_at=now)
        for pk in ids:
            transaction.on_commit(partial(send_appointment_mail.enqueue, pk, "reminder"))
    return len(ids)


@task()
def send_follow_up_reminder(user_id: int, follow_up_ids: list[int]) -> None:
    """One e-mail to the assignee listing the tasks that have become due. It names clients by
    their pseudonymous number only and links to Lotse for the rest."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return
    tasks = list(
        FollowUp.objects.filter(pk__in=follow_up_ids, assignee=user, done_on__isnull=True)
        .select_related("client")
        .order_by("due_on", "id")
    )
    if not tasks:
        return
    with translation.override(STAFF_MAIL_LANGUAGE):
        base = settings.LOTSE_BASE_URL
        rows = [
            {
                "task": item,
                "url": base + reverse("casework:client_detail", args=[item.client_id]),
            }
            for item in tasks
        ]
        context = {"user": user, "rows": rows, "tasks_url": base + reverse("casework:tasks")}
        subject = " ".join(
            render_to_string("casework/email_follow_up_subject.txt", context).split()
        )
        body = render_to_string("casework/email_follow_up.txt", context)
    EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={"Content-Language": STAFF_MAIL_LANGUAGE},
    ).send()
    for item in tasks:
        audit_record(action="follow_up.reminded", target=item)


def enqueue_follow_up_reminders(*, today: dt.date | None = None) -> int:
    """Queue one e-mail per assignee for the open tasks that are due and were not reminded of
    yet (once per task). Returns how many tasks were claimed."""
    today = today or timezone.localdate()
    by_assignee: dict[int, list[int]] = defaultdict(list)
    with transaction.atomic():
        due = FollowUp.objects.filter(
            done_on__isnull=True,
            reminded_on__isnull=True,
            due_on__lte=today,
            assignee__is_active=True,
            client__erased_at__isnull=True,
        ).exclude(assignee__email="")
        rows = list(
            due.select_for_update(of=("self",), skip_locked=True).values_list("pk", "assignee_id")
        )
        for chunk in _chunks([pk for pk, _user in rows]):
            FollowUp.objects.filter(pk__in=chunk).update(reminded_on=today)
        for pk, assignee_id in rows:
            by_assignee[assignee_id].append(pk)
        for assignee_id, ids in by_assignee.items():
            transaction.on_commit(partial(send_follow_up_reminder.enqueue, assignee_id, ids))
    return len(rows)
