"""`danvan law [--on DATE] [--json]`: every rule of law in force on a day, with its source."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from danvan.core.law import SECTIONS, law_in_force
from danvan.core.management import base
from danvan.core.management.base import parse_day


class Command(base.Command):
    help = (
        "In mọi quy tắc pháp luật đang áp dụng vào một ngày (mặc định hôm nay), kèm căn cứ: "
        "thời hạn, nội dung công khai, nội dung và hình thức lấy ý kiến, nội dung Nhân dân "
        "bàn và quyết định."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="ngày áp dụng, YYYY-MM-DD (mặc định hôm nay)")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        on: date = parse_day(options["on"]) if options["on"] else timezone.localdate()
        law = law_in_force(on)
        if options["json"]:
            self.stdout.write(json.dumps({"on": on.isoformat(), **law}, ensure_ascii=False))
            return
        self.stdout.write(f"Quy tắc pháp luật áp dụng ngày {on:%d/%m/%Y}")
        for key, title in SECTIONS.items():
            self.stdout.write(f"\n{title}")
            for row in law[key]:
                fields = ", ".join(f"{k}: {v}" for k, v in row.items() if k != "source")
                self.stdout.write(f"  - {fields} — {row.get('source', '')}")
