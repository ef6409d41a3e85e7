"""Public training catalogue and registration; the trainer's back office; qualification offers."""

import csv
import statistics

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from openpyxl import Workbook

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import require
from lotse.core.pdf import render_pdf
from lotse.occupations.matcher import occupation_match
from lotse.training import selectors, services
from lotse.training.forms import EventFilterForm, FeedbackForm, OfferSearchForm, RegistrationForm
from lotse.training.ics import calendar_for
from lotse.training.models import Event, QualificationOffer, Registration, TrainingModule


def _lang() -> str:
    return "de" if get_language() == "de" else "en"


@require_safe
def catalogue(request):
    form = EventFilterForm(request.GET or None)
    events = selectors.upcoming_events()
    modules = TrainingModule.objects.all()
    if form.is_valid() and form.cleaned_data["format"]:
        events = events.filter(module__format=form.cleaned_data["format"])
        modules = modules.filter(format=form.cleaned_data["format"])
    context = {"form": form, "events": events, "modules": modules, "text_lang": _lang()}
    return render(request, "training/catalogue.html", context)


@require_safe
def module_detail(request, slug: str):
    module = get_object_or_404(TrainingModule, slug=slug)
    events = selectors.upcoming_events().filter(module=module)
    return render(
        request, "training/module.html", {"module": module, "events": events, "text_lang": _lang()}
    )


@require_http_methods(["GET", "POST"])
def event_detail(request, pk: int):
    event = get_object_or_404(
        selectors.upcoming_events().model.objects.select_related("module"), pk=pk
    )
    if event.status not in (Event.Status.PUBLISHED, Event.Status.COMPLETED, Event.Status.CANCELLED):
        raise Http404
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                event_id=event.pk, language=get_language(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            return redirect("training:registration", token=registration.token)
    counted = selectors.upcoming_events().filter(pk=event.pk).first()
    context = {
        "event": event, "form": form, "text_lang": _lang(),
        "seats_left": selectors.seats_left(counted) if counted else 0,
        "waiting": counted.waiting if counted else 0,
        "open": counted is not None and timezone.now() <= event.registration_deadline,
    }  # fmt: skip
    return render(request, "training/event.html", context)


@require_http_methods(["GET", "POST"])
def registration(request, token):
    found = get_object_or_404(Registration.objects.select_related("event__module"), token=token)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        services.registration_cancel(token=token)
        messages.success(request, _("Your registration is cancelled."))
        return redirect("training:registration", token=token)
    return render(request, "training/registration.html", {"r": found, "text_lang": _lang()})


@require_safe
def event_ics(request, pk: int):
    event = get_object_or_404(
        Event.objects.select_related("module"), pk=pk, status=Event.Status.PUBLISHED
    )
    ics = calendar_for(
        [event],
        url_for=lambda e: request.build_absolute_uri(reverse("training:event", args=[e.pk])),
    )
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="training-{event.pk}.ics"'
    return response


def _certificate_response(request, registration: Registration) -> HttpResponse:
    if not registration.attended or not registration.certificate_code:
        raise Http404
    verify_url = (
        request.build_absolute_uri(reverse("training:verify"))
        + f"?code={registration.certificate_code}"
    )
    html = render_to_string(
        "training/certificate_pdf.html", {"r": registration, "verify_url": verify_url}
    )
    response = HttpResponse(
        render_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{registration.certificate_code}.pdf"'
    )
    return response


@require_safe
def certificate_for_participant(request, token):
    registration = get_object_or_404(
        Registration.objects.select_related("event__module"), token=token
    )
    return _certificate_response(request, registration)


@require_safe
def verify(request):
    code = request.GET.get("code", "").strip().upper()[:16]
    found = None
    if code:
        found = (
            Registration.objects.select_related("event__module")
            .filter(certificate_code=code, attended=True)
            .first()
        )
    return render(request, "training/verify.html", {"code": code, "found": found})


@require_http_methods(["GET", "POST"])
def feedback(request, pk: int, token):
    event = get_object_or_404(Event.objects.select_related("module"), pk=pk, feedback_token=token)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.feedback_submit(event=event, **form.cleaned_data)
        return render(request, "training/feedback_thanks.html", {"event": event})
    return render(request, "training/feedback.html", {"event": event, "form": form})


# --- Trainer back office -------------------------------------------------------------------


@staff_required("training.manage")
def my_events(request):
    return render(
        request,
        "training/my_events.html",
        {"events": selectors.events_for_trainer(user=request.user)},
    )


def _managed_event(request, pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("module"), pk=pk)
    require(request.user, "training.manage", event)
    return event


@staff_required("training.manage")
def event_manage(request, pk: int):
    event = _managed_event(request, pk)
    registrations = event.registrations.exclude(status=Registration.Status.CANCELLED)
    scores = list(event.feedback.values_list("overall", "useful", "trainer"))
    means = (
        [round(statistics.fmean(column), 1) for column in zip(*scores, strict=True)]
        if scores
        else []
    )
    feedback_url = request.build_absolute_uri(
        reverse("training:feedback", args=[event.pk, event.feedback_token])
    )
    waiting = registrations.filter(status=Registration.Status.WAITING)
    context = {
        "event": event,
        "text_lang": _lang(),
        "feedback_count": len(scores),
        "feedback_means": means,
        "confirmed": registrations.filter(status=Registration.Status.CONFIRMED),
        "waiting": waiting.order_by("waiting_position"),
        "feedback_url": feedback_url,
    }
    return render(request, "training/event_manage.html", context)


@staff_required("training.manage")
def attendance_list(request, pk: int):
    event = _managed_event(request, pk)
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
    return render(
        request, "training/attendance_list.html", {"event": event, "confirmed": confirmed}
    )


@staff_required("training.manage")
@require_POST
def attendance(request, pk: int):
    found = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    require(request.user, "training.manage", found.event)
    try:
        services.attendance_mark(
            registration=found, present=request.POST.get("present") == "1", user=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(
        f"{reverse('training:event_manage', args=[found.event_id])}#registration-{found.pk}"
    )


@staff_required("training.manage")
def certificate_for_trainer(request, pk: int):
    found = get_object_or_404(Registration.objects.select_related("event__module"), pk=pk)
    require(request.user, "training.manage", found.event)
    return _certificate_response(request, found)


@staff_required("training.manage")
def export(request, pk: int, fmt: str):
    event = _managed_event(request, pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = [
        [
            "name",
            "email",
            "organisation",
            "role",
            "status",
            "waiting_position",
            "accessibility",
            "dietary",
            "attended",
        ]
    ]
    for r in event.registrations.exclude(status=Registration.Status.CANCELLED).order_by(
        "status", "waiting_position", "id"
    ):
        attended = "" if r.attended is None else r.attended
        rows.append(
            [r.name, r.email, r.organisation_name, r.role, r.status, r.waiting_position or "",
             r.accessibility_needs, r.dietary_needs, attended]
        )  # fmt: skip
    filename = f"registrations-{event.pk}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        csv.writer(response).writerows(rows)
    else:
        book = Workbook()
        for row in rows:
            book.active.append(row)
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        book.save(response)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Qualification offers ------------------------------------------------------------------


@require_safe
def offers(request):
    form = OfferSearchForm(request.GET or None)
    found, matched = [], None
    if form.is_valid():
        data = form.cleaned_data
        slug = data["occupation"]
        if not slug and data["q"]:
            matches = occupation_match(data["q"], limit=1)
            if matches.confident:
                matched = matches.results[0].occupation
                slug = matched.slug
        district = data["district"] if data["district"] != "abroad" else ""
        found = selectors.offers_for(
            occupation_slug=slug, district_code=district or "", kind=data["kind"]
        )
    else:
        found = selectors.offers_for()
    return render(
        request, "training/offers.html", {"form": form, "offers": found, "matched": matched}
    )


@require_safe
def offer_detail(request, pk: int):
    offer = get_object_or_404(QualificationOffer, pk=pk)
    return render(request, "training/offer.html", {"offer": offer})
