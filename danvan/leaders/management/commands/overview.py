"""`danvan overview --commune CODE [--on DATE] [--json]`: the leaders' overview of one commune
from the first day of the year of --on (default today) to --on, the same numbers as the page
(`leaders.overview.compose`)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from danvan.core.management import base
from danvan.core.management.base import BadInput, parse_day
from danvan.core.models import Unit
from danvan.leaders.overview import compose


class Command(base.Command):
    help = (
        "In tổng quan điều hành của một xã (mọi lĩnh vực: việc quá hạn và của ai, tỷ lệ đúng "
        "hạn, số liệu theo tháng) từ đầu năm đến ngày --on, như trang “Tổng quan điều hành”."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--commune", required=True, help="mã xã, ví dụ 06079")
        parser.add_argument("--on", help="số liệu đến ngày, YYYY-MM-DD (mặc định hôm nay)")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")

    def handle(self, *args: Any, **o: Any) -> None:
        commune = Unit.objects.filter(kind=Unit.Kind.COMMUNE, code=o["commune"]).first()
        if commune is None:
            raise BadInput(f"Không có xã nào mang mã {o['commune']}.")
        on: date = parse_day(o["on"]) if o["on"] else timezone.localdate()
        if not 2000 <= on.year <= 2100:
            raise BadInput(f"Ngày {o['on']} ngoài khoảng năm 2000–2100.")
        start = date(on.year, 1, 1)
        parts = compose(communes=[commune.pk], start=start, end=on, on=on)
        if o["json"]:
            out = {
                "commune": {"code": commune.code, "name": commune.name},
                "on": on.isoformat(),
                "start": start.isoformat(),
                "end": on.isoformat(),
                **parts,
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(f"Tổng quan điều hành – {commune.name} ({commune.code})")
        self.stdout.write(f"Từ {start:%d/%m/%Y} đến {on:%d/%m/%Y}")
        for part in parts.values():
            self.stdout.write("")
            self.stdout.write(_summary(part))
            if part["note"]:
                self.stdout.write(f"  ({part['note']})")
            for e in part["extra"]:
                self.stdout.write(f"  {e['label']}: {e['value']}")
            if part["late_items"]:
                self.stdout.write(f"  Quá hạn ({part['late']}), trễ lâu nhất trước:")
            for i in part["late_items"]:
                due = date.fromisoformat(i["due"]).strftime("%d/%m/%Y") if i["due"] else "—"
                self.stdout.write(
                    f"    - {i['title'][:120]} — {i['owner']}, hạn {due}, trễ {i['days_late']} ngày"
                )


def _summary(part: dict[str, Any]) -> str:
    rate = part["on_time_rate"]
    rated = "không tính" if rate is None else f"{rate}%" + (" (n < 5)" if part["small"] else "")
    return (
        f"{part['label']}: {part['total']} {part['noun']} (mới {part['new']}, kỳ trước chuyển "
        f"sang {part['carried']}); đã xong {part['done']} (đúng hạn {part['done_on_time']}, trễ "
        f"hạn {part['done_late']}); đang mở {part['open']}; quá hạn {part['late']}; "
        f"tỷ lệ đúng hạn {rated}"
    )
