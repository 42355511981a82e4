"""`danvan backup PATH [--json]`: one archive with a consistent snapshot of the database, the
uploaded files and a manifest (core.backup)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from danvan.core.backup import BackupError, backup
from danvan.core.management import base
from danvan.core.management.base import BadInput


class Command(base.Command):
    help = (
        "Sao lưu: ghi một tệp .tar.gz (hoặc .tar) gồm ảnh chụp nhất quán của cơ sở dữ liệu, "
        "các tệp đã tải lên và manifest.json (số dòng mỗi bảng, mã kiểm tra sha256, phiên bản "
        "lược đồ). Không chứa khóa mã hóa hay khóa bí mật."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", help="tệp sao lưu sẽ ghi, ví dụ /var/backups/danvan/2026-03-02.tar.gz"
        )
        parser.add_argument("--json", action="store_true", help="in manifest dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            manifest = backup(path)
        except BackupError as e:
            raise BadInput(str(e)) from None
        if options["json"]:
            self.stdout.write(json.dumps({"path": str(path), **manifest}, ensure_ascii=False))
            return
        rows = sum(manifest["tables"].values())
        files = len(manifest["members"]) - 1
        self.stdout.write(
            f"Đã sao lưu vào {path}: {len(manifest['tables'])} bảng, {rows} dòng, {files} tệp "
            f"({manifest['engine']}, {manifest['created_at']})."
        )
