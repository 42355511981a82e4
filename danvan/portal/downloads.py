"""A public part's file, served for download.

KIT: core has no helper that serves an attachment (core.views.attachment_download writes the
FileResponse inline); `core.uploads.attachment_response(attachment)` would serve both.
"""

from __future__ import annotations

from django.http import FileResponse, Http404

from danvan.core.models import Attachment


def attachment_response(attachment: Attachment | None) -> FileResponse:
    """The file under its original name; 404 when there is none or its file is gone."""
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except OSError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.mime_type,
    )
