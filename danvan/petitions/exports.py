"""The periodic statistics table of reception and petitions as .xlsx.

Counts only: no petition text and no person's name goes into this file, so it can be sent to
the district or province as it is (Luật Tố cáo 2018, Điều 56(2): nothing that identifies a
denouncer leaves the case file). Unit and village names are typed by administrators, so every
text cell is guarded against formula injection, as in plans.exports.
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from danvan.petitions.selectors import Row, Stats

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet reads a text starting with one of these as a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = [
    ("Tổng số đơn nhận", "total"),
    ("Đã thụ lý", "accepted"),
    ("Đang xử lý", "open"),
    ("Trong đó tạm đình chỉ", "paused"),
    ("Đã giải quyết", "resolved"),
    ("Hướng dẫn, chuyển, trả, lưu đơn", "routed"),
    ("Đã kết thúc", "closed"),
    ("Kết thúc đúng hạn", "on_time"),
    ("Đang quá hạn", "overdue"),
]
_FONT = Font(name="Times New Roman", size=12)
_BOLD = Font(name="Times New Roman", size=12, bold=True)
_TITLE = Font(name="Times New Roman", size=14, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEAD = Alignment(wrap_text=True, vertical="center", horizontal="center")
_FILL = PatternFill("solid", fgColor="D9D9D9")


def _put(
    ws: Worksheet, row: int, column: int, value: str | int | None, *, font: Font = _FONT
) -> Cell:
    """Write one cell; a text that a spreadsheet would run as a formula stays text."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    cell.font = font
    cell.alignment = _WRAP
    return cell


def _table(ws: Worksheet, top: int, first: str, rows: list[Row], total: Row | None) -> int:
    """A table: header, one line per row, an optional total; returns the next free row."""
    headers = [first, *(label for label, _ in COLUMNS), "Tỷ lệ đúng hạn (%)"]
    for column, title in enumerate(headers, start=1):
        cell = _put(ws, top, column, title, font=_BOLD)
        cell.alignment, cell.fill = _HEAD, _FILL
    row = top
    for r, font in [*((r, _FONT) for r in rows), *([(total, _BOLD)] if total else [])]:
        row += 1
        _put(ws, row, 1, r.label, font=font)
        for column, (_label, name) in enumerate(COLUMNS, start=2):
            _put(ws, row, column, getattr(r, name), font=font)
        _put(ws, row, len(headers), r.rate if r.rate is not None else "—", font=font)
    return row + 2


def stats_xlsx(stats: Stats) -> bytes:
    """Sheet 1: by kind with the total and the reception register; sheet 2: by village and by
    handling unit. The on-time rate is closed on time ÷ (closed + open overdue)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tổng hợp"
    wb.properties.title = f"Thống kê đơn thư {stats.commune.name}"
    wb.properties.creator = "Dân vận số"
    last = get_column_letter(len(COLUMNS) + 2)
    lines = [
        (f"THỐNG KÊ TIẾP CÔNG DÂN, XỬ LÝ ĐƠN THƯ – {stats.commune.name.upper()}", _TITLE),
        (f"Kỳ thống kê: từ ngày {stats.start:%d/%m/%Y} đến ngày {stats.end:%d/%m/%Y}", _FONT),
        (
            f"Tính trên các đơn nhận trong kỳ; tình trạng đến ngày {stats.today:%d/%m/%Y}. "
            "Tỷ lệ đúng hạn = số đơn kết thúc đúng hạn ÷ (số đơn đã kết thúc + số đơn đang "
            "quá hạn).",
            _FONT,
        ),
    ]
    for row, (text, font) in enumerate(lines, start=1):
        _put(ws, row, 1, text, font=font)
        ws.merge_cells(f"A{row}:{last}{row}")
    ws.row_dimensions[3].height = 32
    row = _table(ws, 5, "Loại đơn", stats.by_kind, stats.total)

    _put(ws, row, 1, "Tiếp công dân trong kỳ", font=_BOLD)
    rec = stats.reception
    for label, value in [
        *((f"Số buổi: {label.lower()}", n) for _k, label, n in rec["sessions"]),
        ("Số lượt tiếp", rec["visits"]),
        ("Số người được tiếp", rec["people"]),
        ("Số đoàn đông người (từ 5 người)", rec["groups"]),
    ]:
        row += 1
        _put(ws, row, 1, label)
        _put(ws, row, 2, value)
    ws.column_dimensions["A"].width = 34
    for column in range(2, len(COLUMNS) + 3):
        ws.column_dimensions[get_column_letter(column)].width = 13
    ws.freeze_panes = "B6"
    _landscape(ws)

    ws2 = wb.create_sheet("Theo thôn, đơn vị")
    row = _table(ws2, 1, "Thôn, tổ dân phố", stats.by_village, None)
    _table(ws2, row, "Đơn vị xử lý", stats.by_unit, None)
    ws2.column_dimensions["A"].width = 34
    for column in range(2, len(COLUMNS) + 3):
        ws2.column_dimensions[get_column_letter(column)].width = 13
    _landscape(ws2)

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _landscape(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]


def stats_xlsx_response(stats: Stats) -> HttpResponse:
    name = f"thong-ke-don-thu-{stats.start:%Y%m%d}-{stats.end:%Y%m%d}.xlsx"
    return HttpResponse(
        stats_xlsx(stats),
        content_type=XLSX_MIME,
        headers={"Content-Disposition": content_disposition_header(True, name)},
    )
