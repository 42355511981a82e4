"""The filled scorecard as .xlsx (lib.spreadsheet) and the self-assessment report as .docx in
the layout of Nghị định 30/2020/NĐ-CP (lib.officialdoc); both read sheet.result_of, so they say
what the page says (the frozen copy once submitted). Evidence links are written as full
addresses of this site (`base`), so the province's reader can open them."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.lib import officialdoc as od
from danvan.lib.spreadsheet import BOLD, FONT, RED, SECTION_FILL, XLSX_MIME, Book
from danvan.lib.text import commune_official_name
from danvan.scorecard.models import Assessment
from danvan.scorecard.sheet import Line, Result, result_of
from danvan.scorecard.templatetags.scorecard import points

COLUMNS = [
    ("Mã", 7),
    ("Tiêu chí", 60),
    ("Loại", 14),
    ("Điểm tối đa", 10),
    ("Điểm tự chấm", 10),
    ("Giải trình", 40),
    ("Minh chứng", 50),
]
UNVERIFIED = "Bộ tiêu chí mẫu, cần đối chiếu văn bản của tỉnh (chưa kiểm chứng)."


def _evidence(line: Line, base: str) -> str:
    parts = [base.rstrip("/") + link for link in line.links]
    parts += [f"Tệp: {name}" for _, name in line.files]
    if line.missing_evidence:
        parts.append("CHƯA CÓ MINH CHỨNG")
    return "\n".join(parts)


def _status(a: Assessment) -> str:
    if a.submitted and a.submitted_at:
        return f"Đã gửi ngày {timezone.localtime(a.submitted_at):%d/%m/%Y}"
    return "Bản nháp, chưa gửi"


def _source(result: Result) -> str:
    card = result.scorecard
    text = f"{card['name']} ({card['document']})"
    return text if card["verified"] else f"{text}. {UNVERIFIED}"


def xlsx_bytes(a: Assessment, result: Result, base: str) -> bytes:
    name = commune_official_name(a.commune.name)
    book = Book(f"Bảng tự chấm điểm công tác dân vận năm {a.year}")
    sheet = book.sheet(
        f"Tự đánh giá {a.year}",
        title=f"BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM {a.year}",
        subtitle=f"{name} · {_status(a)} · lập ngày {timezone.localdate():%d/%m/%Y}",
    )
    sheet.line(f"Bộ tiêu chí: {_source(result)}")
    sheet.header(COLUMNS)
    for line in result.lines:
        values = [
            line.code,
            "    " * line.depth + line.text,
            line.kind_label,
            line.max_points,
            None if line.group else line.points,
            line.note,
            _evidence(line, base),
        ]
        if line.group:
            sheet.row(values, font=BOLD, fill=SECTION_FILL)
        else:
            sheet.row(values, font=RED if line.missing_evidence else FONT)
    for label, value in (
        ("Điểm các tiêu chí", result.normal),
        ("Điểm thưởng", result.bonus),
        ("Điểm trừ", result.penalty),
        ("Tổng điểm", result.total),
    ):
        sheet.row(["", label, "", "", value], font=BOLD)
    sheet.row(["", "Xếp loại", "", "", result.grade or "Chưa xếp loại"], font=BOLD)
    sheet.row(["", "Tiêu chí chưa có minh chứng", "", "", len(result.missing)], font=BOLD)
    return book.to_bytes()


def scorecard_xlsx(a: Assessment, base: str) -> HttpResponse:
    data = xlsx_bytes(a, result_of(a), base)
    return download(data, XLSX_MIME, f"bang-tu-cham-diem-dan-van-{a.year}.xlsx")


def report_document(a: Assessment, result: Result, base: str) -> od.OfficialDocument:
    issuer, place, in_text = od.commune_issuer(a.commune.name)
    blocks: list[od.Block] = [
        od.Paragraph(
            f"Căn cứ {_source(result)}, {in_text} tự đánh giá, chấm điểm kết quả thực hiện "
            f"công tác dân vận chính quyền năm {a.year} như sau:"
        ),
        od.Heading("I. KẾT QUẢ TỰ CHẤM ĐIỂM"),
        od.Table(
            columns=[
                od.Column("Mã", 1.3),
                od.Column("Tiêu chí", 8.2),
                od.Column("Tối đa", 1.6, "center"),
                od.Column("Tự chấm", 1.8, "center"),
                od.Column("Minh chứng", 3.6),
            ],
            rows=[
                [
                    line.code,
                    line.text + (f" ({line.kind_label.lower()})" if line.kind != "normal" else ""),
                    points(line.max_points),
                    "" if line.group else points(line.points),
                    _evidence(line, base),
                ]
                for line in result.lines
            ],
        ),
        od.Heading("II. TỔNG HỢP"),
        od.Paragraph(
            "\n".join(
                [
                    f"- Điểm các tiêu chí: {points(result.normal)}/{points(result.max_normal)}.",
                    f"- Điểm thưởng: {points(result.bonus)}; điểm trừ: {points(result.penalty)}.",
                    f"- Tổng điểm: {points(result.total)}.",
                    f"- Tự xếp loại: {result.grade or 'chưa xếp loại'}.",
                ]
            )
        ),
    ]
    if result.missing:
        blocks.append(
            od.Paragraph(
                "Các tiêu chí chưa có minh chứng: "
                + ", ".join(line.code for line in result.missing)
                + "."
            )
        )
    blocks.append(
        od.Paragraph(
            f"{in_text} báo cáo kết quả tự đánh giá để cơ quan có thẩm quyền của tỉnh xem xét, "
            "thẩm định./."
        )
    )
    return od.OfficialDocument(
        issuer=issuer,
        symbol="BC-UBND",
        place=place,
        date=timezone.localdate(),
        doc_type="Báo cáo",
        subject=f"Tự đánh giá, chấm điểm kết quả thực hiện công tác dân vận chính quyền năm {a.year}",
        blocks=blocks,
        recipients=["Sở Nội vụ tỉnh", "Thường trực Đảng ủy xã", "Lưu: VT"],
        signer_authority=od.COMMUNE_SIGNER,
    )


def report_docx(a: Assessment, base: str) -> HttpResponse:
    data = od.render_docx(report_document(a, result_of(a), base))
    return download(data, od.DOCX_MIME, f"bao-cao-tu-danh-gia-dan-van-{a.year}.docx")


def comparison_xlsx(year: int, rows: list[dict[str, Any]]) -> HttpResponse:
    """The province's comparison of a year as the page shows it."""
    book = Book(f"Kết quả tự đánh giá công tác dân vận năm {year}")
    sheet = book.sheet(
        f"So sánh {year}",
        title=f"KẾT QUẢ TỰ ĐÁNH GIÁ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN CỦA CÁC XÃ NĂM {year}",
        subtitle=f"Lập ngày {timezone.localdate():%d/%m/%Y}; chỉ tính các bản xã đã gửi",
    )
    sheet.header(
        [
            ("STT", 6),
            ("Xã", 30),
            ("Tổng điểm", 12),
            ("Tự xếp loại", 30),
            ("Tiêu chí chưa có minh chứng", 16),
            ("Ngày gửi", 14),
        ]
    )
    for n, r in enumerate(rows, start=1):
        sent = r["submitted_at"]
        sheet.row(
            [
                n,
                r["commune"],
                r["total"] if r["url"] else "Chưa gửi",
                r["grade"],
                r["missing"],
                timezone.localtime(sent).date() if sent else None,
            ]
        )
    return download(book.to_bytes(), XLSX_MIME, f"so-sanh-tu-danh-gia-dan-van-{year}.xlsx")
