"""The one-stop centre's part of the leaders' overview and the periodic report (core.figures;
the hook `overview` in apps.py).

Each dossier from the day it was received; done on the day its result was returned; due on the
day promised to the citizen (ngày hẹn trả, set by the procedure's own time limit in the
provincial system, so the part rates dossiers against it). A late dossier, returned late or
still open past its day, owes the citizen an apology slip (rule `mot-cua`/`xin-loi`): the part
counts those without one. Dossiers belong to the centre, not to a village: a village's slice
means nothing here, nor does a unit's other than the centre's own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, F, Q
from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.figures import Clock, Period, late_item, section
from danvan.core.models import Unit
from danvan.onestop.access import read_communes
from danvan.onestop.models import Dossier

CLOCK = Clock(came="received_on", done="returned_on", due="due_on")


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
    if units is not None and not Unit.objects.filter(pk__in=units, one_stop=True).exists():
        return {}
    period = Period(start, end, on)
    late = Q(returned_on__gt=F("due_on")) | Q(returned_on__isnull=True, due_on__lt=period.ref)

    def item(d: Dossier) -> dict[str, Any]:
        return late_item(
            title=f"Hồ sơ {d.code}: {d.procedure}" if d.procedure else f"Hồ sơ {d.code}",
            url=reverse("onestop:dossier", args=[d.pk]),
            due=d.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner="Trung tâm Phục vụ hành chính công",
            ref=period.ref,
            kind="Chưa có phiếu xin lỗi" if d.apology_sent_on is None else "",
        )

    def visible(qs: Any) -> Any:
        return qs if viewer is None else qs.filter(commune_id__in=read_communes(get_access(viewer)))

    part = section(
        Dossier.objects.filter(commune_id__in=communes),
        CLOCK,
        period,
        label="Trung tâm Phục vụ hành chính công",
        noun="hồ sơ",
        url=reverse("onestop:register"),
        note="Hạn là ngày hẹn trả ghi trên hồ sơ theo hệ thống một cửa của tỉnh.",
        extras={
            "early": (
                "Trả trước hạn",
                Count("pk", filter=Q(returned_on__lt=F("due_on"))),
            ),
            "no_slip": (
                "Trễ hạn chưa có phiếu xin lỗi",
                Count("pk", filter=late & Q(apology_sent_on__isnull=True)),
            ),
            "slip": ("Phiếu xin lỗi đã gửi", Count("pk", filter=Q(apology_sent_on__isnull=False))),
            "rated": ("Có đánh giá mức độ hài lòng", Count("pk", filter=~Q(satisfaction=""))),
        },
        item=item,
        fields=("code", "procedure", "apology_sent_on"),
        visible=visible,
        detail=detail,
    )
    return {"onestop": part}
