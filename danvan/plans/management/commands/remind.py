from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.plans.services import send_reminders


class Command(BaseCommand):
    help = "Đôn đốc: remind lead units before and after deadlines, escalate to leaders. Run daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="pretend today is YYYY-MM-DD (for catching up)")

    def handle(self, *args: object, **options: object) -> None:
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(str(options["today"]))
            except ValueError:
                raise CommandError("--today phải có dạng YYYY-MM-DD") from None
        sent = send_reminders(today=today)
        self.stdout.write(
            f"Sắp đến hạn: {sent['before']}, quá hạn: {sent['overdue']}, "
            f"báo cáo lãnh đạo: {sent['escalation']}"
        )
