"""The inbox: appointment requests from the public guide become clients in one step."""

from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from lotse.accounts.decorators import staff_required
from lotse.casework import selectors, services
from lotse.casework.consent_texts import CURRENT_VERSION, text_for
from lotse.casework.forms import ContactForm, IntakeConsentForm
from lotse.casework.views.common import audit_read, done, get_scoped
from lotse.casework.vocab import ConsentPurpose
from lotse.guide.models import AppointmentRequest
from lotse.guide.selectors import appointment_requests_for


@staff_required("client.list")
def inbox(request):
    """New requests from the guide, oldest first, and a button for manual intake."""
    rows = list(
        appointment_requests_for(user=request.user)
        .filter(status=AppointmentRequest.Status.NEW)
        .order_by("created_at")[:200]
    )
    audit_read(request, "appointment_request.list_viewed", None, rows=len(rows))
    return render(request, "casework/inbox.html", {"requests": rows})


@staff_required("client.create")
def convert(request, pk: int):
    """Take a request on: link it to a client found as a possible duplicate, or create one."""
    found = get_scoped(
        request,
        AppointmentRequest,
        pk,
        "appointment_request.decide",
        AppointmentRequest.objects.select_related("centre"),
    )
    if found.status != AppointmentRequest.Status.NEW:
        return render(request, "casework/convert_done.html", {"found": found}, status=409)
    initial = {
        "name": found.name,
        "email": found.email,
        "phone": found.phone,
        "preferred_language": found.preferred_language,
    }
    contact = ContactForm(request.POST or None, initial=initial)
    consent = IntakeConsentForm(request.POST or None, prefix="c")
    duplicates = selectors.possible_duplicates(
        request.user, name=found.name, email=found.email, phone=found.phone
    )
    error = ""
    if request.method == "POST" and consent.is_valid():
        existing = None
        if request.POST.get("action") == "link":
            existing = next(
                (c for c in duplicates if str(c.pk) == request.POST.get("existing")), None
            )
            if existing is None:
                error = _("Choose the client this request belongs to.")
        if not error and (existing is not None or contact.is_valid()):
            try:
                client = services.request_convert(
                    appointment_request=found,
                    user=request.user,
                    values=contact.cleaned_data if existing is None else {},
                    consent=consent.consent(),
                    request=request,
                    existing=existing,
                )
            except services.CaseworkError as failure:
                error = str(failure)
            else:
                return done(
                    request,
                    client,
                    _("Request %(ref)s taken on as client %(number)s.")
                    % {"ref": found.reference, "number": client.number},
                )
    else:
        audit_read(request, "appointment_request.viewed", found)
    context = {
        "found": found,
        "contact": contact,
        "consent": consent,
        "duplicates": duplicates,
        "error": error,
        "consent_text": text_for(CURRENT_VERSION, ConsentPurpose.COUNSELLING),
    }
    return render(request, "casework/convert.html", context, status=400 if error else 200)


urlpatterns = [
    path("staff/inbox/", inbox, name="inbox"),
    path("staff/inbox/<int:pk>/", convert, name="convert"),
]
