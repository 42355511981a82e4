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
from django.views.decorators.http import require_POST

from danvan.core.access import get_access
from danvan.core.http import AuthedRequest
from danvan.core.models import Unit, User
from danvan.core.steps import run_action
from danvan.lib import planparse
from danvan.lib.planparse.docx_input import docx_to_text, is_docx
from danvan.lib.text import fold
from danvan.plans import services
from danvan.plans.access import get_plan_for_user
from danvan.plans.forms import ImportForm, ReferenceForm, SectionForm
from danvan.plans.importer import plan_import
from danvan.plans.models import LegalDocument, Plan, PlanReference, Section, Task
from danvan.plans.views import edit_page

M = TypeVar("M", bound=Model)


def plan_import_upload(request: AuthedRequest) -> HttpResponse:
    access = get_access(request.user)
    communes = Unit.objects.filter(kind=Unit.Kind.COMMUNE, pk__in=access.managed_communes)
    if not communes:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, communes=communes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        raw = data["file"].read()
        try:
            parsed = planparse.parse_file(raw, data["file"].name)
        except planparse.PlanParseError as e:
            form.add_error("file", str(e))
        else:
            result = plan_import(
                parsed=parsed,
                commune=data["commune"],
                by=request.user,
                source_text=_source_text(raw),
                default_recurrence=data["recurrence"],
            )
            messages.success(
                request,
                "Đã đọc văn bản thành dự thảo kế hoạch. Hãy soát xét từng mục, nhiệm vụ và "
                "văn bản căn cứ, rồi xác nhận ban hành.",
            )
            return redirect("plans:plan_review", pk=result.plan.pk)
    status = 400 if form.errors else 200
    return render(request, "plans/import_upload.html", {"form": form}, status=status)


def plan_review(request: AuthedRequest, pk: int) -> HttpResponse:
    """The draft beside its source text: every part editable until the plan is issued."""
    plan = get_plan_for_user(request, pk, manage=True)
    sections = list(plan.sections.order_by("position"))
    tasks = list(
        plan.tasks.select_related("section", "lead_unit").prefetch_related("coordinating_units")
    )
    references = list(plan.planreference_set.select_related("document").order_by("id"))
    return render(
        request,
        "plans/review.html",
        {"plan": plan, "sections": sections, "tasks": tasks, "references": references},
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
    visible = Plan.objects.readable(access)
    docs = LegalDocument.objects.annotate(
        plan_count=Count("planreference", filter=Q(planreference__plan__in=visible))
    ).filter(plan_count__gt=0)
    q = request.GET.get("q", "").strip()[:100]
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
    return render(request, "plans/legal_documents.html", {"page": page, "q": q})


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


def _source_text(raw: bytes) -> str:
    """The document as text, shown beside the draft (a .docx flattened the way the parser reads it)."""
    if is_docx(raw):
        return docx_to_text(raw)
    return raw.decode("utf-8-sig", errors="replace")
