"""The year's recommendations of the boards and their follow-up, as .xlsx.

Texts are typed by board members and officers; lib.spreadsheet guards every cell against
formula injection. No member's name goes in: the table is about what was recommended, who
answers, by when, and what was answered.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.core.models import Unit
from danvan.lib.spreadsheet import XLSX_MIME, Sheet
from danvan.supervision.models import TIMELINESS_LABELS, Recommendation

COLUMNS = [
    ("Số", 8),
    ("Ban", 14),
    ("Cuộc giám sát", 30),
    ("Kiến nghị", 40),
    ("Gửi đến", 18),
    ("Ngày gửi", 12),
    ("Đơn vị chủ trì", 22),
    ("Hạn trả lời", 12),
    ("Tiến độ nhiệm vụ", 16),
    ("Ngày trả lời", 12),
    ("Nội dung trả lời", 40),
    ("Kết quả", 22),
    ("Công khai", 10),
    ("UBND xã nhận ngày", 12),
    ("Căn cứ hạn trả lời", 36),
]


def recommendations_rows(commune: Unit, year: int) -> list[list[object]]:
    today = timezone.localdate()
    recs = (
        Recommendation.objects.filter(commune=commune, year=year)
        .select_related("activity__board", "owner_unit", "task")
        .order_by("number")
    )
    return [
        [
            r.code,
            r.activity.board.short_label,
            r.activity.subject,
            f"{r.title}\n{r.content}",
            r.addressed_to,
            r.sent_on,
            str(r.owner_unit or ""),
            r.due_on,
            r.task.status_label if r.task else "Chưa giao",
            r.answered_on,
            r.answer,
            TIMELINESS_LABELS[r.timeliness(today)],
            "Có" if r.published_at else "Không",
            r.received_on or r.sent_on,
            r.due_source or ("Lãnh đạo ấn định" if r.due_on else ""),
        ]
        for r in recs
    ]


def recommendations_xlsx_bytes(commune: Unit, year: int) -> bytes:
    sheet = Sheet(
        f"Kiến nghị {year}",
        title=f"KIẾN NGHỊ SAU GIÁM SÁT CỦA NHÂN DÂN VÀ KẾT QUẢ GIẢI QUYẾT NĂM {year}",
        subtitle=f"{commune.name} · lập ngày {timezone.localdate():%d/%m/%Y}",
    )
    sheet.header(COLUMNS)
    rows = recommendations_rows(commune, year)
    sheet.rows(rows)
    if not rows:
        sheet.row(["Chưa có kiến nghị nào trong năm."])
    return sheet.to_bytes()


def recommendations_xlsx(*, commune: Unit, year: int) -> HttpResponse:
    return download(
        recommendations_xlsx_bytes(commune, year), XLSX_MIME, f"kien-nghi-giam-sat-{year}.xlsx"
    )
