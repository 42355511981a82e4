"""Uploaded files: limited in size and recognised by their content, never by their name."""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import IO

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat

from danvan.core import crypto
from danvan.core.errors import DomainError
from danvan.core.models import Attachment, Unit, User

ALLOWED = "PDF, JPEG, PNG, WEBP, Word (.docx), Excel (.xlsx)"
KEY_MISMATCH = (
    "Không mở được tệp đã mã hóa: khóa mã hóa của máy chủ không khớp. Xin báo quản trị hệ thống."
)


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
    is a programming error, not a file to serve by some fallback rule. An owner whose files
    can reveal a protected person says so with a true `seals_attachments` (a denunciation):
    its files are stored encrypted with the vault's keys (core.crypto) and decrypted only in
    the download response.
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
    sealed = seals_attachments(owner)
    stored: File = file
    if sealed:
        stored = ContentFile(crypto.encrypt(file.read()), name=file.name)
    return Attachment.objects.create(
        file=stored,
        original_name=(file.name or "tep")[:255] or "tep",
        mime_type=mime,
        size=file.size or 0,
        sha256=digest.hexdigest(),
        commune=commune,
        uploaded_by=by,
        owner_type=ContentType.objects.get_for_model(owner),
        owner_id=owner.pk,
        encrypted=sealed,
    )


def seals_attachments(owner: models.Model | None) -> bool:
    return bool(getattr(owner, "seals_attachments", False))


def attachment_response(attachment: Attachment | None) -> FileResponse:
    """The file under its original name, to whoever the caller has already checked may read
    it (an encrypted file decrypted here, in memory); 404 when there is none or its file is
    gone from the disk; a 503 when no configured key opens it."""
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except OSError:
        raise Http404 from None
    content: IO[bytes] = handle
    if attachment.encrypted:
        with handle:
            token = handle.read()
        try:
            content = io.BytesIO(crypto.decrypt(token))
        except crypto.KeyMismatch:
            # The server's keys, not the reader, are wrong (a key dropped before
            # `danvan rotate-keys` ran): a 503 saying so, not a 500.
            return FileResponse(
                io.BytesIO(KEY_MISMATCH.encode()),
                status=503,
                content_type="text/plain; charset=utf-8",
            )
    return FileResponse(
        content,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.mime_type,
    )


def attachment_seal(attachment: Attachment) -> bool:
    """Encrypt a stored file in place (under a new name, the old one removed after the row
    points at the new one); False when it already is."""
    if attachment.encrypted:
        return False
    with attachment.file.open("rb") as handle:
        plain = handle.read()
    return _replace(attachment, crypto.encrypt(plain), encrypted=True)


def attachment_rotate(attachment: Attachment) -> bool:
    """Re-encrypt an encrypted file under the newest key; False when there is nothing to do."""
    if not attachment.encrypted:
        return False
    with attachment.file.open("rb") as handle:
        token = handle.read()
    if crypto.is_current(token):
        return False
    return _replace(attachment, crypto.rotate(token), encrypted=True)


def _replace(attachment: Attachment, content: bytes, *, encrypted: bool) -> bool:
    """Write the new content under a new name, point the row at it, and remove the old file
    only once that is committed: a failure on the way leaves the old file in place."""
    old = attachment.file.name
    storage = attachment.file.storage
    attachment.file.save(old, ContentFile(content), save=False)  # a new name: attachment_path
    attachment.encrypted = encrypted
    Attachment.objects.filter(pk=attachment.pk).update(
        file=attachment.file.name, encrypted=encrypted
    )
    transaction.on_commit(lambda: storage.delete(old))
    return True
