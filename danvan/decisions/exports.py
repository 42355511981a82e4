"""The register of matters villagers decided, one row per village's tally, as .xlsx.

Titles and places are typed by officers, so every text cell is guarded against formula
injection (a leading "=" stays text), as in the other exports.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from danvan.decisions.models import CommunityDecision
from danvan.decisions.rules import percent

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADERS = [
    "Việc",
    "Khoản (Điều 15)",
    "Hình thức",
    "Thôn",
    "Ngày biểu quyết",
    "Tổng số hộ",
    "Số hộ tham gia",
    "Tán thành",
    "Không tán thành",
    "Không hợp lệ",
    "Tỷ lệ tán thành",
    "Kết quả của thôn",
    "Kết quả chung",
    "Tình trạng",
    "Ngày gửi biên bản",
    "Ngày công nhận",
]


def _cell(value: object) -> object:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def decisions_xlsx(decisions: Iterable[CommunityDecision]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Dân bàn và quyết định"
    bold = Font(name="Times New Roman", size=12, bold=True)
    ws.append(HEADERS)
    for c in ws[1]:
        c.font = bold
        c.alignment = Alignment(wrap_text=True, vertical="center")
    for d in decisions:
        for m in d.meetings.select_related("village", "tally").order_by("village__name"):
            t = getattr(m, "tally", None)
            ws.append(
                [
                    _cell(v)
                    for v in (
                        d.title,
                        d.item.number,
                        d.get_form_display(),
                        m.village.name,
                        m.vote_day,
                        t.households if t else None,
                        t.present if t else None,
                        t.agree if t else None,
                        t.disagree if t else None,
                        t.invalid if t else None,
                        percent(t.agree, t.households) if t else "",
                        ("Thông qua" if t.passed else "Không thông qua") if t else "Chưa có",
                        d.get_outcome_display(),
                        d.get_status_display(),
                        d.sent_on,
                        d.recognised_on,
                    )
                ]
            )
    widths = (40, 8, 24, 18, 12, 10, 10, 10, 10, 10, 10, 16, 16, 22, 12, 12)
    for col, width in zip("ABCDEFGHIJKLMNOP", widths, strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if c.column in (5, 15, 16) and c.value:
                c.number_format = "DD/MM/YYYY"
            if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS):
                c.data_type = "s"  # stays text: never run as a formula
                c.quotePrefix = True
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
