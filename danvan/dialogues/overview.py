"""The dialogues' part of the leaders' overview (core.figures).

Not plugged in yet: leaders.overview.SECTIONS lists the parts it shows, so the hook (`overview =
"danvan.dialogues.overview.figures"` in apps.py) waits for "dialogues" there. The commitments are
counted by the promises' part (source "Đối thoại với Nhân dân").

A dialogue comes on the day it was held and is done when its results were published; it is
counted without a due day (the 10-day rule `doi-thoai-nhan-dan` / `cong-bo-ket-qua` is
UNVERIFIED and shown on the dialogue's page and in "Việc của tôi"). A village's slice is the
dialogues of a cluster holding the village.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from danvan.core.figures import Clock, Period, section
from danvan.dialogues.models import Commitment, Dialogue, Question

CLOCK = Clock(came="held_on", done="published_on")


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
    if units is not None:
        return {}
    held = Dialogue.objects.filter(
        commune_id__in=communes,
        status__in=[Dialogue.Status.HELD, Dialogue.Status.PUBLISHED],
    )
    if villages is not None:
        held = held.filter(villages__in=villages).distinct()
    part = section(
        held,
        CLOCK,
        Period(start, end, on),
        label="Đối thoại với Nhân dân",
        noun="hội nghị",
        url=reverse("dialogues:index"),
        note="Hoàn thành khi công bố kết quả; cam kết tại hội nghị được tính ở phần Cam kết.",
        detail=detail,
    )
    period = Period(start, end, on)
    in_period = held.filter(held_on__range=(period.start, period.ref))
    part["extra"] = [
        {"key": "held", "label": "Hội nghị tổ chức trong kỳ", "value": in_period.count()},
        {
            "key": "questions",
            "label": "Ý kiến của Nhân dân trong kỳ",
            "value": Question.objects.filter(dialogue__in=in_period).count(),
        },
        {
            "key": "commitments",
            "label": "Cam kết trong kỳ",
            "value": Commitment.objects.filter(dialogue__in=in_period).count(),
        },
        *part["extra"],
    ]
    return {"dialogues": part}
