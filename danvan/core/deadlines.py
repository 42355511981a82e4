"""Legal time limits from the rule table (`DeadlineRule`), counted on the one work calendar."""

from __future__ import annotations

from datetime import date

from danvan.core.calendar import work_calendar
from danvan.core.errors import DomainError
from danvan.core.models import DeadlineRule
from danvan.lib.deadlines import Deadline, Limit, count


def rule_for(procedure: str, step: str, on: date) -> DeadlineRule:
    """The rule in force on `on`; a missing rule is an administrator's task, said in words."""
    rule = DeadlineRule.objects.effective_on(on).filter(procedure=procedure, step=step).first()
    if rule is None:
        raise DomainError(
            f"Chưa có quy tắc thời hạn cho {procedure}/{step} vào ngày {on:%d/%m/%Y}."
        )
    return rule


def due(procedure: str, step: str, start: date) -> tuple[Deadline, DeadlineRule]:
    """The last day of a rule's limit counted from `start` (the day of the event not counted)."""
    rule = rule_for(procedure, step, start)
    return count(start, Limit(rule.days, rule.unit, rule.source), work_calendar()), rule
