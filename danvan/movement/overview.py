"""The movement's part of the leaders' overview (core.figures; the hook `overview` in apps.py).

Each practice from the day it was registered; done when the commune decided on it (recognised
or not). The law sets no time limit for either, so nothing is ever late and no rate is shown
(the note says so). A village's slice is the practices carried out in its villages; a unit's
slice is what the unit registered.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from danvan.core.figures import Clock, Period, section
from danvan.movement.models import Kind, Practice, Replication, Status

CLOCK = Clock(came="registered_on", done="decided_on")


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
    practices = Practice.objects.filter(commune_id__in=communes)
    if units is not None:
        practices = practices.filter(registrant_id__in=units)
    if villages is not None:
        practices = practices.filter(village_id__in=villages)
    part = section(
        practices,
        CLOCK,
        Period(start, end, on),
        label="Phong trào “Dân vận khéo”",
        noun="mô hình, điển hình",
        url=reverse("movement:index"),
        note="Không có thời hạn luật định: xong khi xã xét công nhận (hoặc không công nhận).",
        extras={
            "models": ("Mô hình", Count("pk", filter=Q(kind=Kind.MODEL))),
            "exemplars": ("Điển hình", Count("pk", filter=~Q(kind=Kind.MODEL))),
            "recognised": ("Được công nhận", Count("pk", filter=Q(status=Status.RECOGNISED))),
            "proposed": (
                "Đề nghị cấp trên công nhận",
                Count("pk", filter=Q(proposed_level__isnull=False)),
            ),
        },
        detail=detail,
    )
    # Counted apart: a join to the replications would count each practice once per copy.
    copies = Replication.objects.filter(
        practice__in=practices, since__gte=start, since__lte=min(on, end)
    ).count()
    part["extra"].append({"key": "replications", "label": "Lượt nhân rộng", "value": copies})
    return {"movement": part}
