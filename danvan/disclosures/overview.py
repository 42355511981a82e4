"""The disclosure register's part of the leaders' overview (core.figures; the hook `overview`
in apps.py).

Each content from the day its document was issued or approved; done when its first posting
began, on time when that was by its start deadline (`start_due`: 5 working days, Luật THDCCS
2022, Điều 12 khoản 3, or the sector law the officer named); late while nothing is posted past
that deadline, as the register's warning "Công khai muộn" says. A content withdrawn before any
posting is no item. A unit's slice is the contents it answers for; a village's, the contents
posted in the village, each judged by its first posting there.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.urls import reverse

from danvan.core.figures import Clock, Period, late_item, section
from danvan.disclosures.models import Disclosure, Posting


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
    postings = Posting.objects.filter(disclosure=OuterRef("pk"))
    if villages is not None:
        postings = postings.filter(village_id__in=villages)
    first = Subquery(
        postings.order_by().values("disclosure").annotate(first=Min("start_on")).values("first")[:1]
    )
    contents = Disclosure.objects.filter(commune_id__in=communes).filter(
        Q(withdrawn_on__isnull=True) | Exists(postings)
    )
    if units is not None:
        contents = contents.filter(responsible_unit_id__in=units)
    if villages is not None:
        contents = contents.filter(Exists(postings))

    def item(d: Disclosure) -> dict[str, Any]:
        return late_item(
            title=d.title,
            url=reverse("disclosures:detail", args=[d.pk]),
            due=d.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=d.responsible_unit.label,
            ref=period.ref,
        )

    part = section(
        contents,
        Clock(came="decided_on", done=first, due="start_due"),
        period,
        label="Công khai thông tin",
        noun="nội dung",
        url=reverse("disclosures:index"),
        extras={
            "to_confirm": (
                "Cần chọn lại nội dung theo Điều 11",
                Count("pk", filter=Q(category_to_confirm=True, withdrawn_on__isnull=True)),
            )
        },
        item=item,
        related=("responsible_unit",),
        fields=(
            "title",
            "responsible_unit",
            "responsible_unit__name",
            "responsible_unit__short_name",
        ),
        detail=detail,
    )
    posted = Posting.objects.filter(
        disclosure__in=contents.values("pk"), start_on__range=(period.start, period.ref)
    )
    if villages is not None:
        posted = posted.filter(village_id__in=villages)
    part["extra"].insert(
        0, {"key": "postings", "label": "Lượt công khai trong kỳ", "value": posted.count()}
    )
    return {"disclosures": part}
