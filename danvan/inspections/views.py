"""Officers' pages of inspections, under /can-bo/kiem-tra/.

Every view asks inspections.access (or core.access.commune_for) first: 404 for another commune's
record, 403 for what the role does not allow. Every write runs through core.steps: one service,
its DomainError on the same form with what was typed kept, and status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for
from danvan.core.audit import written_history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest, int_param, url_for_pk
from danvan.core.kept_forms import Offers, WrittenForm, kept_blank, kept_form, step_forms
from danvan.core.models import Unit
from danvan.core.steps import run_step
from danvan.inspections import exports, services
from danvan.inspections.access import (
    decides_publication,
    get_inspection_for_user,
    get_plan_for_user,
    manages,
    readable_inspections,
    reads_all,
    reads_measures,
)
from danvan.inspections.forms import (
    ConcludeForm,
    FindingForm,
    InspectionForm,
    MeasureForm,
    PlanForm,
    PublicForm,
    RecheckForm,
    RemedyForm,
)
from danvan.inspections.models import (
    Inspection,
    InspectionPlan,
    Measure,
    remedy_status,
)

_STATUS_CSS: dict[str, str] = {
    Inspection.Status.PLANNED: "not_started",
    Inspection.Status.IN_PROGRESS: "on_track",
    Inspection.Status.CONCLUDED: "due_soon",
    Inspection.Status.RECHECKED: "done",
}


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    # The menu entry ("Cam kết") comes from core.context_processors.nav_section.
    return render(request, template, context)


def _commune(request: HttpRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _year(request: HttpRequest) -> int:
    year = int_param(request.GET.get("nam"))
    return year if year and 2000 <= year <= 2100 else timezone.localdate().year


def _index_url(commune: Unit) -> str:
    return f"{reverse('inspections:index')}?xa={commune.pk}"


def _form_page(
    request: HttpRequest, template: str, form: Any, **context: Any
) -> Callable[[], HttpResponse]:
    return lambda: _render(request, template, {"form": form, **context})


def _rows(inspections: list[Inspection]) -> list[Inspection]:
    url = url_for_pk("inspections:inspection")
    for i in inspections:
        i.row_url = url(i.pk)  # type: ignore[attr-defined]
        i.status_css = _STATUS_CSS.get(i.status, "not_started")  # type: ignore[attr-defined]
    return inspections


# --- the register ---------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    year = _year(request)
    user = request.user
    everything = reads_all(user, commune.pk)

    def rows() -> tuple[list[Inspection], list[InspectionPlan]]:
        inspections = readable_inspections(user, commune.pk).filter(planned_from__year=year)
        related = inspections.select_related("inspected_unit", "subject_kind", "plan")
        plans = InspectionPlan.objects.filter(commune=commune, year=year) if everything else []
        return _rows(list(related.order_by("-planned_from", "-id"))), list(plans)

    # What the reader may read (an internal inspection: its office and the leaders) of the
    # year: kept for her until a record of the inspections (or of core) changes.
    inspections, plans = kept(
        f"inspections:index|{user.pk}|{year}", commune.pk, rows, 60, apps=("inspections",)
    )
    today = timezone.localdate()
    return _render(
        request,
        "inspections/index.html",
        {
            "commune": commune,
            "year": year,
            "years": range(today.year + 1, today.year - 5, -1),
            "inspections": inspections,
            "plans": plans,
            "reads_all": everything,
            "manages": manages(user, commune.pk),
            "reads_measures": reads_measures(user, commune.pk),
        },
    )


def plan_create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not manages(request.user, commune.pk):
        raise PermissionDenied
    form = PlanForm(request.POST or None, initial={"year": timezone.localdate().year})
    return run_step(
        request,
        form,
        lambda data: services.plan_create(commune=commune, by=request.user, **data),
        done=lambda plan: f"Đã lưu {plan.title}.",
        then=lambda plan: redirect("inspections:plan", pk=plan.pk),
        again=_form_page(
            request, "inspections/plan_form.html", form, commune=commune, back=_index_url(commune)
        ),
    )


def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    inspections = _rows(
        list(
            plan.inspections.select_related("inspected_unit", "subject_kind").order_by(
                "planned_from"
            )
        )
    )
    return _render(
        request,
        "inspections/plan_detail.html",
        {
            "plan": plan,
            "inspections": inspections,
            "manages": manages(request.user, plan.commune_id),
            "history": written_history(plan, 30),
        },
    )


def inspection_create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not manages(request.user, commune.pk):
        raise PermissionDenied
    plan_id = int_param(request.GET.get("ke-hoach"))
    form = InspectionForm(request.POST or None, commune=commune, initial={"plan": plan_id})
    return run_step(
        request,
        form,
        lambda data: services.inspection_create(commune=commune, by=request.user, **data),
        done="Đã lưu cuộc kiểm tra. Ghi nội dung phát hiện khi tiến hành kiểm tra.",
        then=lambda inspection: redirect("inspections:inspection", pk=inspection.pk),
        again=_form_page(
            request,
            "inspections/inspection_form.html",
            kept_blank(form, f"inspections:create|{plan_id}", commune.pk),
            commune=commune,
            back=_index_url(commune),
        ),
    )


# --- one inspection -------------------------------------------------------------------------


def _inspection_rows(inspection: Inspection, today: date) -> tuple[list[Any], ...]:
    findings = list(inspection.findings.all())
    remedies = list(
        inspection.remedies.select_related("owner_unit", "finding", "promise").order_by(
            "finding__number", "due_on", "id"
        )
    )
    for r in remedies:
        _, r.status_label, r.status_css = remedy_status(r, today)  # type: ignore[attr-defined]
    return findings, remedies, list(inspection.measures.select_related("kind", "unit"))


def _inspection_page(
    request: AuthedRequest,
    inspection: Inspection,
    *,
    finding_form: FindingForm | None = None,
    conclude_form: ConcludeForm | None = None,
    remedy_form: RemedyForm | None = None,
    recheck_form: RecheckForm | None = None,
    public_form: PublicForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    manager = manages(request.user, inspection.commune_id)
    # What the inspection holds, the same for every reader on a day: kept until a record of the
    # inspections or of a promise (a remedy's) changes.
    findings, remedies, all_measures = kept(
        f"inspections:inspection_rows|{inspection.pk}|{today}",
        inspection.commune_id,
        lambda: _inspection_rows(inspection, today),
        60,
        apps=("inspections", "promises"),
    )
    status = inspection.status
    # The next steps' forms: one sent back with its errors as it is, the others blank and kept
    # as written until a record of the commune changes (core.kept_forms: a third of the page).
    offers: Offers = {}
    if manager:
        if status in (Inspection.Status.PLANNED, Inspection.Status.IN_PROGRESS):
            offers["finding_form"] = (finding_form, lambda: FindingForm(prefix="ph"))
            offers["conclude_form"] = (
                conclude_form,
                lambda: ConcludeForm(
                    prefix="kl", initial={"done_on": today, "concluded_on": today, "public": True}
                ),
            )
        if status == Inspection.Status.CONCLUDED:
            if findings:
                offers["remedy_form"] = (
                    remedy_form,
                    lambda: RemedyForm(prefix="kp", inspection=inspection),
                )
            if remedies:
                offers["recheck_form"] = (
                    recheck_form,
                    lambda: RecheckForm(
                        prefix="pt", remedies=remedies, initial={"rechecked_on": today}
                    ),
                )
        if inspection.is_concluded and decides_publication(request.user, inspection.commune_id):
            offers["public_form"] = (public_form, lambda: PublicForm(prefix="ck"))
    key = f"inspections:inspection|{inspection.pk}|{today.isoformat()}"
    forms = step_forms(key, inspection.commune_id, offers)
    measures = all_measures if reads_measures(request.user, inspection.commune_id) else None
    return _render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "findings": findings,
            "remedies": remedies,
            "measures": measures,
            "manages": manager,
            "history": written_history(inspection, 30),
            **forms,
        },
    )


def inspection_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _inspection_page(request, get_inspection_for_user(request, pk))


def _back(inspection: Inspection) -> Callable[[Any], HttpResponse]:
    return lambda _: redirect("inspections:inspection", pk=inspection.pk)


@require_POST
def finding_add(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk, manage=True)
    form = FindingForm(request.POST, prefix="ph")
    return run_step(
        request,
        form,
        lambda data: services.finding_add(inspection=inspection, by=request.user, **data),
        done=lambda f: f"Đã ghi nội dung phát hiện số {f.number}.",
        then=_back(inspection),
        again=lambda: _inspection_page(request, inspection, finding_form=form),
    )


@require_POST
def conclude(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk, manage=True)
    form = ConcludeForm(request.POST, prefix="kl")
    return run_step(
        request,
        form,
        lambda data: services.inspection_conclude(inspection=inspection, by=request.user, **data),
        done="Đã ghi kết luận kiểm tra. Giao biện pháp khắc phục cho từng nội dung phát hiện.",
        then=_back(inspection),
        again=lambda: _inspection_page(request, inspection, conclude_form=form),
    )


@require_POST
def remedy_add(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk, manage=True)
    form = RemedyForm(request.POST, prefix="kp", inspection=inspection)
    return run_step(
        request,
        form,
        lambda data: services.remedy_add(inspection=inspection, by=request.user, **data),
        done=lambda r: (
            f"Đã giao {r.owner_unit} khắc phục, hạn {r.due_on:%d/%m/%Y}; "
            "việc này được theo dõi trong sổ Cam kết."
        ),
        then=_back(inspection),
        again=lambda: _inspection_page(request, inspection, remedy_form=form),
    )


@require_POST
def recheck(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk, manage=True)
    remedies = list(inspection.remedies.select_related("owner_unit"))
    form = RecheckForm(request.POST, prefix="pt", remedies=remedies)
    return run_step(
        request,
        form,
        lambda _: services.inspection_recheck(
            inspection=inspection, by=request.user, **form.service_data()
        ),
        done="Đã ghi kết quả phúc tra.",
        then=_back(inspection),
        again=lambda: _inspection_page(request, inspection, recheck_form=form),
    )


@require_POST
def set_public(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk, manage=True)
    if not decides_publication(request.user, inspection.commune_id):
        raise PermissionDenied
    form = PublicForm(request.POST, prefix="ck")
    public = request.POST.get("cong-khai") != "0"
    return run_step(
        request,
        form,
        lambda data: services.inspection_set_public(
            inspection=inspection, by=request.user, public=public, reason=data["reason"]
        ),
        done="Đã công khai kết quả kiểm tra." if public else "Đã thôi công khai kết quả kiểm tra.",
        then=_back(inspection),
        again=lambda: _inspection_page(request, inspection, public_form=form),
    )


def conclusion_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk)
    if not inspection.is_concluded:
        raise Http404
    return exports.conclusion_docx(inspection)


def register_xlsx(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not reads_all(request.user, commune.pk):
        raise PermissionDenied
    return exports.register_xlsx(commune=commune, year=_year(request))


# --- commendations and sanctions ------------------------------------------------------------


def measures(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    user = request.user
    if not reads_measures(user, commune.pk):
        raise PermissionDenied
    manager = manages(user, commune.pk)
    if request.method == "POST" and not manager:
        raise PermissionDenied
    inspection_id = int_param(request.GET.get("kiem-tra"))
    today = timezone.localdate()

    def measure_form(data: Any = None) -> MeasureForm:
        initial = {"inspection": inspection_id, "decision_on": today}
        return MeasureForm(data, commune=commune, initial=initial)

    form: MeasureForm | WrittenForm | None = None
    if manager:
        # Blank, its lists of inspections, kinds and units as written are kept (core.kept_forms).
        key = f"inspections:measure_form|{inspection_id}|{today}"
        post = request.method == "POST"
        form = measure_form(request.POST) if post else kept_form(key, commune.pk, measure_form)

    def page() -> HttpResponse:
        rows = kept(
            "inspections:measures",
            commune.pk,
            lambda: list(
                Measure.objects.filter(commune=commune).select_related(
                    "kind", "unit", "inspection__inspected_unit"
                )
            ),
            60,
            apps=("inspections",),
        )
        return _render(
            request,
            "inspections/measures.html",
            {"commune": commune, "measures": rows, "form": form, "back": _index_url(commune)},
        )

    if not isinstance(form, MeasureForm):
        return page()
    return run_step(
        request,
        form,
        lambda data: services.measure_record(commune=commune, by=user, **data),
        done=lambda m: f"Đã ghi {m.kind.name.lower()}: {m.subject}.",
        then=lambda _: redirect(f"{reverse('inspections:measures')}?xa={commune.pk}"),
        again=page,
    )


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("ke-hoach/them/", plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", plan_detail, name="plan"),
    path("them/", inspection_create, name="inspection_create"),
    path("<int:pk>/", inspection_detail, name="inspection"),
    path("<int:pk>/phat-hien/", finding_add, name="finding_add"),
    path("<int:pk>/ket-luan/", conclude, name="conclude"),
    path("<int:pk>/khac-phuc/", remedy_add, name="remedy_add"),
    path("<int:pk>/phuc-tra/", recheck, name="recheck"),
    path("<int:pk>/cong-khai/", set_public, name="set_public"),
    path("<int:pk>/ket-luan.docx", conclusion_docx, name="conclusion_docx"),
    path("so-theo-doi.xlsx", register_xlsx, name="register_xlsx"),
    path("khen-thuong-ky-luat/", measures, name="measures"),
]
