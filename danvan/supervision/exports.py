"""The year's recommendations of the boards and their follow-up, as .xlsx.

Texts are typed by board members and officers, so every text cell is guarded against formula
injection, as in plans.exports. No member's name goes in: the table is about what was
recommended, who answers, by when, and what was answered.
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from danvan.core.models import Unit
from danvan.supervision.models import TIMELINESS_LABELS, Recommendation

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
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
]
_FONT = Font(name="Times New Roman", size=12)
_BOLD = Font(name="Times New Roman", size=12, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _put(ws: Worksheet, row: int, column: int, value: str | None, *, font: Font = _FONT) -> None:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    cell.font = font
    cell.alignment = _WRAP


def _day(d: object) -> str:
    return d.strftime("%d/%m/%Y") if d else ""  # type: ignore[attr-defined]


def recommendations_rows(commune: Unit, year: int) -> list[list[str]]:
    today = timezone.localdate()
    recs = (
        Recommendation.objects.filter(commune=commune, year=year)
        .select_related("activity__board", "owner_unit", "task")
        .order_by("number")
    )
    rows = []
    for r in recs:
        rows.append(
            [
                r.code,
                r.activity.board.short_label,
                r.activity.subject,
                f"{r.title}\n{r.content}",
                r.addressed_to,
                _day(r.sent_on),
                str(r.owner_unit or ""),
                _day(r.due_on),
                r.task.status_label if r.task else "Chưa giao",
                _day(r.answered_on),
                r.answer,
                TIMELINESS_LABELS[r.timeliness(today)],
                "Có" if r.published_at else "Không",
            ]
        )
    return rows


def recommendations_xlsx_bytes(commune: Unit, year: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"Kiến nghị {year}"
    _put(
        ws,
        1,
        1,
        f"KIẾN NGHỊ SAU GIÁM SÁT CỦA NHÂN DÂN VÀ KẾT QUẢ GIẢI QUYẾT NĂM {year}",
        font=_BOLD,
    )
    _put(ws, 2, 1, f"{commune.name} · lập ngày {timezone.localdate():%d/%m/%Y}")
    for i, (title, width) in enumerate(COLUMNS, start=1):
        _put(ws, 4, i, title, font=_BOLD)
        ws.cell(row=4, column=i).fill = PatternFill("solid", fgColor="D9D9D9")
        ws.column_dimensions[get_column_letter(i)].width = width
    rows = recommendations_rows(commune, year)
    for r, values in enumerate(rows, start=5):
        for c, value in enumerate(values, start=1):
            _put(ws, r, c, value)
    if not rows:
        _put(ws, 5, 1, "Chưa có kiến nghị nào trong năm.")
    ws.freeze_panes = "A5"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def recommendations_xlsx(*, commune: Unit, year: int) -> HttpResponse:
    name = f"kien-nghi-giam-sat-{year}.xlsx"
    return HttpResponse(
        recommendations_xlsx_bytes(commune, year),
        content_type=XLSX_MIME,
        headers={"Content-Disposition": content_disposition_header(True, name)},
    )
