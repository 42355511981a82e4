"""The year's inspection register (.xlsx) and an inspection's conclusion (.docx, official layout).

The register is read by those who read every inspection (the Front included), so it carries no
commendation or sanction: those stay on their own page. Texts typed by officers go into cells
guarded against formula injection (lib.spreadsheet).
"""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.core.models import Unit
from danvan.inspections.models import (
    Inspection,
    Remedy,
    remedy_status,
)
from danvan.lib import officialdoc as od
from danvan.lib.spreadsheet import XLSX_MIME, Book

INSPECTION_COLUMNS = [
    ("STT", 6),
    ("Nội dung kiểm tra", 40),
    ("Loại", 28),
    ("Đơn vị được kiểm tra", 26),
    ("Kế hoạch", 24),
    ("Dự kiến", 22),
    ("Đoàn kiểm tra", 30),
    ("Trạng thái", 16),
    ("Ngày kết luận", 12),
    ("Số kết luận", 14),
    ("Số phát hiện", 10),
    ("Số biện pháp", 10),
    ("Công khai", 10),
]
REMEDY_COLUMNS = [
    ("Cuộc kiểm tra", 34),
    ("Nội dung phát hiện", 40),
    ("Biện pháp khắc phục", 40),
    ("Đơn vị thực hiện", 24),
    ("Người chịu trách nhiệm", 20),
    ("Hạn", 12),
    ("Minh chứng", 24),
    ("Tình trạng", 22),
    ("Phúc tra", 16),
]


def _inspections(commune: Unit, year: int) -> list[Inspection]:
    return list(
        Inspection.objects.filter(commune=commune, planned_from__year=year)
        .select_related("inspected_unit", "subject_kind", "plan")
        .prefetch_related("findings", "remedies")
        .order_by("planned_from", "id")
    )


def register_xlsx_bytes(commune: Unit, year: int) -> bytes:
    today = timezone.localdate()
    book = Book(f"Sổ theo dõi kiểm tra năm {year}")
    sheet = book.sheet(
        "Cuộc kiểm tra",
        title=f"SỔ THEO DÕI KIỂM TRA KỶ LUẬT, KỶ CƯƠNG, CÔNG VỤ NĂM {year}",
        subtitle=f"{commune.name} · lập ngày {today:%d/%m/%Y}",
    )
    sheet.header(INSPECTION_COLUMNS)
    inspections = _inspections(commune, year)
    for n, i in enumerate(inspections, start=1):
        sheet.row(
            [
                n,
                i.title,
                i.subject_kind.name,
                i.inspected_unit.name,
                str(i.plan) if i.plan else "Đột xuất",
                f"{i.planned_from:%d/%m/%Y} – {i.planned_to:%d/%m/%Y}",
                i.team,
                i.get_status_display(),
                i.concluded_on,
                i.conclusion_number,
                len(i.findings.all()),
                len(i.remedies.all()),
                "Có" if i.public else f"Không ({i.internal_reason})",
            ]
        )
    if not inspections:
        sheet.row(["", "Chưa có cuộc kiểm tra nào trong năm."])
    remedies_sheet = book.sheet("Biện pháp khắc phục")
    remedies_sheet.header(REMEDY_COLUMNS)
    remedies = (
        Remedy.objects.filter(commune=commune, inspection__planned_from__year=year)
        .select_related("inspection__inspected_unit", "finding", "owner_unit", "promise")
        .order_by("inspection__planned_from", "inspection_id", "due_on", "id")
    )
    for r in remedies:
        remedies_sheet.row(
            [
                str(r.inspection),
                r.finding.text,
                r.measure,
                r.owner_unit.name,
                r.owner_person,
                r.due_on,
                r.evidence,
                remedy_status(r, today)[1],
                r.get_recheck_result_display() if r.recheck_result else "",
            ]
        )
    return book.to_bytes()


def register_xlsx(*, commune: Unit, year: int) -> HttpResponse:
    return download(register_xlsx_bytes(commune, year), XLSX_MIME, f"so-kiem-tra-{year}.xlsx")


# --- the conclusion -----------------------------------------------------------------------


def conclusion_document(inspection: Inspection, *, today: date) -> od.OfficialDocument:
    issuer, place, in_text = od.commune_issuer(inspection.commune.name)
    findings = list(inspection.findings.all())
    remedies = list(
        inspection.remedies.select_related("owner_unit", "finding").order_by(
            "finding__number", "due_on", "id"
        )
    )
    plan = (
        f"thực hiện {inspection.plan}" if inspection.plan else "kiểm tra đột xuất (ngoài kế hoạch)"
    )
    done = f" đến ngày {inspection.done_on:%d/%m/%Y}" if inspection.done_on else ""
    blocks: list[od.Block] = [
        od.Paragraph(
            f"Căn cứ kết quả kiểm tra của Đoàn kiểm tra, {plan}, {in_text} kết luận kiểm tra "
            f"{inspection.title[:1].lower()}{inspection.title[1:]} tại {inspection.inspected_unit.name} "
            f"(từ ngày {inspection.planned_from:%d/%m/%Y}{done}) như sau:"
        ),
        od.Heading("I. NỘI DUNG KIỂM TRA"),
        od.Paragraph(f"{inspection.subject_kind.name}: {inspection.title}."),
    ]
    if inspection.team:
        blocks.append(od.Paragraph(f"Đoàn kiểm tra: {inspection.team}"))
    blocks.append(od.Heading("II. KẾT QUẢ KIỂM TRA"))
    if findings:
        blocks.append(
            od.Table(
                columns=[
                    od.Column("STT", 1.2, "center"),
                    od.Column("Nội dung phát hiện", 10.8),
                    od.Column("Mức độ", 4.5),
                ],
                rows=[[str(f.number), f.text, f.get_severity_display()] for f in findings],
            )
        )
    else:
        blocks.append(od.Paragraph("Không phát hiện hạn chế, thiếu sót."))
    blocks += [od.Heading("III. KẾT LUẬN"), od.Paragraph(inspection.conclusion)]
    blocks.append(od.Heading("IV. YÊU CẦU KHẮC PHỤC"))
    if remedies:
        blocks.append(
            od.Table(
                columns=[
                    od.Column("Phát hiện", 1.8, "center"),
                    od.Column("Biện pháp khắc phục", 7.2),
                    od.Column("Đơn vị thực hiện", 4.5),
                    od.Column("Hạn", 3.0, "center"),
                ],
                rows=[
                    [
                        str(r.finding.number),
                        r.measure + (f" (minh chứng: {r.evidence})" if r.evidence else ""),
                        r.owner_unit.name + (f" – {r.owner_person}" if r.owner_person else ""),
                        f"{r.due_on:%d/%m/%Y}",
                    ]
                    for r in remedies
                ],
            )
        )
        blocks.append(
            od.Paragraph(
                "Các đơn vị được giao báo cáo kết quả khắc phục kèm minh chứng đúng hạn; "
                "Văn phòng HĐND và UBND theo dõi, tổng hợp, tham mưu phúc tra."
            )
        )
    else:
        blocks.append(od.Paragraph("Không có yêu cầu khắc phục."))
    blocks.append(od.Paragraph(f"Trên đây là kết luận kiểm tra của {in_text}./."))
    # "05/KL-UBND" as typed: the number and the symbol (the office's own symbol is kept).
    number, _, symbol = inspection.conclusion_number.partition("/")
    return od.OfficialDocument(
        issuer=issuer,
        symbol=symbol.strip() or "KL-UBND",
        number=number.strip(),
        place=place,
        date=inspection.concluded_on or today,
        doc_type="Kết luận",
        subject=f"Kiểm tra {inspection.title[:1].lower()}{inspection.title[1:]} tại {inspection.inspected_unit.name}",
        blocks=blocks,
        recipients=[
            inspection.inspected_unit.name,
            "Chủ tịch, các Phó Chủ tịch UBND xã",
            "Lưu: VT",
        ],
        signer_authority=od.COMMUNE_SIGNER,
    )


def conclusion_docx(inspection: Inspection) -> HttpResponse:
    content = od.render_docx(conclusion_document(inspection, today=timezone.localdate()))
    return download(content, od.DOCX_MIME, f"ket-luan-kiem-tra-{inspection.pk}.docx")
