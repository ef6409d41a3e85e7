"""Client documents on the client page: upload, access-checked download, delete.

No URL serves `var/media/`; the download view is the only way to a stored file, and it checks
the organisation, sends the file as an attachment under a safe name and writes an audit event.
"""

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import can
from lotse.casework import documents as services
from lotse.casework.models import Client, Document, RecognitionCase
from lotse.casework.selectors import has_consent
from lotse.casework.services import CaseworkError
from lotse.casework.views.common import audit_read, client_url, done, get_client, get_scoped
from lotse.casework.vocab import DocumentKind

ANCHOR = "documents"
ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: RecognitionCase) -> str:
        return f"{obj.occupation.title_de} ({obj.get_status_display()})"


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of document"), choices=DocumentKind.choices)
    case = CaseChoiceField(
        label=gettext_lazy("Belongs to the recognition case"),
        queryset=RecognitionCase.objects.none(),
        required=False,
        empty_label=gettext_lazy("no particular case"),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": gettext_lazy("Choose a file to upload."),
            "empty": gettext_lazy("The file is empty."),
        },
    )

    def __init__(self, *args, client: Client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = client.cases.select_related("occupation")
        self.fields["file"].help_text = _("PDF, PNG or JPEG, at most %(size)s MB.") % {
            "size": services.MAX_DOCUMENT_BYTES // (1024 * 1024)
        }


def detail_context(request, client) -> dict:
    """Extra context for `casework/_documents.html` on the client page."""
    may_change = can(request.user, "client.change", client)
    return {
        "document_list": list(
            client.documents.select_related("case__occupation", "uploaded_by").order_by(
                "-uploaded_at", "-id"
            )
        ),
        "document_form": DocumentForm(client=client, prefix="d")
        if may_change and has_consent(client)
        else None,
        "document_may_delete": may_change,
    }


def _refused(request, client, message: str):
    messages.error(request, message)
    return redirect(client_url(client, ANCHOR))


@staff_required("client.list")
@require_POST
def document_upload(request, pk: int):
    client = get_client(request, pk, "client.change")
    form = DocumentForm(request.POST, request.FILES, client=client, prefix="d")
    if not form.is_valid():
        problems = [error for errors in form.errors.values() for error in errors]
        return _refused(request, client, " ".join(problems))
    try:
        services.document_add(
            client=client,
            user=request.user,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            case=form.cleaned_data["case"],
            request=request,
        )
    except CaseworkError as error:
        return _refused(request, client, str(error))
    return done(request, client, _("Document uploaded."), ANCHOR)


def _document(request, pk: int, action: str) -> Document:
    document = get_scoped(request, Document, pk, action, Document.objects.select_related("client"))
    if document.client.is_erased:
        raise Http404
    return document


@staff_required("client.list")
def document_download(request, pk: int):
    document = _document(request, pk, "client.view")
    handle = services.document_open(document)
    if handle is None:
        return _refused(
            request,
            document.client,
            _(
                "The file of this document cannot be found in the storage. Ask your "
                "administrator to restore it from the backup, or upload it again."
            ),
        )
    audit_read(request, "document.downloaded", document, client=document.client_id)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=services.download_name(document),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser ever display the file, it may run nothing and reach nothing.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@staff_required("client.list")
@require_POST
def document_delete(request, pk: int):
    document = _document(request, pk, "client.change")
    services.document_delete(document=document, user=request.user, request=request)
    return done(request, document.client, _("Document deleted."), ANCHOR)


urlpatterns = [
    path("staff/clients/<int:pk>/documents/", document_upload, name="document_upload"),
    path("staff/documents/<int:pk>/", document_download, name="document_download"),
    path("staff/documents/<int:pk>/delete/", document_delete, name="document_delete"),
]
