"""Photos shown in pages (the movement's gallery, the news): a resized WebP copy of an uploaded
photo, made once per width and kept in the default storage beside the originals.

A phone on a slow link should not pull a 4 MB camera file into a 300-pixel card. The caller
checks who may see the photo (as for `core.uploads.attachment_response`), then answers
`photo_response(attachment, photo_width(request))`; its pages write
`<img src="…?w=640" loading="lazy" alt="…">` in a box of fixed proportions, so nothing moves
while images arrive.
"""

from __future__ import annotations

import io
import warnings

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from PIL import Image, ImageOps, UnidentifiedImageError

from danvan.core.http import int_param
from danvan.core.models import Attachment

# What a photo field accepts (core.fields.FileUploads(mimes=PHOTO_MIMES)).
PHOTO_MIMES = frozenset({"image/jpeg", "image/png", "image/webp"})
# The widths served: a card on a phone, a card on a desktop or the photo on a phone, the photo
# on a desktop. Any other width asked is served as the nearest one above (or the largest).
WIDTHS = (320, 640, 1280)
DEFAULT_WIDTH = 640
QUALITY = 78
# A day in the browser's cache: a photo's copy never changes (its name carries the file's hash).
MAX_AGE = 86400


def photo_width(request: HttpRequest) -> int:
    """The width asked by `?w=`, snapped to WIDTHS."""
    asked = int_param(request.GET.get("w")) or DEFAULT_WIDTH
    return next((w for w in WIDTHS if w >= asked), WIDTHS[-1])


def resized_name(attachment: Attachment, width: int) -> str:
    return f"resized/{attachment.sha256}-{width}.webp"


def resize(content: bytes, width: int) -> bytes:
    """The photo no wider than `width`, turned as its camera said, as WebP; ValueError when the
    bytes are no photo Pillow can read (or one so large it could exhaust the memory)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                photo = ImageOps.exif_transpose(image)
                photo.thumbnail((width, width * 4))
                if photo.mode not in ("RGB", "RGBA"):
                    photo = photo.convert("RGBA" if "A" in photo.getbands() else "RGB")
                out = io.BytesIO()
                photo.save(out, "WEBP", quality=QUALITY, method=4)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, Warning) as e:
        raise ValueError(str(e)) from e
    return out.getvalue()


def photo_response(
    attachment: Attachment | None, width: int, *, public: bool = False
) -> FileResponse:
    """The photo's copy at `width` (made on first asking, then read from storage), to whoever
    the caller has already checked may see it; 404 when there is none, it is not a photo, it is
    stored encrypted (a sealed file is never a picture on a page) or cannot be read. `public`:
    a portal photo, which shared caches may keep too."""
    if attachment is None or attachment.mime_type not in PHOTO_MIMES or attachment.encrypted:
        raise Http404
    width = width if width in WIDTHS else WIDTHS[-1]
    name = resized_name(attachment, width)
    if not default_storage.exists(name):
        try:
            with attachment.file.open("rb") as handle:
                content = resize(handle.read(), width)
        except (OSError, ValueError):
            raise Http404 from None
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(content))
    try:
        handle = default_storage.open(name, "rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/webp")
    response["Cache-Control"] = f"{'public' if public else 'private'}, max-age={MAX_AGE}"
    return response
