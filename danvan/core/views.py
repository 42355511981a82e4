from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.access import get_access
from danvan.core.forms import LawDayForm
from danvan.core.http import AuthedRequest
from danvan.core.law import SECTIONS, law_in_force
from danvan.core.models import Attachment, Notification
from danvan.core.uploads import attachment_response


def home(request: HttpRequest) -> HttpResponse:
    access = get_access(request.user)
    if access.managed_communes or (access.has_any and not access.writable_units):
        return redirect("plans:dashboard")
    return redirect("plans:tasks")


def law(request: AuthedRequest) -> HttpResponse:
    """Every rule of law in force on a day (`?ngay=`, default today), as `danvan law` prints
    it: for a legal officer to check the product against the texts, printable as it is."""
    if not get_access(request.user).has_any:
        raise PermissionDenied
    form = LawDayForm(request.GET or None)
    on = form.cleaned_data["ngay"] if form.is_valid() and form.cleaned_data["ngay"] else None
    on = on or timezone.localdate()
    found = law_in_force(on)
    sections = [
        (key, title, [_dated(row) for row in found[key]]) for key, title in SECTIONS.items()
    ]
    return render(
        request,
        "core/law.html",
        {"on": on, "form": form, "sections": sections, "nav_section": "legal"},
        status=200 if form.is_valid() or not request.GET else 400,
    )


def _dated(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the law with its validity dates as dates, for the page to write dd/mm/yyyy."""
    return {
        key: date.fromisoformat(value) if key.startswith("effective_") and value else value
        for key, value in row.items()
    }


def notifications(request: AuthedRequest) -> HttpResponse:
    items = Notification.objects.filter(user=request.user)[:100]
    return render(request, "core/notifications.html", {"items": items})


@require_POST
def notifications_read(request: AuthedRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("core:notifications")


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve a file to whoever may read the record it belongs to (same rule as the record)."""
    attachment = get_object_or_404(Attachment, pk=pk)
    if not get_access(request.user).can_read(attachment.commune_id):
        raise Http404
    owner = attachment.owner
    if owner is None:
        raise Http404
    check = getattr(owner, "readable_by", None)
    if not callable(check) or not check(request.user):
        raise PermissionDenied
    return attachment_response(attachment)


def _error(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(
        request, "error.html", {"status": status, "title": title, "text": text}, status=status
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, 400, "Yêu cầu không hợp lệ", "Dữ liệu gửi lên không đúng. Vui lòng thử lại."
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        "Không có quyền truy cập",
        "Tài khoản của bạn không được phép xem hoặc thực hiện thao tác này.",
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, 404, "Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã bị chuyển đi."
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        500,
        "Lỗi hệ thống",
        "Đã có lỗi xảy ra. Bộ phận quản trị đã được ghi nhận; vui lòng thử lại sau.",
    )
