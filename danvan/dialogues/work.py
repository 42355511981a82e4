"""What waits on a person among the dialogues, for "Việc của tôi".

For a leader of the commune and for the officer who prepared the dialogue: a dialogue not yet
announced, due on the last day its notice can be sent for it to be held on its day (rule
`doi-thoai-nhan-dan` / `thong-bao`, 7 days, or `doi-thoai-khieu-nai` / `thong-bao`, 5 days,
both UNVERIFIED); a conference held whose results are not published, due on its publication
day (rule `doi-thoai-nhan-dan` / `cong-bo-ket-qua`, 10 days, UNVERIFIED). The commitments are
promises: their owner units find them as tasks among the plans' items.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.models import Role
from danvan.core.work import WorkItem
from danvan.dialogues import services
from danvan.dialogues.models import Dialogue

Status = Dialogue.Status


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    leads = sorted(get_access(user).communes(Role.LEADER))
    mine = Q(created_by_id=user.pk)
    if leads:
        mine |= Q(commune_id__in=leads)
    rows = Dialogue.objects.filter(mine, status__in=[Status.DRAFT, Status.HELD]).only(
        "pk", "kind", "title", "status", "held_on", "commune_id"
    )
    items = []
    for d in rows:
        if d.status == Status.DRAFT:
            kind, due = "Gửi thông báo hội nghị đối thoại", services.latest_notice_day(d)
        else:
            found = services.results_due(d)
            if found is None:
                continue
            kind, due = "Công bố kết quả hội nghị đối thoại", found[0]
        items.append(
            WorkItem(
                app="Đối thoại với Nhân dân",
                kind=kind,
                title=f"{d.title} ({d.held_on:%d/%m/%Y})",
                url=reverse("dialogues:detail", args=[d.pk]),
                due=due,
                commune_id=d.commune_id,
            )
        )
    return items
