"""`danvan deadline --procedure to-cao --step giai-quyet --from 2026-03-02 [--complex] --json`"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser
from django.db import DatabaseError

from danvan.core.deadlines import Circumstances, due
from danvan.core.errors import DomainError
from danvan.core.management import base
from danvan.core.management.base import BadInput, parse_day
from danvan.core.models import DeadlineRule


def _known_rules() -> str:
    """The procedures and steps of the rule table, for --help (nothing before `migrate`)."""
    try:
        pairs = DeadlineRule.objects.order_by("procedure", "step").values_list("procedure", "step")
        return "; ".join(sorted({f"{p} {s}" for p, s in pairs})) or "chưa có quy tắc nào"
    except DatabaseError:
        return "chưa có cơ sở dữ liệu: chạy `danvan migrate` trước"


class Command(base.Command):
    help = (
        "Tính hạn (hoặc thời gian tối thiểu) theo quy tắc thời hạn đang có hiệu lực vào ngày "
        "bắt đầu, và giải thích cách tính."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.epilog = f"Thủ tục và bước hiện có: {_known_rules()}."
        parser.add_argument("--procedure", required=True, help="thủ tục, ví dụ to-cao")
        parser.add_argument("--step", required=True, help="bước, ví dụ giai-quyet")
        parser.add_argument("--from", dest="start", required=True, help="ngày bắt đầu, YYYY-MM-DD")
        parser.add_argument("--complex", action="store_true", help="vụ việc phức tạp")
        parser.add_argument("--very-complex", action="store_true", help="vụ việc đặc biệt phức tạp")
        parser.add_argument("--remote", action="store_true", help="vùng sâu, vùng xa")
        parser.add_argument(
            "--several-places", action="store_true", help="xác minh ở nhiều địa điểm"
        )
        parser.add_argument("--extensions", type=int, default=0, help="số lần gia hạn (0, 1, 2)")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")

    def handle(self, *args: Any, **o: Any) -> None:
        start = parse_day(o["start"])
        if o["extensions"] < 0:
            raise BadInput("Số lần gia hạn không được âm.")
        c = Circumstances(
            complex=o["complex"],
            very_complex=o["very_complex"],
            remote=o["remote"],
            several_places=o["several_places"],
            extensions=o["extensions"],
        )
        try:
            result, rule = due(o["procedure"], o["step"], start, c)
        except DomainError as e:
            raise BadInput(e.message) from None
        if o["json"]:
            out = {
                "due": result.due.isoformat(),
                "days": result.days,
                "unit": rule.unit,
                "kind": rule.kind,
                "rule": f"{rule.procedure}/{rule.step}",
                "source": rule.source,
                "explanation": result.steps,
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        label = "Hạn" if rule.kind == DeadlineRule.Kind.DEADLINE else "Tối thiểu đến ngày"
        self.stdout.write(f"{label}: {result.due:%d/%m/%Y}")
        for line in result.steps:
            self.stdout.write(f"  - {line}")
