"""Public opinion's part of the leaders' overview (core.figures; the hook `overview` in apps.py).

Each note from the day it was noted; done when handled. Only an urgent note has a time: the
days of rule `du-luan`/`khan-cap` (a practice of the commune shipped UNVERIFIED, migration
0002), so an urgent note is late while open past that day; other notes are never late (no text
sets a time to handle them). A unit's slice is the notes it reported; a village's, the notes
about it. The late list names a note by its topic, place and day, never what people said.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.figures import Clock, Period, late_item, section
from danvan.opinion.access import WRITER_KINDS, WRITER_ROLES
from danvan.opinion.models import OpinionNote

Urgency = OpinionNote.Urgency
Trend = OpinionNote.Trend

CLOCK = Clock(came="noted_on", done="handled_on", due="due_on")


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
    notes = OpinionNote.objects.filter(commune_id__in=communes)
    if units is not None:
        notes = notes.filter(reporting_unit_id__in=units)
    if villages is not None:
        notes = notes.filter(village_id__in=villages)

    def item(n: OpinionNote) -> dict[str, Any]:
        return late_item(
            title=str(n),
            url=reverse("opinion:detail", args=[n.pk]),
            due=n.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=n.reporting_unit.name,
            ref=period.ref,
        )

    def visible(qs: Any) -> Any:
        if viewer is None:
            return qs
        access = get_access(viewer)
        own = access.units(*WRITER_ROLES, kinds=WRITER_KINDS)
        return qs.filter(Q(commune_id__in=access.reception_communes) | Q(reporting_unit_id__in=own))

    extras = {
        key: (str(label), Count("pk", filter=Q(urgency=key))) for key, label in Urgency.choices
    }
    extras |= {
        f"trend_{key}": (str(label), Count("pk", filter=Q(trend=key)))
        for key, label in Trend.choices
    }
    extras["petition"] = ("Liên quan đơn thư", Count("pk", filter=OpinionNote.linked_to_petition()))
    part = section(
        notes,
        CLOCK,
        period,
        label="Dư luận xã hội",
        noun="tin",
        url=reverse("opinion:index"),
        note="Tin khẩn cấp xử lý trong 03 ngày (thực tiễn của xã, chưa kiểm chứng); "
        "tin khác không có thời hạn.",
        extras=extras,
        item=item,
        related=("topic", "village", "reporting_unit"),
        visible=visible,
        detail=detail,
    )
    return {"opinion": part}
