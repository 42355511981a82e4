"""The promises' part of the leaders' overview and the periodic report (core.figures; the hook
`overview` in apps.py).

A promise comes on the day it was made and is done when its outcome closes it (kept, or
explained to the people); it is late while open past its due day (a roadmap's new date, when the
owner reported one), and done on time when closed by the date first promised, as the portal
judges it. A unit's slice is the promises it owes; a village's, the promises about the village.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, Count, F, Q, When
from django.urls import reverse

from danvan.core.figures import Clock, Period, late_item, section
from danvan.promises.models import CLOSING, Outcome, Promise, Source

CLOCK = Clock(
    came="made_on",
    done=Case(When(outcome__in=CLOSING, then=F("outcome_on"))),
    due="due_on",
    on_time=Q(outcome_on__lte=F("promised_due")),
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
    promises = Promise.objects.filter(commune_id__in=communes)
    if units is not None:
        promises = promises.filter(owner_unit_id__in=units)
    if villages is not None:
        promises = promises.filter(village_id__in=villages)
    period = Period(start, end, on)

    def item(p: Promise) -> dict[str, Any]:
        return late_item(
            title=p.title,
            url=reverse("promises:detail", args=[p.pk]),
            due=p.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=p.owner_unit.label,
            ref=period.ref,
        )

    by_source = {s.value: (str(s.label), Count("pk", filter=Q(source=s.value))) for s in Source}
    part = section(
        promises,
        CLOCK,
        period,
        label="Cam kết, lời hứa với Nhân dân",
        noun="cam kết",
        url=reverse("promises:list"),
        extras={
            **by_source,
            "roadmap": (
                "Đang thực hiện theo lộ trình",
                Count("pk", filter=Q(outcome=Outcome.ROADMAP)),
            ),
            "explained": ("Đã giải trình", Count("pk", filter=Q(outcome=Outcome.EXPLAINED))),
            "internal": ("Không công khai", Count("pk", filter=Q(public=False))),
        },
        item=item,
        related=("owner_unit",),
        detail=detail,
    )
    return {"promises": part}
