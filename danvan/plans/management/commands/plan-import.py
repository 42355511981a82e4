"""`danvan plan-import FILE --commune CODE [--issue] [--number N] [--issued-on DATE] [--json]`

The same import as the page (`plans.importer.plan_import`), for a province that pushes a plan to
its communes: a draft to review, or, with --issue, issued at once (`services.plan_issue`).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.db import transaction

from danvan.core.errors import DomainError
from danvan.core.management import base
from danvan.core.management.base import BadInput, parse_day
from danvan.core.models import Unit
from danvan.lib import planparse
from danvan.plans import services
from danvan.plans.importer import document_text, plan_import
from danvan.plans.models import Recurrence


class Command(base.Command):
    help = (
        "Nhập văn bản kế hoạch (.txt UTF-8 hoặc .docx) thành dự thảo kế hoạch của một xã, như "
        "trang “Nhập kế hoạch”; --issue ban hành luôn với số và ngày ghi trong văn bản (hoặc "
        "--number, --issued-on)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="đường dẫn tệp kế hoạch, hoặc - để đọc từ đầu vào chuẩn")
        parser.add_argument("--commune", required=True, help="mã xã, ví dụ 06079")
        parser.add_argument("--issue", action="store_true", help="ban hành ngay sau khi nhập")
        parser.add_argument("--number", help="số văn bản khi ban hành (mặc định: số trong văn bản)")
        parser.add_argument(
            "--issued-on", help="ngày ban hành YYYY-MM-DD (mặc định: ngày trong văn bản)"
        )
        parser.add_argument(
            "--recurrence",
            default=Recurrence.QUARTERLY,
            choices=Recurrence.values,
            help="tần suất báo cáo của các nhiệm vụ (mặc định quarterly)",
        )
        parser.add_argument("--json", action="store_true", help="in dạng JSON")

    def handle(self, *args: Any, **o: Any) -> None:
        commune = Unit.objects.filter(kind=Unit.Kind.COMMUNE, code=o["commune"]).first()
        if commune is None:
            raise BadInput(f"Không có xã nào mang mã {o['commune']}.")
        name = str(o["file"])
        try:
            raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError:
            raise BadInput(f"Không đọc được tệp: {name}") from None
        try:
            parsed = planparse.parse_file(raw, name)
        except planparse.PlanParseError as e:
            raise BadInput(str(e)) from None
        number, issued_on = self._issue_data(parsed, o) if o["issue"] else ("", None)
        try:
            with transaction.atomic():
                result = plan_import(
                    parsed=parsed,
                    commune=commune,
                    by=None,
                    source_text=document_text(raw),
                    default_recurrence=o["recurrence"],
                )
                plan = result.plan
                if issued_on is not None:
                    plan = services.plan_issue(
                        plan=plan, number=number, issued_on=issued_on, by=None
                    )
        except DomainError as e:
            raise BadInput(e.message) from None
        out = {
            "plan_id": plan.pk,
            "status": plan.status,
            "tasks": plan.tasks.count(),
            "warnings": result.warnings,
        }
        if o["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(
            f"Kế hoạch {plan.pk} ({plan.get_status_display()}): {out['tasks']} nhiệm vụ."
        )
        for warning in result.warnings:
            self.stdout.write(f"  - {warning}")

    def _issue_data(self, parsed: planparse.ParsedPlan, o: dict[str, Any]) -> tuple[str, date]:
        """The number and day to issue under: the options, else what the text says; a blank
        number or day ("Số: …/KH-UBND", "ngày … tháng 4") is refused, never guessed."""
        number = (o["number"] or parsed.header.number or "").strip()
        raw_day = o["issued_on"] or parsed.header.date
        if not number:
            raise BadInput(
                "Văn bản chưa có số (Số: …/KH-UBND): ghi --number khi ban hành, hoặc nhập "
                "không --issue để ban hành sau trên trang kế hoạch."
            )
        if not raw_day:
            raise BadInput(
                "Văn bản chưa có ngày ban hành: ghi --issued-on YYYY-MM-DD khi ban hành, hoặc "
                "nhập không --issue để ban hành sau trên trang kế hoạch."
            )
        return number, parse_day(raw_day)
