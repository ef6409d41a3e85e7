"""Referrals: to qualification offers, language courses, employers and other organisations."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import require
from lotse.casework import selectors, services
from lotse.casework.forms import ReferralForm
from lotse.casework.views.clients import _rerender
from lotse.casework.views.common import audit_read, done, get_client, other_organisations, refused
from lotse.casework.vocab import SHAREABLE_FIELD_LABELS
from lotse.training.models import QualificationOffer


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
    if not form.is_valid():
        return _rerender(request, client, referral_form=form)
    try:
        services.referral_create(
            client=client, user=request.user, request=request, **form.cleaned_data
        )
    except services.CaseworkError as error:
        return refused(request, client, error, "referrals")
    return done(request, client, _("Referral recorded."), "referrals")


@staff_required("client.list")
def received(request):
    """Referrals other organisations sent to the user's organisation, with the shared data."""
    rows = list(selectors.referrals_received(request.user)[:200])
    audit_read(request, "referral.list_viewed", None, rows=len(rows))
    labels = dict(SHAREABLE_FIELD_LABELS)
    for row in rows:
        row.shared_items = [(labels.get(k, k), v) for k, v in row.shared_data.items()]
    return render(request, "casework/referrals_received.html", {"referrals": rows})


@staff_required("client.list")
@require_POST
def answer(request, pk: int):
    referral = selectors.referrals_received(request.user).filter(pk=pk).first()
    if referral is None:
        from django.http import Http404

        raise Http404
    require(request.user, "referral.answer", referral)
    try:
        services.referral_answer(
            referral=referral,
            user=request.user,
            accept=request.POST.get("decision") == "accept",
            request=request,
        )
    except services.CaseworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Answer saved."))
    return redirect("casework:referrals_received")


urlpatterns = [
    path("staff/clients/<int:pk>/referrals/", referral_add, name="referral_add"),
    path("staff/referrals/received/", received, name="referrals_received"),
    path("staff/referrals/<int:pk>/answer/", answer, name="referral_answer"),
]
