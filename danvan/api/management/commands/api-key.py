"""`danvan api-key create --name NAME --commune CODE [--write]` (or `--province CODE`),
`danvan api-key list [--json]`, `danvan api-key revoke ID`: the keys of other systems
(core/apikeys.py). `create` prints the key once: only its digest is stored."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser

from danvan.core import apikeys
from danvan.core.errors import DomainError
from danvan.core.management import base
from danvan.core.management.base import BadInput
from danvan.core.models import ApiKey, Unit


class Command(base.Command):
    help = (
        "Cấp, liệt kê, thu hồi khóa API cho hệ thống khác (một cửa, báo cáo của tỉnh, ứng dụng "
        "của người dân). Khóa chỉ in ra một lần khi cấp."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="create|list|revoke")
        create = sub.add_parser("create", help="cấp khóa mới")
        create.add_argument("--name", required=True, help="tên hệ thống được cấp khóa")
        scope = create.add_mutually_exclusive_group(required=True)
        scope.add_argument("--commune", help="mã xã, ví dụ 06079: khóa chỉ dùng cho xã này")
        scope.add_argument("--province", help="mã tỉnh, ví dụ 20: khóa dùng cho mọi xã của tỉnh")
        create.add_argument(
            "--write", action="store_true", help="được gửi dữ liệu (mặc định: chỉ đọc)"
        )
        create.add_argument("--json", action="store_true", help="in dạng JSON")
        listing = sub.add_parser("list", help="liệt kê các khóa (không in khóa)")
        listing.add_argument("--json", action="store_true", help="in dạng JSON")
        revoke = sub.add_parser("revoke", help="thu hồi một khóa")
        revoke.add_argument("id", help="số thứ tự (ID) của khóa, xem `danvan api-key list`")

    def handle(self, *args: Any, **o: Any) -> None:
        getattr(self, "_" + o["action"])(o)

    def _create(self, o: dict[str, Any]) -> None:
        kind, code = (
            (Unit.Kind.COMMUNE, o["commune"])
            if o["commune"]
            else (Unit.Kind.PROVINCE, o["province"])
        )
        unit = Unit.objects.filter(kind=kind, code=code).first()
        if unit is None:
            what = "xã" if kind == Unit.Kind.COMMUNE else "tỉnh"
            raise BadInput(f"Không có {what} nào mang mã {code}.")
        try:
            key, raw = apikeys.issue(name=o["name"], unit=unit, can_write=o["write"], by=None)
        except DomainError as e:
            raise BadInput(e.message) from None
        if o["json"]:
            self.stdout.write(json.dumps({**_row(key), "key": raw}, ensure_ascii=False))
            return
        self.stdout.write(f"Khóa API số {key.pk} cho “{key.name}” ({_scope(key)}):")
        self.stdout.write(raw)
        self.stdout.write(
            "Khóa chỉ hiện một lần: hãy chuyển ngay cho hệ thống được cấp, qua kênh an toàn."
        )

    def _list(self, o: dict[str, Any]) -> None:
        keys = list(ApiKey.objects.select_related("unit").order_by("pk"))
        if o["json"]:
            self.stdout.write(json.dumps([_row(k) for k in keys], ensure_ascii=False))
            return
        if not keys:
            self.stdout.write("Chưa cấp khóa API nào.")
        for k in keys:
            used = (
                f"dùng lần cuối {k.last_used_at:%d/%m/%Y %H:%M}" if k.last_used_at else "chưa dùng"
            )
            state = f"ĐÃ THU HỒI {k.revoked_at:%d/%m/%Y}" if k.revoked_at else "đang dùng"
            self.stdout.write(
                f"{k.pk}  {k.prefix}…  {k.name} – {_scope(k)} – {state}, {used}, {k.uses} lần"
            )

    def _revoke(self, o: dict[str, Any]) -> None:
        raw = str(o["id"]).strip()
        key = (
            ApiKey.objects.select_related("unit").filter(pk=int(raw)).first()
            if raw.isdigit()
            else None
        )
        if key is None:
            raise BadInput(f"Không có khóa API số {o['id']}.")
        try:
            apikeys.revoke(key, by=None)
        except DomainError as e:
            raise BadInput(e.message) from None
        self.stdout.write(f"Đã thu hồi khóa API số {key.pk} ({key.name}).")


def _scope(key: ApiKey) -> str:
    where = f"{key.unit.name} ({key.unit.code})"
    return f"{where}, {apikeys.rights(key)}"


def _row(key: ApiKey) -> dict[str, Any]:
    return {
        "id": key.pk,
        "prefix": key.prefix,
        "name": key.name,
        "scope": key.unit.kind,
        "code": key.unit.code,
        "write": key.can_write,
        "created_at": key.created_at.isoformat(),
        "last_used_at": key.last_used_at.isoformat() if key.last_used_at else None,
        "uses": key.uses,
        "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
    }
