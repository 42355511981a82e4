"""Study and outreach's part of the leaders' overview (core.figures; the hook `overview`).

A session counts from its planned day; it is done when held. Its due day is that planned day,
the commune's own plan and not a legal time limit: a session is late when the day has passed
and it was neither held nor cancelled. A cancelled session is left out (nothing is owed).
A unit's slice is the sessions it organises; a village's, the sessions held for its people.
Extras: people present, their rate over the units that had a number called, the documents
taught (counted per session).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, Sum
from django.urls import reverse

from danvan.core.figures import Clock, Period, late_item, section
from danvan.study.models import StudySession

CLOCK = Clock(came="planned_on", done="held_on", due="planned_on")


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
    sessions = StudySession.objects.filter(commune_id__in=communes).exclude(
        status=StudySession.Status.CANCELLED
    )
    if units is not None:
        sessions = sessions.filter(organiser_id__in=units)
    if villages is not None:
        sessions = sessions.filter(village_id__in=villages)

    def item(s: StudySession) -> dict[str, Any]:
        return late_item(
            title=f"{s.title}: chưa ghi kết quả tổ chức",
            url=reverse("study:detail", args=[s.pk]),
            due=s.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=s.organiser.label,
            ref=period.ref,
        )

    part = section(
        sessions,
        CLOCK,
        period,
        label="Học tập, tuyên truyền",
        noun="buổi",
        url=reverse("study:summary"),
        note="Hạn là ngày dự kiến của chính xã (không phải thời hạn luật định); buổi đã hủy không tính.",
        extras={
            "present": ("Số người dự", Sum("present_total")),
            "expected": ("Số người được triệu tập", Sum("expected_total")),
            "counted": ("Số người dự (đơn vị có số triệu tập)", Sum("counted_present")),
            "documents": (
                "Lượt văn bản được học tập, phổ biến",
                Sum("documents_count", filter=Q(status=StudySession.Status.HELD)),
            ),
        },
        item=item,
        related=("organiser",),
        detail=detail,
    )
    extra = {e["key"]: e for e in part["extra"]}
    expected, counted = extra["expected"]["value"], extra.pop("counted")["value"]
    part["extra"] = list(extra.values())
    if expected:  # no rate without a number called
        part["extra"].append(
            {"key": "rate", "label": "Tỷ lệ tham dự (%)", "value": round(100 * counted / expected)}
        )
    return {"study": part}
