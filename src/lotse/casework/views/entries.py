"""Quick entries on the client page: consent, session, outcome, close and reopen. Each answers
with the client page: redirected with a message on success, re-rendered with the form's errors
otherwise (status 400)."""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lotse.accounts.decorators import staff_required
from lotse.casework import services
from lotse.casework.entry_forms import CloseForm, OutcomeForm, SessionForm
from lotse.casework.forms import ConsentForm
from lotse.casework.models import Consent
from lotse.casework.views.clients import submit_entry
from lotse.casework.views.common import (
    done,
    get_client,
    get_scoped,
    other_organisations,
    refused,
)


@staff_required("client.list")
@require_POST
def consent_add(request, pk: int):
    client = get_client(request, pk, "client.change")
    form = ConsentForm(request.POST, prefix="k", organisations=other_organisations(request.user))

    def write(data):
        services.consent_record(
            client=client,
            user=request.user,
            purpose=data["purpose"],
            given_on=data["given_on"],
            given_by=data["given_by"],
            form=data["form"],
            receiving_organisation=data.get("receiving_organisation"),
            shared_fields=data.get("shared_fields"),
            request=request,
        )

    return submit_entry(
        request,
        client,
        form=form,
        name="consent_form",
        write=write,
        message=_("Consent recorded."),
        anchor="consent",
    )


@staff_required("client.list")
@require_POST
def consent_withdraw(request, pk: int, consent_pk: int):
    client = get_client(request, pk, "client.change")
    consent = get_scoped(
        request, Consent, consent_pk, "client.change", Consent.objects.filter(client=client)
    )
    try:
        stopped = services.consent_withdraw(
            consent=consent, user=request.user, withdrawn_on=timezone.localdate(), request=request
        )
    except services.CaseworkError as error:
        return refused(request, client, error, "consent")
    message = _("Consent withdrawn.")
    if stopped:
        message += " " + ngettext(
            "%(n)s referral stopped; the receiver no longer sees the data.",
            "%(n)s referrals stopped; the receivers no longer see the data.",
            stopped,
        ) % {"n": stopped}
    return done(request, client, message, "consent")


@staff_required("client.list")
@require_POST
def session_add(request, pk: int):
    client = get_client(request, pk, "client.change")
    return submit_entry(
        request,
        client,
        form=SessionForm(request.POST, prefix="s"),
        name="session_form",
        write=lambda data: services.session_add(
            client=client, user=request.user, values=data, request=request
        ),
        message=_("Session recorded."),
        anchor="sessions",
    )


@staff_required("client.list")
@require_POST
def outcome_add(request, pk: int):
    client = get_client(request, pk, "client.change")
    return submit_entry(
        request,
        client,
        form=OutcomeForm(request.POST, prefix="o"),
        name="outcome_form",
        write=lambda data: services.outcome_record(
            client=client, user=request.user, request=request, **data
        ),
        message=_("Outcome recorded."),
        anchor="outcome",
    )


@staff_required("client.list")
@require_POST
def client_close(request, pk: int):
    client = get_client(request, pk, "client.change")
    return submit_entry(
        request,
        client,
        form=CloseForm(request.POST, prefix="x"),
        name="close_form",
        write=lambda data: services.client_close(
            client=client, user=request.user, request=request, closed_on=data["closed_on"]
        ),
        message=_("Client closed. Record the outcome if you have not."),
        anchor="outcome",
    )


@staff_required("client.list")
@require_POST
def client_reopen(request, pk: int):
    client = get_client(request, pk, "client.change")
    try:
        services.client_reopen(client=client, user=request.user, request=request)
    except services.CaseworkError as error:
        return refused(request, client, error, "status")
    return done(request, client, _("Client reopened."), "status")


urlpatterns = [
    path("staff/clients/<int:pk>/consents/", consent_add, name="consent_add"),
    path(
        "staff/clients/<int:pk>/consents/<int:consent_pk>/withdraw/",
        consent_withdraw,
        name="consent_withdraw",
    ),
    path("staff/clients/<int:pk>/sessions/", session_add, name="session_add"),
    path("staff/clients/<int:pk>/outcome/", outcome_add, name="outcome_add"),
    path("staff/clients/<int:pk>/close/", client_close, name="client_close"),
    path("staff/clients/<int:pk>/reopen/", client_reopen, name="client_reopen"),
]
