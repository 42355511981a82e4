"""What waits on a village head among his team's mediation cases, for "Việc của tôi".

Each case of the team of a village he heads that has not started (due on its start day: 3 days
from the assignment, rule hoa-giai/bat-dau, UNVERIFIED) or has started and has no outcome yet
(no due day: no time limit for finishing was found). The title names the case by its number
and team, never a party. One query.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.models import Role, Unit
from danvan.core.work import WorkItem
from danvan.mediation.models import MediationCase


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    villages = get_access(user).units(Role.VILLAGE_HEAD, kinds=[Unit.Kind.VILLAGE])
    if not villages:
        return []
    rows = MediationCase.objects.filter(
        team__village_id__in=villages, outcome=MediationCase.Outcome.PENDING
    ).values_list("pk", "number", "year", "team__name", "started_on", "start_due", "commune_id")
    return [
        WorkItem(
            app="Hòa giải ở cơ sở",
            kind="Ghi kết quả hòa giải" if started else "Bắt đầu hòa giải",
            title=f"Vụ, việc hòa giải số {number}/{year} ({team})",
            url=reverse("mediation:case", args=[pk]),
            due=None if started else due,
            commune_id=commune_id,
        )
        for pk, number, year, team, started, due, commune_id in rows
    ]
