from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for, get_access, readable_commune_units
from danvan.core.audit import history
from danvan.core.http import AuthedRequest, int_param
from danvan.core.models import Attachment, Unit
from danvan.core.steps import run_action, run_step
from danvan.lib.text import commune_place_name, fold
from danvan.plans import exports, selectors, services
from danvan.plans.access import (
    can_issue,
    can_maintain,
    get_plan_for_user,
    get_task_for_user,
    reporting_units,
)
from danvan.plans.forms import PlanForm, ProgressReportForm, SectionForm, TaskFilterForm, TaskForm
from danvan.plans.models import Plan, Task, TaskStatus

T = TypeVar("T")

PAGE_SIZE = 25


def _task_url_prefix() -> str:
    """ "/can-bo/nhiem-vu/": a plan's tree links hundreds of tasks; one reverse() serves them all."""
    return reverse("plans:task", args=[0]).removesuffix("0/")


def task_list(request: AuthedRequest) -> HttpResponse:
    access = get_access(request.user)
    if not access.has_any:
        raise PermissionDenied
    form = TaskFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    default_scope = "mine" if access.writable_units else "all"
    scope = data.get("scope") or default_scope
    tasks = Task.objects.readable(access).live().with_status()
    if scope == "mine":
        tasks = tasks.for_units(access.writable_units)
    if data.get("status"):
        tasks = tasks.filter(status_code=data["status"])  # type: ignore[misc]  # annotated by with_status()
    if data.get("q"):
        tasks = tasks.filter(search_text__contains=fold(data["q"]))
    # Open work first, the nearest deadline on top; finished tasks last.
    tasks = tasks.select_related("plan", "lead_unit").order_by(
        F("done_on").desc(nulls_first=True), F("next_due").asc(nulls_last=True), "id"
    )
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/task_list.html",
        {"form": form, "page": page, "scope": scope, "statuses": TaskStatus},
    )


def task_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    task = get_task_for_user(request, pk)
    units = reporting_units(get_access(request.user), task)
    form = ProgressReportForm(units=units) if units and not task.done_on else None
    return _render_task(request, task, form)


def _render_task(request: HttpRequest, task: Task, form: ProgressReportForm | None) -> HttpResponse:
    access = get_access(request.user)
    reports = list(task.reports.select_related("unit", "created_by"))
    files = Attachment.objects.filter(
        owner_type__model="progressreport", owner_id__in=[r.pk for r in reports]
    )
    by_report: dict[int, list[Attachment]] = {}
    for f in files:
        by_report.setdefault(f.owner_id, []).append(f)
    for r in reports:
        r.files = by_report.get(r.pk, [])  # type: ignore[attr-defined]
    context = {
        "task": task,
        "coordinators": list(task.coordinating_units.all()),
        "reports": reports,
        "history": history(task)[:50],
        "form": form,
        "can_manage": access.can_manage(task.commune_id),
        "explain": selectors.explain_due(task),
    }
    return render(request, "plans/task_detail.html", context)


@require_POST
def task_report(request: AuthedRequest, pk: int) -> HttpResponse:
    task = get_task_for_user(request, pk)
    units = reporting_units(get_access(request.user), task)
    if not units:
        raise PermissionDenied
    form = ProgressReportForm(request.POST, request.FILES, units=units)
    return run_step(
        request,
        form,
        lambda data: services.progress_report_create(
            task=task,
            unit=data["unit"],
            by=request.user,
            text=data["text"],
            percent=data["percent"],
            milestone=data["milestone"],
            is_final=data["is_final"],
            files=data["evidence"],
        ),
        done="Đã ghi nhận báo cáo tiến độ.",
        then=lambda _: redirect("plans:task", pk=task.pk),
        again=lambda: _render_task(request, task, form),
    )


def task_form(request: AuthedRequest, plan_pk: int, pk: int | None = None) -> HttpResponse:
    plan = get_plan_for_user(request, plan_pk, manage=True)
    task = get_task_for_user(request, pk, manage=True) if pk else None
    if task and task.plan_id != plan.pk:
        raise PermissionDenied
    form = TaskForm(request.POST or None, instance=task, plan=plan)

    def save(data: dict[str, Any]) -> Task:
        data = dict(data)
        units = {"lead_unit": data.pop("lead_unit")}
        units["coordinating_units"] = list(data.pop("coordinating_units"))
        if task:
            data.pop("section")
            return services.task_update(task=task, by=request.user, **units, **data)
        return services.task_create(plan=plan, by=request.user, **units, **data)

    return edit_page(
        request,
        form,
        save,
        done="Đã lưu nhiệm vụ.",
        then=lambda saved: redirect("plans:task", pk=saved.pk),
        page=lambda: render(
            request, "plans/task_form.html", {"form": form, "plan": plan, "task": task}
        ),
    )


def plan_list(request: AuthedRequest) -> HttpResponse:
    access = get_access(request.user)
    if not access.has_any:
        raise PermissionDenied
    plans = (
        Plan.objects.readable(access)
        .select_related("issuing_unit", "commune", "parent")
        .order_by("-year", "parent_id", "-id")
    )
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    can_create = bool(access.managed_communes)
    return render(request, "plans/plan_list.html", {"page": page, "can_create": can_create})


def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    access = get_access(request.user)
    tree = selectors.plan_tree(plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "tree": tree,
            "can_manage": can_maintain(access, plan),
            "can_issue": can_issue(access, plan),
            "sub_plans": plan.sub_plans.select_related("issuing_unit"),
            "references": plan.planreference_set.select_related("document"),
            "task_url": _task_url_prefix(),
            "history": history(plan)[:50],
        },
    )


def plan_form(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    plan = get_plan_for_user(request, pk, manage=True) if pk else None
    commune = plan.commune if plan else _commune(request, managed=True)
    initial = {"year": timezone.localdate().year, "place": commune_place_name(commune.name)}
    form = PlanForm(request.POST or None, instance=plan, commune=commune, initial=initial)
    if not get_access(request.user).can_manage(commune.pk):
        del form.fields["lead_unit"]  # the lead unit's officers keep the plan, not hand it on
    return edit_page(
        request,
        form,
        lambda data: (
            services.plan_update(plan=plan, by=request.user, **data)
            if plan
            else services.plan_create(commune=commune, by=request.user, **data)
        ),
        done="Đã lưu kế hoạch.",
        then=lambda saved: redirect("plans:plan", pk=saved.pk),
        page=lambda: render(request, "plans/plan_form.html", {"form": form, "plan": plan}),
    )


def _commune(request: AuthedRequest, *, managed: bool = False) -> Unit:
    """The commune a page is about (`?xa=`, else the user's own), among those the user
    manages when `managed`."""
    access = get_access(request.user)
    return commune_for(
        request, request.GET.get("xa"), among=access.managed_communes if managed else None
    )


@require_POST
def plan_status(request: AuthedRequest, pk: int, status: str) -> HttpResponse:
    """Close an issued plan, or reopen a closed one: the leaders'. A draft is issued with its
    number and day (plans:plan_issue), never by this button."""
    plan = get_plan_for_user(request, pk)
    if not can_issue(get_access(request.user), plan):
        raise PermissionDenied
    if plan.status == Plan.Status.DRAFT:
        return redirect("plans:plan_issue", pk=plan.pk)
    return run_action(
        request,
        lambda: services.plan_set_status(plan=plan, status=status, by=request.user),
        done=lambda changed: f"Kế hoạch: {changed.get_status_display()}.",
        then=lambda: redirect("plans:plan", pk=plan.pk),
    )


def section_form(request: AuthedRequest, plan_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, plan_pk, manage=True)
    form = SectionForm(request.POST or None, plan=plan)
    return edit_page(
        request,
        form,
        lambda data: services.section_create(plan=plan, by=request.user, **data),
        done="Đã thêm mục.",
        then=lambda _: redirect("plans:plan", pk=plan.pk),
        page=lambda: render(request, "plans/section_form.html", {"form": form, "plan": plan}),
    )


def edit_page(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    done: str,
    then: Callable[[T], HttpResponse],
    page: Callable[[], HttpResponse],
) -> HttpResponse:
    """An edit page (plan, task, section): a refused form is shown again with status 200, as
    these pages always answered."""
    return run_step(request, form, action, done=done, then=then, again=page, refused=200)


def plan_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    return exports.xlsx_response(plan)


def plan_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    if plan.status == Plan.Status.DRAFT:
        messages.error(request, "Kế hoạch chưa ban hành: chưa có tiến độ để báo cáo.")
        return redirect("plans:plan", pk=plan.pk)
    return exports.progress_report_docx_response(plan, by=request.user)


def dashboard(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    year = int_param(request.GET.get("nam")) or timezone.localdate().year
    data = selectors.dashboard(commune=commune, year=year)
    several = len(get_access(request.user).readable_communes) > 1
    communes = readable_commune_units(request.user) if several else []
    return render(
        request,
        "plans/dashboard.html",
        {"commune": commune, "year": year, "data": data, "communes": communes},
    )
