"""The consultation rules in force on a day, for `danvan law` and the administrator's law page
(core.law): the matters of Điều 25 and the forms of Điều 26, each with its source. The rows
carry no validity dates: what an administrator has left active is in force."""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.consultations.models import Channel, Matter


def _item(value: str) -> int | str:
    return int(value) if value.isdigit() else value


def law_in_force(on: date) -> dict[str, list[dict[str, Any]]]:
    matters = Matter.objects.filter(is_active=True).order_by("order", "pk")
    forms = Channel.objects.active().order_by("order", "pk")
    return {
        "consultation_matters": [
            {"item": _item(m.item), "title": m.name, "source": m.source} for m in matters
        ],
        "consultation_forms": [
            {"code": f.code, "title": f.title, "source": f.source} for f in forms
        ],
    }
