"""The one spreadsheet writer of every export (.xlsx): a sheet with a title block, a header row,
rows, widths, and cells that a spreadsheet can never run as formulas.

    sheet = Sheet("Góp ý", title="Ý kiến góp ý …", subtitle="Số liệu đến ngày …")
    sheet.header([("STT", 6), ("Nội dung", 50), ("Ngày nhận", 12)])
    sheet.row([1, "=HYPERLINK(…)", date(2026, 3, 2)])
    return sheet.book.to_bytes()

Text starting with = + - @ or a tab is stored as text with Excel's quote prefix, so
"=HYPERLINK(…)" shows as typed and is never evaluated, even after an edit (CSV/formula
injection); characters an .xlsx cannot hold are dropped; dates show as dd/mm/yyyy; the font is
Times New Roman, as in official documents.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "dd/mm/yyyy"
FONT = Font(name="Times New Roman", size=12)
BOLD = Font(name="Times New Roman", size=12, bold=True)
TITLE = Font(name="Times New Roman", size=14, bold=True)
RED = Font(name="Times New Roman", size=12, color="C00000")
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")

Value = str | int | float | Decimal | date | datetime | bool | None


def put(ws: Worksheet, row: int, column: int, value: object, *, font: Font = FONT) -> Cell:
    """Write one cell safely (see the module's docstring); anything that is not a number, a
    date or a boolean is written as its text (a lazy translation, a choice label)."""
    if value is not None and not isinstance(value, int | float | Decimal | date | bool):
        value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    cell.font = font
    cell.alignment = WRAP
    return cell


class Book:
    """A workbook of one or more sheets, with the product's name as its creator."""

    def __init__(self, title: str = "") -> None:
        self.workbook = Workbook()
        self.workbook.remove(self.workbook.active)  # type: ignore[arg-type]
        self.workbook.properties.creator = "Dân vận số"
        self.workbook.properties.title = title

    def sheet(self, name: str, **kwargs: str) -> Sheet:
        return Sheet(name, book=self, **kwargs)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


class Sheet:
    """One sheet written top to bottom: title lines, a header, then rows."""

    def __init__(
        self, name: str, *, book: Book | None = None, title: str = "", subtitle: str = ""
    ) -> None:
        self.book = book or Book(title)
        self.ws: Worksheet = self.book.workbook.create_sheet(name[:31])
        self.next_row = 1
        self.columns = 0
        self.header_row = 0
        self._lines: list[int] = []
        if title:
            self.line(title, font=TITLE)
        if subtitle:
            self.line(subtitle)

    def line(self, text: str, *, font: Font = FONT) -> None:
        """A line of text above the table (merged across it once the header is known)."""
        put(self.ws, self.next_row, 1, text, font=font)
        self._lines.append(self.next_row)
        self.next_row += 1

    def header(self, columns: Sequence[tuple[str, float]], *, gap: bool = True) -> None:
        """The column titles with their widths, a blank row below the title lines unless
        `gap=False`; frozen, filterable, printed on every page, landscape A4 fitted to width."""
        self.columns = len(columns)
        last = get_column_letter(self.columns)
        for row in self._lines if self.columns > 1 else ():
            self.ws.merge_cells(f"A{row}:{last}{row}")
        if self._lines and gap:
            self.next_row += 1
        self.header_row = self.next_row
        for column, (text, width) in enumerate(columns, start=1):
            cell = put(self.ws, self.header_row, column, text, font=BOLD)
            cell.alignment = HEADER_ALIGN
            cell.fill = HEADER_FILL
            self.ws.column_dimensions[get_column_letter(column)].width = width
        self.next_row += 1
        self.ws.freeze_panes = f"A{self.next_row}"
        self.ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        setup = self.ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    def row(
        self, values: Iterable[object], *, font: Font = FONT, fill: PatternFill | None = None
    ) -> int:
        """One row of values; returns its number (to style a cell afterwards)."""
        number = self.next_row
        for column, value in enumerate(values, start=1):
            cell = put(self.ws, number, column, value, font=font)
            if fill is not None:
                cell.fill = fill
        self.next_row += 1
        if self.columns:
            last = get_column_letter(self.columns)
            self.ws.auto_filter.ref = f"A{self.header_row}:{last}{number}"
        return number

    def rows(self, rows: Iterable[Iterable[object]]) -> None:
        for values in rows:
            self.row(values)

    def to_bytes(self) -> bytes:
        return self.book.to_bytes()
