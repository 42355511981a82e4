"""Object access for plans and tasks: return the object or raise. Rules: danvan.core.access."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from danvan.core.access import Access, get_access, get_item
from danvan.core.models import Role, Unit, User
from danvan.plans.models import Plan, ProgressReport, ProgressReportQuerySet, Task, draft_plans


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
    plan = get_item(request, Plan, pk, ("commune", "issuing_unit", "lead_unit"))
    _check(request, plan.commune_id, manage=False)
    if manage and not can_maintain(get_access(request.user), plan):
        raise PermissionDenied
    return plan


def get_task_for_user(request: HttpRequest, pk: int, *, manage: bool = False) -> Task:
    """A task of a commune the user reads (404 otherwise); `manage`: of a plan the user keeps,
    or, outside any plan, in a commune the user manages (403 otherwise)."""
    task = get_item(request, Task, pk, ("plan", "section", "lead_unit", "commune"))
    _check(request, task.commune_id, manage=manage and task.plan is None)
    if manage and task.plan is not None and not can_maintain(get_access(request.user), task.plan):
        raise PermissionDenied
    return task


def reporting_units(access: Access, task: Task) -> list[Unit]:
    """The user's units that may write on this task: the lead unit, then coordinating units."""
    units = [task.lead_unit, *task.coordinating_units.all()]
    return [u for u in units if access.can_write_for(u.pk)]


# Who reviews a progress report (issue 12, "the lead unit (or a leader) accepts or returns it"):
# - a lead unit's report: a leader (Role.LEADER: the chairman, a vice-chairman) of the task's
#   commune; the unit does not approve its own progress;
# - a coordinating unit's contribution: whoever writes for the task's lead unit (its officers,
#   Front officials, village heads), or a leader of the commune;
# - never the report's author, whatever his seats; administrators, read-only members and
#   province viewers never. Notes (no percent) are not reviewed. `can_review` and
#   `reviewable_reports` say the same, one for a report, one as a query.


def can_review(access: Access, user: User, report: ProgressReport, task: Task) -> bool:
    """Whether `user` may accept or return `report` (a report of `task`), whatever its state."""
    if report.created_by_id == user.pk:
        return False
    if access.holds(Role.LEADER, commune_id=task.commune_id):
        return True
    return report.kind == ProgressReport.Kind.CONTRIBUTION and access.can_write_for(
        task.lead_unit_id
    )


def reviewable_reports(access: Access, user: User) -> ProgressReportQuerySet:
    """The pending reports `user` may review, in every commune (the "chờ duyệt" list); a draft
    plan's tasks are nobody's work yet, so their reports wait for nobody."""
    leads = access.communes(Role.LEADER)
    mine = Q(task__commune_id__in=leads) | Q(
        kind=ProgressReport.Kind.CONTRIBUTION, task__lead_unit_id__in=access.writable_units
    )
    return (
        ProgressReport.objects.pending()
        .filter(mine)
        .exclude(created_by_id=user.pk)
        .exclude(task__plan_id__in=draft_plans())
    )


def may_review_any(access: Access) -> bool:
    """Whether the user holds a seat that reviews some reports (leaders, unit writers)."""
    return bool(access.communes(Role.LEADER) or access.writable_units)


def get_report_for_user(request: HttpRequest, pk: int) -> ProgressReport:
    """A report the user may review: 404 for a commune the user does not read, 403 otherwise."""
    report = get_object_or_404(
        ProgressReport.objects.select_related("task", "task__lead_unit", "unit"), pk=pk
    )
    _check(request, report.task.commune_id, manage=False)
    access = get_access(request.user)
    if not can_review(access, request.user, report, report.task):  # type: ignore[arg-type]
        raise PermissionDenied
    return report


def _check(request: HttpRequest, commune_id: int, *, manage: bool) -> None:
    """404 for a commune the user does not read; 403 when managing is asked and not allowed."""
    access = get_access(request.user)
    if not access.can_read(commune_id):
        raise Http404
    if manage and not access.can_manage(commune_id):
        raise PermissionDenied
