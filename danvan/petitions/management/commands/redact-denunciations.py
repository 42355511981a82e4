"""`danvan redact-denunciations [--commune CODE]`: strike the denouncer's identity out of stored
denunciations again, with today's redaction (petitions.redaction.denunciations_restrike). Run it
once after an upgrade that teaches the redaction new variants; running it twice changes
nothing more."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from danvan.core.errors import DomainError
from danvan.core.management import base
from danvan.core.management.base import BadInput
from danvan.core.models import Unit
from danvan.petitions.redaction import denunciations_restrike


class Command(base.Command):
    help = (
        "Lược bỏ lại danh tính người tố cáo khỏi nội dung các đơn tố cáo đã lưu (tóm tắt, nội "
        "dung, chỉ mục tìm kiếm) theo quy tắc lược bỏ hiện hành. Chạy lại không thay đổi thêm."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--commune", help="chỉ xã có mã hành chính này, ví dụ 06079")

    def handle(self, *args: Any, **options: Any) -> None:
        commune = None
        if options["commune"]:
            commune = Unit.objects.filter(kind=Unit.Kind.COMMUNE, code=options["commune"]).first()
            if commune is None:
                raise BadInput(f"Không có xã mã {options['commune']} trong hệ thống.")
        try:
            examined, changed = denunciations_restrike(commune=commune)
        except DomainError as e:
            raise BadInput(e.message) from None
        self.stdout.write(
            f"Đã xét {examined} đơn tố cáo có danh tính được bảo vệ; lược bỏ thêm ở {changed} đơn."
        )
