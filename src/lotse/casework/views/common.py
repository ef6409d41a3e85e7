"""Helpers shared by the casework views: fetch a record of the user's organisation, audit reads,
answer a quick entry on the client page."""

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from lotse.accounts.models import Organisation, User
from lotse.accounts.permissions import require, scope
from lotse.casework.models import Client
from lotse.casework.services import CaseworkError
from lotse.core.audit import audit_record


def get_scoped(request, model, pk, action: str = "client.view", queryset=None):
    """The record `pk` if it belongs to the user's organisation and `action` is allowed;
    404 otherwise, so that other organisations' records are not revealed."""
    rows = scope(request.user, queryset if queryset is not None else model.objects.all())
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404
    require(request.user, action, found)
    return found


def get_client(request, pk: int, action: str = "client.view") -> Client:
    """A client of the user's organisation whose personal data has not been erased."""
    client = get_scoped(request, Client, pk, action, Client.objects.select_related("counsellor"))
    if client.is_erased:
        raise Http404
    return client


def audit_read(request, action: str, target, **extra) -> None:
    """A read of personal data; `extra` holds ids and counts only, never the data."""
    audit_record(action=action, actor=request.user, target=target, request=request, extra=extra)


def paginate(request, rows, per_page: int) -> Page:
    """A page of `rows`; a page number that is not a number or out of range gives the first
    or last page instead of an error."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def client_url(client: Client, anchor: str = "") -> str:
    url = reverse("casework:client_detail", args=[client.pk])
    return f"{url}#{anchor}" if anchor else url


def done(request, client: Client, message: str, anchor: str = ""):
    messages.success(request, message)
    return redirect(client_url(client, anchor))


def refused(request, client: Client, error: CaseworkError, anchor: str = ""):
    messages.error(request, str(error))
    return redirect(client_url(client, anchor))


def team_members(user):
    return User.objects.filter(organisation_id=user.organisation_id, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def other_organisations(user):
    """Organisations a client may be referred to: active counselling providers, Welcome Centers
    and partners other than the user's own."""
    return (
        Organisation.objects.filter(is_active=True)
        .exclude(pk=user.organisation_id)
        .exclude(kind=Organisation.Kind.COORDINATION)
        .order_by("name")
    )
