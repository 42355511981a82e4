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
    access = get_access(request.user)
    plan = get_object_or_404(Plan.objects.select_related("commune", "issuing_unit"), pk=pk)
    if not access.can_read(plan.commune_id):
        raise Http404
    if manage and not access.can_manage(plan.commune_id):
        raise PermissionDenied
    return plan


def get_task_for_user(request: HttpRequest, pk: int, *, manage: bool = False) -> Task:
    access = get_access(request.user)
    task = get_object_or_404(
        Task.objects.select_related("plan", "section", "lead_unit", "commune"), pk=pk
    )
    if not access.can_read(task.commune_id):
        raise Http404
    if manage and not access.can_manage(task.commune_id):
        raise PermissionDenied
    return task


def reporting_units(access: Access, task: Task) -> list[Unit]:
    """The user's units that may write on this task: the lead unit, then coordinating units."""
    units = [task.lead_unit, *task.coordinating_units.all()]
    return [u for u in units if access.can_write_for(u.pk)]


def commune_for_user(request: HttpRequest, commune_id: int | None = None) -> Unit:
    """The commune a page is about: the one asked for, or the user's first."""
    access = get_access(request.user)
    ids = sorted(access.readable_communes)
    if not ids:
        raise PermissionDenied
    cid = commune_id if commune_id is not None else ids[0]
    if not access.can_read(cid):
        raise Http404
    return get_object_or_404(Unit, pk=cid, kind=Unit.Kind.COMMUNE)
