"""Client documents (diploma scans, transcripts, decisions): add and delete.

Files go to the default storage under `var/media/` with a random name (`Document.file`'s
upload_to), which no URL serves; only the access-checked download view reads them. The type
is recognised from the first bytes, never from the name, so a renamed program is refused.
"""

import logging
import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.casework.models import Client, Document, RecognitionCase
from lotse.casework.selectors import has_consent
from lotse.casework.services import CaseworkError
from lotse.casework.vocab import DocumentKind
from lotse.core.audit import audit_record
from lotse.core.uploads import EXTENSIONS, check_upload

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def clean_original_name(name: str) -> str:
    """The name as the user's computer called it, without any path or control characters."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:200] or "document"


def download_name(document: Document) -> str:
    """An ASCII file name for `Content-Disposition`: letters, digits, dot, dash, underscore,
    ending in the extension of the type recognised at upload (whatever the upload was called)."""
    stem = clean_original_name(document.original_name).rsplit(".", 1)[0]
    stem = _UNSAFE.sub("_", anyascii(stem)).strip("._-")[:80]
    extension = EXTENSIONS.get(document.content_type, "bin")
    return f"{stem or f'document-{document.pk}'}.{extension}"


def delete_files_on_commit(names: Iterable[str]) -> None:
    """Remove stored files once the transaction that deleted their rows has committed (a
    rollback keeps both)."""
    names = [name for name in names if name]
    if not names:
        return

    def _delete() -> None:
        for name in names:
            try:
                default_storage.delete(name)
            except OSError:
                logger.exception("Could not delete a stored client document file.")

    transaction.on_commit(_delete)


def document_open(document: Document):
    """The stored file, opened for reading; None when it has gone missing (e.g. a database
    restored without its media folder), so that the caller can say so instead of failing."""
    try:
        return document.file.open("rb")
    except (OSError, ValueError):
        logger.warning("Stored file of client document %s cannot be read.", document.pk)
        return None


def document_add(
    *,
    client: Client,
    user,
    upload,
    kind: str,
    case: RecognitionCase | None = None,
    request=None,
) -> Document:
    """Store an uploaded document of `client`. Needs an active counselling consent."""
    if client.is_erased:
        raise CaseworkError(_("This client's personal data has been erased."))
    if not has_consent(client):
        raise CaseworkError(
            _("Record the client's consent to counselling before adding documents.")
        )
    if kind not in DocumentKind.values:
        raise CaseworkError(_("Choose the kind of document."))
    if case is not None and case.client_id != client.pk:
        raise CaseworkError(_("Choose one of this client's recognition cases."))
    try:
        content_type = check_upload(upload, max_bytes=MAX_DOCUMENT_BYTES)
    except ValidationError as error:
        raise CaseworkError(error.messages[0]) from error
    document = Document(
        client=client,
        organisation_id=client.organisation_id,
        case=case,
        kind=kind,
        original_name=clean_original_name(upload.name),
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    # The file is written first; if the row cannot be saved the file is removed again.
    document.file.save("upload", upload, save=False)
    try:
        with transaction.atomic():
            document.save()
            audit_record(
                action="document.uploaded",
                actor=user,
                target=document,
                request=request,
                extra={"client": client.pk, "kind": kind},
            )
    except Exception:
        default_storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def document_delete(*, document: Document, user, request=None, reason: str = "") -> None:
    """Delete the row now and the file after commit."""
    name = document.file.name
    document_id, client_id = document.pk, document.client_id
    document.delete()
    extra = {"client": client_id}
    if reason:
        extra["reason"] = reason
    audit_record(
        action="document.deleted",
        actor=user,
        target_type=Document._meta.label_lower,
        target_id=document_id,
        organisation_id=document.organisation_id,
        request=request,
        extra=extra,
    )
    delete_files_on_commit([name])
