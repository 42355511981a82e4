"""What waits on a person among consultations, for "Việc của tôi" (the `my_work` hook).

For the officers of a consultation's lead unit (who answer its comments, like the leaders):
- one still taking comments whose last day is within SOON_DAYS: to gather the villages' and
  organisations' comments in time, due that day;
- one whose time is over: to answer every comment and publish the result; the law sets no
  time for the result (Luật THDCCS 2022, Điều 28 khoản 3), so it has no due day.
One query.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.consultations.models import Consultation
from danvan.core.access import get_access
from danvan.core.work import WorkItem

SOON_DAYS = 7
Status = Consultation.Status


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    units = get_access(user).writable_units
    if not units:
        return []
    rows = (
        Consultation.objects.filter(lead_unit_id__in=sorted(units))
        .filter(
            Q(status=Status.OPEN, closes_on__lte=today + timedelta(days=SOON_DAYS))
            | Q(status=Status.CLOSED)
        )
        .order_by()
        .values_list("pk", "title", "status", "closes_on", "commune_id")
    )
    return [
        WorkItem(
            app="Lấy ý kiến Nhân dân",
            kind=(
                "Sắp hết hạn nhận ý kiến: tổng hợp ý kiến"
                if status == Status.OPEN
                else "Trả lời ý kiến, công bố kết quả tiếp thu"
            ),
            title=title,
            url=reverse("consultations:detail", args=[pk]),
            due=closes_on if status == Status.OPEN else None,
            commune_id=commune_id,
        )
        for pk, title, status, closes_on, commune_id in rows
    ]
