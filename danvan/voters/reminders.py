"""Đôn đốc: a forwarded recommendation with no answer on the day the office set to chase it is
brought to the office (and the leaders), once.

The commune's own recommendations are promises: their tasks are reminded by plans, like every
task. No legal time limit is used: the council-track answer deadline was not found
(docs/research/promises-law.md §3), so the chase day is the one the office typed.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.urls import reverse

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.models import Role
from danvan.core.notify import notify
from danvan.voters.models import Competence, VoterRecommendation


def remind_forwarded(*, today: date) -> dict[str, int]:
    sent = 0
    waiting = VoterRecommendation.objects.filter(
        competence=Competence.PROVINCE,
        outcome="",
        chased_on__isnull=True,
        chase_on__lte=today,
    )
    for rec in waiting:
        office = members(Role.OFFICER, commune_id=rec.commune_id, receives_petitions=True)
        leaders = members(Role.LEADER, commune_id=rec.commune_id)
        with transaction.atomic():
            count = notify(
                list(office) + [u for u in leaders if u not in office],
                title=f"Đôn đốc trả lời kiến nghị cử tri số {rec.code}",
                body=f"Đã chuyển {rec.receiving_body} ngày {rec.forwarded_on:%d/%m/%Y}, "
                f"chưa nhận được trả lời: {rec.short}",
                url=reverse("voters:recommendation", args=[rec.pk]),
            )
            rec.chased_on = today
            rec.save(update_fields=["chased_on"])
            log_action(rec, "voters.reminder_chase", by=None, changes={"recipients": count})
        sent += 1
    return {"forwarded_unanswered": sent}
