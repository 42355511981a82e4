"""Voters' recommendations and what became of them, as .xlsx (the list as filtered) and as the
UBND's report (.docx) to the council's standing body, which supervises how voters'
recommendations are handled (Luật Hoạt động giám sát của Quốc hội và HĐND 2015, Điều 66
khoản 6, read). No voter's name goes in: the table is about what was asked, who answers and
what was answered.
"""

from __future__ import annotations

from collections import Counter

from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.core.models import Unit
from danvan.lib import officialdoc as od
from danvan.lib.spreadsheet import XLSX_MIME, Sheet
from danvan.voters.models import ANSWERED_STATES, STATES, Competence, VoterRecommendation

COLUMNS = [
    ("Số", 8),
    ("Hội nghị", 30),
    ("Thôn", 16),
    ("Lĩnh vực", 18),
    ("Nội dung kiến nghị", 50),
    ("Thẩm quyền", 18),
    ("Đơn vị, cơ quan trả lời", 24),
    ("Hạn / ngày đôn đốc", 12),
    ("Tình trạng", 24),
    ("Ngày trả lời", 12),
    ("Nội dung trả lời", 40),
]


def _state(r: VoterRecommendation) -> str:
    return getattr(r, "state_code", None) or r.state(timezone.localdate())


def rows(recs: list[VoterRecommendation]) -> list[list[object]]:
    return [
        [
            r.code,
            r.meeting.label,
            r.village.name if r.village else "",
            r.get_field_display(),
            r.content,
            r.get_competence_display(),
            r.answerer,
            r.due_on or r.chase_on,
            STATES[_state(r)][0],
            r.answered_on,
            r.answer
            if r.competence == Competence.PROVINCE
            else "Xem báo cáo của đơn vị giải quyết",
        ]
        for r in recs
    ]


def recommendations_xlsx(
    *, commune: Unit, year: int, recs: list[VoterRecommendation]
) -> HttpResponse:
    sheet = Sheet(
        f"Kiến nghị cử tri {year}",
        title=f"KIẾN NGHỊ CỬ TRI VÀ KẾT QUẢ GIẢI QUYẾT, TRẢ LỜI NĂM {year}",
        subtitle=f"{commune.name} · lập ngày {timezone.localdate():%d/%m/%Y}",
    )
    sheet.header(COLUMNS)
    found = rows(recs)
    sheet.rows(found)
    if not found:
        sheet.row(["Không có kiến nghị nào."])
    return download(sheet.to_bytes(), XLSX_MIME, f"kien-nghi-cu-tri-{year}.xlsx")


def report_document(
    *, commune: Unit, year: int, recs: list[VoterRecommendation]
) -> od.OfficialDocument:
    issuer, place, name = od.commune_issuer(commune.name)
    states = Counter(_state(r) for r in recs)
    answered = sum(states[s] for s in ANSWERED_STATES)
    commune_own = sum(1 for r in recs if r.competence == Competence.COMMUNE)
    forwarded = sum(1 for r in recs if r.competence == Competence.PROVINCE)
    columns = [
        od.Column("Số", 1.3, "center"),
        od.Column("Nội dung kiến nghị", 6.2),
        od.Column("Cơ quan, đơn vị trả lời", 3.5),
        od.Column("Tình trạng", 3.5),
        od.Column("Ngày trả lời", 2.0, "center"),
    ]
    table_rows = [
        [
            r.code,
            r.content,
            r.answerer or "Chưa phân loại",
            STATES[_state(r)][0],
            f"{r.answered_on:%d/%m/%Y}" if r.answered_on else "",
        ]
        for r in recs
    ]
    blocks: list[od.Block] = [
        od.Heading("I. TÌNH HÌNH TIẾP NHẬN KIẾN NGHỊ CỬ TRI"),
        od.Paragraph(
            f"Năm {year}, {name} tiếp nhận {len(recs)} kiến nghị của cử tri qua các hội nghị tiếp "
            f"xúc cử tri của đại biểu HĐND xã; trong đó {commune_own} kiến nghị thuộc thẩm quyền "
            f"của xã, {forwarded} kiến nghị đã chuyển cơ quan cấp trên, "
            f"{states['unclassified']} kiến nghị đang phân loại."
        ),
        od.Heading("II. KẾT QUẢ GIẢI QUYẾT, TRẢ LỜI"),
        od.Paragraph(
            f"Đã giải quyết: {states['kept']}; đang giải quyết, có lộ trình và thời hạn: "
            f"{states['roadmap']}; đã giải trình, thông tin lại cho cử tri: {states['explained']} "
            f"(tổng cộng {answered} kiến nghị đã có trả lời).\n"
            f"Chưa trả lời: {len(recs) - answered}, trong đó quá hạn: {states['late']}; đã chuyển "
            f"cấp trên, quá ngày đôn đốc: {states['chase']}."
        ),
        od.Heading("III. DANH MỤC KIẾN NGHỊ VÀ TÌNH TRẠNG"),
    ]
    if table_rows:
        blocks.append(od.Table(columns=columns, rows=table_rows))
    else:
        blocks.append(od.Paragraph("Trong kỳ không có kiến nghị nào."))
    return od.OfficialDocument(
        issuer=issuer,
        symbol="BC-UBND",
        place=place,
        date=timezone.localdate(),
        doc_type="Báo cáo",
        subject=f"Kết quả giải quyết, trả lời kiến nghị của cử tri năm {year}",
        blocks=blocks,
        recipients=["Thường trực HĐND xã", "Ban Thường trực Ủy ban MTTQ Việt Nam xã", "Lưu: VT"],
        signer_authority=od.COMMUNE_SIGNER,
    )


def report_docx(*, commune: Unit, year: int, recs: list[VoterRecommendation]) -> HttpResponse:
    content = od.render_docx(report_document(commune=commune, year=year, recs=recs))
    return download(content, od.DOCX_MIME, f"bao-cao-kien-nghi-cu-tri-{year}.docx")
