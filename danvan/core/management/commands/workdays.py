"""`danvan workdays add 2026-02-13 7` and `danvan workdays check 2026-02-17`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from danvan.core.calendar import work_calendar
from danvan.core.management import base
from danvan.core.management.base import BadInput, parse_day

# Ten years of working days: far beyond any legal time limit, and still answered at once.
MOST_DAYS = 2600


class Command(base.Command):
    help = "Ngày làm việc: `danvan workdays add 2026-02-13 7` in ngày làm việc thứ 7 sau ngày đó."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="ngày làm việc thứ N sau ngày DATE (không tính DATE)")
        add.add_argument("start")
        add.add_argument("days", type=int)
        check = sub.add_parser(
            "check", help="DATE có phải ngày làm việc không, nếu không thì vì sao"
        )
        check.add_argument("start")

    def handle(self, *args: Any, **options: Any) -> None:
        start = parse_day(options["start"])
        cal = work_calendar()
        if options["action"] == "add":
            days = options["days"]
            if abs(days) > MOST_DAYS:
                raise BadInput(f"Số ngày làm việc phải trong khoảng ±{MOST_DAYS}.")
            try:
                self.stdout.write(cal.add_working_days(start, days).isoformat())
            except OverflowError:
                raise BadInput("Kết quả vượt quá năm 9999.") from None
            return
        reason = cal.reason_off(start)
        self.stdout.write("ngày làm việc" if reason is None else f"ngày nghỉ: {reason}")
