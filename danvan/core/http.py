from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from danvan.core.models import User


class AuthedRequest(HttpRequest):
    """A request behind LoginRequiredMiddleware: `user` is a real user (for the type checker)."""

    user: User


def int_param(value: object) -> int | None:
    """A whole number from a query parameter or a URL, or None for anything else (empty,
    letters, a number too large for the database's integers)."""
    if value is None or value == "":
        return None
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return number if abs(number) < 2**63 else None


def download(content: bytes, mime: str, filename: str) -> HttpResponse:
    """A generated file (.docx, .xlsx) sent as a download under its Vietnamese name."""
    return HttpResponse(
        content,
        content_type=mime,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
