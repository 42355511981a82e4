"""Reading an export: the header row found under a title, common headers with or without
diacritics, dates as text or as spreadsheet dates, unreadable rows listed with their reason."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.onestop import reader
from danvan.onestop.tests.files import HEADERS, ROWS, csv_bytes, xlsx


def read(raw: bytes, name: str, saved: dict[str, str] | None = None) -> reader.Reading:
    return reader.read_table(reader.find_header(reader.read_rows(raw, name), saved))


def test_it_finds_the_header_under_a_title_and_reads_every_row() -> None:
    table = reader.find_header(reader.read_rows(xlsx(), "thang3.xlsx"))
    assert table.rows[table.header_at][0] == 3 and not table.missing
    reading = reader.read_table(table)
    assert [r.number for r in reading.rows] == [4, 5, 6, 7, 8] and not reading.unreadable
    first = reading.rows[1]
    assert (first.received_on, first.returned_on) == (date(2026, 3, 2), date(2026, 3, 6))
    assert reading.rows[3].returned_on is None and reading.rows[0].satisfaction == "Hài lòng"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_it_reads_csv_in_utf8_with_or_without_bom(encoding: str, delimiter: str) -> None:
    reading = read(csv_bytes(encoding=encoding, delimiter=delimiter), "x.csv")
    assert len(reading.rows) == 5 and reading.rows[0].code == "H01.01-260301-0001"


def test_it_refuses_a_csv_not_in_utf8_in_vietnamese() -> None:
    with pytest.raises(reader.Unreadable, match="không phải mã UTF-8"):
        reader.read_rows(csv_bytes().decode("utf-8-sig").encode("utf-16"), "x.csv")


def test_it_refuses_a_damaged_xlsx() -> None:
    with pytest.raises(reader.Unreadable, match="không đọc được"):
        reader.read_rows(b"PK\x03\x04garbage", "x.xlsx")


def test_headers_without_diacritics_or_with_a_note_are_recognised() -> None:
    headers = ["ma ho so", "TEN THU TUC", "Ngay tiep nhan", "Ngày hẹn trả (dd/mm/yyyy)", "Ngay tra",
               "Tình trạng", "Đánh giá"]  # fmt: skip
    columns = reader.match_columns(headers)
    assert list(columns) == list(reader.FIELDS)


def test_unknown_headers_are_read_through_the_saved_mapping() -> None:
    headers = ["Số TT", "Số biên nhận HS", "TTHC", "Nhận lúc", "Hẹn", "Trả lúc"]
    rows = [[1, "A1", "Khai sinh", "01/03/2026", "05/03/2026", ""]]
    table = reader.find_header(reader.read_rows(xlsx(rows, headers), "x.xlsx"))
    assert set(table.missing) == {"code", "received_on", "due_on"}
    assert table.headers == headers
    saved = {"code": "so bien nhan hs", "received_on": "nhan luc", "due_on": "hen"}
    reading = read(xlsx(rows, headers), "x.xlsx", saved)
    assert [r.code for r in reading.rows] == ["A1"]


def test_spreadsheet_dates_and_serials_are_days() -> None:
    rows = [[1, "A", "x", datetime(2026, 3, 1, 8, 30), 46086, date(2026, 3, 4), "", ""]]
    (row,) = read(xlsx(rows), "x.xlsx").rows
    assert (row.received_on, row.due_on, row.returned_on) == (
        date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 4)
    )  # fmt: skip


def test_rows_that_cannot_be_read_are_listed_with_number_and_reason() -> None:
    bad: list[list[Any]] = [
        [6, "", "x", "01/03/2026", "05/03/2026", "", "", ""],
        [7, "B", "x", "31/02/2026", "05/03/2026", "", "", ""],
        [8, "C", "x", "01/03/2026", "", "", "", ""],
        [9, "D", "x", "05/03/2026", "01/03/2026", "", "", ""],
        [10, "H01.01-260301-0001", "x", "01/03/2026", "05/03/2026", "", "", ""],
        [11, "E", "x", "01/03/2026", "ngày mai", "", "", ""],
    ]
    reading = read(xlsx(ROWS + bad), "x.xlsx")
    assert len(reading.rows) == 5
    reasons = dict(reading.unreadable)
    assert sorted(reasons) == [9, 10, 11, 12, 13, 14]
    assert "Thiếu mã hồ sơ" in reasons[9]
    assert "không có thật" in reasons[10]
    assert "Thiếu ngày hẹn trả" in reasons[11]
    assert reasons[12] == "Ngày hẹn trả trước ngày tiếp nhận"
    assert reasons[13] == "Trùng mã hồ sơ H01.01-260301-0001 với dòng 4"
    assert "không phải ngày" in reasons[14]


def test_blank_rows_are_not_data() -> None:
    reading = read(xlsx([*ROWS[:1], [None] * 8, *ROWS[1:2]]), "x.xlsx")
    assert len(reading.rows) == 2 and not reading.unreadable


def test_a_file_without_any_header_is_refused() -> None:
    with pytest.raises(reader.Unreadable, match="không có dòng tiêu đề"):
        reader.find_header(reader.read_rows(b"", "x.csv"))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05/03/2026", date(2026, 3, 5)),
        ("5/3/2026", date(2026, 3, 5)),
        ("05-03-2026", date(2026, 3, 5)),
        ("05.03.2026 14:20", date(2026, 3, 5)),
        ("14:20 05/03/2026", date(2026, 3, 5)),
        ("2026-03-05", date(2026, 3, 5)),
        ("2026-03-05T14:20:00", date(2026, 3, 5)),
        ("2026-03-05 14:20:11.123", date(2026, 3, 5)),
    ],
)
def test_dates_as_text(text: str, day: date) -> None:
    assert reader.parse_day(text) == day


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=True), st.datetimes()))
def test_a_day_is_read_or_refused_with_a_reason(value: Any) -> None:
    try:
        day = reader.parse_day(value)
    except ValueError as e:
        assert str(e)
    else:
        assert day is None or reader.EARLIEST <= day <= reader.LATEST


@given(st.lists(st.lists(st.one_of(st.none(), st.text(max_size=20), st.integers()), max_size=8),
                max_size=15))  # fmt: skip
def test_every_data_row_is_read_or_listed(cells: list[list[Any]]) -> None:
    rows = [(1, list(HEADERS))] + [(n, c) for n, c in enumerate(cells, start=2)]
    table = reader.find_header(rows)
    reading = reader.read_table(table)
    numbers = [r.number for r in reading.rows] + [n for n, _ in reading.unreadable]
    blank = [n for n, c in rows[1:] if not any(x not in (None, "") and str(x).strip() for x in c)]
    assert sorted(numbers + blank) == list(range(2, len(cells) + 2))


def test_rows_keep_the_spreadsheets_numbers_and_a_numeric_code_stays_whole() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    # The table starts at B4, as when an export leaves margins: the numbers are the sheet's.
    for col, header in enumerate(["Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả"], start=2):
        sheet.cell(row=4, column=col, value=header)
    sheet.cell(row=5, column=2, value=260301)
    sheet.cell(row=5, column=3, value=datetime(2026, 3, 2, 8, 15))
    sheet.cell(row=5, column=4, value="06/03/2026")
    out = io.BytesIO()
    book.save(out)
    rows = reader.read_rows(out.getvalue(), "x.xlsx")
    reading = reader.read_table(reader.find_header(rows))
    assert reading.unreadable == []
    [row] = reading.rows
    assert (row.code, row.received_on, row.due_on) == ("260301", date(2026, 3, 2), date(2026, 3, 6))
    assert rows[4][0] == 5
