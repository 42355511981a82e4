"""What waits on a person in the "Dân vận khéo" movement, for "Việc của tôi": for a scorer
(the leaders, the officers of the commune's offices), the year's practices he has not scored
yet; for a leader, the practices scored and waiting for the commune's decision. No legal time
limit: no due day. Two queries at most."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.models import Role, Unit
from danvan.core.work import WorkItem
from danvan.movement.models import Practice, Status

APP = "Dân vận khéo"


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    access = get_access(user)
    leading = access.communes(Role.LEADER, Role.ADMIN)
    scoring = leading | access.communes(Role.OFFICER, kinds=[Unit.Kind.OFFICE])
    if not scoring:
        return []
    items: list[WorkItem] = []
    to_score = (
        Practice.objects.filter(
            commune_id__in=scoring,
            year=today.year,
            status__in=[Status.REGISTERED, Status.FOLLOWING, Status.REVIEWED],
        )
        .exclude(reviews__reviewer=user)
        .values_list("pk", "name", "commune_id")
    )
    items += [
        WorkItem(
            app=APP,
            kind="Chấm điểm",
            title=name,
            url=reverse("movement:detail", args=[pk]),
            due=None,
            commune_id=commune_id,
        )
        for pk, name, commune_id in to_score
    ]
    if leading:
        to_decide = Practice.objects.filter(
            commune_id__in=leading, status=Status.REVIEWED
        ).values_list("pk", "name", "commune_id")
        items += [
            WorkItem(
                app=APP,
                kind="Xét công nhận",
                title=name,
                url=reverse("movement:detail", args=[pk]),
                due=None,
                commune_id=commune_id,
            )
            for pk, name, commune_id in to_decide
        ]
    return items
