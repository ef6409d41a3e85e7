"""Checks for uploaded files: the type is recognised by the file's first bytes, never its name.

Both the quality evidence and the client documents accept only PDF, PNG and JPEG. A renamed
executable or script starts with other bytes and is refused whatever its file name says.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


def sniff_content_type(upload) -> str | None:
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


def check_upload(upload, *, max_bytes: int) -> str:
    """Validate `upload` and return its content type as recognised from its content."""
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > max_bytes:
        megabytes = max_bytes // (1024 * 1024)
        raise ValidationError(_("The file is larger than %(size)s MB.") % {"size": megabytes})
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise ValidationError(_("Only PDF, PNG or JPEG files can be attached."))
    return content_type
