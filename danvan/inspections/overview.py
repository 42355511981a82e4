"""Inspections' part of the leaders' overview (core.figures; the hook `overview` in apps.py).

Each inspection from its planned start (an unplanned, surprise inspection records its start the
same way, as the day it began); done on the day it was concluded; due on the planned end. No
law sets a time for an inspection (docs/research/promises-law.md §6): the plan's dates are the
only ones, and the part's note says so. The remedies a conclusion gives are promises: their own
lateness is counted in the promises' part, so here they are only counted, never judged. A
unit's slice is the inspections of that unit (the inspected one); a village's, the inspections
of the village itself. The counts are everyone's; the late list links only the inspections the
viewer may open (an internal inspection is read by those who manage, the Front, province
viewers and the units concerned: inspections.access).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.figures import Clock, Period, late_item, section
from danvan.core.models import Role
from danvan.inspections.models import Finding, Inspection, Remedy

CLOCK = Clock(came="planned_from", done="concluded_on", due="planned_to")

NOTE = "Không có thời hạn luật định; hạn là ngày kết thúc theo kế hoạch kiểm tra."


def _per_inspection(qs: QuerySet[Any]) -> Coalesce:
    """How many rows of `qs` (findings, remedies) each inspection has, as a subquery: a join
    would multiply the inspections the part counts."""
    return Coalesce(
        Subquery(
            qs.filter(inspection=OuterRef("pk"))
            .order_by()
            .values("inspection")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
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
    inspections = Inspection.objects.filter(commune_id__in=communes)
    if units is not None:
        inspections = inspections.filter(inspected_unit_id__in=units)
    if villages is not None:
        inspections = inspections.filter(inspected_unit_id__in=villages)
    inspections = inspections.annotate(
        n_findings=_per_inspection(Finding.objects.exclude(severity=Finding.Severity.GOOD)),
        n_remedies=_per_inspection(Remedy.objects.all()),
    )

    def item(i: Inspection) -> dict[str, Any]:
        return late_item(
            title=f"Kiểm tra {i.inspected_unit.label}: {i.title}",
            url=reverse("inspections:inspection", args=[i.pk]),
            due=i.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=i.inspected_unit.label,
            ref=period.ref,
        )

    def visible(qs: QuerySet[Any]) -> QuerySet[Any]:
        """The rule of inspections.access.readable_inspections, for every commune at once."""
        if viewer is None:
            return qs
        access = get_access(viewer)
        whole = access.reception_communes | access.province_communes | access.communes(Role.FRONT)
        mine = access.units()
        owed = Remedy.objects.filter(owner_unit_id__in=mine).values("inspection_id")
        return qs.filter(commune_id__in=access.readable_communes).filter(
            Q(commune_id__in=whole)
            | Q(public=True, concluded_on__isnull=False)
            | Q(inspected_unit_id__in=mine)
            | Q(pk__in=owed)
        )

    part = section(
        inspections,
        CLOCK,
        period,
        label="Kiểm tra kỷ luật, kỷ cương, công vụ",
        noun="cuộc kiểm tra",
        url=reverse("inspections:index"),
        note=NOTE,
        extras={
            "planned": ("Theo kế hoạch", Count("pk", filter=Q(plan__isnull=False))),
            "unplanned": ("Đột xuất", Count("pk", filter=Q(plan__isnull=True))),
            "findings": ("Hạn chế, thiếu sót, vi phạm phát hiện", Sum("n_findings")),
            "remedies": ("Biện pháp khắc phục đã giao", Sum("n_remedies")),
            "rechecked": (
                "Đã phúc tra",
                Count("pk", filter=Q(rechecked_on__lte=period.ref)),
            ),
        },
        item=item,
        related=("inspected_unit",),
        visible=visible,
        detail=detail,
    )
    return {"inspections": part}
