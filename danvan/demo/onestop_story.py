"""The one-stop centre in the demo commune: the last whole month of dossiers, exported by the
provincial system as an .xlsx file and imported by the centre's director (hcc) as she would on
the import page, then the apology slips of the late dossiers — all of them but one, which the
register shows as missing its slip.

The file is made here, in the provincial system's layout (a title row, then "Mã hồ sơ", "Tên
thủ tục", "Ngày tiếp nhận"…), so that the import page can be tried with the same file:
`month_file(today)`. Codes, procedures and days are invented but deterministic.
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

from openpyxl import Workbook

from danvan.core.calendar import work_calendar
from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.onestop import reader, services
from danvan.onestop.models import Dossier, DossierQuerySet

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
# (procedure, working days to the result): common commune procedures.
PROCEDURES = [
    ("Chứng thực bản sao từ bản chính", 1),
    ("Đăng ký khai sinh", 3),
    ("Đăng ký kết hôn", 5),
    ("Đăng ký khai tử", 3),
    ("Xác nhận tình trạng hôn nhân", 3),
    ("Đăng ký biến động đất đai", 10),
    ("Hỗ trợ hộ nghèo xây dựng nhà ở", 15),
    ("Trợ cấp xã hội hằng tháng", 10),
]
SATISFACTION = ["Rất hài lòng", "Hài lòng", "Hài lòng", "", "Không hài lòng"]
# Of the dossiers returned late, which ones (by their place in the month) get no slip.
NO_SLIP = 0


def month_of(today: date) -> tuple[date, date]:
    """The last whole month before `today`: its first and last day."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def month_rows(today: date) -> list[list[object]]:
    """About sixty dossiers received in the last whole month: most returned early or on time,
    a few late, the latest still open (some past their day)."""
    rng = random.Random(6079)  # noqa: S311 - invented demo data, not a secret
    add_working_days = work_calendar().add_working_days
    first, last = month_of(today)
    rows: list[list[object]] = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            for _ in range(rng.choice((2, 3, 3, 4))):
                name, days = rng.choice(PROCEDURES)
                due = add_working_days(day, days)
                roll = rng.random()
                if roll < 0.08:
                    returned: date | None = add_working_days(due, rng.choice((1, 2, 3)))
                elif roll < 0.45:
                    returned = due
                else:
                    returned = max(day, due - timedelta(days=rng.choice((1, 2))))
                if returned is not None and returned >= today:
                    returned = None
                code = f"H20.61-{day:%y%m%d}-{len(rows) + 1:04d}"
                rows.append([
                    len(rows) + 1,
                    code,
                    name,
                    day.strftime("%d/%m/%Y"),
                    due.strftime("%d/%m/%Y"),
                    returned.strftime("%d/%m/%Y") if returned else "",
                    "Đã trả kết quả" if returned else "Đang giải quyết",
                    rng.choice(SATISFACTION) if returned else "",
                ])  # fmt: skip
        day += timedelta(days=1)
    return rows


def month_file(today: date) -> bytes:
    """The month as the provincial one-stop system exports it (.xlsx, a title above the header)."""
    first, _last = month_of(today)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([f"DANH SÁCH HỒ SƠ TIẾP NHẬN THÁNG {first:%m/%Y}"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in month_rows(today):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def play_onestop(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    director = user("hcc")
    first, _last = month_of(today)
    raw = month_file(today)
    table = reader.find_header(reader.read_rows(raw, "ho-so.xlsx"))
    services.dossiers_import(
        commune=commune,
        reading=reader.read_table(table),
        on=today,
        by=director,
        source=f"ho-so-mot-cua-thang-{first:%m-%Y}.xlsx",
    )
    late = (
        Dossier.objects.filter(commune=commune)
        .filter(DossierQuerySet.late_q(today))
        .order_by("due_on", "code")
    )
    for n, dossier in enumerate(late):
        if n == NO_SLIP:
            continue
        # Sent the day before the promised day, as the rule asks, with a new day.
        services.apology_record(
            dossier=dossier,
            reason="Hồ sơ cần xác minh thêm thông tin tại thôn, chưa kịp trả đúng hẹn.",
            new_due_on=work_calendar().add_working_days(dossier.due_on, 3),
            sent_on=dossier.due_on - timedelta(days=1),
            by=director,
        )
