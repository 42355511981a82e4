"""`danvan rotate-keys [--json]`: re-encrypt every secret sealed with the vault's keys under the
newest key (DANVAN_IDENTITY_KEYS, newest first), and encrypt the stored files of owners that
seal their attachments (a denunciation's) that are not encrypted yet. Safe to run twice: what
already uses the newest key is left alone."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any

from django.apps import apps
from django.core.management.base import CommandParser
from django.db import models

from danvan.core import crypto
from danvan.core.management import base
from danvan.core.models import Attachment
from danvan.core.uploads import attachment_rotate, attachment_seal, seals_attachments


class Command(base.Command):
    help = (
        "Mã hóa lại danh tính người tố cáo và tệp đính kèm đã mã hóa bằng khóa mới nhất "
        "(khóa đầu tiên của DANVAN_IDENTITY_KEYS), và mã hóa tệp của đơn tố cáo chưa mã hóa. "
        "Chạy lại an toàn. Mã thoát 1 khi có dữ liệu không khóa nào mở được."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = {model._meta.label_lower: rotate_rows(model) for model in sealed_models()}
        files = rotate_files()
        unreadable = sum(c["unreadable"] for c in rows.values()) + files["unreadable"]
        if options["json"]:
            self.stdout.write(json.dumps({"rows": rows, "files": files}, ensure_ascii=False))
        else:
            for label, c in rows.items():
                self.stdout.write(
                    f"{label}: {c['rotated']} mã hóa lại, {c['current']} đã dùng khóa mới nhất"
                    + (f", {c['unreadable']} KHÔNG MỞ ĐƯỢC" if c["unreadable"] else "")
                    + "."
                )
            self.stdout.write(
                f"Tệp đính kèm: {files['rotated']} mã hóa lại, {files['sealed']} mã hóa lần đầu, "
                f"{files['current']} đã dùng khóa mới nhất"
                + (f", {files['unreadable']} KHÔNG MỞ ĐƯỢC" if files["unreadable"] else "")
                + (f", {files['missing']} không còn trên đĩa" if files["missing"] else "")
                + "."
            )
        if unreadable:
            sys.exit(1)


def sealed_models() -> list[type[models.Model]]:
    """Models keeping a secret in a binary field named crypto.SEALED_FIELD."""
    found = []
    for model in apps.get_models():
        field = next(
            (f for f in model._meta.concrete_fields if f.name == crypto.SEALED_FIELD), None
        )
        if isinstance(field, models.BinaryField):
            found.append(model)
    return found


def rotate_rows(model: type[models.Model]) -> dict[str, int]:
    """Each row in its own statement: an interrupted run keeps what it did, and runs again."""
    counts = Counter(rotated=0, current=0, unreadable=0)
    rows = model._base_manager.values_list("pk", crypto.SEALED_FIELD).order_by("pk")
    for pk, token in rows.iterator(chunk_size=500):
        token = bytes(token)
        if crypto.is_current(token):
            counts["current"] += 1
            continue
        try:
            fresh = crypto.rotate(token)
        except crypto.KeyMismatch:
            counts["unreadable"] += 1
            continue
        model._base_manager.filter(pk=pk).update(**{crypto.SEALED_FIELD: fresh})
        counts["rotated"] += 1
    return dict(counts)


def rotate_files() -> dict[str, int]:
    counts = Counter(rotated=0, sealed=0, current=0, unreadable=0, missing=0)
    for attachment in (
        Attachment.objects.filter(encrypted=True).order_by("pk").iterator(chunk_size=500)
    ):
        try:
            counts["rotated" if attachment_rotate(attachment) else "current"] += 1
        except crypto.KeyMismatch:
            counts["unreadable"] += 1
        except OSError:
            counts["missing"] += 1
    for attachment in _unsealed_of_sealing_owners():
        try:
            attachment_seal(attachment)
            counts["sealed"] += 1
        except OSError:
            counts["missing"] += 1
    return dict(counts)


def _unsealed_of_sealing_owners() -> list[Attachment]:
    """Plain files whose owner says its files are sealed (stored before encryption existed)."""
    plain = Attachment.objects.filter(encrypted=False)
    found = []
    for type_id in plain.values_list("owner_type", flat=True).distinct():
        model = apps.get_model(*_label(type_id))
        if model is None or not hasattr(model, "seals_attachments"):
            continue
        of_type = list(plain.filter(owner_type_id=type_id).order_by("pk"))
        owners = model._base_manager.in_bulk({a.owner_id for a in of_type})
        found += [a for a in of_type if seals_attachments(owners.get(a.owner_id))]
    return found


def _label(type_id: int) -> tuple[str, str]:
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_id(type_id)
    return ct.app_label, ct.model
