"""Commendations' part of the leaders' overview (core.figures; the hook `overview` in apps.py).

Each proposal from the day it was made; done when granted or refused. The law sets no time for
deciding a proposal, so nothing is late and there is no on-time rate. The extras count the
awards whose decision was signed in the period (with or without a proposal): by what they are
for, collectives and individuals. A unit's or a village's slice means nothing here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from danvan.commendations.models import Award, Proposal, RecipientKind, Source
from danvan.core.figures import Clock, Period, section

CLOCK = Clock(came="proposed_on", done="decided_on")


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
    if units is not None or villages is not None:
        return {}
    period = Period(start, end, on)
    part = section(
        Proposal.objects.filter(commune_id__in=communes),
        CLOCK,
        period,
        label="Khen thưởng",
        noun="đề nghị",
        url=reverse("commendations:index"),
        note="Pháp luật không quy định thời hạn xét đề nghị khen thưởng: không tính đúng hạn.",
        extras={
            "granted": (
                "Đề nghị được khen thưởng",
                Count("pk", filter=Q(status=Proposal.Status.GRANTED)),
            ),
            "refused": (
                "Đề nghị không được khen thưởng",
                Count("pk", filter=Q(status=Proposal.Status.REFUSED)),
            ),
        },
        detail=detail,
    )
    awards = Award.objects.filter(
        commune_id__in=communes,
        decision__signed_on__gte=start,
        decision__signed_on__lte=period.ref,
    ).aggregate(
        total=Count("pk"),
        **{s.value: Count("pk", filter=Q(source=s)) for s in Source},
        **{k.value: Count("pk", filter=Q(recipient_kind=k)) for k in RecipientKind},
    )
    part["extra"] += [
        {"key": "awards", "label": "Lượt khen thưởng trong kỳ", "value": awards["total"]},
        *(
            {"key": f"award_{s.value}", "label": f"Khen thưởng về {s.label}", "value": awards[s]}
            for s in Source
        ),
        *(
            {
                "key": f"award_{k.value}",
                "label": f"Khen thưởng {k.label.lower()}",
                "value": awards[k],
            }
            for k in RecipientKind
        ),
    ]
    return {"commendations": part}
