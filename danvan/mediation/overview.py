"""Grassroots mediation's part of the leaders' overview (core.figures; the hook `overview` in
apps.py).

Each case from the day the team received it; done when it has an outcome (thành, không thành,
sent to the competent body). The one time limit is the start: 3 days from the assignment (rule
`hoa-giai`/`bat-dau`, shipped UNVERIFIED), so a case is late while it waits to start past that
day, and done on time when it started by then. No limit for finishing one was found, so a
started case is never late. A village's slice is its team's cases; a unit's slice means nothing
here (cases are the teams', not the offices'). No party's name leaves the app: the late list
names the case by its number and team.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, Count, DateField, F, Q, When
from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.figures import Clock, Period, late_item, section
from danvan.core.models import Role, Unit
from danvan.mediation.models import MediationCase

Outcome = MediationCase.Outcome

CLOCK = Clock(
    came="received_on",
    done="outcome_on",
    due=Case(
        When(started_on__isnull=True, then=F("start_due")), default=None, output_field=DateField()
    ),
    on_time=Q(start_due__isnull=True) | Q(started_on__lte=F("start_due")),
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
    if units is not None:
        return {}
    period = Period(start, end, on)
    cases = MediationCase.objects.filter(commune_id__in=communes)
    if villages is not None:
        cases = cases.filter(team__village_id__in=villages)

    def item(c: MediationCase) -> dict[str, Any]:
        return late_item(
            title=f"Vụ, việc hòa giải số {c.code} chưa bắt đầu hòa giải",
            url=reverse("mediation:case", args=[c.pk]),
            due=c.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=c.team.name,
            ref=period.ref,
        )

    def visible(qs: Any) -> Any:
        if viewer is None:
            return qs
        access = get_access(viewer)
        offices = access.communes(Role.LEADER, Role.ADMIN) | access.communes(
            Role.OFFICER, Role.FRONT, kinds=[Unit.Kind.OFFICE, Unit.Kind.FRONT]
        )
        heads = access.units(Role.VILLAGE_HEAD, kinds=[Unit.Kind.VILLAGE])
        return qs.filter(Q(commune_id__in=offices) | Q(team__village_id__in=heads))

    part = section(
        cases,
        CLOCK,
        period,
        label="Hòa giải ở cơ sở",
        noun="vụ, việc",
        url=reverse("mediation:figures"),
        note="Thời hạn bắt đầu hòa giải 03 ngày (chưa kiểm chứng); không có thời hạn kết thúc.",
        extras={
            "success": ("Hòa giải thành", Count("pk", filter=Q(outcome=Outcome.SUCCESS))),
            "failed": ("Hòa giải không thành", Count("pk", filter=Q(outcome=Outcome.FAILED))),
            "referred": (
                "Chuyển cơ quan có thẩm quyền",
                Count("pk", filter=Q(outcome=Outcome.REFERRED)),
            ),
            "kept": (
                "Thỏa thuận đã được thực hiện",
                Count("pk", filter=Q(agreement_kept=MediationCase.Kept.YES)),
            ),
            "petition": (
                "Trở lại thành đơn thư",
                Count("pk", filter=Q(petition__isnull=False)),
            ),
        },
        item=item,
        related=("team",),
        visible=visible,
        detail=detail,
    )
    return {"mediation": part}
