"""The consultations' part of the leaders' overview (core.figures; the hook `overview` in
apps.py).

Each consultation put to the people (not a draft still being written) from the day it opened;
done when its synthesis was published. The law asks for at least 20 days of comments (Luật
THDCCS 2022, Điều 28 khoản 2) but sets no time for publishing the result (Điều 28 khoản 3), so
nothing here is ever late and there is no on-time rate: the part says so. A unit's slice is
the consultations it leads; a village's, those put to the village (the whole commune, or the
village among those asked), with the comments from the village.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from danvan.consultations.models import Comment, Consultation
from danvan.core.figures import Clock, Period, section

Status = Consultation.Status
NOTE = (
    "Luật Thực hiện dân chủ ở cơ sở 2022 (Điều 28 khoản 2) quy định thời gian lấy ý kiến ít "
    "nhất 20 ngày, không quy định thời hạn công bố kết quả (Điều 28 khoản 3): không tính quá hạn."
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
    ref = period.ref
    asked = Consultation.objects.filter(commune_id__in=communes, opens_on__isnull=False).exclude(
        status=Status.DRAFT
    )
    if units is not None:
        asked = asked.filter(lead_unit_id__in=units)
    if villages is not None:
        asked = asked.filter(Q(whole_commune=True) | Q(villages__in=villages)).distinct()
    part = section(
        asked,
        Clock(came="opens_on", done="published_on"),
        period,
        label="Lấy ý kiến Nhân dân",
        noun="cuộc lấy ý kiến",
        url=reverse("consultations:index"),
        note=NOTE,
        extras={
            "accepting": (
                "Đang nhận ý kiến",
                Count("pk", filter=Q(status=Status.OPEN, closes_on__gte=ref)),
            ),
            "awaiting": (
                "Hết thời gian góp ý, chờ công bố kết quả",
                Count(
                    "pk",
                    filter=Q(closes_on__lt=ref)
                    & (Q(published_on__isnull=True) | Q(published_on__gt=ref)),
                ),
            ),
        },
        detail=detail,
    )
    comments = Comment.objects.visible().filter(
        consultation__in=asked.values("pk"), received_on__range=(period.start, ref)
    )
    if villages is not None:
        comments = comments.filter(village_id__in=villages)
    part["extra"] += [
        {"key": "comments", "label": "Ý kiến nhận trong kỳ", "value": comments.count()},
        {
            "key": "unanswered",
            "label": "Ý kiến chưa tiếp thu, giải trình",
            "value": comments.unanswered().count(),
        },
    ]
    return {"consultations": part}
