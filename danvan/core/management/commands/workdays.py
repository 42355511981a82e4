from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.calendar import work_calendar


class Command(BaseCommand):
    help = "Working-day arithmetic: `danvan workdays add 2026-02-13 7` prints the 7th working day after."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="the N-th working day after DATE (DATE not counted)")
        add.add_argument("start")
        add.add_argument("days", type=int)
        check = sub.add_parser("check", help="is DATE a working day, and if not, why")
        check.add_argument("start")

    def handle(self, *args: object, **options: object) -> None:
        try:
            start = date.fromisoformat(str(options["start"]))
        except ValueError:
            raise CommandError(f"Ngày không hợp lệ: {options['start']} (dạng YYYY-MM-DD)") from None
        cal = work_calendar()
        if options["action"] == "add":
            self.stdout.write(cal.add_working_days(start, int(options["days"])).isoformat())  # type: ignore[call-overload]
        else:
            reason = cal.reason_off(start)
            self.stdout.write("ngày làm việc" if reason is None else f"ngày nghỉ: {reason}")
