"""Every rule of law the product applies on a day, in one read (`danvan law`, the law page).

Time limits come from the rule table (core.DeadlineRule); the other rules are rows of the apps
that apply them (disclosure contents, consultation matters and forms, the matters villagers
decide), each asked through its AppConfig's `law` hook. Every row carries its `source`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps

from danvan.core import domain
from danvan.core.models import DeadlineRule

SECTIONS = {
    "time_limits": "Thời hạn",
    "disclosure_contents": "Nội dung phải công khai (Luật THDCCS 2022, Điều 11, 13)",
    "consultation_matters": "Nội dung Nhân dân góp ý (Điều 25)",
    "consultation_forms": "Hình thức lấy ý kiến (Điều 26)",
    "decision_matters": "Nội dung Nhân dân bàn và quyết định (Điều 15, 17, 21)",
    "petition_rules": "Tiếp công dân, khiếu nại: số người, ngày tiếp, cơ quan có thẩm quyền",
    "reporting_periods": "Thời gian chốt số liệu báo cáo định kỳ (Nghị định 09/2019/NĐ-CP)",
}


def time_limits(on: date) -> list[dict[str, Any]]:
    rules = DeadlineRule.objects.effective_on(on).order_by("procedure", "step")
    return [
        {
            "procedure": r.procedure,
            "step": r.step,
            "name": r.name,
            "days": r.days,
            "unit": r.unit,
            "kind": r.kind,
            "source": r.source,
            "effective_from": r.effective_from.isoformat(),
            "effective_to": r.effective_to.isoformat() if r.effective_to else None,
        }
        for r in rules
    ]


def law_in_force(on: date) -> dict[str, list[dict[str, Any]]]:
    """{section: rows} for every section of SECTIONS, in that order."""
    found: dict[str, list[dict[str, Any]]] = {"time_limits": time_limits(on)}
    for config in apps.get_app_configs():
        if isinstance(config, domain.AppConfig):
            found.update(config.law_in_force(on))
    return {key: found.get(key, []) for key in SECTIONS}
