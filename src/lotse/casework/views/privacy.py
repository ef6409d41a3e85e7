"""Data protection on the client page: export (Art. 15/20) and erasure (Art. 17).

Erasure cannot be undone, so it asks for the client number to be typed: a slip of the mouse
on the wrong client's page does nothing.
"""

from django import forms
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import can
from lotse.casework import privacy, retention
from lotse.casework.services import CaseworkError
from lotse.casework.views.common import client_url, get_client, refused

ANCHOR = "privacy"


class EraseForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Client number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["number"].help_text = _(
            "Type %(number)s to confirm. This cannot be undone."
        ) % {"number": client.number}

    def clean_number(self) -> str:
        typed = self.cleaned_data["number"].strip().upper()
        if typed != self.client.number:
            raise forms.ValidationError(
                _("The number you typed is not this client's number. Nothing was erased.")
            )
        return typed


def detail_context(request, client) -> dict:
    """Extra context for `casework/_privacy.html` on the client page."""
    may_erase = can(request.user, "client.erase", client)
    return {
        "privacy_may_export": can(request.user, "client.export", client),
        "erase_form": EraseForm(client=client, prefix="e") if may_erase else None,
        "erasure_due": retention.erasure_date(client),
    }


@staff_required("client.list")
@require_POST
def client_export(request, pk: int):
    client = get_client(request, pk, "client.export")
    export = privacy.client_export(client=client, user=request.user, request=request)
    response = FileResponse(
        export.file, as_attachment=True, filename=export.filename, content_type="application/zip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required("client.list")
@require_POST
def client_erase(request, pk: int):
    client = get_client(request, pk, "client.erase")
    form = EraseForm(request.POST, client=client, prefix="e")
    if not form.is_valid():
        problems = [error for errors in form.errors.values() for error in errors]
        messages.error(request, " ".join(problems))
        return redirect(client_url(client, ANCHOR))
    try:
        privacy.client_erase(client=client, user=request.user, request=request)
    except CaseworkError as error:
        return refused(request, client, error, ANCHOR)
    messages.success(
        request,
        _(
            "The client's personal data and documents have been erased. The anonymised "
            "statistical facts remain."
        ),
    )
    return redirect("casework:client_list")


urlpatterns = [
    path("staff/clients/<int:pk>/export/", client_export, name="client_export"),
    path("staff/clients/<int:pk>/erase/", client_erase, name="client_erase"),
]
