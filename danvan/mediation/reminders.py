"""Đôn đốc: a case assigned to mediators and not started by its start day (3 days from the
assignment, rule hoa-giai/bat-dau, UNVERIFIED) is brought, once, to the village head of the
team's village and to the commune's leaders. The mediators have no accounts; the village head
passes it on. The notice names the case by its number and team, never a party."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.urls import reverse

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.models import Role
from danvan.core.notify import notify
from danvan.mediation.models import MediationCase


def remind_not_started(*, today: date) -> dict[str, int]:
    sent = 0
    waiting = (
        MediationCase.objects.waiting_start()
        .filter(start_due__lt=today, start_reminded_on__isnull=True)
        .select_related("team")
    )
    for case in waiting:
        recipients = [
            *members(Role.VILLAGE_HEAD, unit_id=case.team.village_id),
            *members(Role.LEADER, unit_id=case.commune_id),
        ]
        with transaction.atomic():
            count = notify(
                recipients,
                title=f"Vụ, việc hòa giải số {case.code} ({case.team.name}) chưa bắt đầu hòa giải",
                body=f"Hạn bắt đầu hòa giải là {case.start_due:%d/%m/%Y}.",
                url=reverse("mediation:case", args=[case.pk]),
            )
            case.start_reminded_on = today
            case.save(update_fields=["start_reminded_on"])
            log_action(
                case, "mediation.reminder_not_started", by=None, changes={"recipients": count}
            )
        sent += 1
    return {"not_started": sent}
