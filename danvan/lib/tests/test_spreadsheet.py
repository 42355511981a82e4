"""The one spreadsheet writer: formulas never run, dates read as dates, names as documents write."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from danvan.lib.spreadsheet import Sheet
from danvan.lib.text import commune_official_name, commune_place_name


def _read(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_it_writes_a_title_a_header_and_rows() -> None:
    sheet = Sheet("Góp ý", title="Ý kiến góp ý", subtitle="Số liệu đến ngày 05/12/2026")
    sheet.header([("STT", 6), ("Nội dung", 50), ("Ngày nhận", 12)])
    sheet.row([1, "Đường thôn Bản Mới", date(2026, 3, 2)])
    ws = _read(sheet.to_bytes())
    assert ws.title == "Góp ý"
    assert [c.value for c in ws[4]] == ["STT", "Nội dung", "Ngày nhận"]
    assert ws["C5"].value.date() == date(2026, 3, 2)
    assert ws["C5"].number_format == "dd/mm/yyyy"
    assert ws.column_dimensions["B"].width == 50
    assert ws.freeze_panes == "A5"


@given(st.sampled_from("=+-@\t\r"), st.text(max_size=30))
def test_it_never_lets_a_cell_run_as_a_formula(start: str, rest: str) -> None:
    sheet = Sheet("x")
    sheet.header([("a", 10)])
    sheet.row([start + rest])
    cell = _read(sheet.to_bytes())["A2"]
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_it_drops_characters_a_spreadsheet_cannot_hold() -> None:
    sheet = Sheet("x")
    sheet.row(["a\x00b\x1bc"])
    assert _read(sheet.to_bytes())["A1"].value == "abc"


def test_it_names_a_commune_as_official_documents_do() -> None:
    assert commune_official_name("Hồng Phong") == "Xã Hồng Phong"
    assert commune_official_name("Xã Hồng Phong") == "Xã Hồng Phong"
    assert commune_official_name("Phường Kỳ Lừa") == "Phường Kỳ Lừa"
    assert commune_official_name("Đặc khu Phú Quốc") == "Đặc khu Phú Quốc"
    assert commune_official_name("Thị trấn Na Sầm") == "Thị trấn Na Sầm"
    assert commune_place_name("Xã Hồng Phong (Ninh Bình)") == "Hồng Phong"
    assert commune_place_name("Đặc khu  Côn Đảo") == "Côn Đảo"
