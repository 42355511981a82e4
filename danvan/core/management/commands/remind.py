from datetime import date

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser

LABELS = {"before": "sắp đến hạn", "overdue": "quá hạn", "escalation": "báo cáo lãnh đạo"}


class Command(BaseCommand):
    help = (
        "Đôn đốc: nhắc trước hạn, báo quá hạn, báo cáo lãnh đạo – cho mọi loại việc có hạn "
        "(nhiệm vụ, đơn thư…). Chạy hằng ngày; chạy lại không gửi trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="tính như thể hôm nay là YYYY-MM-DD")

    def handle(self, *args: object, **options: object) -> None:
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(str(options["today"]))
            except ValueError:
                raise CommandError("--today phải có dạng YYYY-MM-DD") from None
        # A rule or calendar day changed on another server in the minute before it reached
        # this one's copy: open cases are brought up to date each night before reminding.
        for config in apps.get_app_configs():
            if hook := getattr(config, "on_rules_changed", None):
                hook()
        # Each app with deadlines offers `send_reminders(today=...)` on its AppConfig.
        for config in apps.get_app_configs():
            hook = getattr(config, "send_reminders", None)
            if hook is None:
                continue
            sent = hook(today=today)
            counts = ", ".join(f"{LABELS.get(k, k)}: {n}" for k, n in sent.items())
            self.stdout.write(f"{config.verbose_name} – {counts}")
