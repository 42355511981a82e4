"""What waits on a person among the supervision boards' recommendations, for "Việc của tôi".

For a leader of the commune (who names the unit that answers, then records the answer):
each recommendation waiting for a unit, and each one given to a unit and not answered yet,
due on its answer day (15 days from receipt, Luật THDCCS 2022, Điều 40 khoản 1 điểm c,
Điều 45 khoản 2 điểm c). The unit given a recommendation finds it as its task among the
plans' items (the task the assignment created), so it is not listed twice. One query.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.models import Role
from danvan.core.work import WorkItem
from danvan.supervision.models import Recommendation

Status = Recommendation.Status


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    leads = sorted(get_access(user).communes(Role.LEADER))
    if not leads:
        return []
    rows = Recommendation.objects.filter(
        commune_id__in=leads, status__in=[Status.SENT, Status.ASSIGNED]
    ).values_list("pk", "number", "year", "title", "status", "due_on", "commune_id")
    return [
        WorkItem(
            app="Nhân dân giám sát",
            kind=(
                "Giao đơn vị giải quyết kiến nghị"
                if status == Status.SENT
                else "Ghi nhận trả lời kiến nghị"
            ),
            title=f"Kiến nghị số {number}/{year}: {title}",
            url=reverse("supervision:recommendation", args=[pk]),
            due=due,
            commune_id=commune_id,
        )
        for pk, number, year, title, status, due, commune_id in rows
    ]
