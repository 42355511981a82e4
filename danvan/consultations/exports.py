"""The comments as .xlsx and the synthesis report as .docx in the official layout.

The .xlsx carries every comment with the name of whoever gave one, hidden ones included with
their reason: it is for those who manage the consultation. The .docx is the report the law
asks the commune to make of what it accepted and why it did not (Luật THDCCS 2022, Điều 25–26):
it names nobody except commenters who asked for their name to be public.
Text typed by citizens goes into cells guarded against formula injection.
"""

from __future__ import annotations

import io
import re
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from danvan.consultations import selectors
from danvan.consultations.models import Comment, Consultation, Decision
from danvan.core.models import Unit, User
from danvan.lib import officialdoc as od

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FONT = Font(name="Times New Roman", size=12)
_BOLD = Font(name="Times New Roman", size=12, bold=True)
_TITLE = Font(name="Times New Roman", size=14, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEAD = Alignment(wrap_text=True, vertical="center", horizontal="center")
_FILL = PatternFill("solid", fgColor="D9D9D9")
_COMMUNE_PREFIX = re.compile(r"^(xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)
SIGNER = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]

COLUMNS = [
    ("STT", 6),
    ("Điều, mục", 24),
    ("Nội dung ý kiến", 50),
    ("Hình thức", 18),
    ("Hội nghị, nguồn", 24),
    ("Thôn", 16),
    ("Số người đồng tình", 11),
    ("Ngày nhận", 12),
    ("Người góp ý", 18),
    ("Công khai tên", 9),
    ("Nhóm", 20),
    ("Tiếp thu", 16),
    ("Giải trình", 40),
    ("Ẩn (lý do)", 24),
]


def _put(ws: Worksheet, row: int, column: int, value: str | int | None, font: Font = _FONT) -> Cell:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    cell.font = font
    cell.alignment = _WRAP
    return cell


def _row(n: int, x: Comment) -> list[str | int]:
    decision, explanation = x.answer
    return [
        n,
        x.point.heading if x.point_id and x.point else "Ý kiến chung",
        x.text,
        x.get_channel_display(),
        x.source,
        x.village.name if x.village_id and x.village else "",
        x.people,
        f"{x.received_on:%d/%m/%Y}",
        x.author_name,
        "Có" if x.show_name else "Không",
        str(x.group) if x.group_id else "",
        str(Decision(decision).label) if decision else "Chưa trả lời",
        explanation,
        x.hidden_reason if x.hidden else "",
    ]


def comments_xlsx(c: Consultation) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Ý kiến"
    wb.properties.title = f"Ý kiến góp ý: {c.title}"[:250]
    wb.properties.creator = "Dân vận số"
    last = get_column_letter(len(COLUMNS))
    _put(ws, 1, 1, f"TỔNG HỢP Ý KIẾN GÓP Ý: {c.title.upper()}", _TITLE)
    ws.merge_cells(f"A1:{last}1")
    period = (
        f"Thời gian lấy ý kiến: {c.opens_on:%d/%m/%Y} – {c.closes_on:%d/%m/%Y}"
        if c.opens_on and c.closes_on
        else "Chưa đặt thời gian lấy ý kiến"
    )
    _put(ws, 2, 1, f"{c.commune.name} · Chủ trì: {c.lead_unit.name} · {period}")
    ws.merge_cells(f"A2:{last}2")
    for column, (title, width) in enumerate(COLUMNS, start=1):
        cell = _put(ws, 4, column, title, _BOLD)
        cell.alignment, cell.fill = _HEAD, _FILL
        ws.column_dimensions[get_column_letter(column)].width = width
    for n, x in enumerate(selectors.comments_of(c, hidden=True), start=1):
        for column, value in enumerate(_row(n, x), start=1):
            _put(ws, 4 + n, column, value)
    ws.freeze_panes = "A5"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4

    ws2 = wb.create_sheet("Theo điều")
    heads = [
        "Điều, mục",
        "Số ý kiến",
        "Số người đồng tình",
        "Tiếp thu",
        "Tiếp thu một phần",
        "Không tiếp thu",
        "Chưa trả lời",
    ]
    for column, title in enumerate(heads, start=1):
        cell = _put(ws2, 1, column, title, _BOLD)
        cell.alignment, cell.fill = _HEAD, _FILL
        ws2.column_dimensions[get_column_letter(column)].width = 40 if column == 1 else 14
    rows = selectors.tallies(c)
    for r, t in enumerate([*rows, selectors.totals(rows)], start=2):
        font = _BOLD if r == len(rows) + 2 else _FONT
        values: list[str | int] = [
            t.heading,
            t.count,
            t.people,
            t.accepted,
            t.partly,
            t.rejected,
            t.unanswered,
        ]
        for column, value in enumerate(values, start=1):
            _put(ws2, r, column, value, font)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- the synthesis report ---------------------------------------------------------------------


def commune_issuer(commune: Unit) -> tuple[str, str, str]:
    """(issuer, place, name in running text): "Ủy ban nhân dân\\nXã Hồng Phong", "Hồng Phong",
    "Ủy ban nhân dân xã Hồng Phong" (NĐ 30/2020/NĐ-CP, Phụ lục I, Mục II.2, II.4)."""
    name = commune.name if _COMMUNE_PREFIX.match(commune.name) else f"Xã {commune.name}"
    place = re.sub(r"\s*\(.*\)\s*$", "", _COMMUNE_PREFIX.sub("", name)).strip() or name
    return f"Ủy ban nhân dân\n{name}", place, f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}"


def _answer_text(x: Comment) -> str:
    decision, explanation = x.answer
    if not decision:
        return "Chưa trả lời"
    label = str(Decision(decision).label)
    return f"{label}: {explanation}" if explanation else label


def _comment_text(x: Comment) -> str:
    who = [x.get_channel_display()]
    if x.village_id and x.village:
        who.append(x.village.name)
    if x.public_name:
        who.append(x.public_name)
    return f"{x.text} ({'; '.join(who)})"


def synthesis_document(c: Consultation, *, by: User, today: date) -> od.OfficialDocument:
    issuer, place, in_text = commune_issuer(c.commune)
    rows = selectors.tallies(c)
    total = selectors.totals(rows)
    period = (
        f"từ ngày {c.opens_on:%d/%m/%Y} đến hết ngày {c.closes_on:%d/%m/%Y}"
        if c.opens_on and c.closes_on
        else ""
    )
    audience = (
        "Nhân dân trên địa bàn toàn xã"
        if c.whole_commune
        else "Nhân dân các thôn: " + ", ".join(v.name for v in c.villages.order_by("name"))
    )
    blocks: list[od.Block] = [
        od.Paragraph(
            f"Căn cứ Luật Thực hiện dân chủ ở cơ sở năm 2022 (Điều 25, Điều 26); {in_text} "
            f"đã tổ chức lấy ý kiến {audience.lower()} đối với {c.title}, thuộc nội dung: "
            f"{c.matter_label}."
        ),
        od.Heading("I. KHÁI QUÁT VIỆC LẤY Ý KIẾN"),
        od.Paragraph(f"1. Thời gian: {period}." if period else "1. Thời gian: chưa xác định."),
        od.Paragraph(f"2. Hình thức: {'; '.join(c.channel_labels()).lower()}."),
        od.Paragraph(f"3. Đơn vị chủ trì: {c.lead_unit.name}."),
        od.Paragraph(
            f"4. Kết quả: nhận được {total.count} ý kiến với {total.people} lượt người đồng tình; "
            f"tiếp thu {total.accepted}, tiếp thu một phần {total.partly}, không tiếp thu "
            f"{total.rejected}"
            + (f", chưa trả lời {total.unanswered}" if total.unanswered else "")
            + "."
        ),
        od.Heading("II. TỔNG HỢP THEO TỪNG ĐIỀU, MỤC"),
        od.Table(
            columns=[
                od.Column("Điều, mục", 5.5),
                od.Column("Số ý kiến", 2.2, "center"),
                od.Column("Số người", 2.2, "center"),
                od.Column("Tiếp thu", 2.2, "center"),
                od.Column("Một phần", 2.2, "center"),
                od.Column("Không", 2.2, "center"),
            ],
            rows=[
                [
                    t.heading,
                    str(t.count),
                    str(t.people),
                    str(t.accepted),
                    str(t.partly),
                    str(t.rejected),
                ]
                for t in [*rows, total]
            ],
        ),
        od.Heading("III. Ý KIẾN VÀ VIỆC TIẾP THU, GIẢI TRÌNH"),
    ]
    for t in rows:
        if not t.comments:
            continue
        blocks.append(od.Heading(t.heading, level=2))
        blocks.append(
            od.Table(
                columns=[
                    od.Column("STT", 1.2, "center"),
                    od.Column("Ý kiến", 7.0),
                    od.Column("Số người", 1.8, "center"),
                    od.Column("Tiếp thu, giải trình", 6.3),
                ],
                rows=[
                    [str(n), _comment_text(x), str(x.people), _answer_text(x)]
                    for n, x in enumerate(t.comments, start=1)
                ],
            )
        )
    if not total.count:
        blocks.append(od.Paragraph("Không nhận được ý kiến nào trong thời gian lấy ý kiến."))
    if c.synthesis:
        blocks += [od.Heading("IV. KẾT QUẢ CHUNG"), od.Paragraph(c.synthesis)]
    blocks.append(
        od.Paragraph(
            f"Trên đây là báo cáo tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân của {in_text}./."
        )
    )
    return od.OfficialDocument(
        issuer=issuer,
        symbol="BC-UBND",
        place=place,
        date=c.published_on or today,
        doc_type="Báo cáo",
        subject=f"Tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân đối với {c.title}",
        blocks=blocks,
        recipients=[
            "Thường trực Đảng ủy xã",
            "Thường trực HĐND xã",
            "Ủy ban MTTQ Việt Nam xã",
            "Các thôn, tổ dân phố",
            "Lưu: VT",
        ],
        signer_authority=SIGNER,
        author=by.get_full_name(),
    )


def synthesis_docx(c: Consultation, *, by: User, today: date) -> bytes:
    return od.render_docx(synthesis_document(c, by=by, today=today))
