"""Voters' recommendations' part of the leaders' overview (core.figures; the hook `overview` in
apps.py).

Each recommendation from the day of the voter meeting; answered on the day its answer came (the
promise's report for the commune's own — any outcome, a roadmap included, is an answer to the
voters — or the answer the office recorded for a forwarded one); its due day is the one promised
(typed by the leader: no legal time limit was found) or, forwarded, the day the office chases.
A unit's slice is the recommendations it was given; a village's, those of the village.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from danvan.core.figures import Clock, Period, late_item, section
from danvan.voters.models import Competence, VoterMeeting, VoterRecommendation

CLOCK = Clock(
    came="meeting__held_on",
    done=Coalesce("answered_on", "promise__outcome_on"),
    due=Coalesce("promise__promised_due", "chase_on"),
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
    period = Period(start, end, on)
    recs = VoterRecommendation.objects.filter(commune_id__in=communes)
    held = VoterMeeting.objects.filter(
        commune_id__in=communes, held_on__range=(period.start, period.ref)
    )
    if units is not None:
        recs = recs.filter(owner_unit_id__in=units)
    if villages is not None:
        recs = recs.filter(village_id__in=villages)
        held = held.filter(villages__in=villages).distinct()

    def item(r: VoterRecommendation) -> dict[str, Any]:
        return late_item(
            title=f"Kiến nghị cử tri số {r.code}: {r.short}",
            url=reverse("voters:recommendation", args=[r.pk]),
            due=r.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=r.owner_unit.label if r.owner_unit else r.receiving_body,
            ref=period.ref,
        )

    part = section(
        recs,
        CLOCK,
        period,
        label="Kiến nghị cử tri",
        noun="kiến nghị",
        url=reverse("voters:recommendations"),
        extras={
            "unclassified": (
                "Chờ phân loại",
                Count("pk", filter=Q(competence=Competence.PENDING)),
            ),
            "forwarded": (
                "Chuyển cấp trên",
                Count("pk", filter=Q(competence=Competence.PROVINCE)),
            ),
        },
        item=item,
        related=("owner_unit",),
        detail=detail,
    )
    if units is None:
        part["extra"].insert(
            0, {"key": "meetings", "label": "Hội nghị tiếp xúc cử tri", "value": held.count()}
        )
    return {"voters": part}
