"""What waits on a person among the petitions, for "Việc của tôi" (the `my_work` hook).

- the open cases the person handles or his unit holds (as petitions.access.assigned_to), by
  the step they are at; a paused case has no running deadline; a draft waiting for the leaders'
  signature waits on them, not on its handler;
- for an officer of the office that receives petitions: the new arrivals nobody has been
  given yet (to classify and assign);
- for a leader of the commune: the conclusions and decisions waiting for his signature.
One query, on the (commune, status) index. A row shows the case's number and summary as its
page does (a denunciation's summary is stored struck of the denouncer's identity), never who
sent it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.core.access import get_access
from danvan.core.http import url_for_pk
from danvan.core.models import Role
from danvan.core.work import WorkItem
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
    desk = {
        s.commune_id
        for s in access.seats
        if s.role == Role.OFFICER and s.receives_petitions and s.commune_id is not None
    }
    signs = set(access.communes(Role.LEADER))
    units = access.writable_units
    communes = sorted(access.own_communes)
    if not (communes and access.units(Role.LEADER, Role.OFFICER)):
        return []  # the Front, village heads, read-only members are given no case
    # The open cases of the user's communes, a few hundred among a commune's years of cases
    # (the (commune, status) index), sorted out here: asking the database for "his or his
    # unit's" makes it read, through those columns' indexes, every case they ever held.
    rows = (
        Petition.objects.filter(commune_id__in=communes, status__in=OPEN)
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
    detail = url_for_pk("petitions:detail")
    items = []
    for pk, number, year, subject, status, due, handler, unit, commune_id in rows:
        if status == Status.PROPOSED:
            if commune_id not in signs:
                continue
            kind = "Ký duyệt kết quả giải quyết"
        elif handler == user.pk or unit in units:
            kind = KINDS.get(status, "Xử lý đơn")
        elif handler is None and unit is None and status == Status.RECEIVED and commune_id in desk:
            kind = "Đơn mới: phân loại, giao xử lý"
        else:
            continue
        items.append(
            WorkItem(
                app=APP,
                kind=kind,
                title=f"Đơn số {number}/{year}: {subject}",
                url=detail(pk),
                due=None if status == Status.PAUSED else due,
                commune_id=commune_id,
            )
        )
    return items
