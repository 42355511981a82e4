"""The .docx writer against the layout of NĐ 30/2020/NĐ-CP, Phụ lục I."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from danvan.lib import officialdoc as od

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _official(**changes: object) -> od.OfficialDocument:
    fields: dict[str, object] = {
        "superior": "",
        "issuer": "Ủy ban nhân dân\nXã Hồng Phong",
        "number": "12",
        "symbol": "BC-UBND",
        "place": "Hồng Phong",
        "date": date(2026, 11, 26),
        "doc_type": "Báo cáo",
        "subject": "Kết quả thực hiện công tác dân vận chính quyền năm 2026",
        "blocks": [
            od.Heading("I. TÌNH HÌNH CHUNG"),
            od.Paragraph("Kế hoạch có 3 nhiệm vụ; đã hoàn thành 1.\nTiến độ chung đạt 40%."),
            od.Table(
                columns=[
                    od.Column("TT", 1.0, "center"),
                    od.Column("Nhiệm vụ", 9.5),
                    od.Column("Tiến độ", 2.0, "center"),
                    od.Column("Trạng thái", 4.0),
                ],
                rows=[["1", "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở", "50%", "Quá hạn"]],
            ),
            od.Paragraph("Trên đây là báo cáo./."),
        ],
        "recipients": ["TT Đảng ủy;", "- TT HĐND xã", "Lưu: VT, VHXH."],
        "signer_authority": ["TM. Ủy ban nhân dân", "Chủ tịch"],
        "signer_name": "Hoàng Thanh Tuấn",
    }
    fields.update(changes)
    return od.OfficialDocument(**fields)  # type: ignore[arg-type]


def _open(official: od.OfficialDocument) -> DocxDocument:
    return Document(io.BytesIO(od.render_docx(official)))


def _cell_paragraphs(table: DocxTable, row: int, col: int) -> list[DocxParagraph]:
    return [p for p in table.cell(row, col).paragraphs if p.text]


def _mm(length: Length | None) -> float:
    assert length is not None
    return round(length.mm, 1)


def _all_text(doc: DocxDocument) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_it_opens_with_python_docx_and_carries_the_national_name_and_motto() -> None:
    doc = _open(_official())
    header = doc.tables[0]
    national, motto = _cell_paragraphs(header, 0, 1)
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert national.runs[0].font.bold and national.runs[0].font.size == Pt(12)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert motto.runs[0].font.bold and motto.runs[0].font.size == Pt(13)
    # The issuer, upper case and bold, with no superior body above it.
    assert [p.text for p in _cell_paragraphs(header, 0, 0)] == ["ỦY BAN NHÂN DÂN", "XÃ HỒNG PHONG"]
    assert all(p.runs[0].font.bold for p in _cell_paragraphs(header, 0, 0))
    assert header.cell(1, 0).text == "Số: 12/BC-UBND"


def test_it_writes_a_superior_body_in_upper_case_not_bold() -> None:
    doc = _open(_official(superior="UBND xã Hồng Phong", issuer="Phòng Văn hóa - Xã hội"))
    superior, issuer = _cell_paragraphs(doc.tables[0], 0, 0)
    assert superior.text == "UBND XÃ HỒNG PHONG" and not superior.runs[0].font.bold
    assert superior.runs[0].font.size == Pt(13)
    assert issuer.text == "PHÒNG VĂN HÓA - XÃ HỘI" and issuer.runs[0].font.bold


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # NĐ 30/2020, Phụ lục I, Phần I, Mục II.4: days below 10 and months 1, 2 take a 0.
        (date(2026, 1, 5), "Hồng Phong, ngày 05 tháng 01 năm 2026"),
        (date(2026, 1, 15), "Hồng Phong, ngày 15 tháng 01 năm 2026"),
        (date(2026, 2, 5), "Hồng Phong, ngày 05 tháng 02 năm 2026"),
        (date(2026, 2, 15), "Hồng Phong, ngày 15 tháng 02 năm 2026"),
        (date(2026, 3, 5), "Hồng Phong, ngày 05 tháng 3 năm 2026"),
        (date(2026, 11, 5), "Hồng Phong, ngày 05 tháng 11 năm 2026"),
        (date(2026, 11, 15), "Hồng Phong, ngày 15 tháng 11 năm 2026"),
    ],
)
def test_it_writes_the_place_and_date_per_nd30(day: date, expected: str) -> None:
    assert od.place_date_line("Hồng Phong", day) == expected
    line = _cell_paragraphs(_open(_official(date=day)).tables[0], 1, 1)[0]
    assert line.text == expected
    assert line.runs[0].font.italic and line.runs[0].font.size == Pt(14)


def test_it_leaves_room_for_a_number_not_yet_given() -> None:
    assert od.reference_line("", "BC-UBND") == "Số:      /BC-UBND"
    assert od.reference_line("5", "BC-UBND") == "Số: 05/BC-UBND"
    assert od.reference_line("125", "BC-UBND") == "Số: 125/BC-UBND"
    doc = _open(_official(number=""))
    assert doc.tables[0].cell(1, 0).text == "Số:      /BC-UBND"


def test_it_sets_times_new_roman_on_every_run_for_every_script() -> None:
    content = od.render_docx(_official())
    doc = Document(io.BytesIO(content))
    runs = 0
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        for name in package.namelist():
            if not name.startswith("word/") or not name.endswith(".xml"):
                continue
            root = etree.fromstring(package.read(name))
            for run in root.iter(f"{W}r"):
                runs += 1
                fonts = run.find(f"{W}rPr/{W}rFonts")
                assert fonts is not None, name
                for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
                    assert fonts.get(f"{W}{attr}") == "Times New Roman", (name, attr)
                assert not [a for a in fonts.attrib if a.endswith("Theme") or a.endswith("theme")]
    assert runs > 20
    # python-docx's own view agrees, and text typed later in Word starts in the same font.
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    assert all(r.font.name == "Times New Roman" for p in paragraphs for r in p.runs)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{W}rPrDefault/{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == (
        "Times New Roman"
    )


def test_it_sets_a4_paper_and_the_margins_of_nd30() -> None:
    section = _open(_official()).sections[0]
    # Word stores lengths in twips, so millimetres come back within a rounding error.
    assert (_mm(section.page_width), _mm(section.page_height)) == (210, 297)
    assert _mm(section.top_margin) == 20
    assert _mm(section.bottom_margin) == 20
    assert _mm(section.left_margin) == 30
    assert _mm(section.right_margin) == 15
    # Page numbers from the second page, none on the first.
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml


def test_it_sets_column_and_cell_widths_of_every_table() -> None:
    doc = _open(_official())
    header, data, closing = doc.tables
    expected = {
        0: [od.HEADER_LEFT_CM, od.HEADER_RIGHT_CM],
        1: [1.0, 9.5, 2.0, 4.0],
        2: [od.CLOSING_LEFT_CM, od.CLOSING_RIGHT_CM],
    }
    for n, table in enumerate((header, data, closing)):
        widths = expected[n]
        assert [round(c.width.cm, 2) for c in table.columns] == widths
        for row in table.rows:
            assert [round(cell.width.cm, 2) for cell in row.cells] == widths
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
    assert sum(expected[0]) == pytest.approx(21 - 3 - 1.5)


def test_it_draws_borders_only_around_data_tables() -> None:
    header, data, closing = _open(_official()).tables
    for table in (header, closing):
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    borders = data._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"single"}


def test_it_writes_a_data_table_with_a_bold_repeated_header_row() -> None:
    data = _open(_official()).tables[1]
    header = data.rows[0]
    assert [c.text for c in header.cells] == ["TT", "Nhiệm vụ", "Tiến độ", "Trạng thái"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    for cell in header.cells:
        run = cell.paragraphs[0].runs[0]
        assert run.font.bold and run.font.size == Pt(12)
    body = data.rows[1].cells
    assert body[1].text == "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở"
    assert not body[1].paragraphs[0].runs[0].font.bold
    assert body[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_it_writes_type_subject_and_body_in_the_layout_of_nd30() -> None:
    doc = _open(_official())
    paragraphs = [p for p in doc.paragraphs if p.text]
    doc_type, subject, heading, first = paragraphs[:4]
    assert doc_type.text == "BÁO CÁO"
    assert subject.text == "Kết quả thực hiện công tác dân vận chính quyền năm 2026"
    for p in (doc_type, subject):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert p.runs[0].font.bold and p.runs[0].font.size == Pt(14)
    assert heading.text == "I. TÌNH HÌNH CHUNG" and heading.runs[0].font.bold
    # Each line of a Paragraph block is a paragraph of its own.
    assert first.text == "Kế hoạch có 3 nhiệm vụ; đã hoàn thành 1."
    assert paragraphs[4].text == "Tiến độ chung đạt 40%."
    fmt = first.paragraph_format
    assert first.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert _mm(fmt.first_line_indent) == 10
    assert fmt.space_after == Pt(6)
    assert fmt.line_spacing == pytest.approx(1.15)
    assert first.runs[0].font.size == Pt(14) and not first.runs[0].font.bold


def test_it_closes_with_recipients_and_the_signature() -> None:
    closing = _open(_official()).tables[2]
    heading, *recipients = _cell_paragraphs(closing, 0, 0)
    assert heading.text == "Nơi nhận:"
    assert heading.runs[0].font.bold and heading.runs[0].font.italic
    assert heading.runs[0].font.size == Pt(12)
    assert [p.text for p in recipients] == ["- TT Đảng ủy;", "- TT HĐND xã;", "- Lưu: VT, VHXH."]
    assert all(p.runs[0].font.size == Pt(11) for p in recipients)
    signature = _cell_paragraphs(closing, 0, 1)
    assert [p.text for p in signature] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàng Thanh Tuấn"]
    assert all(p.runs[0].font.bold and p.runs[0].font.size == Pt(14) for p in signature)
    # Room for the signature and the seal above the name.
    assert signature[2].paragraph_format.space_before >= Pt(60)


def test_it_adds_the_archive_line_when_missing() -> None:
    assert od.recipient_lines(["Như trên"]) == ["- Như trên;", "- Lưu: VT."]
    assert od.recipient_lines(["Lưu: VT", "Như trên;"]) == ["- Như trên;", "- Lưu: VT."]


def test_it_keeps_vietnamese_text_and_drops_characters_xml_cannot_hold() -> None:
    doc = _open(
        _official(blocks=[od.Paragraph("Ý kiến của cử tri\x0bthôn Nà Pàn\x00 về đường giao thông")])
    )
    text = _all_text(doc)
    assert "Ý kiến của cử trithôn Nà Pàn về đường giao thông" in text
    assert "ỦY BAN NHÂN DÂN" in text and "Hồng Phong, ngày 26 tháng 11 năm 2026" in text
