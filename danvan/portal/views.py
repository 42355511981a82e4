"""The public side: no account needed, nothing personal shown."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from danvan.plans.models import Plan
from danvan.plans.selectors import plan_tree
from danvan.portal.home import PUBLIC_STATUSES


@login_not_required
def plan_accountability(request: HttpRequest, pk: int) -> HttpResponse:
    """What an issued plan promised, what is done and what is late: the public's check."""
    plan = get_object_or_404(
        Plan.objects.select_related("issuing_unit", "commune"), pk=pk, status__in=PUBLIC_STATUSES
    )
    tree = plan_tree(plan, rows=True)  # plain values, as the officers' plan page reads them
    return render(request, "portal/plan.html", {"plan": plan, "tree": tree})
