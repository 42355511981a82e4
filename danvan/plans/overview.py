"""The plan's part of the leaders' overview (core.figures; the hook `overview` in apps.py).

The items are the tasks that count (`TaskQuerySet.live`: a draft plan's tasks count nowhere),
each from its start day. An open task is late when its current deadline (`next_due`, the end of
its earliest unreported period, moved to a working day) has passed, as its status says; a done
task was on time when it was completed by the plan's due day (`due_date`, not moved to a
working day), or had none (a recurring or ongoing duty). A unit's slice is the tasks it leads;
a village's, the tasks the village leads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, Count, F, Q, When
from django.urls import reverse

from danvan.core.figures import Clock, Period, late_item, section
from danvan.plans.models import Task

CLOCK = Clock(
    came="start_date",
    done="done_on",
    due=Case(When(done_on__isnull=True, then=F("next_due")), default=F("due_date")),
    on_time=Q(due_date__isnull=True) | Q(done_on__lte=F("due_date")),
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
    tasks = Task.objects.filter(commune_id__in=communes).live()
    if units is not None:
        tasks = tasks.filter(lead_unit_id__in=units)
    if villages is not None:
        tasks = tasks.filter(lead_unit_id__in=villages)
    period = Period(start, end, on)
    ref = period.ref
    soon = Q(done_on__isnull=True, next_due__gte=ref, warn_from__lte=ref)

    def item(t: Task) -> dict[str, Any]:
        return late_item(
            title=t.title,
            url=reverse("plans:task", args=[t.pk]),
            due=t.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=t.lead_unit.label,
            ref=ref,
        )

    part = section(
        tasks,
        CLOCK,
        period,
        label="Kế hoạch, nhiệm vụ",
        noun="nhiệm vụ",
        url=reverse("plans:dashboard"),
        extras={"due_soon": ("Sắp đến hạn", Count("pk", filter=soon))},
        item=item,
        related=("lead_unit",),
        fields=("title", "lead_unit", "lead_unit__name", "lead_unit__short_name"),
        detail=detail,
    )
    return {"plan": part}
