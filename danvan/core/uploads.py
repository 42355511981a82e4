"""Uploaded files: limited in size and recognised by their content, never by their name."""

from __future__ import annotations

import hashlib
import zipfile

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat

from danvan.core.errors import DomainError
from danvan.core.models import Attachment, Unit, User

ALLOWED = "PDF, JPEG, PNG, WEBP, Word (.docx), Excel (.xlsx)"


def sniff(head: bytes, f: UploadedFile) -> str | None:
    """The MIME type by magic bytes; Office files by the parts inside the zip."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"PK\x03\x04"):
        try:
            f.seek(0)
            names = set(zipfile.ZipFile(f).namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            f.seek(0)
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def check_upload(f: UploadedFile) -> str:
    """Validate one upload and return its MIME type, or raise a Vietnamese ValidationError."""
    limit = settings.DANVAN_MAX_UPLOAD_BYTES
    if f.size is not None and f.size > limit:
        raise ValidationError(
            "Tệp “%(name)s” quá lớn (%(size)s); tối đa %(limit)s.",
            params={
                "name": f.name,
                "size": filesizeformat(f.size),
                "limit": filesizeformat(limit),
            },
        )
    f.seek(0)
    head = f.read(16)
    f.seek(0)
    mime = sniff(head, f)
    if mime is None:
        raise ValidationError(
            "Tệp “%(name)s” không đúng định dạng cho phép (%(allowed)s).",
            params={"name": f.name, "allowed": ALLOWED},
        )
    return mime


def attachment_create(
    *, file: UploadedFile, owner: models.Model, commune: Unit, by: User | None
) -> Attachment:
    """Store one file for a record; a file the checks refuse is a DomainError.

    The owner must say who may download the file (`readable_by(user)`): an owner without one
    is a programming error, not a file to serve by some fallback rule.
    """
    if not callable(getattr(owner, "readable_by", None)):
        raise TypeError(f"{type(owner).__name__} owns attachments but declares no readable_by")
    try:
        mime = check_upload(file)
    except ValidationError as e:
        raise DomainError.from_validation(e) from e
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return Attachment.objects.create(
        file=file,
        original_name=(file.name or "tep")[:255] or "tep",
        mime_type=mime,
        size=file.size or 0,
        sha256=digest.hexdigest(),
        commune=commune,
        uploaded_by=by,
        owner_type=ContentType.objects.get_for_model(owner),
        owner_id=owner.pk,
    )


def attachment_response(attachment: Attachment | None) -> FileResponse:
    """The file under its original name, to whoever the caller has already checked may read
    it; 404 when there is none or its file is gone from the disk."""
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
