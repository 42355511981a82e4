"""Pages of the periodic report (leaders/reports.py): the list with the period to create, one
report with its figures, narrative and versions, the steps (save, submit, reopen) and the
downloads (.docx, .xlsx annex) of the report or of any version."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from danvan.core import jobs
from danvan.core.access import get_access
from danvan.core.http import AuthedRequest, download, int_param
from danvan.core.models import Unit
from danvan.core.signers import current_chairman
from danvan.core.steps import run_action, run_step
from danvan.leaders import jobs as report_jobs
from danvan.leaders import reports
from danvan.leaders.forms_reports import NarrativeForm, ReportCreateForm
from danvan.leaders.models import PeriodicReport, ReportVersion
from danvan.lib.officialdoc import DOCX_MIME
from danvan.lib.spreadsheet import XLSX_MIME


def _editable_communes(request: AuthedRequest) -> list[Unit]:
    ids = get_access(request.user).reception_communes
    return list(Unit.objects.filter(pk__in=ids, kind=Unit.Kind.COMMUNE).order_by("name"))


def report_list(request: AuthedRequest, form: ReportCreateForm | None = None) -> HttpResponse:
    access = get_access(request.user)
    communes = _editable_communes(request)
    province = reports.province_communes(access)
    if not communes and not province:
        raise PermissionDenied
    listed = PeriodicReport.objects.filter(commune_id__in=[c.pk for c in communes]) | (
        PeriodicReport.objects.filter(
            commune_id__in=province, status=PeriodicReport.Status.SUBMITTED
        )
    )
    context = {
        "reports": listed.select_related("commune").order_by("-year", "kind", "commune__name"),
        "form": form or (ReportCreateForm(communes=communes) if communes else None),
        "nav_section": "reports",
    }
    return render(request, "leaders/report_list.html", context)


@require_POST
def report_create(request: AuthedRequest) -> HttpResponse:
    communes = _editable_communes(request)
    if not communes:
        raise PermissionDenied
    form = ReportCreateForm(request.POST, communes=communes)
    return run_step(
        request,
        form,
        lambda d: reports.report_create(
            commune=d["xa"], kind=d["ky"], year=d["nam"], by=request.user
        ),
        done="Đã lập dự thảo báo cáo; viết nội dung rồi lưu.",
        then=lambda r: redirect(r.get_absolute_url()),
        again=lambda: report_list(request, form),
    )


def _report(request: AuthedRequest, pk: int) -> PeriodicReport:
    report = get_object_or_404(PeriodicReport.objects.select_related("commune"), pk=pk)
    access = get_access(request.user)
    if not access.can_read(report.commune_id):
        raise Http404
    if not reports.can_read(access, report):
        raise PermissionDenied
    return report


def _page(
    request: AuthedRequest, report: PeriodicReport, form: NarrativeForm | None = None
) -> HttpResponse:
    access = get_access(request.user)
    draft = report.status == PeriodicReport.Status.DRAFT
    editable = draft and reports.can_edit(access, report.commune_id)
    if editable and form is None:
        form = NarrativeForm(initial={"number": report.number, **report.narrative})
    figures = reports.figures_of(report)
    chairman = current_chairman(report.commune)
    context: dict[str, Any] = {
        "report": report,
        # A refused form is shown again whatever the state, so that nothing typed is lost.
        "form": form,
        "parts": [
            {
                "label": part["label"],
                "note": part.get("note", ""),
                "rows": reports.figure_rows(part),
            }
            for part in figures.values()
        ],
        "narrative": [
            (heading, report.narrative.get(key, "")) for key, heading in reports.NARRATIVE
        ],
        "versions": report.versions.select_related("by"),
        "can_submit": draft and reports.can_submit(access, report.commune_id),
        "can_reopen": not draft and reports.can_submit(access, report.commune_id),
        "signer": report.signer_name
        if not draft
        else (chairman.get_full_name() if chairman else ""),
        "recipients": reports.recipients(report.commune),
        "label": reports.period_label(report),
        "nav_section": "reports",
    }
    return render(request, "leaders/report_detail.html", context)


def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _page(request, _report(request, pk))


@require_POST
def report_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not reports.can_edit(get_access(request.user), report.commune_id):
        raise PermissionDenied
    form = NarrativeForm(request.POST)
    if report.status != PeriodicReport.Status.DRAFT:
        # Shown again with what was typed: nothing is lost, the page says why.
        form.is_valid()
        form.add_error(None, "Báo cáo đã gửi; mở lại báo cáo để sửa thành phiên bản mới.")
        response = _page(request, report, form)
        response.status_code = 400
        return response
    return run_step(
        request,
        form,
        lambda d: reports.report_save(
            report=report, by=request.user, narrative=form.narrative(), number=d["number"]
        ),
        done="Đã lưu nội dung báo cáo (phiên bản mới).",
        then=lambda r: redirect(r.get_absolute_url()),
        again=lambda: _page(request, report, form),
    )


def _leader_step(request: AuthedRequest, pk: int, step: Any, done: str) -> HttpResponse:
    report = _report(request, pk)
    if not reports.can_submit(get_access(request.user), report.commune_id):
        raise PermissionDenied
    return run_action(
        request,
        lambda: step(report=report, by=request.user),
        done=done,
        then=lambda: redirect(report.get_absolute_url()),
    )


@require_POST
def report_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    return _leader_step(request, pk, reports.report_submit, "Đã gửi báo cáo; số liệu đã được chốt.")


@require_POST
def report_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    return _leader_step(
        request, pk, reports.report_reopen, "Đã mở lại báo cáo thành phiên bản mới để sửa."
    )


def _version(request: AuthedRequest, report: PeriodicReport) -> ReportVersion | HttpResponse | None:
    raw = request.GET.get("phien-ban")
    if raw in (None, ""):
        return None
    number = int_param(raw)
    version = report.versions.filter(number=number).first() if number is not None else None
    if version is None:
        return HttpResponse(
            "Không có phiên bản này của báo cáo.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    return version


def _slug(report: PeriodicReport, version: ReportVersion | None) -> str:
    tail = f"-v{version.number}" if version else ""
    return f"{report_jobs.report_slug(report)}{tail}"


def _large(report: PeriodicReport, version: ReportVersion | None) -> bool:
    """Files of a version or of a submitted report read frozen figures: always at once."""
    rows = report_jobs.live_rows(report) if version is None else None
    return rows is not None and jobs.too_large(rows)


def _in_background(request: AuthedRequest, report: PeriodicReport, file: str) -> HttpResponse:
    what = "Phụ lục số liệu báo cáo" if file == "xlsx" else "Báo cáo"
    return jobs.start(
        request,
        report_jobs.report_file,
        commune=report.commune,
        label=f"{what} {reports.period_label(report)} – {report.commune.name}",
        params={"report": report.pk, "file": file},
    )


def report_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    version = _version(request, report)
    if isinstance(version, HttpResponse):
        return version
    if _large(report, version):
        return _in_background(request, report, "docx")
    content = reports.report_docx(report, by=request.user, version=version)
    return download(content, DOCX_MIME, f"{_slug(report, version)}.docx")


def report_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    version = _version(request, report)
    if isinstance(version, HttpResponse):
        return version
    if _large(report, version):
        return _in_background(request, report, "xlsx")
    content = reports.report_xlsx(report, version=version)
    return download(content, XLSX_MIME, f"phu-luc-{_slug(report, version)}.xlsx")
