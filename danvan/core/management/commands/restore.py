"""`danvan restore PATH [--force] [--json]`: restore an archive of `danvan backup`, verified
member by member first, and compare the rows restored with its manifest (core.backup)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from danvan.core.backup import BackupError, restore
from danvan.core.management import base
from danvan.core.management.base import BadInput


class Command(base.Command):
    help = (
        "Khôi phục một bản sao lưu của `danvan backup`: kiểm tra mã sha256 của mọi tệp trong "
        "bản sao lưu trước khi thay đổi bất cứ gì, từ chối cơ sở dữ liệu đã có dữ liệu (trừ khi "
        "có --force), rồi đếm lại số dòng mỗi bảng và so với manifest (mã thoát 1 khi lệch). "
        "Chỉ khôi phục cùng loại cơ sở dữ liệu. Dừng máy chủ ứng dụng trước khi khôi phục."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="tệp sao lưu")
        parser.add_argument(
            "--force",
            action="store_true",
            help="thay toàn bộ dữ liệu hiện có (cơ sở dữ liệu đích không trống)",
        )
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = restore(Path(options["path"]), force=options["force"])
        except BackupError as e:
            raise BadInput(str(e)) from None
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False))
        else:
            self._say(report)
        if not report.ok:
            sys.exit(1)

    def _say(self, report: Any) -> None:
        self.stdout.write(
            f"Đã khôi phục bản sao lưu lúc {report.created_at}: {report.tables} bảng, "
            f"{report.rows} dòng, {report.files} tệp."
        )
        if report.ok:
            self.stdout.write("Số dòng mỗi bảng khớp với manifest.")
        for m in report.mismatches:
            self.stdout.write(
                f"LỆCH: bảng {m['table']} có {m['found']} dòng, manifest ghi {m['expected']}."
            )
        if report.pending_migrations:
            self.stdout.write(
                f"Phiên bản phần mềm mới hơn bản sao lưu ({len(report.pending_migrations)} "
                "migration chưa áp dụng): chạy `danvan migrate`."
            )
        if report.missing_key_ids:
            self.stdout.write(
                "Cảnh báo: máy chủ này thiếu khóa mã hóa đã có khi sao lưu (dấu vân tay "
                f"{', '.join(report.missing_key_ids)}): danh tính người tố cáo và tệp mã hóa có "
                "thể không mở được. Đặt lại DANVAN_IDENTITY_KEYS từ nơi cất giữ khóa."
            )
