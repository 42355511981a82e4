"""`danvan deadline --procedure to-cao --step giai-quyet --from 2026-03-02 [--complex] --json`"""

from __future__ import annotations

import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandParser

from danvan.core.errors import DomainError
from danvan.petitions.services import Circumstances, deadline


class Command(BaseCommand):
    help = "Tính hạn theo quy tắc thời hạn đang có hiệu lực và giải thích cách tính."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--procedure",
            required=True,
            help="to-cao, khieu-nai-lan-1, khieu-nai-lan-2, tiep-cong-dan",
        )
        parser.add_argument(
            "--step", required=True, help="xu-ly-ban-dau, chuyen-don, thu-ly, giai-quyet, tra-loi"
        )
        parser.add_argument(
            "--from", dest="start", required=True, help="ngày bắt đầu tính, YYYY-MM-DD"
        )
        parser.add_argument("--complex", action="store_true", help="vụ việc phức tạp")
        parser.add_argument("--very-complex", action="store_true", help="vụ việc đặc biệt phức tạp")
        parser.add_argument("--remote", action="store_true", help="vùng sâu, vùng xa")
        parser.add_argument(
            "--several-places", action="store_true", help="xác minh ở nhiều địa điểm"
        )
        parser.add_argument("--extensions", type=int, default=0, help="số lần gia hạn")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: object, **o: object) -> None:
        try:
            start = date.fromisoformat(str(o["start"]))
        except ValueError:
            self._fail(f"Ngày không hợp lệ: {o['start']} (dạng YYYY-MM-DD).")
        c = Circumstances(
            complex=bool(o["complex"]),
            very_complex=bool(o["very_complex"]),
            remote=bool(o["remote"]),
            several_places=bool(o["several_places"]),
            extensions=int(o["extensions"]),  # type: ignore[call-overload]
        )
        try:
            result, rule = deadline(str(o["procedure"]), str(o["step"]), start, c)
        except DomainError as e:
            self._fail(e.message)
        if o["json"]:
            out = {
                "due": result.due.isoformat(),
                "days": result.days,
                "unit": rule.unit,
                "rule": f"{rule.procedure}/{rule.step}",
                "source": rule.source,
                "explanation": result.steps,
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        else:
            self.stdout.write(f"Hạn: {result.due:%d/%m/%Y}")
            for line in result.steps:
                self.stdout.write(f"  - {line}")

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)
