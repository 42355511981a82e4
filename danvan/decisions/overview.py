"""The village decisions' part of the leaders' overview (core.figures; the hook `overview` in
apps.py).

Each matter from the day its vote ended (`voted_until`): the clocks of the law start there. Its
record goes to the People's Committee and the Front within `send_due` (5 working days, Luật
THDCCS 2022, Điều 20 khoản 3; NĐ 59/2023, Điều 3 khoản 5), then, where the law names a body,
is recognised or refused within `recognise_due` (Điều 21 khoản 2). Done when the record was
sent of a matter that needs nothing more, or when it was recognised or refused; on time when
each step met its time; late while the step now running is past its due day, as the
register's own warnings say. A village's slice is the matters put to the village; no office
holds a village's decision, so a unit's slice has no such part.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, Count, DateField, Exists, F, OuterRef, Q, When
from django.db.models.functions import Coalesce
from django.urls import reverse

from danvan.core.figures import Clock, Period, late_item, section
from danvan.decisions.models import CommunityDecision, Meeting, Recognizer

Status = CommunityDecision.Status
WAITING = (Status.VOTING, Status.SENT)
ANSWERED = Q(recognised_on__isnull=False) | Q(refused_on__isnull=False)

CLOCK = Clock(
    came="voted_until",
    done=Case(
        When(status__in=WAITING, then=None),
        default=Coalesce("recognised_on", "refused_on", "sent_on"),
        output_field=DateField(),
    ),
    due=Case(
        When(status=Status.VOTING, then=F("send_due")),
        When(Q(status=Status.SENT) | ANSWERED, then=F("recognise_due")),
        default=F("send_due"),
    ),
    on_time=(Q(send_due__isnull=True) | Q(sent_on__lte=F("send_due")))
    & (
        Q(recognise_due__isnull=True)
        | ~ANSWERED
        | Q(recognised_on__lte=F("recognise_due"))
        | Q(refused_on__lte=F("recognise_due"))
    ),
)


def figures(
    *,
    communes: list[int],
    start: date,
    end: date,
    on: date,
    units: list[int] | None = None,
    villages: list[int] | None = None,
    viewer: Any = None,
    detail: bool = True,
) -> dict[str, dict[str, Any]]:
    if units is not None:
        return {}
    period = Period(start, end, on)
    matters = CommunityDecision.objects.filter(commune_id__in=communes, voted_until__isnull=False)
    meetings = Meeting.objects.filter(
        decision__commune_id__in=communes, held_on__range=(period.start, period.ref)
    )
    if villages is not None:
        put = CommunityDecision.villages.through.objects.filter(
            communitydecision_id=OuterRef("pk"), unit_id__in=villages
        )
        matters = matters.filter(Exists(put))
        meetings = meetings.filter(village_id__in=villages)

    def item(d: CommunityDecision) -> dict[str, Any]:
        if d.status == Status.VOTING:
            owner = "Trưởng thôn: gửi biên bản"
        else:
            owner = f"{Recognizer(d.item.recognizer or Recognizer.COMMITTEE).label}: công nhận"
        return late_item(
            title=d.title,
            url=reverse("decisions:detail", args=[d.pk]),
            due=d.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=owner,
            ref=period.ref,
        )

    part = section(
        matters,
        CLOCK,
        period,
        label="Nhân dân bàn và quyết định",
        noun="việc",
        url=reverse("decisions:index"),
        extras={
            "passed": (
                "Thông qua",
                Count("pk", filter=Q(outcome=CommunityDecision.Outcome.PASSED)),
            ),
            "rejected": (
                "Không thông qua",
                Count("pk", filter=Q(outcome=CommunityDecision.Outcome.REJECTED)),
            ),
        },
        item=item,
        related=("item",),
        detail=detail,
    )
    part["extra"].insert(
        0, {"key": "meetings", "label": "Cuộc họp, đợt phát phiếu", "value": meetings.count()}
    )
    return {"decisions": part}
