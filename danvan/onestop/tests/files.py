"""Dossier files as the provincial system exports them, made in the tests."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

HEADERS = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày trả kết quả",
    "Trạng thái",
    "Mức độ hài lòng",
]
# On 12/03/2026: early, on time, late, in time, overdue.
ROWS: list[list[Any]] = [
    [1, "H01.01-260301-0001", "Chứng thực bản sao", "01/03/2026", "05/03/2026", "04/03/2026",
     "Đã trả kết quả", "Hài lòng"],
    [2, "H01.01-260301-0002", "Đăng ký khai sinh", "02/03/2026 08:15", "06/03/2026",
     "06/03/2026 16:30", "Đã trả kết quả", "Rất hài lòng"],
    [3, "H01.01-260301-0003", "Đăng ký kết hôn", "2026-03-02", "2026-03-05", "2026-03-09",
     "Đã trả kết quả", ""],
    [4, "H01.01-260301-0004", "Cấp giấy phép xây dựng", "03/03/2026", "20/03/2026", "",
     "Đang xử lý", ""],
    [5, "H01.01-260301-0005", "Đăng ký biến động đất đai", "01/03/2026", "10/03/2026", None,
     "Đang xử lý", ""],
]  # fmt: skip


def xlsx(rows: Sequence[Sequence[Any]] = ROWS, headers: Sequence[str] = HEADERS, *,
         title: bool = True) -> bytes:  # fmt: skip
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append(["DANH SÁCH HỒ SƠ TIẾP NHẬN THÁNG 3/2026"])
        sheet.append([])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: Sequence[Sequence[Any]] = ROWS, headers: Sequence[str] = HEADERS, *,
              encoding: str = "utf-8-sig", delimiter: str = ",") -> bytes:  # fmt: skip
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if c is None else c for c in row])
    return out.getvalue().encode(encoding)
