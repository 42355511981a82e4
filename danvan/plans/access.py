"""Object access for plans and tasks: return the object or raise. Rules: danvan.core.access."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from danvan.core.access import Access, get_access
from danvan.core.models import Role, Unit
from danvan.plans.models import Plan, Task


def can_maintain(access: Access, plan: Plan) -> bool:
    """Who keeps a plan (edits it, adds and edits its tasks, reviews its draft): the commune's
    leaders, and the officers of the unit the plan charges with following it (issue 12)."""
    return access.can_manage(plan.commune_id) or (
        plan.lead_unit_id is not None and access.holds(Role.OFFICER, unit_id=plan.lead_unit_id)
    )


def can_issue(access: Access, plan: Plan) -> bool:
    """Issuing a plan is the UBND's act: its leaders record the number and the day."""
    return access.can_manage(plan.commune_id)


def import_units(access: Access) -> set[int]:
    """Units whose officers may import a plan, which they will then lead and keep."""
    return access.units(Role.OFFICER)


def get_plan_for_user(request: HttpRequest, pk: int, *, manage: bool = False) -> Plan:
    """A plan of a commune the user reads; 404 otherwise, so other communes' plans stay unseen.
    `manage`: one the user keeps (`can_maintain`), 403 otherwise."""
    plan = get_object_or_404(
        Plan.objects.select_related("commune", "issuing_unit", "lead_unit"), pk=pk
    )
    _check(request, plan.commune_id, manage=False)
    if manage and not can_maintain(get_access(request.user), plan):
        raise PermissionDenied
    return plan


def get_task_for_user(request: HttpRequest, pk: int, *, manage: bool = False) -> Task:
    """A task of a commune the user reads (404 otherwise); `manage`: of a plan the user keeps,
    or, outside any plan, in a commune the user manages (403 otherwise)."""
    task = get_object_or_404(
        Task.objects.select_related("plan", "section", "lead_unit", "commune"), pk=pk
    )
    _check(request, task.commune_id, manage=manage and task.plan is None)
    if manage and task.plan is not None and not can_maintain(get_access(request.user), task.plan):
        raise PermissionDenied
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
