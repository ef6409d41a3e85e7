import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from lotse.training.ics import calendar_for
from lotse.training.models import Registration


@task()
def send_registration_mail(registration_id: int, kind: str, language: str) -> None:
    """Confirmation, waiting-list notice, promotion or reminder, with the event as .ics."""
    registration = Registration.objects.select_related("event__module").get(pk=registration_id)
    with translation.override(language):
        cancel_path = settings.LOTSE_BASE_URL + reverse(
            "training:registration", args=[registration.token]
        )
        context = {"r": registration, "kind": kind, "cancel_path": cancel_path}
        subject = render_to_string("training/email_subject.txt", context).strip()
        body = render_to_string("training/email_body.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    if registration.status == Registration.Status.CONFIRMED:
        ics = calendar_for([registration.event], url_for=lambda e: "")
        message.attach("training.ics", ics, "text/calendar")
    message.send()


def enqueue_reminders(*, within_hours: int = 48) -> int:
    """Remind confirmed participants of events starting soon (once per registration)."""
    now = timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__status="published",
        event__starts_at__gt=now,
        event__starts_at__lte=now + dt.timedelta(hours=within_hours),
    )
    count = 0
    for registration in due:
        send_registration_mail.enqueue(registration.pk, "reminder", registration.language)
        Registration.objects.filter(pk=registration.pk).update(reminded_at=now)
        count += 1
    return count
