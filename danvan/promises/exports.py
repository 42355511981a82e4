"""The filtered list of promises as .xlsx (lib.spreadsheet guards every cell against formula
injection). What was promised, where, who owes it, by when, and what became of it: the unit,
never an officer's name (the person named by the officer who recorded the promise aside)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.core.models import Unit
from danvan.lib.spreadsheet import XLSX_MIME, Sheet
from danvan.promises.models import STATUS_LABELS, Promise

COLUMNS = [
    ("STT", 6),
    ("Nguồn", 18),
    ("Hứa, kết luận tại", 30),
    ("Cam kết", 40),
    ("Đơn vị thực hiện", 22),
    ("Người chịu trách nhiệm", 18),
    ("Thôn", 14),
    ("Ngày hứa", 12),
    ("Hạn đã hứa", 12),
    ("Hạn theo lộ trình", 12),
    ("Tình trạng", 22),
    ("Ngày có kết quả", 12),
    ("Kết quả thực hiện", 40),
    ("Công khai", 10),
]


def promises_rows(promises: QuerySet[Promise]) -> list[list[object]]:
    today = timezone.localdate()
    found = promises.select_related("owner_unit", "village").order_by("-made_on", "-id")
    return [
        [
            n,
            p.get_source_display(),
            p.source_label,
            f"{p.title}\n{p.content}".strip(),
            p.owner_unit.name,
            p.owner_person,
            p.village.name if p.village else "",
            p.made_on,
            p.promised_due,
            p.due_on if p.due_on != p.promised_due else None,
            STATUS_LABELS[p.status(today)],
            p.outcome_on,
            p.outcome_note,
            "Có" if p.public else f"Không ({p.internal_reason})",
        ]
        for n, p in enumerate(found, start=1)
    ]


def promises_xlsx_bytes(commune: Unit, promises: QuerySet[Promise]) -> bytes:
    sheet = Sheet(
        "Cam kết",
        title="CÁC CAM KẾT, LỜI HỨA VỚI NHÂN DÂN VÀ KẾT QUẢ THỰC HIỆN",
        subtitle=f"{commune.name} · lập ngày {timezone.localdate():%d/%m/%Y}",
    )
    sheet.header(COLUMNS)
    rows = promises_rows(promises)
    sheet.rows(rows)
    if not rows:
        sheet.row(["Không có cam kết nào theo điều kiện lọc."])
    return sheet.to_bytes()


def promises_xlsx(*, commune: Unit, promises: QuerySet[Promise]) -> HttpResponse:
    return download(promises_xlsx_bytes(commune, promises), XLSX_MIME, "cam-ket-voi-nhan-dan.xlsx")
