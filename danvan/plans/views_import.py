"""Plan import: upload a document, review the draft beside its source, confirm. And the register
of legal documents the plans rest on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Model, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from danvan.core import jobs
from danvan.core.access import get_access
from danvan.core.cache import kept_across
from danvan.core.http import AuthedRequest
from danvan.core.models import Unit, User
from danvan.core.steps import run_action, run_step
from danvan.lib import planparse
from danvan.lib.text import fold
from danvan.plans import jobs as plan_jobs
from danvan.plans import services
from danvan.plans.access import can_issue, get_plan_for_user, import_units
from danvan.plans.forms import (
    DraftTasksForm,
    ImportForm,
    PlanIssueForm,
    ReferenceForm,
    SectionForm,
)
from danvan.plans.importer import document_text, named_lead_unit, plan_import
from danvan.plans.models import LegalDocument, Plan, PlanReference, Section, Task
from danvan.plans.views import edit_page

M = TypeVar("M", bound=Model)


def plan_import_upload(request: AuthedRequest) -> HttpResponse:
    """Upload a plan's text: the commune's leaders, or an officer whose unit will lead it."""
    access = get_access(request.user)
    officer_units = Unit.objects.filter(pk__in=import_units(access), commune__isnull=False)
    commune_ids = set(access.managed_communes) | {u.commune_id for u in officer_units}
    communes = Unit.objects.filter(kind=Unit.Kind.COMMUNE, pk__in=commune_ids)
    if not communes:
        raise PermissionDenied
    lead_units = Unit.objects.filter(
        Q(commune_id__in=access.managed_communes) | Q(pk__in=[u.pk for u in officer_units]),
        is_active=True,
    ).exclude(kind=Unit.Kind.COMMUNE)
    form = ImportForm(
        request.POST or None, request.FILES or None, communes=communes, lead_units=lead_units
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        raw = data["file"].read()
        try:
            parsed = planparse.parse_file(raw, data["file"].name)
        except planparse.PlanParseError as e:
            form.add_error("file", str(e))
        else:
            commune = data["commune"]
            lead = data["lead_unit"] or named_lead_unit(parsed, commune)
            if not access.can_manage(commune.pk):
                mine = [u for u in officer_units if u.commune_id == commune.pk]
                lead = lead or mine[0]
                if lead not in mine:
                    form.add_error(
                        None,
                        f"Kế hoạch giao {lead.label} chủ trì theo dõi: chỉ cán bộ của đơn vị "
                        "này hoặc lãnh đạo UBND xã nhập được kế hoạch.",
                    )
            if not form.errors and jobs.too_large(len(parsed.tasks)):
                return jobs.start(
                    request,
                    plan_jobs.plan_import_text,
                    commune=commune,
                    label=f"Nhập kế hoạch: {parsed.header.title or data['file'].name}",
                    params={
                        "text": document_text(raw),
                        "recurrence": data["recurrence"],
                        "lead_unit": lead.pk if lead else None,
                    },
                )
            if not form.errors:
                result = plan_import(
                    parsed=parsed,
                    commune=commune,
                    by=request.user,
                    source_text=document_text(raw),
                    default_recurrence=data["recurrence"],
                    lead_unit=lead,
                )
                messages.success(
                    request,
                    f"Đã đọc văn bản thành dự thảo kế hoạch với {result.plan.tasks.count()} "
                    "nhiệm vụ. Dự thảo chưa tính vào danh sách, tổng quan hay đôn đốc: hãy soát "
                    "xét, gộp, tách, giao lại nhiệm vụ, rồi trình lãnh đạo ban hành.",
                )
                return redirect("plans:plan_review", pk=result.plan.pk)
    status = 400 if form.errors else 200
    return render(request, "plans/import_upload.html", {"form": form}, status=status)


def plan_review(request: AuthedRequest, pk: int) -> HttpResponse:
    """The draft beside its source text: every part editable until the plan is issued."""
    plan = get_plan_for_user(request, pk, manage=True)
    return _render_review(request, plan, DraftTasksForm(plan=plan))


def _render_review(
    request: AuthedRequest, plan: Plan, tasks_form: DraftTasksForm, status: int = 200
) -> HttpResponse:
    sections = list(plan.sections.order_by("position"))
    tasks = list(
        plan.tasks.select_related("section", "lead_unit").prefetch_related("coordinating_units")
    )
    for task in tasks:
        task.parts = len(services.split_parts(task.description))  # type: ignore[attr-defined]
    references = list(plan.planreference_set.select_related("document").order_by("id"))
    return render(
        request,
        "plans/review.html",
        {
            "plan": plan,
            "sections": sections,
            "tasks": tasks,
            "references": references,
            "tasks_form": tasks_form,
            "can_issue": can_issue(get_access(request.user), plan),
        },
        status=status,
    )


@require_POST
def draft_tasks(request: AuthedRequest, pk: int) -> HttpResponse:
    """Merge the chosen duties of a draft into one, or give them to another lead unit."""
    plan = _draft(request, pk)
    form = DraftTasksForm(request.POST, plan=plan)

    def act(data: dict) -> object:
        if data["action"] == "merge":
            return services.tasks_merge(plan=plan, tasks=list(data["tasks"]), by=request.user)
        return services.tasks_reassign(
            plan=plan,
            tasks=list(data["tasks"]),
            lead_unit=data["lead_unit"],
            coordinating_units=list(data["coordinating_units"]),
            by=request.user,
        )

    return run_step(
        request,
        form,
        act,
        done=lambda _: (
            "Đã gộp các nhiệm vụ đã chọn."
            if form.cleaned_data["action"] == "merge"
            else "Đã giao lại các nhiệm vụ đã chọn."
        ),
        then=lambda _: redirect("plans:plan_review", pk=plan.pk),
        again=lambda: _render_review(request, plan, form, status=400),
    )


@require_POST
def task_split(request: AuthedRequest, plan_pk: int, pk: int) -> HttpResponse:
    """One task per line (or sentence) of a draft's duty that holds several."""
    plan = _draft(request, plan_pk)
    task = get_object_or_404(Task, pk=pk, plan=plan)
    return run_action(
        request,
        lambda: services.task_split(task=task, by=request.user),
        done=lambda made: f"Đã tách thành {len(made)} nhiệm vụ.",
        then=lambda: redirect("plans:plan_review", pk=plan.pk),
    )


def plan_issue(request: AuthedRequest, pk: int) -> HttpResponse:
    """Issue a draft with its number and day: the leaders' step; from then its tasks count."""
    plan = get_plan_for_user(request, pk)
    if not can_issue(get_access(request.user), plan):
        raise PermissionDenied
    if plan.status != Plan.Status.DRAFT:
        messages.info(request, "Kế hoạch đã ban hành.")
        return redirect("plans:plan", pk=plan.pk)
    initial = {"number": plan.number, "issued_on": plan.issued_on}
    form = PlanIssueForm(request.POST or None, initial=initial)
    return run_step(
        request,
        form,
        lambda data: services.plan_issue(plan=plan, by=request.user, **data),
        done=lambda issued: (
            f"Đã ban hành Kế hoạch số {issued.reference} ngày {issued.issued_on:%d/%m/%Y}: "
            f"{issued.tasks.count()} nhiệm vụ bắt đầu được theo dõi, đôn đốc."
        ),
        then=lambda issued: redirect("plans:plan", pk=issued.pk),
        again=lambda: render(
            request,
            "plans/plan_issue.html",
            {"plan": plan, "form": form, "tasks": plan.tasks.count()},
            status=400 if form.is_bound else 200,
        ),
    )


def _draft(request: AuthedRequest, pk: int) -> Plan:
    plan = get_plan_for_user(request, pk, manage=True)
    if plan.status != Plan.Status.DRAFT:
        messages.error(request, "Kế hoạch đã ban hành; không sửa được nội dung nhập.")
        raise PermissionDenied
    return plan


def section_edit(request: AuthedRequest, plan_pk: int, pk: int) -> HttpResponse:
    plan = _draft(request, plan_pk)
    section = get_object_or_404(Section, pk=pk, plan=plan)
    form = SectionForm(request.POST or None, instance=section, plan=plan)
    form.fields["parent"].queryset = plan.sections.exclude(pk=section.pk)  # type: ignore[attr-defined]
    return edit_page(
        request,
        form,
        lambda data: services.section_update(section=section, by=request.user, **data),
        done="Đã lưu mục.",
        then=lambda _: redirect("plans:plan_review", pk=plan.pk),
        page=lambda: render(
            request, "plans/section_form.html", {"form": form, "plan": plan, "section": section}
        ),
    )


def _part_delete(
    model: type[M], remove: Callable[[M, User], object], done: str
) -> Callable[[AuthedRequest, int, int], HttpResponse]:
    """The POST view that takes one part (a section, a task, a reference) out of a draft, back
    to its review."""

    @require_POST
    def view(request: AuthedRequest, plan_pk: int, pk: int) -> HttpResponse:
        plan = _draft(request, plan_pk)
        part = get_object_or_404(model, pk=pk, plan=plan)
        return run_action(
            request,
            lambda: remove(part, request.user),
            done=done,
            then=lambda: redirect("plans:plan_review", pk=plan.pk),
        )

    return view


section_delete = _part_delete(
    Section, lambda s, by: services.section_delete(section=s, by=by), "Đã xóa mục."
)
task_delete = _part_delete(
    Task, lambda t, by: services.task_delete(task=t, by=by), "Đã xóa nhiệm vụ khỏi dự thảo."
)


def reference_form(request: AuthedRequest, plan_pk: int, pk: int | None = None) -> HttpResponse:
    plan = _draft(request, plan_pk)
    ref = get_object_or_404(PlanReference, pk=pk, plan=plan) if pk else None
    form = ReferenceForm(request.POST or None, reference=ref)
    return edit_page(
        request,
        form,
        lambda data: services.reference_save(plan=plan, by=request.user, reference=ref, **data),
        done="Đã lưu văn bản căn cứ.",
        then=lambda _: redirect("plans:plan_review", pk=plan.pk),
        page=lambda: render(
            request, "plans/reference_form.html", {"form": form, "plan": plan, "ref": ref}
        ),
    )


reference_delete = _part_delete(
    PlanReference,
    lambda r, by: services.reference_delete(reference=r, by=by),
    "Đã bỏ văn bản căn cứ khỏi kế hoạch.",
)


def legal_documents(request: AuthedRequest) -> HttpResponse:
    """The register: every document cited, and how many of the user's plans rest on it."""
    access = get_access(request.user)
    if not access.has_any:
        raise PermissionDenied
    q = request.GET.get("q", "").strip()[:100]

    def write() -> str:
        visible = Plan.objects.readable(access)
        docs = LegalDocument.objects.annotate(
            plan_count=Count("planreference", filter=Q(planreference__plan__in=visible))
        ).filter(plan_count__gt=0)
        if q:
            folded = fold(q)
            ids = [
                d.pk
                for d in docs.only("pk", "doc_type", "number", "title", "issuer")
                if folded in fold(f"{d.doc_type} {d.number} {d.title} {d.issuer}")
            ]
            docs = docs.filter(pk__in=ids)
        page = Paginator(docs.order_by("-issued_on", "doc_type", "number"), 50).get_page(
            request.GET.get("page")
        )
        return render_to_string(
            "plans/_legal_documents_rows.html", {"page": page, "q": q, "request": request}
        )

    # The documents the reader's plans cite, kept for her until a record of the plans changes.
    key = f"plans:legal_documents|{request.user.pk}|{request.GET.urlencode()}"
    listed = kept_across(access.readable_communes, key, write, apps=("plans",))
    return render(request, "plans/legal_documents.html", {"listed": mark_safe(listed), "q": q})


def legal_document(request: AuthedRequest, pk: int) -> HttpResponse:
    access = get_access(request.user)
    if not access.has_any:
        raise PermissionDenied
    doc = get_object_or_404(LegalDocument, pk=pk)
    refs = (
        PlanReference.objects.filter(document=doc, plan__in=Plan.objects.readable(access))
        .select_related("plan", "plan__issuing_unit")
        .order_by("-plan__year")
    )
    return render(request, "plans/legal_document.html", {"doc": doc, "refs": refs})
