"""A period of the audit log with its chain, for an inspector (.xlsx).

Each row carries the fields the entry's hash covers, exactly as they are hashed (time in UTC,
ISO 8601; changes as canonical JSON), its `prev_hash` and `hash`; the title block gives the hash
of the entry just before the period. So the period can be checked on its own, without the
database (docs/operations.md, "Kiểm tra một kỳ nhật ký"): every row's hash recomputes from its
fields, and each row's prev_hash is the hash of the row above it, the first row's that of the
entry before the period. The chain is global (every commune's entries in one chain): an export
for one commune shows the global values, and a row whose predecessor in the chain belongs to
another commune (or to the system) is marked so; `danvan audit-export` without `--commune`
gives the whole chain of the period, every link checkable.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.access import get_access
from danvan.core.audit import ACTION_LABELS, CHAIN_FIELDS, _canonical, content_type_key, row_digest
from danvan.core.errors import DomainError
from danvan.core.jobs import Output, Progress, job_kind
from danvan.core.models import AuditEntry, Job, Unit, User
from danvan.lib.spreadsheet import RED, XLSX_MIME, Sheet
from danvan.lib.text import commune_official_name

MAX_ROWS = 50_000

COLUMNS = [
    ("Mã mục", 9),
    ("Thời điểm", 17),
    ("Thời điểm (UTC, dùng để tính mã băm)", 34),
    ("Mã người thực hiện", 10),
    ("Người thực hiện", 22),
    ("Mã xã", 8),
    ("Hành động", 24),
    ("Diễn giải", 28),
    ("Loại đối tượng", 20),
    ("Mã đối tượng", 10),
    ("Đối tượng", 36),
    ("Thay đổi (JSON)", 50),
    ("Mã băm mục trước", 66),
    ("Mã băm", 66),
    ("Nối tiếp dòng trên", 16),
    ("Mã băm khớp nội dung", 14),
]


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From the start of `start` to the end of `end`, local time (Asia/Ho_Chi_Minh)."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


def audit_period_entries(*, start: date, end: date, commune: Unit | None) -> QuerySet[AuditEntry]:
    """The entries of the period (of one commune, or all of them); DomainError for a period
    that ends before it starts."""
    if end < start:
        raise DomainError("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
    since, until = period_bounds(start, end)
    entries = AuditEntry.objects.filter(created_at__gte=since, created_at__lt=until)
    return entries if commune is None else entries.filter(commune=commune)


def audit_period_xlsx(
    *,
    start: date,
    end: date,
    commune: Unit | None,
    progress: Callable[[int, int], object] | None = None,
) -> bytes:
    """The entries of the period (of one commune, or all of them), with the chain's values;
    `progress(done, total)` after each row. DomainError for a period that ends before it starts
    or holds more than MAX_ROWS entries."""
    entries = audit_period_entries(start=start, end=end, commune=commune)
    since, _until = period_bounds(start, end)
    total = entries.count()
    if total > MAX_ROWS:
        raise DomainError(
            f"Kỳ này có hơn {MAX_ROWS:,} mục nhật ký; vui lòng chọn khoảng thời gian ngắn hơn."
        )
    before = (
        AuditEntry.objects.filter(created_at__lt=since)
        .order_by("-pk")
        .values_list("hash", flat=True)
        .first()
    )
    whose = commune_official_name(commune.name) if commune else "toàn hệ thống"
    sheet = Sheet(
        "Nhật ký",
        title=f"NHẬT KÝ THAY ĐỔI – {whose.upper()}",
        subtitle=f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}",
    )
    sheet.line(f"Mã băm của mục cuối cùng trước kỳ (chuỗi toàn hệ thống): {before or '(không có)'}")
    sheet.line(
        "Cách kiểm tra: mã băm = SHA-256 (hệ 16) của mảng JSON UTF-8 [mã băm mục trước, "
        "thời điểm UTC, mã người thực hiện, mã xã, hành động, loại đối tượng, mã đối tượng, "
        "đối tượng, thay đổi], khóa sắp xếp, không khoảng trắng; ô trống là null."
    )
    if commune is not None:
        sheet.line(
            "Chuỗi mã băm là chung cho mọi xã: dòng không nối tiếp dòng trên là dòng có mục "
            "của xã khác hoặc của hệ thống xen giữa."
        )
    sheet.header(COLUMNS)
    actors = dict(User.objects.values_list("pk", "full_name"))
    prev_in_sheet = before or ""
    rows = entries.order_by("pk").values(*CHAIN_FIELDS).iterator(chunk_size=2000)
    for done, row in enumerate(rows, start=1):
        intact = row_digest(row) == row["hash"]
        number = sheet.row(_cells(row, actors, linked=row["prev_hash"] == prev_in_sheet, ok=intact))
        if not intact:
            sheet.ws.cell(row=number, column=len(COLUMNS)).font = RED
        prev_in_sheet = row["hash"]
        if progress is not None:
            progress(done, total)
    return sheet.to_bytes()


def _manages(job: Job, user: User) -> bool:
    return get_access(user).can_manage(job.commune_id)


# The same period of the same commune is the same file for every leader who may export it.
@job_kind(source=_manages, shared=True)
def audit_period_job(job: Job, progress: Progress) -> Output:
    start = date.fromisoformat(job.params["start"])
    end = date.fromisoformat(job.params["end"])
    content = audit_period_xlsx(
        start=start,
        end=end,
        commune=job.commune,
        progress=lambda done, total: progress(done, total, "Đang ghi nhật ký"),
    )
    return Output(
        content=content,
        filename=audit_export_filename(start, end),
        mime=XLSX_MIME,
        message=f"Đã xuất nhật ký từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}.",
    )


def _cells(row: dict[str, Any], actors: dict[int, str], *, linked: bool, ok: bool) -> list[Any]:
    at: datetime = row["created_at"]
    changes = json.dumps(
        _canonical(row["changes"]), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return [
        row["pk"],
        timezone.localtime(at).strftime("%d/%m/%Y %H:%M:%S"),
        at.astimezone(UTC).isoformat(timespec="microseconds"),
        row["actor_id"],
        actors.get(row["actor_id"], "") if row["actor_id"] else "",
        row["commune_id"],
        row["action"],
        ACTION_LABELS.get(row["action"], ""),
        content_type_key(row["content_type_id"]),
        row["object_id"],
        row["object_repr"],
        changes,
        row["prev_hash"],
        row["hash"],
        "có" if linked else "không",
        "khớp" if ok else "KHÔNG KHỚP",
    ]


def audit_export_filename(start: date, end: date) -> str:
    return f"nhat-ky-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
