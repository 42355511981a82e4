"""The periodic statistics table of reception and petitions, and the printed reception
register (form 03/TCD), as .xlsx.

The statistics are counts only: no petition text and no person's name goes into that file, so
it can be sent to the province as it is (Luật Tố cáo 2018, Điều 56(2): nothing that identifies
a denouncer leaves the case file). The register names the people who came, as the register
does, except a protected line (a denouncer's), which shows the protected mark and text already
struck of the identity (petitions.reception). Every text cell is guarded against formula
injection (danvan.lib.spreadsheet).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse

from danvan.core.http import download
from danvan.core.models import Unit
from danvan.lib.spreadsheet import (
    BOLD,
    FONT,
    HEADER_ALIGN,
    HEADER_FILL,
    XLSX_MIME,
    Book,
    Sheet,
    put,
)
from danvan.lib.text import commune_official_name
from danvan.petitions.models import Visit
from danvan.petitions.selectors import Row, Stats

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


def _table(sheet: Sheet, first: str, rows: list[Row], total: Row | None) -> None:
    """A table: header, one line per row, an optional total, then a blank row. The sheet's
    first table has the sheet's header (frozen, printed on every page); a second one under
    it gets a header row of the same look."""
    headers = [(first, 34), *((label, 13) for label, _name in COLUMNS), ("Tỷ lệ đúng hạn (%)", 13)]
    if not sheet.header_row:
        sheet.header(headers)
    else:
        for column, (title, _width) in enumerate(headers, start=1):
            cell = put(sheet.ws, sheet.next_row, column, title, font=BOLD)
            cell.alignment, cell.fill = HEADER_ALIGN, HEADER_FILL
        sheet.next_row += 1
    for r, font in [*((r, FONT) for r in rows), *([(total, BOLD)] if total else [])]:
        values = [getattr(r, name) for _label, name in COLUMNS]
        sheet.row([r.label, *values, r.rate if r.rate is not None else "—"], font=font)
    sheet.next_row += 1


def stats_xlsx(stats: Stats) -> bytes:
    """Sheet 1: by kind with the total and the reception register; sheet 2: by village and by
    handling unit. The on-time rate is closed on time ÷ (closed + open overdue)."""
    book = Book(f"Thống kê đơn thư {stats.commune.name}")
    sheet = book.sheet(
        "Tổng hợp",
        title=f"THỐNG KÊ TIẾP CÔNG DÂN, XỬ LÝ ĐƠN THƯ – {stats.commune.name.upper()}",
        subtitle=f"Kỳ thống kê: từ ngày {stats.start:%d/%m/%Y} đến ngày {stats.end:%d/%m/%Y}",
    )
    sheet.line(
        f"Tính trên các đơn nhận trong kỳ; tình trạng đến ngày {stats.today:%d/%m/%Y}. "
        "Tỷ lệ đúng hạn = số đơn kết thúc đúng hạn ÷ (số đơn đã kết thúc + số đơn đang "
        "quá hạn)."
    )
    sheet.ws.row_dimensions[3].height = 32
    _table(sheet, "Loại đơn", stats.by_kind, stats.total)
    sheet.ws.freeze_panes = "B6"  # the kind stays in sight too

    # The reception register's counts: label and number, under the table, outside its filter.
    row = sheet.next_row
    put(sheet.ws, row, 1, "Tiếp công dân trong kỳ", font=BOLD)
    rec = stats.reception
    for label, value in [
        *((f"Số buổi: {label.lower()}", n) for _k, label, n in rec["sessions"]),
        ("Số lượt tiếp", rec["visits"]),
        ("Số người được tiếp", rec["people"]),
        ("Số đoàn đông người (từ 5 người)", rec["groups"]),
    ]:
        row += 1
        put(sheet.ws, row, 1, label)
        put(sheet.ws, row, 2, value)

    places = book.sheet("Theo thôn, đơn vị")
    _table(places, "Thôn, tổ dân phố", stats.by_village, None)
    _table(places, "Đơn vị xử lý", stats.by_unit, None)
    return book.to_bytes()


def stats_xlsx_response(stats: Stats) -> HttpResponse:
    name = f"thong-ke-don-thu-{stats.start:%Y%m%d}-{stats.end:%Y%m%d}.xlsx"
    return download(stats_xlsx(stats), XLSX_MIME, name)


# --- the reception register ---------------------------------------------------------------

# The columns of a line as Visit keeps them (form 03/TCD, TT 04/2021/TT-TTCP; the form's own
# text was not at hand, so the columns follow the model rather than the printed form).
REGISTER_COLUMNS = [
    ("STT", 6),
    ("Ngày tiếp", 12),
    ("Họ tên, địa chỉ, số CCCD", 30),
    ("Nội dung vụ việc", 45),
    ("Phân loại", 13),
    ("Số người", 10),
    ("Cơ quan đã giải quyết", 20),
    ("Thẩm quyền", 14),
    ("Hướng dẫn, trả lời", 30),
    ("Chuyển đơn đến", 20),
    ("Nhận đơn, thụ lý", 20),
    ("Theo dõi kết quả", 25),
    ("Ghi chú", 20),
]


def _visitor(v: Visit) -> str:
    """Who came, as the register shows it: the protected mark for a denouncer."""
    lines = (
        [Visit.PROTECTED]
        if v.protected
        else [v.name, v.address, f"CCCD: {v.id_number}" if v.id_number else ""]
    )
    if v.representatives:
        named = "; ".join(line.strip() for line in v.representatives.splitlines() if line.strip())
        lines.append(f"Người đại diện: {named}")
    return "\n".join(line for line in lines if line)


def register_xlsx(*, commune: Unit, year: int, visits: Iterable[Visit]) -> bytes:
    """The register of a year, one row a visit, in the order they came."""
    sheet = Sheet(
        "Sổ tiếp công dân",
        title=f"SỔ TIẾP CÔNG DÂN NĂM {year}",
        subtitle=f"{commune_official_name(commune.name)} – mẫu số 03/TCD",
    )
    sheet.header(REGISTER_COLUMNS)
    for number, v in enumerate(visits, start=1):
        sheet.row(
            [
                number,
                v.visited_on,
                _visitor(v),
                v.content,
                v.get_kind_display(),
                f"{v.people} (đoàn đông người)" if v.is_group else v.people,
                v.handled_before,
                "Thuộc thẩm quyền" if v.competent else "Không thuộc thẩm quyền",
                v.guidance,
                v.forwarded_to,
                v.accepted_by,
                v.follow_up,
                v.note,
            ]
        )
    return sheet.to_bytes()


def register_xlsx_response(*, commune: Unit, year: int, visits: Iterable[Visit]) -> HttpResponse:
    content = register_xlsx(commune=commune, year=year, visits=visits)
    return download(content, XLSX_MIME, f"so-tiep-cong-dan-{year}.xlsx")
