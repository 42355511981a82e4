"""The study sessions of a year as .xlsx: the list (as filtered) and the year's summary by unit.
lib.spreadsheet guards every cell against formula injection."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.core.models import Unit
from danvan.lib.spreadsheet import BOLD, XLSX_MIME, Book
from danvan.lib.text import commune_official_name
from danvan.study.models import StudySession
from danvan.study.selectors import STATUS_LABELS, state

COLUMNS = [
    ("STT", 6),
    ("Tên buổi", 40),
    ("Hình thức", 22),
    ("Đối tượng", 22),
    ("Đơn vị tổ chức", 24),
    ("Báo cáo viên", 20),
    ("Địa điểm", 20),
    ("Ngày dự kiến", 12),
    ("Ngày tổ chức", 12),
    ("Trạng thái", 18),
    ("Văn bản được học tập, phổ biến", 40),
    ("Số được triệu tập", 12),
    ("Số có mặt", 10),
    ("Tỷ lệ (%)", 10),
    ("Ghi chú", 30),
]


def list_bytes(commune: Unit, year: int, sessions: list[StudySession], today: date) -> bytes:
    book = Book(f"Học tập, tuyên truyền năm {year}")
    sheet = book.sheet(
        f"Năm {year}",
        title=f"DANH SÁCH BUỔI HỌC TẬP, QUÁN TRIỆT, TUYÊN TRUYỀN NĂM {year}",
        subtitle=f"{commune_official_name(commune.name)} · lập ngày {today:%d/%m/%Y}",
    )
    sheet.header(COLUMNS)
    for n, s in enumerate(sessions, start=1):
        note = s.cancel_reason if s.status == StudySession.Status.CANCELLED else s.note
        sheet.row(
            [
                n,
                s.title,
                s.get_kind_display(),
                s.get_audience_display(),
                s.organiser.name,
                s.presenter,
                s.village.name if s.village else s.place,
                s.planned_on,
                s.held_on,
                STATUS_LABELS[state(s.status, s.planned_on, today)],
                "; ".join(str(d) for d in s.documents.all()),
                s.expected_total or None,
                s.present_total if s.status == StudySession.Status.HELD else None,
                s.rate,
                note,
            ]
        )
    if not sessions:
        sheet.row(["", "Không có buổi nào."])
    return book.to_bytes()


def list_xlsx(
    *, commune: Unit, year: int, sessions: QuerySet[StudySession], today: date
) -> HttpResponse:
    found = list(
        sessions.select_related("organiser", "village")
        .prefetch_related("documents")
        .order_by("planned_on", "id")
    )
    data = list_bytes(commune, year, found, today)
    return download(data, XLSX_MIME, f"hoc-tap-tuyen-truyen-{year}.xlsx")


def summary_bytes(commune: Unit, year: int, s: dict[str, Any]) -> bytes:
    book = Book(f"Tổng hợp học tập, tuyên truyền năm {year}")
    sheet = book.sheet(
        "Tổng hợp",
        title=f"TỔNG HỢP KẾT QUẢ HỌC TẬP, QUÁN TRIỆT, TUYÊN TRUYỀN NĂM {year}",
        subtitle=f"{commune_official_name(commune.name)} · lập ngày "
        f"{timezone.localdate():%d/%m/%Y}",
    )
    sheet.header([("Nội dung", 50), ("Số buổi", 12), ("Số người dự", 14)])
    sheet.row(["Buổi theo kế hoạch trong năm", s["planned"], None])
    sheet.row(["Buổi đã tổ chức", s["held"], s["present"]], font=BOLD)
    for k in s["by_kind"]:
        sheet.row([f"  {k['label']}", k["sessions"], k["present"]])
    sheet.row(["Buổi đã hủy", s["cancelled"], None])
    sheet.row(["Số văn bản được học tập, phổ biến", s["documents"], None])
    rate = f"{s['rate']} %" if s["rate"] is not None else "chưa có số triệu tập"
    sheet.row([f"Tỷ lệ tham dự chung: {rate}", None, None])
    units = book.sheet("Theo đơn vị", title=f"THAM DỰ THEO ĐƠN VỊ NĂM {year}")
    units.header(
        [
            ("Đơn vị", 40),
            ("Số buổi", 10),
            ("Số được triệu tập", 14),
            ("Số có mặt", 12),
            ("Tỷ lệ (%)", 10),
        ]
    )
    for u in s["units"]:
        units.row([u["unit"], u["sessions"], u["expected"], u["present"], u["rate"]])
    if not s["units"]:
        units.row(["Chưa có điểm danh nào."])
    return book.to_bytes()


def summary_xlsx(*, commune: Unit, year: int, s: dict[str, Any]) -> HttpResponse:
    return download(
        summary_bytes(commune, year, s), XLSX_MIME, f"tong-hop-hoc-tap-tuyen-truyen-{year}.xlsx"
    )
