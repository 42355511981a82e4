"""`danvan audit-export --from D --to D [--commune CODE] PATH`: a period of the audit log with
its hash chain, as .xlsx (core.audit_export): the whole chain of the period, or one commune's
entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from danvan.core.audit_export import audit_period_xlsx
from danvan.core.errors import DomainError
from danvan.core.management import base
from danvan.core.management.base import BadInput, parse_day
from danvan.core.models import Unit


class Command(base.Command):
    help = (
        "Xuất nhật ký thay đổi của một kỳ kèm chuỗi mã băm (.xlsx) để thanh tra tự kiểm tra: "
        "toàn bộ chuỗi của kỳ, hoặc chỉ các mục của một xã (--commune)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="tệp .xlsx sẽ ghi")
        parser.add_argument("--from", dest="start", required=True, help="từ ngày, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="đến ngày, YYYY-MM-DD")
        parser.add_argument("--commune", help="mã hành chính của xã, ví dụ 06079")

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = parse_day(options["start"]), parse_day(options["end"])
        commune = None
        if options["commune"]:
            commune = Unit.objects.filter(kind=Unit.Kind.COMMUNE, code=options["commune"]).first()
            if commune is None:
                raise BadInput(f"Không có xã mã {options['commune']} trong hệ thống.")
        try:
            content = audit_period_xlsx(start=start, end=end, commune=commune)
        except DomainError as e:
            raise BadInput(e.message) from None
        path = Path(options["path"])
        try:
            path.write_bytes(content)
        except OSError as e:
            raise BadInput(f"Không ghi được tệp {path}: {e.strerror}.") from None
        self.stdout.write(f"Đã ghi {path}.")
