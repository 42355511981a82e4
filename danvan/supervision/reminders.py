"""Đôn đốc: a recommendation nobody has been assigned to answer is brought to the leaders.

Tasks of assigned recommendations are reminded by plans, like every task. What is left is the
step before: a recommendation still waiting for an owner unit DANVAN_ESCALATE_AFTER_DAYS
working days after it was sent (commune policy, not law, hence a setting) is reported once.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.calendar import work_calendar
from danvan.core.models import Role
from danvan.core.notify import notify
from danvan.supervision.models import Recommendation


def remind_unassigned(*, today: date) -> dict[str, int]:
    cal = work_calendar()
    after = settings.DANVAN_ESCALATE_AFTER_DAYS
    sent = 0
    waiting = Recommendation.objects.filter(
        status=Recommendation.Status.SENT, leaders_reminded_on__isnull=True, sent_on__lt=today
    ).select_related("activity__board")
    for rec in waiting:
        if cal.working_days_between(rec.sent_on, today) < after:
            continue
        with transaction.atomic():
            count = notify(
                members(Role.LEADER, unit_id=rec.commune_id),
                title=f"Kiến nghị số {rec.code} của {rec.activity.board.short_label} chưa được giao xử lý",
                body=rec.title,
                url=reverse("supervision:recommendation", args=[rec.pk]),
            )
            rec.leaders_reminded_on = today
            rec.save(update_fields=["leaders_reminded_on"])
            log_action(
                rec, "supervision.reminder_unassigned", by=None, changes={"recipients": count}
            )
        sent += 1
    return {"unassigned": sent}
