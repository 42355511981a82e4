"""Legal time limits from the rule table (`DeadlineRule`), counted on the one work calendar.

Like the calendar (core.calendar), each process keeps a copy of the table, read again at least
once a minute, and at once in the process that saves or deletes a rule. Open cases are
recomputed by the process that made the change (the admin's `on_rules_changed` hooks) and
again every night by `danvan remind`, which covers a case received on another server in the
minute after a change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from danvan.core.cache import expiring
from danvan.core.calendar import work_calendar
from danvan.core.errors import DomainError
from danvan.core.models import DeadlineRule
from danvan.lib.deadlines import Deadline, Limit, count


@expiring(seconds=60)
def _rules() -> dict[tuple[str, str], list[DeadlineRule]]:
    """Every rule by (procedure, step), the newest first."""
    table: dict[tuple[str, str], list[DeadlineRule]] = defaultdict(list)
    for rule in DeadlineRule.objects.order_by("procedure", "step", "-effective_from"):
        table[rule.procedure, rule.step].append(rule)
    return dict(table)


@receiver([post_save, post_delete], sender=DeadlineRule)
def forget_rules(**kwargs: Any) -> None:
    _rules.forget()


def rule_or_none(procedure: str, step: str, on: date) -> DeadlineRule | None:
    """The rule in force on `on`, or None where the product ships none (an optional limit)."""
    for rule in _rules().get((procedure, step), []):
        if rule.effective_from <= on and (rule.effective_to is None or on <= rule.effective_to):
            return rule
    return None


def rule_for(procedure: str, step: str, on: date) -> DeadlineRule:
    """The rule in force on `on`; a missing rule is an administrator's task, said in words."""
    rule = rule_or_none(procedure, step, on)
    if rule is not None:
        return rule
    raise DomainError(f"Chưa có quy tắc thời hạn cho {procedure}/{step} vào ngày {on:%d/%m/%Y}.")


@dataclass
class Circumstances:
    """What a case's limit depends on, where its rule has variants (the petition laws)."""

    complex: bool = False
    very_complex: bool = False
    remote: bool = False
    several_places: bool = False
    extensions: int = 0
    paused_days: int = 0


def due(
    procedure: str, step: str, start: date, c: Circumstances | None = None
) -> tuple[Deadline, DeadlineRule]:
    """The last day of the rule in force on `start`, counted from `start` (the day of the event
    not counted, BLDS 2015 Art. 147), lengthened as the rule allows for the case's
    circumstances and extensions, without the days the case was paused."""
    c = c or Circumstances()
    rule = rule_for(procedure, step, start)
    days = rule.days_for(
        complex=c.complex or c.very_complex, remote=c.remote, several_places=c.several_places
    )
    allowed = (
        rule.max_extensions_very_complex
        if c.very_complex
        else rule.max_extensions_complex
        if c.complex
        else 0
    )
    if c.extensions < 0:
        raise DomainError("Số lần gia hạn không được âm.")
    if c.extensions > allowed:
        raise DomainError(f"Quy tắc {rule.source} chỉ cho gia hạn {allowed} lần với vụ việc này.")
    days += c.extensions * (rule.extension_days or 0)
    limit = Limit(days, rule.unit, rule.source, rule.kind)
    result = count(start, limit, work_calendar(), paused_days=c.paused_days)
    if c.extensions:
        result.steps.insert(
            1, f"Gồm {c.extensions} lần gia hạn, mỗi lần {rule.extension_days} ngày."
        )
    return result, rule
