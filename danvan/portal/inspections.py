"""The public side of inspections: concluded inspections whose results are public (Luật Thực
hiện dân chủ ở cơ sở 2022, Điều 11 khoản 10: the commune discloses the results of inspections).

Shown: the inspected unit, what was inspected, the conclusion as written for the public, and
each remedy with the unit that owes it, its due date and its status (its promise's). Never the
team, a person named in a remedy, the findings as the team wrote them, nor any commendation or
sanction; an inspection marked internal, or not concluded, answers 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from danvan.inspections.models import Inspection, remedy_status

PAGE_SIZE = 20


@login_not_required
@require_http_methods(["GET", "HEAD"])
def inspection_list(request: HttpRequest) -> HttpResponse:
    qs = (
        Inspection.objects.published()
        .select_related("inspected_unit", "subject_kind", "commune")
        .order_by("-concluded_on", "-id")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/inspections_list.html", {"page": page})


@login_not_required
@require_http_methods(["GET", "HEAD"])
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(
        Inspection.objects.published().select_related("inspected_unit", "subject_kind", "commune"),
        pk=pk,
    )
    today = timezone.localdate()
    remedies = list(
        inspection.remedies.select_related("owner_unit", "promise").order_by("due_on", "id")
    )
    rows = []
    for r in remedies:
        _, label, css = remedy_status(r, today)
        rows.append(
            {
                "measure": r.measure,
                "unit": r.owner_unit.name,
                "due_on": r.due_on,
                "label": label,
                "css": css,
                # The promise's public page, when it is shown there (its evidence and outcome).
                "promise_id": r.promise_id if r.promise and r.promise.public else None,
            }
        )
    return render(
        request,
        "portal/inspections_detail.html",
        {"inspection": inspection, "remedies": rows},
    )


# Under /kiem-tra/ (portal/urls.py).
urlpatterns = [
    path("", inspection_list, name="inspections"),
    path("<int:pk>/", inspection_detail, name="inspection_detail"),
]
