"""Administrative documents (.docx) in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I.

The rules followed here, from Phụ lục I, Phần I; Mục I (kỹ thuật trình bày văn bản):

- A4 paper; margins top 20-25 mm, bottom 20-25 mm, left 30-35 mm, right 15-20 mm; the Times New
  Roman font of the Unicode set (TCVN 6909:2001).
- Page numbers size 13-14, centred in the top margin, not shown on the first page.

Mục II (kỹ thuật trình bày các thành phần thể thức), khoản 1 to 9:

1. The national name (Quốc hiệu) in upper case, bold, size 12-13; the motto (Tiêu ngữ) bold,
   size 13-14, with a solid line under it as long as the motto.
2. The superior body upper case, not bold, size 12-13; the issuing body upper case, bold, size
   12-13, with a solid line under it of one third to one half of the name's length.
3. "Số" then a colon, size 13; numbers below 10 take a leading 0 (see `reference_line`).
4. Place and date in italics, size 13-14; days below 10 and months 1 and 2 take a leading 0
   (see `place_date_line`).
5. The document type upper case, bold, size 13-14, centred; the subject (trích yếu) bold, size
   13-14, centred under it.
6. Body size 13-14, justified, first-line indent 1-1.27 cm, at least 6 pt between paragraphs,
   line spacing from single to 1.5 lines.
7. The signing authority ("TM.", "KT." and the title) upper case, bold, size 13-14; the
   signer's name bold, size 13-14.
9. "Nơi nhận:" bold italics, size 12; the recipients size 11, each on its own line starting
   with a dash and ending with a semicolon, the last one "Lưu: VT, ..." with a full stop.

Pure python-docx: this module knows nothing of Django or of the product's models.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from danvan.lib.text import commune_official_name, commune_place_name

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(20)
MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)
TEXT_WIDTH_CM = 21.0 - 3.0 - 1.5  # the writing area between the margins
# Word's default left and right cell padding (108 twips each side).
CELL_PADDING_CM = 0.19

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# The header: the issuer on the left, the national name on the right. The national name in bold
# Times New Roman 12 pt is about 8.9 cm long, so the right column needs 10 cm.
HEADER_LEFT_CM = 6.5
HEADER_RIGHT_CM = TEXT_WIDTH_CM - HEADER_LEFT_CM
# The motto in bold Times New Roman 13 pt is about 5.6 cm long; its line is as long (Mục II.1).
MOTTO_LINE_CM = 5.6
CLOSING_LEFT_CM = 7.5
CLOSING_RIGHT_CM = TEXT_WIDTH_CM - CLOSING_LEFT_CM

# Characters XML 1.0 cannot carry; pasted text sometimes holds them (Word's vertical tab).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

Align: TypeAlias = Literal["left", "center", "right", "justify"]
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


# --- the document as data -----------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading of the body ("I. KẾT QUẢ THỰC HIỆN", "1. Công tác tuyên truyền").

    Levels 1 and 2 are bold; level 3 and below bold italics, as Vietnamese reports usually do.
    """

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Body text; each line of `text` becomes its own paragraph."""

    text: str
    italic: bool = False


@dataclass(frozen=True)
class Column:
    title: str
    width_cm: float
    align: Align = "left"


@dataclass(frozen=True)
class Table:
    """A data table with borders: a bold header row repeated on every page, then the rows.

    The widths of the columns should add up to at most `TEXT_WIDTH_CM` (16.5 cm).
    """

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]


Block: TypeAlias = Heading | Paragraph | Table


@dataclass
class OfficialDocument:
    """An administrative document: header, type and subject, body, recipients and signature.

    `superior` and `issuer` may hold several lines separated by "\\n"; both are written in upper
    case. `superior` is the governing body (cơ quan chủ quản) and may be blank. `number` may be
    blank for a draft: the reference then reads "Số:      /BC-UBND".
    """

    issuer: str
    symbol: str
    place: str
    date: datetime.date
    doc_type: str
    subject: str
    blocks: Sequence[Block] = ()
    superior: str = ""
    number: str = ""
    recipients: Sequence[str] = ()
    signer_authority: Sequence[str] = ()
    signer_name: str = ""
    author: str = ""


# --- the rules of Phụ lục I as small functions ----------------------------------------------


def place_date_line(place: str, date: datetime.date) -> str:
    """The place and date line: "Hồng Phong, ngày 05 tháng 02 năm 2026", "…, ngày 26 tháng 11…".

    NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II, khoản 4: day, month and year in Arabic
    numerals; days below 10 and the months 1 and 2 take a leading 0 ("ngày 05", "tháng 01",
    "tháng 02", but "tháng 3", "tháng 11"), which leaves no room to add a digit in front later.
    """
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"


def reference_line(number: str, symbol: str) -> str:
    """The reference line: "Số: 12/BC-UBND"; "Số: 05/BC-UBND" (Mục II.3: a leading 0 below 10).

    A blank number leaves room to write it by hand once the document is registered.
    """
    number = number.strip()
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"Số: {number or ' ' * 5}/{symbol}"


def recipient_lines(recipients: Sequence[str]) -> list[str]:
    """The lines under "Nơi nhận:": "- TT Đảng ủy;" … "- Lưu: VT." (Mục II.9).

    Dashes and end marks in the input are normalised; "Lưu: VT" is added when no archive line is
    given, and the archive line always comes last.
    """
    items = [_clean(r).strip().lstrip("-–•").strip().rstrip(";.").strip() for r in recipients]
    items = [i for i in items if i]
    archive = [i for i in items if i.lower().startswith("lưu")]
    items = [i for i in items if not i.lower().startswith("lưu")] + (archive[-1:] or ["Lưu: VT"])
    return [f"- {item}{'.' if n == len(items) - 1 else ';'}" for n, item in enumerate(items)]


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in _clean(text).splitlines() if line.strip()]


# --- python-docx helpers --------------------------------------------------------------------


def _set_fonts(rpr_parent: Any) -> None:
    """Times New Roman for every script, with no theme font to override it.

    Word picks the font of a character by its script: w:ascii and w:hAnsi for Latin (Vietnamese
    letters with diacritics fall under hAnsi), w:eastAsia and w:cs for the others. A theme
    attribute on the same element wins over the explicit name, so those are removed.
    """
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _run(
    paragraph: DocxParagraph,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
) -> Run:
    run = paragraph.add_run(_clean(text))
    _set_fonts(run._r)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(int(size * 2)))
    run._r.get_or_add_rPr().find(qn("w:sz")).addnext(size_cs)
    return run


def _format(
    paragraph: DocxParagraph,
    *,
    align: Align = "center",
    before: float = 0,
    after: float = 0,
    first_line_cm: float = 0,
    line: float = 1.0,
) -> DocxParagraph:
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.first_line_indent = Cm(first_line_cm) if first_line_cm else None
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE if line != 1.0 else WD_LINE_SPACING.SINGLE
    if line != 1.0:
        fmt.line_spacing = line
    return paragraph


def _text(
    container: DocxDocument | _Cell,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Align = "center",
    before: float = 0,
    after: float = 0,
    first_line_cm: float = 0,
    line: float = 1.0,
    first: bool = False,
) -> DocxParagraph:
    """A paragraph of one run; `first` reuses the empty paragraph every new cell starts with."""
    if first and isinstance(container, _Cell):
        paragraph = container.paragraphs[0]
    else:
        paragraph = container.add_paragraph()
    _format(
        paragraph, align=align, before=before, after=after, first_line_cm=first_line_cm, line=line
    )
    if text:
        _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _short_line(cell: _Cell, width_cm: float, cell_width_cm: float) -> None:
    """A centred solid line under the text above it, drawn as the bottom border of an empty
    paragraph whose indents leave exactly `width_cm` between them.

    A border renders the same in Word and LibreOffice, unlike a drawn shape, and does not move
    when the text above wraps, unlike a row of underscores.
    """
    paragraph = cell.add_paragraph()
    fmt = paragraph.paragraph_format
    side = max((cell_width_cm - 2 * CELL_PADDING_CM - width_cm) / 2, 0)
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "auto"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    # pBdr must come before spacing and ind in CT_PPr's sequence.
    anchor = ppr.find(qn("w:spacing"))
    if anchor is None:
        anchor = ppr.find(qn("w:ind"))
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)
    # The paragraph mark carries a size too; keep it tiny so the line sits close to the text.
    mark = OxmlElement("w:rPr")
    _set_fonts_on(mark)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    ppr.append(mark)


def _set_fonts_on(rpr: Any) -> None:
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    rpr.append(fonts)


def _issuer_line_cm(lines: Sequence[str], size: float) -> float:
    """Two fifths of the longest issuer line (Mục II.2 asks for a third to a half).

    Without font metrics at hand, an upper-case bold Times New Roman letter is taken as 0.7 em
    wide, which is close for Vietnamese names; a name too long for the column wraps, so no line
    is wider than the column.
    """
    longest = max((len(line) for line in lines), default=10)
    width_cm = min(longest * size * 0.7 / 72 * 2.54, HEADER_LEFT_CM - 2 * CELL_PADDING_CM)
    return max(width_cm * 0.4, 1.8)


def _set_widths(table: DocxTable, widths_cm: Sequence[float]) -> None:
    """Width of the grid columns AND of every cell, with a fixed layout.

    Word reads the cells' widths (w:tcW) and LibreOffice the grid (w:gridCol); python-docx's
    `column.width` sets only the grid, so both are set, and autofit is turned off.
    """
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(int(Cm(sum(widths_cm)).twips)))
    tbl_w.set(qn("w:type"), "dxa")
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _set_borders(table: DocxTable, value: str) -> None:
    """`value` "nil" for a layout table, "single" for a data table."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), value)
        if value != "nil":
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "auto")
        borders.append(edge)
    # tblBorders goes after tblW/jc/tblInd and before tblLayout/tblCellMar/tblLook.
    anchor = next(
        (
            tbl_pr.find(qn(tag))
            for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
            if tbl_pr.find(qn(tag)) is not None
        ),
        None,
    )
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tbl_pr.append(borders)


def _layout_table(doc: DocxDocument, rows: int, widths_cm: Sequence[float]) -> DocxTable:
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    _set_borders(table, "nil")
    _set_widths(table, widths_cm)
    return table


def _setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.top_margin = MARGIN_TOP
    section.bottom_margin = MARGIN_BOTTOM
    section.left_margin = MARGIN_LEFT
    section.right_margin = MARGIN_RIGHT
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)

    # Defaults for everything, including text Word adds later by hand: Times New Roman 14 pt,
    # Vietnamese proofing, no spacing inherited from the template.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr_default.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr_default.find(qn(tag)).set(qn("w:val"), "28")
    lang = rpr_default.find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_fonts(normal.element)

    # Page numbers from the second page on, centred in the top margin (Mục I).
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    _format(header, align="center")
    number = _run(header, "1", 14)
    field_ = OxmlElement("w:fldSimple")
    field_.set(qn("w:instr"), "PAGE")
    number._r.addprevious(field_)
    field_.append(number._r)


# --- the parts of the document --------------------------------------------------------------


def _header(doc: DocxDocument, official: OfficialDocument) -> None:
    table = _layout_table(doc, 2, [HEADER_LEFT_CM, HEADER_RIGHT_CM])
    left, right = table.rows[0].cells
    first = True
    for line in _lines(official.superior):
        _text(left, line.upper(), 13, first=first)
        first = False
    issuer = _lines(official.issuer)
    for line in issuer:
        _text(left, line.upper(), 13, bold=True, first=first)
        first = False
    _short_line(left, _issuer_line_cm([i.upper() for i in issuer], 13), HEADER_LEFT_CM)

    _text(right, NATIONAL_NAME, 12, bold=True, first=True)
    _text(right, MOTTO, 13, bold=True)
    _short_line(right, MOTTO_LINE_CM, HEADER_RIGHT_CM)

    number, place_date = table.rows[1].cells
    _text(number, reference_line(official.number, official.symbol), 13, before=6, first=True)
    _text(
        place_date,
        place_date_line(official.place, official.date),
        14,
        italic=True,
        before=6,
        first=True,
    )
    for cell in (*table.rows[0].cells, *table.rows[1].cells):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _title(doc: DocxDocument, official: OfficialDocument) -> None:
    _text(doc, official.doc_type.upper(), 14, bold=True, before=18)
    subject = _lines(official.subject)
    for n, line in enumerate(subject):
        _text(doc, line, 14, bold=True, after=12 if n == len(subject) - 1 else 0)


def _body_paragraph(
    doc: DocxDocument, text: str, *, bold: bool = False, italic: bool = False
) -> DocxParagraph:
    return _text(
        doc,
        text,
        14,
        bold=bold,
        italic=italic,
        align="justify",
        after=6,
        first_line_cm=1,
        line=1.15,
    )


def _data_table(doc: DocxDocument, block: Table) -> None:
    widths = [c.width_cm for c in block.columns]
    table = doc.add_table(rows=1 + len(block.rows), cols=len(widths))
    _set_borders(table, "single")
    _set_widths(table, widths)
    header = table.rows[0]
    # Repeat the header row on every page the table runs over.
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, column in zip(header.cells, block.columns, strict=True):
        _text(cell, column.title, 12, bold=True, before=2, after=2, first=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, column, value in zip(row.cells, block.columns, values, strict=True):
            paragraph = _text(cell, "", 12, align=column.align, before=2, after=2, first=True)
            for n, line in enumerate(_clean(str(value)).splitlines() or [""]):
                if n:
                    paragraph = _text(cell, "", 12, align=column.align, after=2)
                if line:
                    _run(paragraph, line, 12)
    # A little air between the table and the text after it.
    _text(doc, "", 14, after=6)


def _body(doc: DocxDocument, blocks: Sequence[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            for line in _lines(block.text):
                heading = _body_paragraph(doc, line, bold=True, italic=block.level >= 3)
                # A heading never ends a page alone.
                heading.paragraph_format.keep_with_next = True
        elif isinstance(block, Paragraph):
            for line in _lines(block.text):
                _body_paragraph(doc, line, italic=block.italic)
        else:
            _data_table(doc, block)


def _closing(doc: DocxDocument, official: OfficialDocument) -> None:
    table = _layout_table(doc, 1, [CLOSING_LEFT_CM, CLOSING_RIGHT_CM])
    left, right = table.rows[0].cells
    _text(left, "Nơi nhận:", 12, bold=True, italic=True, align="left", before=6, first=True)
    for line in recipient_lines(official.recipients):
        _text(left, line, 11, align="left")

    first = True
    for line in official.signer_authority:
        for part in _lines(line):
            _text(right, part.upper(), 14, bold=True, before=6 if first else 0, first=first)
            first = False
    # Room for the signature and the seal.
    _text(right, official.signer_name.strip(), 14, bold=True, before=72, first=first)
    for cell in table.rows[0].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def render_docx(official: OfficialDocument) -> bytes:
    """The document as .docx bytes."""
    doc = Document()
    _setup(doc)
    _header(doc, official)
    _title(doc, official)
    _body(doc, official.blocks)
    _closing(doc, official)

    props = doc.core_properties
    props.title = _clean(" ".join(_lines(f"{official.doc_type} {official.subject}")))[:250]
    props.author = props.last_modified_by = _clean(official.author)[:250]
    props.language = "vi-VN"
    props.created = datetime.datetime.combine(official.date, datetime.time())
    # python-docx's template carries a thumbnail of another document, which file browsers show.
    package_rels = doc.part.package.rels
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rid)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- the commune as the issuer of a document ------------------------------------------------

COMMUNE_SIGNER = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def commune_issuer(commune_name: str) -> tuple[str, str, str]:
    """(issuer for the header, place for the date line, name in running text) of the commune's
    People's Committee: "Ủy ban nhân dân\\nXã Hồng Phong" (printed upper case), "Hồng Phong",
    "Ủy ban nhân dân xã Hồng Phong" (NĐ 30/2020/NĐ-CP, Phụ lục I, Mục II.2, II.4)."""
    name = commune_official_name(commune_name)
    place = commune_place_name(name)
    return f"Ủy ban nhân dân\n{name}", place, f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}"
