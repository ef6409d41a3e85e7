"""Appointments: book for a client, change, cancel, mark as done, .ics download, and the
day/week calendar per counsellor. E-mails to the client go out from `casework.tasks`."""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import can
from lotse.casework import appointments as service
from lotse.casework.appointment_forms import AppointmentForm, CalendarForm
from lotse.casework.ics import PUBLISH, appointment_calendar
from lotse.casework.models import Appointment
from lotse.casework.rules import CaseworkError
from lotse.casework.views.common import audit_read, client_url, get_client, get_scoped
from lotse.core.i18n import language_name

FORM_PREFIX = "ap"


def _form(request, data=None, **kwargs) -> AppointmentForm:
    return AppointmentForm(
        data,
        prefix=FORM_PREFIX,
        counsellors=service.appointment_counsellors(request.user),
        **kwargs,
    )


def _new_form(request, client) -> AppointmentForm:
    return _form(
        request,
        initial={
            "counsellor": request.user.pk,
            "language": client.preferred_language,
            "date": timezone.localdate() + dt.timedelta(days=1),
        },
    )


def detail_context(request, client) -> dict:
    """Extra context for `casework/_appointments.html` on the client page."""
    may_book = can(request.user, "client.change", client) and not client.is_erased
    return {
        "appointment_rows": service.appointments_of_client(request.user, client),
        "appointment_form": _new_form(request, client) if may_book else None,
        "appointment_mail": service.client_gets_mail(client),
        "appointment_mail_language": language_name(client.preferred_language),
        "appointment_now": timezone.now(),
    }


def _mail_note(client, mailed: bool) -> str:
    if mailed:
        return _("The client gets an e-mail with a calendar file.")
    if not client.email:
        return _("The client has no e-mail address: please tell them yourself.")
    return ""


def _done(request, client, message: str, mailed: bool):
    messages.success(
        request, " ".join(part for part in (message, _mail_note(client, mailed)) if part)
    )
    return redirect(client_url(client, "appointments"))


@staff_required("client.list")
def appointment_book(request, pk: int):
    """Booking form of one client. The client page embeds it; this page shows it again with
    its errors (and serves anyone who opens the form on its own)."""
    client = get_client(request, pk, "client.change")
    if request.method != "POST":
        audit_read(request, "client.viewed", client)
        form = _new_form(request, client)
        return render(request, "casework/calendar_book.html", {"client": client, "form": form})
    form = _form(request, request.POST)
    if form.is_valid():
        try:
            service.appointment_book(
                client=client, user=request.user, request=request, **form.values()
            )
        except CaseworkError as error:
            form.add_error(None, str(error))
        else:
            return _done(
                request, client, _("Appointment booked."), service.client_gets_mail(client)
            )
    context = {"client": client, "form": form}
    return render(request, "casework/calendar_book.html", context, status=400)


def _get_appointment(request, pk: int, action: str = "client.view") -> Appointment:
    appointment = get_scoped(
        request,
        Appointment,
        pk,
        action,
        Appointment.objects.select_related("client", "counsellor", "organisation"),
    )
    if appointment.client.is_erased:
        raise Http404
    return appointment


def _appointment_page(request, appointment, form=None, status: int = 200):
    client = appointment.client
    is_booked = appointment.status == Appointment.Status.BOOKED
    now = timezone.now()
    may_change = can(request.user, "client.change", appointment)
    if form is None and is_booked and appointment.starts_at > now and may_change:
        form = _form(request, initial=AppointmentForm.initial_for(appointment))
    context = {
        "a": appointment,
        "client": client,
        "ends_at": service.ends_at(appointment),
        "form": form,
        "may_change": may_change,
        "may_cancel": may_change and is_booked,
        "may_mark_done": may_change and is_booked and appointment.starts_at <= now,
        "mail": service.client_gets_mail(client),
        "language": language_name(appointment.language),
        "mail_language": language_name(client.preferred_language),
    }
    return render(request, "casework/calendar_appointment.html", context, status=status)


@staff_required("client.list")
def appointment_detail(request, pk: int):
    appointment = _get_appointment(request, pk)
    audit_read(request, "appointment.viewed", appointment)
    return _appointment_page(request, appointment)


@staff_required("client.list")
@require_POST
def appointment_reschedule(request, pk: int):
    appointment = _get_appointment(request, pk, "client.change")
    form = _form(request, request.POST)
    if form.is_valid():
        try:
            service.appointment_reschedule(
                appointment=appointment, user=request.user, request=request, **form.values()
            )
        except CaseworkError as error:
            form.add_error(None, str(error))
        else:
            client = appointment.client
            return _done(
                request, client, _("Appointment changed."), service.client_gets_mail(client)
            )
    return _appointment_page(request, appointment, form=form, status=400)


@staff_required("client.list")
@require_POST
def appointment_cancel(request, pk: int):
    appointment = _get_appointment(request, pk, "client.change")
    try:
        mailed = service.appointment_cancel(
            appointment=appointment, user=request.user, request=request
        )
    except CaseworkError as error:
        messages.error(request, str(error))
        return redirect("casework:appointment_detail", pk=appointment.pk)
    return _done(request, appointment.client, _("Appointment cancelled."), mailed)


@staff_required("client.list")
@require_POST
def appointment_done(request, pk: int):
    appointment = _get_appointment(request, pk, "client.change")
    try:
        service.appointment_mark_done(appointment=appointment, user=request.user, request=request)
    except CaseworkError as error:
        messages.error(request, str(error))
        return redirect("casework:appointment_detail", pk=appointment.pk)
    messages.success(request, _("Appointment marked as done. Record the session if you have not."))
    return redirect(client_url(appointment.client, "sessions"))


@staff_required("client.list")
def appointment_ics(request, pk: int):
    """The counsellor's copy for their own calendar: client number only, no name."""
    appointment = _get_appointment(request, pk)
    audit_read(request, "appointment.ics_downloaded", appointment)
    content = appointment_calendar(appointment, method=PUBLISH)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.pk}.ics"'
    return response


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@staff_required("client.list")
def calendar(request):
    """Day or week view of one counsellor of the user's team (default: oneself, today)."""
    counsellors = service.appointment_counsellors(request.user)
    form = CalendarForm(request.GET or None, counsellors=counsellors)
    today = timezone.localdate()
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and form.errors:
        context = {"form": form, "days": [], "counsellor": None}
        return render(request, "casework/calendar.html", context, status=400)
    counsellor = data.get("counsellor") or counsellors.filter(pk=request.user.pk).first()
    if counsellor is None:
        counsellor = counsellors.first()
    day = data.get("day") or today
    view = data.get("view") or "day"
    if view == "week":
        first_day, length, step = _week_start(day), 7, dt.timedelta(days=7)
    else:
        first_day, length, step = day, 1, dt.timedelta(days=1)
    days = []
    if counsellor is not None:
        days = service.calendar_days(
            request.user, counsellor=counsellor, first_day=first_day, days=length
        )
    rows = sum(len(items) for _day, items in days)
    audit_read(
        request,
        "appointment.calendar_viewed",
        None,
        counsellor=getattr(counsellor, "pk", None),
        first_day=first_day.isoformat(),
        days=length,
        rows=rows,
    )
    if not form.is_bound:
        form = CalendarForm(
            initial={"counsellor": getattr(counsellor, "pk", None), "day": day, "view": view},
            counsellors=counsellors,
        )

    def link(target: dt.date) -> str:
        params = {"day": target.isoformat(), "view": view}
        if counsellor is not None:
            params["counsellor"] = counsellor.pk
        return "?" + urlencode(params)

    context = {
        "form": form,
        "counsellor": counsellor,
        "view": view,
        "days": days,
        "first_day": first_day,
        "last_day": first_day + dt.timedelta(days=length - 1),
        "today": today,
        "previous_url": link(day - step),
        "next_url": link(day + step),
        "today_url": link(today),
        "rows": rows,
    }
    return render(request, "casework/calendar.html", context)


urlpatterns: list = [
    path("staff/calendar/", calendar, name="calendar"),
    path("staff/clients/<int:pk>/appointments/", appointment_book, name="appointment_book"),
    path("staff/appointments/<int:pk>/", appointment_detail, name="appointment_detail"),
    path(
        "staff/appointments/<int:pk>/change/",
        appointment_reschedule,
        name="appointment_reschedule",
    ),
    path("staff/appointments/<int:pk>/cancel/", appointment_cancel, name="appointment_cancel"),
    path("staff/appointments/<int:pk>/done/", appointment_done, name="appointment_done"),
    path("staff/appointments/<int:pk>/appointment.ics", appointment_ics, name="appointment_ics"),
]
