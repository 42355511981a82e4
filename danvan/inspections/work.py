"""What waits on a person among inspections, for "Việc của tôi".

For those who keep the inspections (the commune's leaders, administrators and the office's
officers): each inspection whose planned days are over without a conclusion (due: its last
planned day), and each concluded one whose remedies are all due without a re-check (due: the
last remedy's date). The remedies themselves wait on their units as promises (their tasks),
so they are not listed twice. One query.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max

from danvan.core.access import get_access
from danvan.core.http import url_for_pk
from danvan.core.work import WorkItem
from danvan.inspections.models import Inspection

Status = Inspection.Status


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    communes = sorted(get_access(user).reception_communes)
    if not communes:
        return []
    rows = (
        Inspection.objects.filter(
            commune_id__in=communes,
            status__in=[Status.PLANNED, Status.IN_PROGRESS, Status.CONCLUDED],
        )
        .annotate(last_due=Max("remedies__due_on"))
        .values_list("pk", "title", "status", "planned_to", "last_due", "commune_id")
    )
    url = url_for_pk("inspections:inspection")
    items = []
    for pk, title, status, planned_to, last_due, commune_id in rows:
        if status != Status.CONCLUDED and planned_to < today:
            kind, due = "Ghi kết luận kiểm tra", planned_to
        elif status == Status.CONCLUDED and last_due is not None and last_due < today:
            kind, due = "Phúc tra việc khắc phục", last_due
        else:
            continue
        items.append(
            WorkItem(
                app="Kiểm tra kỷ luật, kỷ cương, công vụ",
                kind=kind,
                title=title,
                url=url(pk),
                due=due,
                commune_id=commune_id,
            )
        )
    return items
