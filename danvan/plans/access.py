"""Object access for plans and tasks: return the object or raise. Rules: danvan.core.access."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from danvan.core.access import Access, get_access
from danvan.core.models import Unit
from danvan.plans.models import Plan, Task


def get_plan_for_user(request: HttpRequest, pk: int, *, manage: bool = False) -> Plan:
    """A plan of a commune the user reads; 404 otherwise, so other communes' plans stay unseen."""
    plan = get_object_or_404(Plan.objects.select_related("commune", "issuing_unit"), pk=pk)
    _check(request, plan.commune_id, manage=manage)
    return plan


def get_task_for_user(request: HttpRequest, pk: int, *, manage: bool = False) -> Task:
    task = get_object_or_404(
        Task.objects.select_related("plan", "section", "lead_unit", "commune"), pk=pk
    )
    _check(request, task.commune_id, manage=manage)
    return task


def reporting_units(access: Access, task: Task) -> list[Unit]:
    """The user's units that may write on this task: the lead unit, then coordinating units."""
    units = [task.lead_unit, *task.coordinating_units.all()]
    return [u for u in units if access.can_write_for(u.pk)]


def _check(request: HttpRequest, commune_id: int, *, manage: bool) -> None:
    """404 for a commune the user does not read; 403 when managing is asked and not allowed."""
    access = get_access(request.user)
    if not access.can_read(commune_id):
        raise Http404
    if manage and not access.can_manage(commune_id):
        raise PermissionDenied
