from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core import jobs
from danvan.core.access import commune_for, get_access
from danvan.core.audit_export import (
    MAX_ROWS,
    audit_export_filename,
    audit_period_entries,
    audit_period_job,
    audit_period_xlsx,
)
from danvan.core.cache import kept
from danvan.core.errors import DomainError
from danvan.core.forms import AuditPeriodForm, LawDayForm, NotificationPreferenceForm
from danvan.core.http import AuthedRequest, download
from danvan.core.law import SECTIONS, law_in_force
from danvan.core.models import Attachment, Notification, NotificationPreference
from danvan.core.uploads import attachment_response
from danvan.lib.spreadsheet import XLSX_MIME


def home(request: HttpRequest) -> HttpResponse:
    access = get_access(request.user)
    if access.managed_communes or (access.has_any and not access.writable_units):
        # The leaders' overview (danvan.leaders), named by its URL: core imports no app.
        return redirect("leaders:overview")
    # Everybody else lands on "Việc của tôi" (danvan.leaders): what waits on them in every app.
    return redirect("leaders:my_work")


def law(request: AuthedRequest) -> HttpResponse:
    """Every rule of law in force on a day (`?ngay=`, default today), as `danvan law` prints
    it: for a legal officer to check the product against the texts, printable as it is."""
    if not get_access(request.user).has_any:
        raise PermissionDenied
    form = LawDayForm(request.GET or None)
    on = form.cleaned_data["ngay"] if form.is_valid() and form.cleaned_data["ngay"] else None
    on = on or timezone.localdate()
    return render(
        request,
        "core/law.html",
        {"on": on, "form": form, "sections": law_sections(on), "nav_section": "legal"},
        status=200 if form.is_valid() or not request.GET else 400,
    )


def law_sections(on: date) -> SafeString:
    """The page's tables of the rules in force on `on`, as written: the same for everyone, kept
    (core.cache.kept) until any record changes, a minute at most, as the operator edits the
    rules in the admin."""

    def write() -> str:
        found = law_in_force(on)
        sections = [
            (key, title, [_dated(row) for row in found[key]]) for key, title in SECTIONS.items()
        ]
        return render_to_string("core/_law_sections.html", {"sections": sections})

    return mark_safe(kept(f"core:law|{on.isoformat()}", None, write, seconds=60))  # escaped


def _dated(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the law with its validity dates as dates, for the page to write dd/mm/yyyy."""
    return {
        key: date.fromisoformat(value) if key.startswith("effective_") and value else value
        for key, value in row.items()
    }


def audit_export(request: AuthedRequest) -> HttpResponse:
    """A period of the commune's audit log with its hash chain (.xlsx), for an inspector:
    leaders and administrators of the commune, their commune's entries only (`?xa=`, `?tu=`,
    `?den=`). Without a period, the page that asks for one."""
    commune = commune_for(
        request, request.GET.get("xa"), among=get_access(request.user).managed_communes
    )
    asked = "tu" in request.GET or "den" in request.GET
    today = timezone.localdate()
    form = AuditPeriodForm(
        request.GET if asked else None, initial={"tu": today.replace(day=1), "den": today}
    )
    if asked and form.is_valid():
        start, end = form.cleaned_data["tu"], form.cleaned_data["den"]
        try:
            rows = audit_period_entries(start=start, end=end, commune=commune).count()
            if jobs.too_large(rows) and rows <= MAX_ROWS:
                return jobs.start(
                    request,
                    audit_period_job,
                    commune=commune,
                    label=f"Nhật ký thay đổi {start:%d/%m/%Y}–{end:%d/%m/%Y} – {commune.name}",
                    params={"start": start.isoformat(), "end": end.isoformat()},
                )
            content = audit_period_xlsx(start=start, end=end, commune=commune)
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            return download(content, XLSX_MIME, audit_export_filename(start, end))
    return render(
        request,
        "core/audit_export.html",
        {"form": form, "commune": commune, "nav_section": "audit"},
        status=400 if asked else 200,
    )


def notifications(request: AuthedRequest) -> HttpResponse:
    items = Notification.objects.filter(user=request.user)[:100]
    return render(request, "core/notifications.html", {"items": items})


@require_http_methods(["GET", "POST"])
def notification_settings(request: AuthedRequest) -> HttpResponse:
    """Each person's own choice of e-mail (at once, a daily digest, none): the page reads and
    writes the signed-in user's row only, whatever the request names."""
    pref = NotificationPreference.objects.filter(user=request.user).first()
    current = pref.email if pref else NotificationPreference.Email.IMMEDIATE
    if request.method == "POST":
        form = NotificationPreferenceForm(request.POST)
        if form.is_valid():
            NotificationPreference.objects.update_or_create(
                user=request.user, defaults={"email": form.cleaned_data["email"]}
            )
            messages.success(request, "Đã lưu cài đặt thông báo.")
            return redirect("core:notification_settings")
    else:
        form = NotificationPreferenceForm(initial={"email": current})
    return render(
        request,
        "core/notification_settings.html",
        {"form": form, "has_email": bool(request.user.email)},
        status=400 if form.is_bound else 200,
    )


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
