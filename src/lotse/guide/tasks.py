from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from lotse.guide.models import AppointmentRequest


@task()
def send_request_confirmation(request_id: int) -> None:
    """E-mail the person who asked for counselling, in the language they used."""
    request = AppointmentRequest.objects.select_related("centre").get(pk=request_id)
    if not request.email:
        return
    with translation.override(request.language):
        subject = render_to_string("guide/email_confirmation_subject.txt", {"r": request}).strip()
        body = render_to_string("guide/email_confirmation.txt", {"r": request})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [request.email])
