"""What waits on a person among voters' recommendations, for "Việc của tôi".

For the keepers of a commune (leaders, administrators, the office): each recommendation not yet
classified (to give to a unit or forward), and each forwarded one without an answer, due on the
day the office set to chase it. The unit given one finds it as its promise's task among the
plans' items, so it is not listed twice. One query.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.work import WorkItem
from danvan.voters.models import Competence, VoterRecommendation


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    communes = sorted(get_access(user).reception_communes)
    if not communes:
        return []
    rows = VoterRecommendation.objects.filter(
        Q(competence=Competence.PENDING) | Q(competence=Competence.PROVINCE, outcome=""),
        commune_id__in=communes,
    ).values_list("pk", "number", "year", "content", "competence", "chase_on", "commune_id")
    return [
        WorkItem(
            app="Kiến nghị cử tri",
            kind=(
                "Phân loại, giao hoặc chuyển kiến nghị"
                if competence == Competence.PENDING
                else "Đôn đốc trả lời kiến nghị đã chuyển"
            ),
            title=f"Kiến nghị cử tri số {number}/{year}: {content[:100]}",
            url=reverse("voters:recommendation", args=[pk]),
            due=chase_on,
            commune_id=commune_id,
        )
        for pk, number, year, content, competence, chase_on, commune_id in rows
    ]
