"""The quarterly list of what was disclosed, with its compliance (Luật THDCCS 2022, Điều 11–13):
what, where (each channel and village), from–to, how many days, proof present or missing, late or
short. As .xlsx (openpyxl) and as a report in the official layout (NĐ 30/2020/NĐ-CP, .docx).

Every text cell is guarded against formula injection (lib.spreadsheet): titles are typed by
officers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpResponse

from danvan.core.http import download
from danvan.core.models import Unit, User
from danvan.disclosures.models import Disclosure
from danvan.disclosures.rules import PostingCheck, Review
from danvan.lib import officialdoc as od
from danvan.lib.spreadsheet import BOLD, XLSX_MIME, Book, put

COLUMNS = [
    ("STT", 6),
    ("Nội dung (khoản, Điều 11)", 26),
    ("Tiêu đề", 36),
    ("Ngày ban hành văn bản", 13),
    ("Hạn bắt đầu", 13),
    ("Hình thức, nơi công khai", 30),
    ("Từ ngày", 12),
    ("Đến ngày", 14),
    ("Số ngày", 9),
    ("Tối thiểu", 10),
    ("Minh chứng", 12),
    ("Đánh giá", 24),
]
TOTALS = [
    ("Số nội dung công khai", "disclosures"),
    ("Số lượt công khai (theo hình thức, nơi)", "postings"),
    ("Số nội dung công khai muộn", "late"),
    ("Số lượt niêm yết, phát chưa đủ thời hạn", "short"),
    ("Số lượt thiếu minh chứng", "missing_proof"),
    ("Số nội dung cần chọn lại khoản của Điều 11", "to_confirm"),
]


@dataclass
class QuarterReport:
    commune: Unit
    quarter: str  # "2026-Q2"
    start: date
    end: date
    today: date
    items: list[Review]

    @property
    def label(self) -> str:
        year, q = self.quarter.split("-Q")
        return f"quý {q} năm {year}"

    def rows(self) -> list[list[str]]:
        """One line per posting; a disclosure without any posting gets one line saying so."""
        return [row for _item, row in self.lines()]

    def lines(self) -> list[tuple[Review, list[str]]]:
        """Each row of `rows` with the disclosure it is about."""
        out: list[tuple[Review, list[str]]] = []
        for n, item in enumerate(self.items, start=1):
            d = item.disclosure
            head = [
                str(n),
                _content(d),
                d.title + (" (đã gỡ bỏ)" if d.withdrawn_on else ""),
                f"{d.decided_on:%d/%m/%Y}",
                f"{d.start_due:%d/%m/%Y}" if d.start_due else "—",
            ]
            if not item.postings:
                row = [*head, "Chưa công khai", "", "", "", "", "", _verdict(item, None)]
                out.append((item, row))
                continue
            permanent = d.category.permanent and not d.category_to_confirm
            for c in item.postings:
                p = c.posting
                where = f"{p.channel.name} – {p.village.name}" if p.village else p.channel.name
                row = [
                    *head,
                    where,
                    f"{p.start_on:%d/%m/%Y}",
                    f"{p.end_on:%d/%m/%Y}"
                    if p.end_on
                    else ("thường xuyên" if permanent else "đang công khai"),
                    str(c.days if c.days is not None else ""),
                    f"{c.minimum} ngày (đến hết {c.runs_until:%d/%m/%Y})"
                    if c.minimum and c.runs_until
                    else ("Thường xuyên" if permanent else ""),
                    "Không cần"
                    if not p.channel.needs_proof
                    else (f"Có ({c.proofs})" if c.proofs else "Thiếu"),
                    _verdict(item, c),
                ]
                out.append((item, row))
        return out

    def totals(self) -> dict[str, int]:
        return {
            "disclosures": len(self.items),
            "postings": sum(len(i.postings) for i in self.items),
            "late": sum(1 for i in self.items if "late" in i.kinds),
            "short": sum(1 for i in self.items for c in i.postings if c.short),
            "missing_proof": sum(1 for i in self.items for c in i.postings if c.missing_proof),
            "with_warnings": sum(1 for i in self.items if i.warnings),
            "to_confirm": sum(1 for i in self.items if i.disclosure.category_to_confirm),
        }


def _content(d: Disclosure) -> str:
    """The item of Điều 11, or the mark of a disclosure still to be moved to one."""
    if d.category_to_confirm:
        before = f" (danh mục cũ: {d.category_before})" if d.category_before else ""
        return f"Chọn lại nội dung theo Điều 11{before}"
    return f"Khoản {d.category.number}: {d.category.short_name}"


def _item_ref(d: Disclosure) -> str:
    if d.category_to_confirm:
        return "chưa xác định khoản của Điều 11"
    return f"khoản {d.category.number} Điều 11"


def _verdict(item: Review, c: PostingCheck | None) -> str:
    flags = []
    if c is not None:
        if item.disclosure.category_to_confirm:
            flags.append("Chọn lại nội dung")
        if c.late:
            flags.append("Muộn")
        if c.short:
            flags.append("Chưa đủ thời hạn")
        if c.missing_proof:
            flags.append("Thiếu minh chứng")
    else:
        flags += [w.label for w in item.warnings]
    return "; ".join(flags) or "Đạt"


def report_xlsx(report: QuarterReport) -> bytes:
    """Title and period (rows 1–2), the header (row 4), one row per posting, then the totals."""
    book = Book(f"Danh mục nội dung công khai {report.label} – {report.commune.name}")
    sheet = book.sheet(
        "Danh mục công khai",
        title=f"DANH MỤC NỘI DUNG CÔNG KHAI {report.label.upper()} – {report.commune.name.upper()}",
        subtitle=f"Từ ngày {report.start:%d/%m/%Y} đến ngày {report.end:%d/%m/%Y}; tình trạng "
        f"đến ngày {report.today:%d/%m/%Y}. Căn cứ Luật Thực hiện dân chủ ở cơ sở 2022, "
        f"Điều 11–13; số ngày không tính ngày bắt đầu (Bộ luật Dân sự 2015, Điều 147).",
    )
    sheet.header(COLUMNS)
    sheet.rows(report.rows())
    t = report.totals()
    for row, (label, key) in enumerate(TOTALS, start=sheet.next_row + 1):
        put(sheet.ws, row, 2, label, font=BOLD)
        put(sheet.ws, row, 3, t[key])
    return book.to_bytes()


def report_document(report: QuarterReport, by: User) -> od.OfficialDocument:
    issuer, place, in_text = od.commune_issuer(report.commune.name)
    t = report.totals()
    columns = [
        od.Column("STT", 1.0, "center"),
        od.Column("Nội dung", 4.2),
        od.Column("Hình thức, nơi công khai", 3.6),
        od.Column("Từ – đến", 2.6, "center"),
        od.Column("Số ngày", 1.4, "center"),
        od.Column("Minh chứng", 1.7, "center"),
        od.Column("Đánh giá", 2.0),
    ]
    rows = [
        [
            r[0],
            f"{r[2]} ({_item_ref(item.disclosure)}; văn bản ngày {r[3]})",
            r[5],
            f"{r[6]} – {r[7]}" if r[6] else "",
            r[8],
            r[10],
            r[11],
        ]
        for item, r in report.lines()
    ]
    blocks: list[od.Block] = [
        od.Paragraph(
            f"Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022 (Điều 11, 12, 13), {in_text} "
            f"báo cáo danh mục các nội dung đã công khai "
            f"{report.label} (từ ngày {report.start:%d/%m/%Y} đến ngày {report.end:%d/%m/%Y}) như sau:"
        ),
        od.Heading("I. KẾT QUẢ CHUNG"),
        od.Paragraph(
            f"Tổng số nội dung công khai: {t['disclosures']}; số lượt công khai theo từng hình "
            f"thức, địa điểm: {t['postings']}.\n"
            f"Số nội dung công khai chậm so với thời hạn 05 ngày làm việc (Điều 12 khoản 3): "
            f"{t['late']}.\n"
            f"Số lượt niêm yết, phát thanh chưa đủ thời hạn tối thiểu (Điều 13; không tính ngày "
            f"bắt đầu, Bộ luật Dân sự 2015 Điều 147): {t['short']}.\n"
            f"Số lượt chưa có minh chứng (ảnh, biên bản niêm yết): {t['missing_proof']}."
        ),
        od.Heading("II. DANH MỤC NỘI DUNG ĐÃ CÔNG KHAI"),
    ]
    if rows:
        blocks.append(od.Table(columns=columns, rows=rows))
    else:
        blocks.append(od.Paragraph("Trong kỳ không có nội dung nào được công khai."))
    blocks += [
        od.Heading("III. TỒN TẠI VÀ HƯỚNG KHẮC PHỤC"),
        od.Paragraph(
            "Các nội dung công khai muộn, chưa đủ thời hạn hoặc thiếu minh chứng nêu tại Mục II "
            "được các đơn vị chịu trách nhiệm bổ sung, khắc phục trong quý tiếp theo."
            if t["with_warnings"]
            else "Trong kỳ, việc công khai bảo đảm thời điểm, thời hạn và có đủ minh chứng."
        ),
    ]
    return od.OfficialDocument(
        issuer=issuer,
        symbol="BC-UBND",
        place=place,
        date=report.today,
        doc_type="Báo cáo",
        subject=f"Kết quả thực hiện công khai thông tin {report.label}",
        blocks=blocks,
        recipients=["Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Ban Thanh tra nhân dân xã", "Lưu: VT"],
        signer_authority=od.COMMUNE_SIGNER,
        author=by.get_full_name(),
    )


def xlsx_response(report: QuarterReport) -> HttpResponse:
    name = f"danh-muc-cong-khai-{report.quarter.lower()}.xlsx"
    return download(report_xlsx(report), XLSX_MIME, name)


def docx_response(report: QuarterReport, *, by: User) -> HttpResponse:
    name = f"bao-cao-cong-khai-{report.quarter.lower()}.docx"
    return download(od.render_docx(report_document(report, by)), od.DOCX_MIME, name)
