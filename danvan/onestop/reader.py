"""Reading the dossier list the provincial one-stop system exports (.xlsx or .csv).

Pure functions (no database): the file's rows, the header row, which column holds which field
(common Vietnamese headers with or without diacritics, else the commune's saved mapping), and
each row turned into a `Row` or a Vietnamese reason why it cannot be read. Nothing is dropped
silently: every data row is either read or listed with its row number (as the spreadsheet
numbers it, from 1) and its reason.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from danvan.lib.text import fold

FIELDS = {
    "code": "Mã hồ sơ",
    "procedure": "Tên thủ tục",
    "received_on": "Ngày tiếp nhận",
    "due_on": "Ngày hẹn trả",
    "returned_on": "Ngày trả kết quả",
    "status": "Trạng thái",
    "satisfaction": "Mức độ hài lòng",
}
REQUIRED = ("code", "received_on", "due_on")
DATES = ("received_on", "due_on", "returned_on")

# Headers seen in provincial exports, folded (lib.text.fold) and stripped of punctuation and
# of a note in brackets ("Ngày hẹn trả (dd/mm/yyyy)").
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("ma ho so", "so ho so", "ma hs", "so hs", "ma so ho so", "so bien nhan",
             "ma bien nhan", "ma ho so tthc"),
    "procedure": ("ten thu tuc", "thu tuc", "ten thu tuc hanh chinh", "ten tthc", "thu tuc hanh chinh",
                  "ten ho so"),
    "received_on": ("ngay tiep nhan", "ngay nhan", "ngay nhan ho so", "thoi gian tiep nhan",
                    "ngay tiep nhan ho so", "ngay nop"),
    "due_on": ("ngay hen tra", "ngay hen tra ket qua", "hen tra", "han tra", "ngay hen",
               "han giai quyet", "ngay het han", "thoi han giai quyet", "hen tra ket qua"),
    "returned_on": ("ngay tra ket qua", "ngay tra", "ngay tra kq", "ngay hoan thanh",
                    "thoi gian tra ket qua", "ngay co ket qua", "ngay tra ho so", "tra ket qua"),
    "status": ("trang thai", "tinh trang", "trang thai ho so", "tinh trang ho so",
               "trang thai xu ly", "ket qua xu ly"),
    "satisfaction": ("muc do hai long", "danh gia", "hai long", "danh gia muc do hai long",
                     "danh gia hai long", "muc do hai long cua nguoi dan", "ket qua danh gia"),
}  # fmt: skip
_BY_HEADER = {h: f for f, hs in HEADERS.items() for h in hs}
# Only the first rows are searched for the header row (a title, the unit, a blank row…).
HEADER_ROWS = 20
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
# Spreadsheet serial day numbers (1900 date system) of EARLIEST and LATEST.
_SERIAL_BASE = date(1899, 12, 30)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*$")
_DMY = re.compile(r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
                  r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?\s*$")  # fmt: skip
MAX_TEXT = {"code": 100, "procedure": 500, "status": 200, "satisfaction": 100}


class Unreadable(Exception):
    """The file as a whole cannot be read; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Row:
    number: int
    code: str
    procedure: str
    received_on: date
    due_on: date
    returned_on: date | None
    status: str
    satisfaction: str


@dataclass
class Table:
    """A file's rows (each a list of cells, numbered from 1) and where its header row is."""

    rows: list[tuple[int, list[Any]]]
    header_at: int = -1  # index in `rows`
    headers: list[str] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # field -> column index

    @property
    def missing(self) -> list[str]:
        return [f for f in REQUIRED if f not in self.columns]

    def data(self) -> Iterator[tuple[int, list[Any]]]:
        return iter(self.rows[self.header_at + 1 :])


def header_key(text: Any) -> str:
    """A header as it is compared: folded, punctuation and a bracketed note dropped."""
    bare = re.sub(r"\(.*?\)|\[.*?\]", " ", fold(str(text or "")))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", bare).split())


def read_rows(raw: bytes, name: str) -> list[tuple[int, list[Any]]]:
    """Every row of the file's first sheet (xlsx) or of the CSV (UTF-8, with or without BOM)."""
    if raw[:2] == b"PK" or name.lower().endswith(".xlsx"):
        return _xlsx_rows(raw)
    if name.lower().endswith((".xls", ".ods")):
        raise Unreadable(
            "Chỉ đọc được tệp .xlsx hoặc .csv; hãy lưu tệp dưới dạng .xlsx rồi gửi lại."
        )
    return _csv_rows(raw)


def _xlsx_rows(raw: bytes) -> list[tuple[int, list[Any]]]:
    """The first sheet's rows, numbered as the spreadsheet numbers them. python-calamine reads
    100,000 rows in about a second where openpyxl (read-only) took 13 (measured on these
    machines, benchmarks/onestop_import.py): the import's target is 30 s for all of it."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        values = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as e:  # no zip, a damaged sheet, a password: the reader raises many kinds
        raise Unreadable(
            f"Tệp .xlsx không đọc được ({type(e).__name__}); hãy mở và lưu lại tệp bằng Excel rồi gửi lại."
        ) from None
    rows = []
    for number, row in enumerate(values, start=1):
        cells = list(row)
        while cells and cells[-1] in (None, ""):
            cells.pop()
        rows.append((number, cells))
    return rows


def _csv_rows(raw: bytes) -> list[tuple[int, list[Any]]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable(
            "Tệp .csv không phải mã UTF-8. Hãy lưu lại tệp dưới dạng “CSV UTF-8” (Excel: Lưu "
            "thành → CSV UTF-8) hoặc .xlsx rồi gửi lại."
        ) from None
    if "\x00" in text:
        raise Unreadable("Tệp không phải .xlsx hay .csv (có ký tự nhị phân).")
    first = text[:4096].splitlines()[:HEADER_ROWS]
    delimiter = max(",;\t", key=lambda d: sum(line.count(d) for line in first))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for number, cells in enumerate(reader, start=1):
            while cells and not cells[-1].strip():
                cells.pop()
            rows.append((number, list(cells)))
    except csv.Error as e:
        raise Unreadable(f"Tệp .csv không đọc được: {e}.") from None
    return rows


def find_header(rows: list[tuple[int, list[Any]]], saved: Mapping[str, str] | None = None) -> Table:
    """The header row: among the first rows, the one where most fields are recognised (by the
    saved mapping first, then the common headers); with none recognised, the first row with
    the most text cells, so that the officer can map its columns."""
    table = Table(rows=rows)
    best: tuple[int, int] = (0, -1)
    for index, (_number, cells) in enumerate(rows[:HEADER_ROWS]):
        found = len(match_columns(cells, saved))
        if found > best[0]:
            best = (found, index)
    if best[1] < 0:
        texts = [
            (sum(1 for c in cells if isinstance(c, str) and c.strip()), -i)
            for i, (_n, cells) in enumerate(rows[:HEADER_ROWS])
        ]
        if not texts or max(texts)[0] == 0:
            raise Unreadable("Tệp không có dòng tiêu đề cột nào (tệp trống?).")
        best = (0, -max(texts)[1])
    table.header_at = best[1]
    cells = rows[table.header_at][1]
    table.headers = [str(c).strip() if c is not None else "" for c in cells]
    table.columns = match_columns(cells, saved)
    return table


def match_columns(cells: Sequence[Any], saved: Mapping[str, str] | None = None) -> dict[str, int]:
    """{field: column index} for the headers of one row: the saved mapping's header for a
    field first, else a common header."""
    keys = [header_key(c) if isinstance(c, str) else "" for c in cells]
    columns: dict[str, int] = {}
    for name, header in (saved or {}).items():
        if name in FIELDS and header and header in keys:
            columns[name] = keys.index(header)
    taken = set(columns.values())
    for index, key in enumerate(keys):
        known = _BY_HEADER.get(key)
        if known and known not in columns and index not in taken:
            columns[known] = index
            taken.add(index)
    return columns


def parse_day(value: Any) -> date | None:
    """A day as an export writes it: a spreadsheet date or serial number, or text dd/mm/yyyy
    (also with - or .), yyyy-mm-dd, either with a time. None when empty; ValueError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 36526 <= value <= 73415:  # 01/01/2000 … 31/12/2100
            raise ValueError(f"số {value} không phải một ngày")
        day = _SERIAL_BASE + timedelta(days=int(value))
    else:
        text = str(value)
        if m := _ISO.match(text):
            y, mo, d = (int(x) for x in m.groups())
        elif m := _DMY.match(text):
            d, mo, y = (int(x) for x in m.groups())
        else:
            raise ValueError(f"“{text.strip()[:40]}” không phải ngày (dd/mm/yyyy)")
        try:
            day = date(y, mo, d)
        except ValueError:
            raise ValueError(f"ngày {text.strip()[:40]} không có thật") from None
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"ngày {day:%d/%m/%Y} ngoài khoảng 2000–2100")
    return day


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return " ".join(str(value).replace("\x00", "").split())


def read_row(number: int, values: Mapping[str, Any]) -> Row:
    """One row from its fields' raw values; ValueError (Vietnamese) when it cannot be read."""
    problems = []
    texts = {}
    for name, limit in MAX_TEXT.items():
        texts[name] = _text(values.get(name))
        if len(texts[name]) > limit:
            problems.append(f"{FIELDS[name].lower()} dài quá {limit} ký tự")
    if not texts["code"]:
        problems.append("thiếu mã hồ sơ")
    days: dict[str, date | None] = {}
    for name in DATES:
        try:
            days[name] = parse_day(values.get(name))
        except ValueError as e:
            problems.append(f"{FIELDS[name].lower()}: {e}")
            days[name] = None
        else:
            if days[name] is None and name in REQUIRED:
                problems.append(f"thiếu {FIELDS[name].lower()}")
    received, due, returned = days["received_on"], days["due_on"], days["returned_on"]
    if received and due and due < received:
        problems.append("ngày hẹn trả trước ngày tiếp nhận")
    if received and returned and returned < received:
        problems.append("ngày trả kết quả trước ngày tiếp nhận")
    if problems:
        text = "; ".join(problems)
        raise ValueError(text[:1].upper() + text[1:])
    assert received is not None and due is not None
    return Row(number, texts["code"], texts["procedure"], received, due, returned,
               texts["status"], texts["satisfaction"])  # fmt: skip


@dataclass
class Reading:
    """What a file's data rows became: rows read, and (row number, reason) for the others."""

    rows: list[Row] = field(default_factory=list)
    unreadable: list[tuple[int, str]] = field(default_factory=list)


def read_records(records: Iterable[tuple[int, Mapping[str, Any]]]) -> Reading:
    """Read numbered records ({field: raw value}); a code seen twice is refused the second time."""
    out = Reading()
    seen: dict[str, int] = {}
    for number, values in records:
        try:
            row = read_row(number, values)
        except ValueError as e:
            out.unreadable.append((number, str(e)))
            continue
        if row.code in seen:
            out.unreadable.append((number, f"Trùng mã hồ sơ {row.code} với dòng {seen[row.code]}"))
            continue
        seen[row.code] = number
        out.rows.append(row)
    return out


def read_table(table: Table) -> Reading:
    """The data rows under the header row; blank rows are skipped (they hold nothing)."""
    columns = table.columns

    def records() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, cells in table.data():
            if not any(c not in (None, "") and str(c).strip() for c in cells):
                continue
            yield number, {f: cells[i] if i < len(cells) else None for f, i in columns.items()}

    return read_records(records())


def estimate_rows(raw: bytes, name: str) -> int:
    """About how many rows the file holds, without reading it (to pick the background path)."""
    if raw[:2] == b"PK" or name.lower().endswith(".xlsx"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                sheet = next((n for n in z.namelist() if n.startswith("xl/worksheets/")), None)
                if sheet is None:
                    return 0
                with z.open(sheet) as f:
                    head = f.read(2048).decode("utf-8", "replace")
        except (zipfile.BadZipFile, OSError):
            return 0
        if m := re.search(r'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"', head):
            return int(m.group(1))
        return len(raw) // 60  # no dimension: a row of a dossier is about this many bytes zipped
    return raw.count(b"\n")
