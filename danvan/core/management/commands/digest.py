"""`danvan digest [--on DATE] [--json]`: the daily digest of notifications, one mail per person
who chose it (core.notify.send_digests). Run each evening, after the day's work."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from danvan.core.management import base
from danvan.core.management.base import parse_day
from danvan.core.notify import send_digests


class Command(base.Command):
    help = (
        "Gửi thư tổng hợp thông báo trong ngày cho những người chọn “Gộp thành một e-mail mỗi "
        "ngày”: mỗi người một thư gồm các thông báo chưa gửi qua e-mail. Chạy lại không gửi trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="tổng hợp đến hết ngày này, YYYY-MM-DD (mặc định hôm nay)")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")

    def handle(self, *args: Any, **o: Any) -> None:
        on = parse_day(o["on"]) if o["on"] else timezone.localdate()
        sent = send_digests(on=on)
        if o["json"]:
            self.stdout.write(json.dumps({"on": on.isoformat(), **sent}, ensure_ascii=False))
            return
        self.stdout.write(
            f"Thư tổng hợp ngày {on:%d/%m/%Y}: {sent['people']} người, "
            f"{sent['items']} thông báo; gửi không được: {sent['failed']} người."
        )
