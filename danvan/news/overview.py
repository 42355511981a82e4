"""News' part of the leaders' overview (core.figures; the hook `overview` in apps.py).

Articles published in the period (each done the day it was published: no law sets a time, so
nothing is late and there is no on-time rate), with the broadcasts logged and those that prove
a disclosure on the loudspeakers as the part's own numbers. A unit's slice is the articles its
officers wrote (broadcasts are the commune's); a village's slice means nothing here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from danvan.core.figures import Clock, Period, section
from danvan.news.models import Article, Broadcast

CLOCK = Clock(came="published_on", done="published_on")


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
    if villages is not None:
        return {}
    period = Period(start, end, on)
    articles = Article.objects.filter(commune_id__in=communes, published_on__isnull=False)
    if units is not None:
        articles = articles.filter(unit_id__in=units)
    part = section(
        articles,
        CLOCK,
        period,
        label="Tin bài, truyền thanh",
        noun="tin bài",
        url=reverse("news:index"),
        note="Tin bài đã đăng lên cổng thông tin; không có thời hạn theo luật.",
        extras={
            "story": (
                "Câu chuyện “Dân vận khéo”",
                Count("pk", filter=Q(kind=Article.Kind.STORY)),
            ),
            "notice": ("Thông báo", Count("pk", filter=Q(kind=Article.Kind.NOTICE))),
        },
        detail=detail,
    )
    if units is None:
        aired = Broadcast.objects.filter(
            commune_id__in=communes, aired_on__gte=start, aired_on__lte=period.ref
        ).aggregate(n=Count("pk"), proving=Count("pk", filter=Q(disclosure__isnull=False)))
        part["extra"] += [
            {"key": "broadcasts", "label": "Buổi phát thanh", "value": aired["n"]},
            {
                "key": "proving",
                "label": "Buổi phát chứng minh công khai",
                "value": aired["proving"],
            },
        ]
    return {"news": part}
