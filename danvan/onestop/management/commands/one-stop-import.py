"""`danvan one-stop-import FILE --commune CODE [--on DATE] [--json]`

The same import as the page "Nhập hồ sơ một cửa" (`onestop.services.file_import`), with the
commune's saved columns: prints how many dossiers were read and their results as of --on
(default today), and the numbers of the rows that could not be read. Bad input: status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.management import base
from danvan.core.management.base import BadInput, parse_day
from danvan.core.models import Unit
from danvan.onestop import services

LABELS = {
    "total": "Tổng số hồ sơ",
    "early": "Trả trước hạn",
    "on_time": "Trả đúng hạn",
    "late": "Trả quá hạn",
    "in_progress": "Đang giải quyết, còn hạn",
    "in_progress_overdue": "Đang giải quyết, quá hạn",
}


class Command(base.Command):
    help = (
        "Nhập danh sách hồ sơ một cửa (.xlsx hoặc .csv UTF-8) của một xã, như trang “Nhập hồ "
        "sơ một cửa”: đếm hồ sơ trả trước hạn, đúng hạn, quá hạn, đang giải quyết (còn hạn, quá "
        "hạn) tính đến --on, và liệt kê các dòng không đọc được."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="đường dẫn tệp, hoặc - để đọc từ đầu vào chuẩn")
        parser.add_argument("--commune", required=True, help="mã xã, ví dụ 06079")
        parser.add_argument("--on", help="tính đến ngày YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")

    def handle(self, *args: Any, **o: Any) -> None:
        commune = Unit.objects.filter(kind=Unit.Kind.COMMUNE, code=o["commune"]).first()
        if commune is None:
            raise BadInput(f"Không có xã nào mang mã {o['commune']}.")
        on = parse_day(o["on"]) if o["on"] else timezone.localdate()
        name = str(o["file"])
        try:
            raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError:
            raise BadInput(f"Không đọc được tệp: {name}") from None
        try:
            done = services.file_import(raw, name, commune=commune, on=on, by=None)
        except DomainError as e:
            raise BadInput(e.message) from None
        out = services.answer(done)
        if o["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(f"Tính đến ngày {on:%d/%m/%Y}:")
        for key, label in LABELS.items():
            self.stdout.write(f"  {label}: {out[key]}")
        if done.unreadable:
            self.stdout.write(f"Không đọc được {len(done.unreadable)} dòng:")
            for number, reason in done.unreadable:
                self.stdout.write(f"  dòng {number}: {reason}")
