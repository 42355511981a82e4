from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import Context
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from danvan.core.access import Access, commune_for, get_access, readable_commune_units
from danvan.core.audit import history, written_history
from danvan.core.cache import kept, kept_across
from danvan.core.http import AuthedRequest, int_param
from danvan.core.kept_forms import kept_blank
from danvan.core.models import Attachment, Role, Unit, User
from danvan.core.steps import run_action, run_step
from danvan.lib.text import commune_place_name, fold
from danvan.plans import exports, selectors, services
from danvan.plans.access import (
    can_issue,
    can_maintain,
    can_review,
    get_plan_for_user,
    get_report_for_user,
    get_task_for_user,
    import_units,
    may_review_any,
    reporting_units,
    reviewable_reports,
)
from danvan.plans.forms import (
    PlanForm,
    ProgressReportForm,
    ReviewForm,
    SectionForm,
    TaskFilterForm,
    TaskForm,
)
from danvan.plans.models import (
    Plan,
    ProgressReport,
    Recurrence,
    Task,
    TaskStatus,
    status_filter,
)
from danvan.plans.templatetags.task_list import task_list_rows

T = TypeVar("T")

PAGE_SIZE = 25
PLAN_LIST_FIELDS = (
    "title",
    "number",
    "symbol",
    "year",
    "status",
    "parent_id",
    "issuing_unit__name",
    "issuing_unit__short_name",
)


def _url_prefix(name: str = "plans:task") -> str:
    """ "/can-bo/nhiem-vu/" for "plans:task": a page that links many objects of one kind (a
    plan's tree, hundreds of tasks) writes prefix + pk + "/", one reverse() for them all."""
    return reverse(name, args=[0]).removesuffix("0/")


def task_list(request: AuthedRequest) -> HttpResponse:
    access = get_access(request.user)
    if not access.has_any:
        raise PermissionDenied
    form = TaskFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    default_scope = "mine" if access.writable_units else "all"
    scope = data.get("scope") or default_scope
    today = timezone.localdate()
    number = request.GET.get("page")

    def write() -> tuple[int, int, str]:
        tasks = Task.objects.readable(access).live()
        if scope == "mine":
            tasks = tasks.for_units(access.writable_units)
        if data.get("q"):
            tasks = tasks.filter(search_text__contains=fold(data["q"]))
        if data.get("status"):
            tasks = tasks.filter(status_filter(data["status"], today))
        # A search in one commune matches a few hundred of its tasks; the province's, thousands.
        few = bool(data.get("q")) and len(access.readable_communes) == 1
        page = selectors.task_page(tasks, number, few=few, per_page=PAGE_SIZE, today=today)
        rows = task_list_rows(Context({"task_url": _url_prefix()}), page.object_list)
        return page.paginator.count, page.number, rows

    # The count and the page's rows as written, kept until a record of the user's commune (of
    # any commune, for one who reads several) changes, a minute at most, and per day: the same
    # for everyone who reads those communes with that filter (the units too, for "mine").
    communes = sorted(access.readable_communes)
    units = sorted(access.writable_units) if scope == "mine" else "all"
    count, shown, rows = kept(
        f"plans:tasks|{communes}|{units}|{data.get('q') and fold(data['q'])}|"
        f"{data.get('status')}|{number}|{today}",
        communes[0] if len(communes) == 1 else None,
        write,
        60,
    )
    # The pager's numbers, from the count: what task_page's Paginator said of the same rows.
    page = Paginator(range(count), PAGE_SIZE).get_page(shown)
    return render(
        request,
        "plans/task_list.html",
        {
            "form": form,
            "page": page,
            "rows": mark_safe(rows),  # written by task_list_rows, which escapes
            "scope": scope,
            "statuses": TaskStatus,
            "may_review": may_review_any(access),
        },
    )


def task_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    task = get_task_for_user(request, pk)
    return _render_task(request, task)


def _report_form(
    request: HttpRequest, task: Task, units: list[Unit], bound: bool = False
) -> ProgressReportForm:
    """The report form: a recurring task's report picks one of its periods begun by today,
    the first one its lead unit has not reported on first; any other states a day."""
    args = (request.POST, request.FILES) if bound else ()
    if task.recurrence in (Recurrence.ONCE, Recurrence.ONGOING):
        return ProgressReportForm(*args, units=units)
    periods = services.report_periods(task, timezone.localdate())
    return ProgressReportForm(
        *args,
        units=units,
        periods=periods,
        recurrence=task.recurrence,
        default_period=services.next_unreported_period(task)
        or max((last for _first, last in periods), default=None),
    )


def _reports(task: Task) -> list[ProgressReport]:
    # Who wrote a report is not shown (can_review reads its id): not joined.
    reports = list(task.reports.select_related("unit", "reviewed_by"))
    files = Attachment.objects.filter(
        owner_type__model="progressreport", owner_id__in=[r.pk for r in reports]
    )
    by_report: dict[int, list[Attachment]] = {}
    for f in files:
        by_report.setdefault(f.owner_id, []).append(f)
    for r in reports:
        r.files = by_report.get(r.pk, [])  # type: ignore[attr-defined]
    return reports


def _render_task(
    request: AuthedRequest,
    task: Task,
    form: ProgressReportForm | None = None,
    *,
    review: tuple[int, ReviewForm] | None = None,
) -> HttpResponse:
    """The task page; `form` is a report form sent back with its errors, `review` a review
    form (of the report with that id) sent back with its errors."""
    access = get_access(request.user)
    # Read once: the report form's units and the page's list both ask for them.
    prefetch_related_objects([task], "coordinating_units")
    if form is None and not task.done_on:
        units = reporting_units(access, task)
        form = _report_form(request, task, units) if units else None
    # The reports with their files, the same for every reader: kept until a record of the
    # plans (or of core) changes. Who may review one is asked on every visit.
    reports = kept(
        f"plans:task_reports|{task.pk}",
        task.commune_id,
        lambda: _reports(task),
        60,
        apps=("plans",),
    )
    for r in reports:
        may = r.is_pending and can_review(access, request.user, r, task)
        sent_back = review[1] if review and review[0] == r.pk else None
        r.review_form = (sent_back or ReviewForm(required=False)) if may else None  # type: ignore[attr-defined]
    context = {
        "task": task,
        "coordinators": list(task.coordinating_units.all()),
        "reports": reports,
        "pending": sum(r.is_pending for r in reports),
        "history": written_history(task, 50),
        "form": form,
        "can_manage": access.can_manage(task.commune_id),
        "explain": selectors.explain_due(task),
        "review_form": review[1] if review else None,
    }
    return render(request, "plans/task_detail.html", context)


@require_POST
def task_report(request: AuthedRequest, pk: int) -> HttpResponse:
    task = get_task_for_user(request, pk)
    units = reporting_units(get_access(request.user), task)
    if not units:
        raise PermissionDenied
    form = _report_form(request, task, units, bound=True)

    def done(report: ProgressReport) -> str:
        if report.review == ProgressReport.Review.NOTE:
            return "Đã ghi nhận ghi chú; ghi chú không tính vào tiến độ nhiệm vụ."
        who = "lãnh đạo UBND" if report.kind == ProgressReport.Kind.LEAD else "đơn vị chủ trì"
        return f"Đã gửi báo cáo; tiến độ được tính khi {who} chấp nhận."

    return run_step(
        request,
        form,
        lambda data: services.progress_report_create(
            task=task,
            unit=data["unit"],
            by=request.user,
            text=data["text"],
            percent=data["percent"],
            period_end=data["period_end"],
            milestone=data["milestone"],
            is_final=data["is_final"],
            files=data["evidence"],
        ),
        done=done,
        then=lambda _: redirect("plans:task", pk=task.pk),
        again=lambda: _render_task(request, task, form),
    )


@require_POST
def report_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request, pk)
    form = ReviewForm(request.POST, required=False)
    return _review_step(
        request,
        report,
        form,
        lambda data: services.report_accept(report=report, by=request.user, **data),
        done="Đã chấp nhận báo cáo."
        if report.kind == ProgressReport.Kind.CONTRIBUTION
        else "Đã chấp nhận báo cáo; tiến độ nhiệm vụ đã được cập nhật.",
    )


@require_POST
def report_return(request: AuthedRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request, pk)
    form = ReviewForm(request.POST, required=True)
    return _review_step(
        request,
        report,
        form,
        lambda data: services.report_return(report=report, by=request.user, **data),
        done="Đã trả lại báo cáo kèm nhận xét; đơn vị sẽ báo cáo lại.",
    )


def _review_step(
    request: AuthedRequest,
    report: ProgressReport,
    form: ReviewForm,
    action: Callable[[dict[str, Any]], ProgressReport],
    *,
    done: str,
) -> HttpResponse:
    url = reverse("plans:task", args=[report.task_id]) + f"#bao-cao-{report.pk}"
    return run_step(
        request,
        form,
        action,
        done=done,
        then=lambda _: redirect(url),
        again=lambda: _render_task(request, report.task, review=(report.pk, form)),
    )


def report_reviews(request: AuthedRequest) -> HttpResponse:
    """The reports waiting for the user's review ("chờ duyệt"), oldest first, and the reports
    of the user's units that were returned, with the reviewer's comment."""
    user = request.user
    access = get_access(user)
    if not may_review_any(access):
        raise PermissionDenied

    def write() -> str:
        pending = (
            reviewable_reports(access, user)
            .select_related("task", "task__plan", "unit", "created_by")
            .order_by("reported_on", "id")
        )
        returned = (
            ProgressReport.objects.filter(
                review=ProgressReport.Review.RETURNED, unit_id__in=access.writable_units
            )
            .select_related("task", "unit", "reviewed_by")
            .order_by("-reviewed_at", "-id")[:20]
        )
        page = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page"))
        return render_to_string(
            "plans/_reviews.html", {"page": page, "returned": returned, "request": request}
        )

    # The reviewer's lists, kept until a record of the plans (or of core) changes.
    key = f"plans:report_reviews|{user.pk}|{request.GET.urlencode()}"
    listed = kept_across(access.communes(), key, write, apps=("plans",))
    return render(request, "plans/reviews.html", {"listed": mark_safe(listed)})  # escaped


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
    # The columns the list shows: a plan's row holds its source text, imported whole.
    plans = (
        Plan.objects.readable(access)
        .select_related("issuing_unit")
        .only(*PLAN_LIST_FIELDS)
        .order_by("-year", "parent_id", "-id")
    )
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    can_create = bool(access.managed_communes)
    can_import = can_create or bool(import_units(access))  # an officer imports for his unit
    return render(
        request,
        "plans/plan_list.html",
        {
            "page": page,
            "can_create": can_create,
            "can_import": can_import,
            "plan_url": _url_prefix("plans:plan"),
        },
    )


def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    access = get_access(request.user)
    tree_html, history_html = _plan_parts(plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "tree_html": tree_html,
            "references_html": _plan_references(plan),
            "history_html": history_html,
            "can_manage": can_maintain(access, plan),
            "can_issue": can_issue(access, plan),
        },
    )


def _plan_parts(plan: Plan) -> tuple[SafeString, SafeString]:
    """The plan page's tree (with its sub-plans and footnotes) and its history, as written,
    kept until a record of the plan's commune changes (core.cache.kept: every write of a plan,
    a section, a task or a report logs an entry of that commune), a minute at most, and per
    day (a task's status is of the day). The same for whoever reads the plan: nothing in them
    depends on the reader. Reading and writing 150 tasks was most of the page's time."""
    today = timezone.localdate()

    def write() -> tuple[str, str]:
        tree = render_to_string(
            "plans/_plan_tree.html",
            {
                "plan": plan,
                "tree": selectors.plan_tree(plan, today, rows=True),
                "sub_plans": plan.sub_plans.select_related("issuing_unit"),
                "task_url": _url_prefix(),
                "plan_url": _url_prefix("plans:plan"),
            },
        )
        return tree, render_to_string("plans/_plan_history.html", {"history": history(plan)[:50]})

    tree, past = kept(f"plans:plan|{plan.pk}|{today}", plan.commune_id, write, seconds=60)
    return mark_safe(tree), mark_safe(past)  # written by the partials' templates, which escape


def _plan_references(plan: Plan) -> SafeString:
    """The legal documents the plan rests on, as written: kept until any record changes (None:
    of any commune), as the register of documents is shared and another commune's plan may
    complete a document this one cites (services.reference_save logs it in that commune)."""

    def write() -> str:
        references = plan.planreference_set.select_related("document")
        context = {"references": references, "document_url": _url_prefix("plans:legal_document")}
        return render_to_string("plans/_plan_references.html", context)

    return mark_safe(kept(f"plans:plan_references|{plan.pk}", None, write, seconds=60))


def plan_form(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    plan = get_plan_for_user(request, pk, manage=True) if pk else None
    commune = plan.commune if plan else _commune(request, managed=True)
    year = timezone.localdate().year
    manages = get_access(request.user).can_manage(commune.pk)

    def make() -> PlanForm:
        initial = {"year": year, "place": commune_place_name(commune.name)}
        made = PlanForm(request.POST or None, instance=plan, commune=commune, initial=initial)
        if not manages:
            del made.fields["lead_unit"]  # the lead unit's officers keep the plan, not hand it on
        return made

    form = make()
    # A new plan's blank form lists the commune's units and plans: kept as written until a
    # record of the commune changes (core.kept_forms).
    shown = form if plan else kept_blank(form, f"plans:plan_create|{manages}|{year}", commune.pk)
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
        page=lambda: render(request, "plans/plan_form.html", {"form": shown, "plan": plan}),
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
    access = get_access(request.user)
    several = len(access.readable_communes) > 1
    communes = readable_commune_units(request.user) if several else []
    total, body = _dashboard_body(commune, year)
    return render(
        request,
        "plans/dashboard.html",
        {
            "commune": commune,
            "year": year,
            "total": total,
            "body": body,
            "communes": communes,
            "to_review": _to_review(request.user, access, commune),
        },
    )


def _dashboard_body(commune: Unit, year: int) -> tuple[int, SafeString]:
    """The dashboard's figures, charts' data and overdue tasks, as written, with the year's
    total: kept until a record of the commune changes (core.cache.kept), a minute at most, and
    per day (statuses are of the day). The same for every reader of the commune."""
    today = timezone.localdate()

    def write() -> tuple[int, str]:
        data = selectors.dashboard(commune=commune, year=year, today=today)
        context = {
            "data": data,
            "year": year,
            "task_url": _url_prefix(),
            "tasks_url": reverse("plans:tasks"),
        }
        return data["total"], render_to_string("plans/_dashboard_body.html", context)

    total, body = kept(f"plans:dashboard|{commune.pk}|{year}|{today}", commune.pk, write, 60)
    return total, mark_safe(body)  # written by the partial's template, which escapes


def _to_review(user: User, access: Access, commune: Unit) -> int | None:
    """How many of the commune's reports wait for the user's review (None: he reviews none),
    kept as the dashboard is, per user and the seats that make him a reviewer."""
    if not may_review_any(access):
        return None
    leads = sorted(access.communes(Role.LEADER))
    units = sorted(access.writable_units)
    return kept(
        f"plans:to_review|{user.pk}|{leads}|{units}|{commune.pk}",
        commune.pk,
        lambda: reviewable_reports(access, user).filter(task__commune=commune).count(),
        60,
    )
