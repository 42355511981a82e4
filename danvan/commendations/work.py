"""What waits on the leaders and the office among commendations, for "Việc của tôi": each
pending proposal of the communes where they decide. No due day (the law sets no time). One
query."""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.commendations.models import Proposal
from danvan.core.access import get_access
from danvan.core.http import url_for_pk
from danvan.core.work import WorkItem


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    communes = get_access(user).reception_communes
    if not communes:
        return []
    rows = Proposal.objects.filter(
        commune_id__in=communes, status=Proposal.Status.PENDING
    ).values_list("pk", "recipient", "commune_id")
    url = url_for_pk("commendations:proposal")
    return [
        WorkItem(
            app="Khen thưởng",
            kind="Xét đề nghị khen thưởng",
            title=f"Đề nghị khen thưởng {recipient}",
            url=url(pk),
            due=None,
            commune_id=commune_id,
        )
        for pk, recipient, commune_id in rows
    ]
