"""`danvan audit-verify [--json]`: walk the audit log's hash chain; exit status 1 when broken."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from danvan.core.audit import chain_unhashed, verify_chain
from danvan.core.management import base


class Command(base.Command):
    help = (
        "Kiểm tra chuỗi mã băm của nhật ký thay đổi: báo mục đầu tiên bị sửa hoặc bị xóa "
        "(mã thoát 1), hoặc số mục toàn vẹn và mã băm cuối cùng (lưu mã này ở nơi khác)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="in dạng JSON")
        parser.add_argument(
            "--chain-unhashed",
            action="store_true",
            help=(
                "trước khi kiểm tra, đưa vào chuỗi các mục ghi hàng loạt không qua log_action "
                "(dữ liệu đo hiệu năng) nằm sau mục cuối đã có mã băm"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["chain_unhashed"]:
            chained = chain_unhashed()
            if not options["json"]:
                self.stdout.write(f"Đã đưa {chained} mục chưa có mã băm vào chuỗi.")
        report = verify_chain()
        broken = report.broken
        if options["json"]:
            out = {
                "ok": broken is None,
                "entries": report.entries,
                "last_hash": report.last_hash,
                "broken": None
                if broken is None
                else {
                    "id": broken.entry_id,
                    "created_at": broken.created_at.isoformat(),
                    "reason": broken.reason,
                },
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        elif broken is None:
            self.stdout.write(f"Nhật ký toàn vẹn: {report.entries} mục.")
            self.stdout.write(f"Mã băm cuối cùng: {report.last_hash or '(nhật ký trống)'}")
        else:
            at = timezone.localtime(broken.created_at)
            self.stdout.write(
                f"Nhật ký bị phá vỡ tại mục #{broken.entry_id} ({at:%d/%m/%Y %H:%M:%S}): "
                f"{broken.reason}. {report.entries} mục trước đó toàn vẹn."
            )
        if broken is not None:
            sys.exit(1)
