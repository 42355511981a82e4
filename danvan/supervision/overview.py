"""The people's supervision's part of the leaders' overview (core.figures; the hook `overview`
in apps.py).

Each recommendation of a board from the day the People's Committee received it (or, without
that day, the day it was sent); done when it was answered, on time when by its due day (15 days
from receipt, Luật THDCCS 2022, Điều 40 khoản 1 điểm c and Điều 45 khoản 2 điểm c, or the day
a leader typed); late while unanswered past it, as the public page says "Quá hạn, chưa trả
lời". A unit's slice is the recommendations it was given; a village's, those of supervisions
held in the village.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from danvan.core.figures import Clock, Period, late_item, section
from danvan.supervision.models import Activity, Recommendation

CLOCK = Clock(came=Coalesce("received_on", "sent_on"), done="answered_on", due="due_on")


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
    period = Period(start, end, on)
    recs = Recommendation.objects.filter(commune_id__in=communes)
    held = Activity.objects.filter(
        commune_id__in=communes, ended_on__range=(period.start, period.ref)
    )
    if units is not None:
        recs = recs.filter(owner_unit_id__in=units)
    if villages is not None:
        recs = recs.filter(activity__village_id__in=villages)
        held = held.filter(village_id__in=villages)

    def item(r: Recommendation) -> dict[str, Any]:
        return late_item(
            title=f"Kiến nghị số {r.code}: {r.title}",
            url=reverse("supervision:recommendation", args=[r.pk]),
            due=r.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=r.owner_unit.label if r.owner_unit else "Lãnh đạo UBND xã (chưa giao)",
            ref=period.ref,
        )

    part = section(
        recs,
        CLOCK,
        period,
        label="Giám sát của Nhân dân",
        noun="kiến nghị",
        url=reverse("supervision:recommendations"),
        extras={
            "unassigned": (
                "Chờ giao xử lý",
                Count("pk", filter=Q(status=Recommendation.Status.SENT)),
            ),
            "published": (
                "Đã công khai trả lời",
                Count("pk", filter=Q(published_at__isnull=False)),
            ),
        },
        item=item,
        related=("owner_unit",),
        detail=detail,
    )
    if units is None:
        part["extra"].insert(
            0, {"key": "activities", "label": "Cuộc giám sát trong kỳ", "value": held.count()}
        )
    return {"supervision": part}
