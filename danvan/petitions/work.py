"""What waits on a person among the petitions, for "Việc của tôi" (the `my_work` hook).

- the open cases the person handles or his unit holds (petitions.access.assigned_to), by the
  step they are at; a paused case has no running deadline; a draft waiting for the leaders'
  signature waits on them, not on its handler;
- for an officer of the office that receives petitions: the new arrivals nobody has been
  given yet (to classify and assign);
- for a leader of the commune: the conclusions and decisions waiting for his signature.
One query, on the (commune, status) index. A row shows the case's number and summary as its page does (a denunciation's
summary is stored struck of the denouncer's identity), never who sent it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.models import Role
from danvan.core.work import WorkItem
from danvan.petitions.access import assigned_to
from danvan.petitions.models import Petition

APP = "Đơn thư"
Status = Petition.Status
OPEN = [s for s in Status.values if s not in Petition.CLOSED_STATUSES]
KINDS: dict[str, str] = {
    Status.RECEIVED: "Phân loại, thụ lý đơn",
    Status.ACCEPTED: "Giải quyết đơn",
    Status.PAUSED: "Đơn tạm đình chỉ: theo dõi",
}


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    access = get_access(user)
    desk = sorted(
        {
            s.commune_id
            for s in access.seats
            if s.role == Role.OFFICER and s.receives_petitions and s.commune_id is not None
        }
    )
    signs = sorted(access.communes(Role.LEADER))
    new = Q(
        commune_id__in=desk,
        status=Status.RECEIVED,
        handler__isnull=True,
        handling_unit__isnull=True,
    )
    communes = sorted(access.own_communes)
    if not communes:
        return []
    # Open cases of the user's communes first: the (commune, status) index finds the few open
    # cases among a commune's years of them; the handler's and the unit's own indexes would
    # read every case they ever held.
    rows = (
        Petition.objects.filter(commune_id__in=communes, status__in=OPEN)
        .filter(
            (assigned_to(user) & ~Q(status=Status.PROPOSED))
            | new
            | Q(commune_id__in=signs, status=Status.PROPOSED)
        )
        .order_by()
        .values_list(
            "pk",
            "number",
            "year",
            "subject",
            "status",
            "due_on",
            "handler_id",
            "handling_unit_id",
            "commune_id",
        )
    )
    items = []
    for pk, number, year, subject, status, due, handler, unit, commune_id in rows:
        if status == Status.PROPOSED:
            kind = "Ký duyệt kết quả giải quyết"
        elif handler is None and unit is None and commune_id in desk:
            kind = "Đơn mới: phân loại, giao xử lý"
        else:
            kind = KINDS.get(status, "Xử lý đơn")
        items.append(
            WorkItem(
                app=APP,
                kind=kind,
                title=f"Đơn số {number}/{year}: {subject}",
                url=reverse("petitions:detail", args=[pk]),
                due=None if status == Status.PAUSED else due,
                commune_id=commune_id,
            )
        )
    return items
