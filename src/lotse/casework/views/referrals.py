"""Referrals: to qualification offers, language courses, employers and other organisations,
and the receiving side: "referrals received", accept or decline."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import require
from lotse.casework import selectors, services
from lotse.casework.entry_forms import ReferralForm
from lotse.casework.views.clients import submit_entry
from lotse.casework.views.common import (
    audit_read,
    get_client,
    other_organisations,
    paginate,
)
from lotse.casework.vocab import SHAREABLE_FIELD_LABELS
from lotse.core.i18n import country_name, language_name
from lotse.training.models import QualificationOffer

PAGE_SIZE = 50


@staff_required("client.list")
@require_POST
def referral_add(request, pk: int):
    client = get_client(request, pk, "client.change")
    form = ReferralForm(
        request.POST,
        prefix="r",
        offers=QualificationOffer.objects.all(),
        organisations=other_organisations(request.user),
    )
    return submit_entry(
        request,
        client,
        form=form,
        name="referral_form",
        write=lambda data: services.referral_create(
            client=client, user=request.user, request=request, **data
        ),
        message=_("Referral recorded."),
        anchor="referrals",
    )


def _readable(key: str, value: str) -> str:
    """Codes as the receiver reads them: country and language names instead of ISO codes."""
    if key == "qualification_country" and value:
        return country_name(value)
    if key in ("preferred_language", "languages"):
        return ", ".join(language_name(code) for code in value.split())
    return value


@staff_required("client.list")
def received(request):
    """Referrals other organisations sent to the user's organisation, with exactly the data
    the client agreed to share. Referrals stopped by a withdrawn consent are not shown."""
    page = paginate(request, selectors.referrals_received(request.user), PAGE_SIZE)
    audit_read(request, "referral.list_viewed", None, page=page.number, rows=len(page.object_list))
    labels = dict(SHAREABLE_FIELD_LABELS)
    for row in page.object_list:
        row.shared_items = [
            (labels.get(key, key), _readable(key, value))
            for key, value in row.shared_data.items()
            if key != "cases"
        ]
        row.shared_cases = row.shared_data.get("cases", [])
    return render(request, "casework/referrals_received.html", {"page": page})


@staff_required("client.list")
@require_POST
def answer(request, pk: int):
    referral = selectors.referrals_received(request.user).filter(pk=pk).first()
    if referral is None:
        raise Http404
    require(request.user, "referral.answer", referral)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, _("Choose to accept or to decline the referral."))
        return redirect("casework:referrals_received")
    try:
        services.referral_answer(
            referral=referral, user=request.user, accept=decision == "accept", request=request
        )
    except services.CaseworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Referral accepted.") if decision == "accept" else _("Referral declined."),
        )
    return redirect("casework:referrals_received")


urlpatterns = [
    path("staff/clients/<int:pk>/referrals/", referral_add, name="referral_add"),
    path("staff/referrals/received/", received, name="referrals_received"),
    path("staff/referrals/<int:pk>/answer/", answer, name="referral_answer"),
]
