"""The broadcast log of a month (nhật ký phát thanh) as .xlsx, through lib.spreadsheet (which
guards every cell against formula injection)."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.core.models import Unit
from danvan.lib.spreadsheet import BOLD, XLSX_MIME, Book
from danvan.lib.text import commune_official_name
from danvan.news.models import Broadcast

COLUMNS = [
    ("Số", 10),
    ("Ngày phát", 12),
    ("Giờ", 8),
    ("Thời lượng (phút)", 10),
    ("Nội dung phát", 40),
    ("Phạm vi", 28),
    ("Người thực hiện", 20),
    ("Chứng minh công khai", 36),
    ("Ghi chú", 30),
]


def next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def log_rows(commune: Unit, month: date) -> list[Broadcast]:
    return list(
        Broadcast.objects.filter(
            commune=commune, aired_on__gte=month, aired_on__lt=next_month(month)
        )
        .select_related("disclosure")
        .prefetch_related("villages")
        .order_by("aired_on", "starts_at", "number")
    )


def log_bytes(commune: Unit, month: date, rows: list[Broadcast]) -> bytes:
    book = Book(f"Nhật ký phát thanh tháng {month:%m/%Y}")
    sheet = book.sheet(
        f"Tháng {month:%m-%Y}",
        title=f"NHẬT KÝ PHÁT THANH THÁNG {month:%m/%Y}",
        subtitle=f"{commune_official_name(commune.name)} · lập ngày "
        f"{timezone.localdate():%d/%m/%Y}",
    )
    sheet.header(COLUMNS)
    for b in rows:
        where = "Toàn xã" if b.all_villages else ", ".join(v.name for v in b.villages.all())
        sheet.row(
            [
                f"{b.number}/{b.year}",
                b.aired_on,
                f"{b.starts_at:%H:%M}",
                b.minutes,
                b.title,
                where,
                b.read_by,
                b.disclosure.title if b.disclosure else "",
                b.note,
            ]
        )
    if not rows:
        sheet.row(["", "Không có buổi phát nào trong tháng."])
    else:
        sheet.row(["Tổng cộng", f"{len(rows)} buổi", "", sum(b.minutes for b in rows)], font=BOLD)
    return book.to_bytes()


def log_xlsx(*, commune: Unit, month: date) -> HttpResponse:
    data = log_bytes(commune, month, log_rows(commune, month))
    return download(data, XLSX_MIME, f"nhat-ky-phat-thanh-{month:%Y-%m}.xlsx")
