"""The rules of the reception and complaint laws that are not time limits, read from the
`LawRule` table (an administrator's rows, each with its article), kept in memory a minute like
the time-limit rules (core.deadlines) and forgotten at once when a row is saved here.

What stays in code, and why:
- Pausing a case (tạm đình chỉ) stops its clock and the period runs on from the resumption:
  `petitions.services.petition_resume` adds the calendar days between the pause and the
  resumption to the period (`Petition.paused_days`, counted by `core.deadlines.due`). That is a
  way of counting, not a number an administrator could change in a row. NĐ 155/2026/NĐ-CP
  (new Art. 28b(2) of NĐ 124/2020, from 01/07/2026) is reported to say that the period "tiếp
  tục được tính từ ngày ban hành quyết định tiếp tục giải quyết khiếu nại"; its text was read
  only in an unofficial transcription (UNVERIFIED), so the product does not apply it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from danvan.core.cache import expiring
from danvan.core.errors import DomainError
from danvan.petitions.models import LawRule

Code = LawRule.Code


@expiring(seconds=60)
def _rules() -> dict[str, list[LawRule]]:
    """Every row by code, the newest first."""
    table: dict[str, list[LawRule]] = defaultdict(list)
    for rule in LawRule.objects.order_by("code", "-effective_from"):
        table[rule.code].append(rule)
    return dict(table)


@receiver([post_save, post_delete], sender=LawRule)
def forget_rules(**kwargs: Any) -> None:
    _rules.forget()


def rule_on(code: str, on: date | None = None) -> LawRule:
    """The row in force on `on` (today by default); a missing row is said in words."""
    on = on or timezone.localdate()
    for rule in _rules().get(code, []):
        if rule.effective_from <= on and (rule.effective_to is None or on <= rule.effective_to):
            return rule
    raise DomainError(
        f"Chưa có quy tắc “{Code(code).label}” vào ngày {on:%d/%m/%Y}: "
        "quản trị viên cần thêm trong mục Quy tắc tiếp công dân, khiếu nại."
    )


def number(code: str, on: date | None = None) -> int:
    value = rule_on(code, on).number
    if not value:
        raise DomainError(f"Quy tắc “{Code(code).label}” chưa có giá trị.")
    return value


def group_size(on: date | None = None) -> int:
    """From how many people on one matter a visit speaks through representatives."""
    return number(Code.GROUP_SIZE, on)


def representatives_allowed(people: int, on: date | None = None) -> int:
    """At most how many representatives a group of `people` may send (Luật Tiếp công dân 2013,
    Art. 29: from five to ten people one or two, more than ten at most five)."""
    if people <= number(Code.SMALL_GROUP_UP_TO, on):
        return number(Code.SMALL_GROUP_REPRESENTATIVES, on)
    return number(Code.LARGE_GROUP_REPRESENTATIVES, on)


def law_in_force(on: date) -> dict[str, list[dict[str, Any]]]:
    """The rows in force on `on`, for `danvan law` (section `petition_rules`)."""
    rows = LawRule.objects.filter(effective_from__lte=on).exclude(effective_to__lt=on)
    return {
        "petition_rules": [
            {
                "code": r.code,
                "name": str(r.get_code_display()),
                "number": r.number,
                "body": r.body or None,
                "verified": r.verified,
                "source": r.source,
                "effective_from": r.effective_from.isoformat(),
                "effective_to": r.effective_to.isoformat() if r.effective_to else None,
            }
            for r in rows.order_by("code", "-effective_from")
        ]
    }
