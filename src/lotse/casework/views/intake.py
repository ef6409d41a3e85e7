"""The inbox: appointment requests from the public guide become clients in one step."""

from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from lotse.accounts.decorators import staff_required
from lotse.casework import selectors, services
from lotse.casework.consent_texts import CURRENT_VERSION, text_for
from lotse.casework.forms import IntakeConsentForm, IntakeForm
from lotse.casework.views.common import audit_read, done, get_scoped, paginate
from lotse.casework.vocab import ConsentPurpose
from lotse.guide.models import AppointmentRequest
from lotse.guide.selectors import appointment_requests_for
from lotse.occupations.models import Occupation

PAGE_SIZE = 50


def _occupation_titles(slugs) -> dict[str, str]:
    wanted = {slug for slug in slugs if slug}
    if not wanted:
        return {}
    return dict(Occupation.objects.filter(slug__in=wanted).values_list("slug", "title_de"))


@staff_required("client.list")
def inbox(request):
    """New requests from the guide, oldest first (they have waited longest), and the way to
    manual intake."""
    rows = (
        appointment_requests_for(user=request.user)
        .filter(status=AppointmentRequest.Status.NEW)
        .order_by("created_at", "id")
    )
    page = paginate(request, rows, PAGE_SIZE)
    titles = _occupation_titles(r.occupation_slug for r in page.object_list)
    for row in page.object_list:
        row.occupation_title = titles.get(row.occupation_slug, "")
    audit_read(
        request,
        "appointment_request.list_viewed",
        None,
        page=page.number,
        rows=len(page.object_list),
    )
    return render(request, "casework/inbox.html", {"page": page})


def _chosen(duplicates, pk: str):
    return next((c for c in duplicates if str(c.pk) == pk), None)


@staff_required("client.create")
def convert(request, pk: int):
    """Take a request on: link it to a client found as a possible duplicate, or create one,
    with the counselling consent in the same step if the client gave it."""
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
    posted = request.POST if request.method == "POST" and "link" not in request.POST else None
    contact = IntakeForm(posted, initial=initial)
    consent = IntakeConsentForm(posted, prefix="c")
    duplicates = selectors.possible_duplicates(
        request.user, name=found.name, email=found.email, phone=found.phone
    )
    error = ""
    if request.method == "POST":
        # "Same person" comes from the duplicates table (its own form, no consent fields: the
        # client page records a missing consent); "create" from the intake form below it.
        linking = "link" in request.POST
        existing = _chosen(duplicates, request.POST.get("link", "")) if linking else None
        if linking and existing is None:
            error = _("Choose the client this request belongs to.")
        elif linking or (contact.is_valid() and consent.is_valid()):
            values = {} if linking else dict(contact.cleaned_data)
            agreed = None if linking else consent.consent()
            if agreed is None:
                values.pop("birth_year", None)
            try:
                client = services.request_convert(
                    appointment_request=found,
                    user=request.user,
                    values=values,
                    consent=agreed,
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
        audit_read(request, "appointment_request.viewed", found, duplicates=len(duplicates))
    titles = _occupation_titles([found.occupation_slug])
    context = {
        "found": found,
        "occupation_title": titles.get(found.occupation_slug, ""),
        "contact": contact,
        "consent": consent,
        "duplicates": duplicates,
        "error": error,
        "consent_text": text_for(CURRENT_VERSION, ConsentPurpose.COUNSELLING),
        "consent_version": CURRENT_VERSION,
    }
    # A POST that reaches this point did not go through: say so with the status too.
    status = 400 if request.method == "POST" else 200
    return render(request, "casework/convert.html", context, status=status)


urlpatterns = [
    path("staff/inbox/", inbox, name="inbox"),
    path("staff/inbox/<int:pk>/", convert, name="convert"),
]
