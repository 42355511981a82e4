"""`danvan plan-parse FILE [--json]`: read a plan document and print what was recovered."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from danvan.lib import planparse


class Command(BaseCommand):
    help = (
        "Đọc văn bản kế hoạch (.txt UTF-8 hoặc .docx) và in cấu trúc; --json in một tài liệu JSON."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="đường dẫn tệp kế hoạch, hoặc - để đọc từ đầu vào chuẩn")
        parser.add_argument("--json", action="store_true", help="in JSON thay cho dàn ý")

    def handle(self, *args: object, **options: object) -> None:
        name = str(options["file"])
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError:
            self._fail(f"Không đọc được tệp: {name}")
        try:
            parsed = planparse.parse_file(data, name)
        except planparse.PlanParseError as e:
            self._fail(str(e))
        if options["json"]:
            self.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(parsed.outline(), ending="")

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)
