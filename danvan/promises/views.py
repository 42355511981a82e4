"""Officers' pages of promises, under /can-bo/cam-ket/: the commune's list (filters, export),
a promise's page with its source, task, outcome, evidence and history, and its two steps.

Every view asks promises.access (or core.access.commune_for) first: 404 for another commune's
promise, 403 for a step the role does not allow. Every write runs through core.steps.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for, get_access
from danvan.core.audit import written_history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest
from danvan.core.kept_forms import Offers, step_forms
from danvan.core.models import Unit
from danvan.core.steps import run_step
from danvan.promises import exports, services
from danvan.promises.access import can_report, can_set_public, get_promise_for_user
from danvan.promises.forms import ReportForm, VisibilityForm
from danvan.promises.models import STATUS_CSS, STATUS_LABELS, Promise, Source
from danvan.promises.selectors import Filters, figure_list, files_of, filtered, listing


def _commune(request: HttpRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _list_query(request: AuthedRequest) -> tuple[Unit, Filters, Any]:
    commune = _commune(request)
    f = Filters.read(request.GET)
    mine = get_access(request.user).units(commune_id=commune.pk)
    qs = filtered(Promise.objects.filter(commune=commune), f, timezone.localdate(), my_units=mine)
    return commune, f, qs


def _units(commune: Unit) -> dict[str, Any]:
    """The choices of the list's unit and village selects."""
    units = (
        Unit.objects.filter(commune=commune, is_active=True)
        .exclude(kind=Unit.Kind.COMMUNE)
        .order_by("name")
        .values("pk", "name", "kind")
    )
    village = Unit.Kind.VILLAGE
    return {
        "owners": [u for u in units if u["kind"] != village],
        "villages": [u for u in units if u["kind"] == village],
    }


def promise_list(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    f = Filters.read(request.GET)
    mine = get_access(request.user).units(commune_id=commune.pk)
    found = listing(
        key="promises:list",
        commune_id=commune.pk,
        promises=Promise.objects.filter(commune=commune),
        f=f,
        number=request.GET.get("page"),
        detail_url="promises:detail",
        today=timezone.localdate(),
        my_units=mine,
        extra=lambda: _units(commune),
    )
    return render(
        request,
        "promises/list.html",
        {
            "commune": commune,
            "page": found.page,
            "f": f,
            "query": f.query(xa=commune.pk),
            "sources": Source.choices,
            "statuses": list(STATUS_LABELS.items()),
            **found.extra,
            "figures": figure_list(found.figures),
            "has_units": bool(mine),
        },
    )


def promise_export(request: AuthedRequest) -> HttpResponse:
    commune, _, qs = _list_query(request)
    return exports.promises_xlsx(commune=commune, promises=qs)


def _page(
    request: AuthedRequest,
    promise: Promise,
    *,
    report_form: ReportForm | None = None,
    visibility_form: VisibilityForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    reporter = can_report(request.user, promise) and not promise.is_closed
    manager = can_set_public(request.user, promise)
    # The next steps' forms, blank ones kept as written (core.kept_forms.step_forms).
    offers: Offers = {}
    if reporter:
        offers["report_form"] = (
            report_form,
            lambda: ReportForm(prefix="kq", initial={"on": today}),
        )
    if manager:
        offers["visibility_form"] = (
            visibility_form,
            lambda: VisibilityForm(
                prefix="ck",
                initial={
                    "public": "1" if promise.public else "0",
                    "reason": promise.internal_reason,
                },
            ),
        )
    forms = step_forms(
        f"promises:promise|{promise.pk}|{today.isoformat()}", promise.commune_id, offers
    )
    status = promise.status(today)
    return render(
        request,
        "promises/detail.html",
        {
            "p": promise,
            "status_label": STATUS_LABELS[status],
            "status_css": STATUS_CSS[status],
            "files": kept(  # the same for every reader (core.cache.kept)
                f"promises:files|{promise.pk}",
                promise.commune_id,
                lambda: list(files_of(promise.pk)),
                60,
                apps=("promises",),
            ),
            "history": written_history(promise, 30),
            **forms,
        },
    )


def promise_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _page(request, get_promise_for_user(request, pk))


@require_POST
def promise_report(request: AuthedRequest, pk: int) -> HttpResponse:
    promise = get_promise_for_user(request, pk, report=True)
    form = ReportForm(request.POST, request.FILES, prefix="kq")
    return run_step(
        request,
        form,
        lambda data: services.promise_report(
            promise=promise, by=request.user, **form.service_data()
        ),
        done=lambda p: f"Đã ghi kết quả: {p.get_outcome_display()}.",
        then=lambda p: redirect("promises:detail", pk=p.pk),
        again=lambda: _page(request, promise, report_form=form),
    )


@require_POST
def promise_visibility(request: AuthedRequest, pk: int) -> HttpResponse:
    promise = get_promise_for_user(request, pk, manage=True)
    form = VisibilityForm(request.POST, prefix="ck")
    return run_step(
        request,
        form,
        lambda data: services.promise_set_public(
            promise=promise, by=request.user, public=data["public"], reason=data["reason"] or ""
        ),
        done=lambda p: (
            "Đã công khai trên trang “Chính quyền đã hứa — đã làm”."
            if p.public
            else "Đã thôi công khai; cam kết chỉ cán bộ xem được."
        ),
        then=lambda p: redirect("promises:detail", pk=p.pk),
        again=lambda: _page(request, promise, visibility_form=form),
    )


urls: list[URLPattern] = [
    path("", promise_list, name="list"),
    path("danh-sach.xlsx", promise_export, name="export"),
    path("<int:pk>/", promise_detail, name="detail"),
    path("<int:pk>/bao-cao/", promise_report, name="report"),
    path("<int:pk>/cong-khai/", promise_visibility, name="visibility"),
]
