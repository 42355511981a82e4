"""The opinion files: the list as .xlsx, and the month's summary as .xlsx and as the office's
report to the chairman (.docx in the layout of NĐ 30/2020/NĐ-CP, lib.officialdoc).

The files go only to those who read the notes they hold (opinion.access); a linked petition is
named by its case code only. lib.spreadsheet guards every cell against formula injection.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpResponse

from danvan.core.http import download
from danvan.core.models import Unit
from danvan.lib import officialdoc as od
from danvan.lib.spreadsheet import BOLD, XLSX_MIME, Book
from danvan.lib.text import commune_official_name

LIST_COLUMNS = [
    ("STT", 6),
    ("Ngày nắm bắt", 12),
    ("Lĩnh vực", 18),
    ("Thôn, tổ dân phố", 16),
    ("Địa điểm", 16),
    ("Nguồn nắm bắt", 16),
    ("Đơn vị báo cáo", 20),
    ("Nội dung dư luận", 48),
    ("Mức độ", 12),
    ("Xu hướng", 12),
    ("Đề xuất, kiến nghị", 30),
    ("Tình trạng", 12),
    ("Hạn xử lý", 12),
    ("Ngày xử lý", 12),
    ("Kết quả xử lý", 30),
]


def month_label(start: date) -> str:
    return f"{start.month:02d}/{start.year}"


def list_xlsx(commune: Unit, found: list[dict[str, Any]], scope: str, today: date) -> HttpResponse:
    book = Book("Tin dư luận xã hội")
    sheet = book.sheet(
        "Tin dư luận",
        title="DANH SÁCH TIN DƯ LUẬN XÃ HỘI",
        subtitle=f"{commune_official_name(commune.name)} · {scope} · lập ngày {today:%d/%m/%Y}",
    )
    sheet.line("Tài liệu nội bộ, không công khai.")
    sheet.header(LIST_COLUMNS)
    for n, r in enumerate(found, start=1):
        sheet.row(
            [
                n,
                r["noted_on"],
                r["topic__name"],
                r["village__name"] or "Toàn xã",
                r["place"],
                r["source_kind__name"],
                r["reporting_unit__name"],
                r["content"],
                r["urgency_label"],
                r["trend_label"],
                r["proposal"],
                r["status_label"],
                r["due_on"],
                r["handled_on"],
                r["handling"],
            ]
        )
    if not found:
        sheet.row(["", "Không có tin nào."])
    return download(book.to_bytes(), XLSX_MIME, "tin-du-luan-xa-hoi.xlsx")


def month_xlsx(commune: Unit, s: dict[str, Any], today: date) -> HttpResponse:
    label = month_label(s["start"])
    name = commune_official_name(commune.name)
    book = Book(f"Tổng hợp dư luận xã hội tháng {label}")
    sheet = book.sheet(
        "Tổng hợp",
        title=f"TỔNG HỢP TÌNH HÌNH DƯ LUẬN XÃ HỘI THÁNG {label}",
        subtitle=f"{name} · lập ngày {today:%d/%m/%Y} · tài liệu nội bộ",
    )
    trends = [t[1] for t in s["trends"]]
    sheet.header([("Lĩnh vực", 30), *((str(t), 14) for t in trends), ("Tổng", 10)])
    for r in s["by_topic"]:
        sheet.row([r["topic"], *r["cells"], r["total"]])
    sheet.row(["Tổng cộng", *s["trend_totals"], s["total"]], font=BOLD)
    sheet.row([])
    sheet.row(["Theo mức độ", ""], font=BOLD)
    for r in s["by_urgency"]:
        sheet.row([str(r["label"]), r["value"]])
    sheet.row(["Theo thôn, tổ dân phố", ""], font=BOLD)
    for r in s["villages"]:
        sheet.row([r["label"], r["value"]])
    sheet.row(["Đã xử lý", s["handled"]], font=BOLD)
    sheet.row(["Chưa xử lý", s["open"]], font=BOLD)
    sheet.row(["Có liên kết đơn thư", s["linked"]], font=BOLD)
    flagged = book.sheet(
        "Khẩn cấp, đang tăng",
        title=f"TIN KHẨN CẤP VÀ TIN CÓ XU HƯỚNG TĂNG THÁNG {label}",
        subtitle=name,
    )
    flagged.header(
        [
            ("Ngày", 12),
            ("Lĩnh vực", 18),
            ("Thôn", 16),
            ("Nội dung", 50),
            ("Mức độ", 12),
            ("Xu hướng", 12),
            ("Đề xuất", 30),
            ("Tình trạng", 12),
        ]
    )
    for r in s["flagged"]:
        flagged.row(
            [
                r["noted_on"],
                r["topic__name"],
                r["village__name"] or "Toàn xã",
                r["content"],
                r["urgency_label"],
                r["trend_label"],
                r["proposal"],
                r["status_label"],
            ]
        )
    if not s["flagged"]:
        flagged.row(["", "Không có tin khẩn cấp hoặc đang tăng."])
    return download(book.to_bytes(), XLSX_MIME, f"tong-hop-du-luan-{s['start']:%Y-%m}.xlsx")


def _office(commune: Unit) -> Unit | None:
    return Unit.objects.filter(
        commune=commune, kind=Unit.Kind.OFFICE, receives_petitions=True, is_active=True
    ).first()


def month_document(commune: Unit, s: dict[str, Any], today: date) -> od.OfficialDocument:
    """ "Báo cáo tình hình dư luận xã hội tháng …", from the office to the chairman."""
    label = month_label(s["start"])
    ubnd, place, in_text = od.commune_issuer(commune.name)
    office = _office(commune)
    blocks: list[od.Block] = [
        od.Paragraph(f"Kính gửi: Chủ tịch {in_text}."),
        od.Paragraph(
            f"Thực hiện Kế hoạch công tác dân vận chính quyền, {office.name if office else in_text} "
            f"báo cáo tình hình dư luận xã hội tháng {label} trên địa bàn xã như sau:"
        ),
        od.Heading("I. TÌNH HÌNH CHUNG"),
        od.Paragraph(
            f"Trong tháng, các thôn, tổ dân phố, Mặt trận, đoàn thể và các cơ quan đã nắm bắt, "
            f"phản ánh {s['total']} tin dư luận; đã xử lý {s['handled']}, chưa xử lý {s['open']}; "
            f"{s['linked']} tin liên quan đến đơn thư."
        ),
        od.Paragraph(
            "Theo mức độ: "
            + "; ".join(f"{str(r['label']).lower()} {r['value']}" for r in s["by_urgency"])
            + "."
        ),
    ]
    trends = [str(t[1]) for t in s["trends"]]
    if s["by_topic"]:
        blocks.append(od.Heading("II. THEO LĨNH VỰC VÀ XU HƯỚNG"))
        blocks.append(
            od.Table(
                columns=[
                    od.Column("Lĩnh vực", 4.5),
                    *(od.Column(t, 2.4, "center") for t in trends),
                    od.Column("Tổng", 2.0, "center"),
                ],
                rows=[
                    [r["topic"], *(str(c) for c in r["cells"]), str(r["total"])]
                    for r in s["by_topic"]
                ]
                + [["Tổng cộng", *(str(c) for c in s["trend_totals"]), str(s["total"])]],
            )
        )
        blocks.append(
            od.Paragraph(
                "Theo địa bàn: "
                + "; ".join(f"{r['label']} {r['value']}" for r in s["villages"])
                + "."
            )
        )
    blocks.append(od.Heading("III. NHỮNG VẤN ĐỀ KHẨN CẤP, CÓ XU HƯỚNG TĂNG"))
    if s["flagged"]:
        for n, r in enumerate(s["flagged"], start=1):
            where = r["village__name"] or "toàn xã"
            state = r["status_label"]
            text = (
                f"{n}. {r['topic__name']} ({where}, {r['noted_on']:%d/%m/%Y}; "
                f"{r['urgency_label'].lower()}, {r['trend_label'].lower()}; {state.lower()}): "
                f"{r['content']}"
            )
            if r["proposal"]:
                text += f" Đề xuất: {r['proposal']}"
            blocks.append(od.Paragraph(text))
    else:
        blocks.append(od.Paragraph("Không có tin khẩn cấp hoặc có xu hướng tăng."))
    if s["hotspots"]:
        blocks.append(od.Heading("IV. ĐIỂM NÓNG ĐƠN THƯ LIÊN QUAN"))
        for h in s["hotspots"]:
            state = "là điểm nóng" if h["is_hotspot"] else "chưa đến ngưỡng điểm nóng"
            blocks.append(
                od.Paragraph(
                    f"- {h['village']}, lĩnh vực {str(h['topic_label']).lower()}: {h['current']} đơn "
                    f"trong kỳ hiện tại, {h['previous']} đơn kỳ trước ({state})."
                )
            )
    blocks.append(od.Heading("V. ĐỀ XUẤT"))
    blocks.append(
        od.Paragraph(
            "Đề nghị Chủ tịch UBND xã chỉ đạo các cơ quan, đơn vị xử lý dứt điểm các tin khẩn cấp, "
            "tiếp tục theo dõi các vấn đề có xu hướng tăng và thông tin kết quả đến Nhân dân."
        )
    )
    blocks.append(od.Paragraph(f"Trên đây là báo cáo tình hình dư luận xã hội tháng {label}./."))
    return od.OfficialDocument(
        superior=ubnd if office else "",
        issuer=office.name if office else ubnd,
        symbol="BC-VP" if office else "BC-UBND",
        place=place,
        date=today,
        doc_type="Báo cáo",
        subject=f"Tình hình dư luận xã hội tháng {label}",
        blocks=blocks,
        recipients=[
            "Chủ tịch UBND xã (để báo cáo)",
            "Các Phó Chủ tịch UBND xã",
            "Ủy ban MTTQ Việt Nam xã",
            "Lưu: VT",
        ],
        signer_authority=["CHÁNH VĂN PHÒNG"] if office else od.COMMUNE_SIGNER,
    )


def month_docx(commune: Unit, s: dict[str, Any], today: date) -> HttpResponse:
    content = od.render_docx(month_document(commune, s, today))
    return download(content, od.DOCX_MIME, f"bao-cao-du-luan-{s['start']:%Y-%m}.docx")
