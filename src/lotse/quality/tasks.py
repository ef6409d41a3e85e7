from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from lotse.quality.models import ActionItem


@task()
def remind_overdue_action(action_id: int) -> None:
    """E-mail the owner of an overdue action item (once a day at most)."""
    item = ActionItem.objects.select_related("owner", "organisation").get(pk=action_id)
    today = timezone.localdate()
    if item.status == ActionItem.Status.DONE or item.reminded_on == today or not item.owner.email:
        return
    with translation.override("de"):
        body = render_to_string("quality/email_overdue.txt", {"item": item})
        subject = render_to_string("quality/email_overdue_subject.txt", {"item": item}).strip()
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [item.owner.email])
    item.reminded_on = today
    item.save(update_fields=["reminded_on"])


def enqueue_overdue_reminders() -> int:
    today = timezone.localdate()
    overdue = ActionItem.objects.filter(due__lt=today).exclude(status=ActionItem.Status.DONE)
    overdue = overdue.exclude(reminded_on=today)
    count = 0
    for pk in overdue.values_list("pk", flat=True):
        remind_overdue_action.enqueue(pk)
        count += 1
    return count
