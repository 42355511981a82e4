"""Officers' pages of the self-assessment, under /can-bo/tu-danh-gia/.

Every view asks scorecard.access (or core.access.commune_for) first: 404 for another commune's
record, 403 for what the role does not allow. Every write runs through core.steps: one service,
its DomainError on the same form with what was typed kept, and status 400.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for, get_access
from danvan.core.audit import written_history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest, int_param, url_for_pk
from danvan.core.kept_forms import WrittenForm
from danvan.core.models import Unit
from danvan.core.steps import run_action, run_step
from danvan.scorecard import exports, services, sheet
from danvan.scorecard.access import (
    compares,
    get_assessment_for_user,
    is_member,
    reopens,
    scores,
)
from danvan.scorecard.forms import ReopenForm, ScoresForm, StartForm
from danvan.scorecard.models import Assessment, Scorecard


def _year(request: AuthedRequest) -> int:
    year = int_param(request.GET.get("nam"))
    this_year = timezone.localdate().year
    return year if year and services.FIRST_YEAR <= year <= this_year else this_year


def _years() -> list[int]:
    return list(range(timezone.localdate().year, services.FIRST_YEAR - 1, -1))


def _start_form(request: AuthedRequest, commune: Unit, taken: set[int]) -> StartForm | None:
    if not scores(request.user, commune.pk):
        return None
    years = [y for y in _years() if y not in taken]
    cards = list(
        Scorecard.objects.filter(Q(province__isnull=True) | Q(province_id=commune.parent_id))
    )
    if not years or not cards:
        return None
    return StartForm(request.POST or None, years=years, cards=cards)


def index(request: AuthedRequest) -> HttpResponse:
    """The commune's assessments by year (a province viewer: the submitted ones). The rows and
    the blank start form as written are the same for every reader of the same kind on a day:
    kept until a record of the self-assessments changes."""
    commune = commune_for(request, request.GET.get("xa"))
    member = is_member(request.user, commune.pk)
    starts = member and scores(request.user, commune.pk)
    today = timezone.localdate()
    assessments, start_form = kept(
        f"scorecard:index|{int(member)}|{int(starts)}|{today}",
        commune.pk,
        lambda: _index_rows(request, commune, member=member, starts=starts),
        60,
        apps=("scorecard",),
    )
    return render(
        request,
        "scorecard/index.html",
        {
            "commune": commune,
            "assessments": assessments,
            "start_form": start_form and WrittenForm(start_form, multipart=False),
            "member": member,
            "compares": compares(request.user),
        },
    )


def _index_rows(
    request: AuthedRequest, commune: Unit, *, member: bool, starts: bool
) -> tuple[list[Assessment], str | None]:
    rows = Assessment.objects.filter(commune=commune).select_related("scorecard")
    if not member:
        rows = rows.filter(status=Assessment.Status.SUBMITTED)
    assessments = list(rows)
    url = url_for_pk("scorecard:assessment")
    for a in assessments:
        a.row_url = url(a.pk)  # type: ignore[attr-defined]
        if not a.submitted:  # a draft's total and grade as its scores stand (a year a row)
            result = sheet.live(a)
            a.total, a.grade = result.total, result.grade
    form = _start_form(request, commune, {a.year for a in assessments}) if starts else None
    return assessments, (str(form) if form else None)


@require_POST
def start(request: AuthedRequest) -> HttpResponse:
    commune = commune_for(request, request.GET.get("xa"))
    if not scores(request.user, commune.pk):
        raise PermissionDenied
    taken = set(Assessment.objects.filter(commune=commune).values_list("year", flat=True))
    form = _start_form(request, commune, taken) or StartForm(request.POST, years=[], cards=[])
    return run_step(
        request,
        form,
        lambda data: services.assessment_start(commune=commune, by=request.user, **data),
        done=lambda a: f"Đã bắt đầu bản tự đánh giá năm {a.year}.",
        then=lambda a: redirect("scorecard:assessment", pk=a.pk),
        again=lambda: render(
            request,
            "scorecard/index.html",
            {
                "commune": commune,
                "assessments": list(
                    Assessment.objects.filter(commune=commune).select_related("scorecard")
                ),
                "start_form": form,
                "member": True,
                "compares": compares(request.user),
            },
        ),
    )


def _page(
    request: AuthedRequest,
    assessment: Assessment,
    *,
    form: ScoresForm | None = None,
    reopen_form: ReopenForm | None = None,
) -> HttpResponse:
    user = request.user
    # The sheet as it stands (its scorecard's criteria, scores and files), the same for every
    # reader: kept until a record of the self-assessments changes in the commune.
    result = kept(
        f"scorecard:result|{assessment.pk}",
        assessment.commune_id,
        lambda: sheet.result_of(assessment),
        seconds=60,  # the scorecard's criteria are edited in the administrators' pages
        apps=("scorecard",),
    )
    editing = not assessment.submitted and scores(user, assessment.commune_id)
    attachment_url = reverse("core:attachment", args=[0]).replace("/0/", "/")

    def criteria(form: ScoresForm | None) -> str:
        """Each criterion with its score, or its fields when the page scores."""
        fields = iter(form.rows()) if form is not None else None
        rows = [
            {"line": line, **(next(fields) if fields is not None and line.scored else {})}
            for line in result.lines
        ]
        return render_to_string(
            "scorecard/_criteria.html",
            {"rows": rows, "editing": editing, "attachment_url": attachment_url},
        )

    # A form sent back with its errors is written as it came; otherwise the criteria (76
    # fields of the sample scorecard, most of the page) are kept as written until a record of
    # the commune changes: every score saved, file added, sending and reopening logs one.
    if form is not None:
        written = criteria(form)
    else:
        written = kept(
            f"scorecard:criteria|{assessment.pk}|{int(editing)}",
            assessment.commune_id,
            lambda: criteria(ScoresForm(lines=result.lines) if editing else None),
            seconds=60,  # the scorecard's criteria are edited in the administrators' pages
        )
    if assessment.submitted and reopens(user, assessment.commune_id) and reopen_form is None:
        reopen_form = ReopenForm(prefix="mo")
    return render(
        request,
        "scorecard/assessment.html",
        {
            "assessment": assessment,
            "result": result,
            "criteria": mark_safe(written),  # written by the template, which escapes
            "form": form,
            "editing": editing,
            "reopen_form": reopen_form,
            "history": written_history(assessment, 30),
            "has_errors": bool(form is not None and form.errors)
            or bool(reopen_form is not None and reopen_form.errors),
        },
    )


def assessment(request: AuthedRequest, pk: int) -> HttpResponse:
    return _page(request, get_assessment_for_user(request, pk))


@require_POST
def save(request: AuthedRequest, pk: int) -> HttpResponse:
    found = get_assessment_for_user(request, pk, score=True)
    form = ScoresForm(request.POST, request.FILES, lines=sheet.result_of(found).lines)
    return run_step(
        request,
        form,
        lambda data: services.scores_save(
            assessment=found, by=request.user, entries=form.entries()
        ),
        done="Đã lưu điểm tự chấm.",
        then=lambda a: redirect("scorecard:assessment", pk=a.pk),
        again=lambda: _page(request, found, form=form),
    )


@require_POST
def submit(request: AuthedRequest, pk: int) -> HttpResponse:
    found = get_assessment_for_user(request, pk, score=True)
    return run_action(
        request,
        lambda: services.assessment_submit(assessment=found, by=request.user),
        done=lambda a: (
            f"Đã gửi bản tự đánh giá năm {a.year}: {a.total_shown} điểm, "
            f"{a.grade or 'chưa xếp loại'}."
        ),
        then=lambda: redirect("scorecard:assessment", pk=found.pk),
    )


@require_POST
def reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    found = get_assessment_for_user(request, pk, reopen=True)
    form = ReopenForm(request.POST, prefix="mo")
    return run_step(
        request,
        form,
        lambda data: services.assessment_reopen(assessment=found, by=request.user, **data),
        done=lambda a: f"Đã mở lại bản tự đánh giá năm {a.year}.",
        then=lambda a: redirect("scorecard:assessment", pk=a.pk),
        again=lambda: _page(request, found, reopen_form=form),
    )


def xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    found = get_assessment_for_user(request, pk)
    return exports.scorecard_xlsx(found, request.build_absolute_uri("/"))


def docx(request: AuthedRequest, pk: int) -> HttpResponse:
    found = get_assessment_for_user(request, pk)
    return exports.report_docx(found, request.build_absolute_uri("/"))


def _comparison(request: AuthedRequest) -> tuple[int, list[dict[str, Any]], int]:
    """The province's communes × total and grade of a year (submitted assessments only), the
    highest total first, those that have not submitted last."""
    if not compares(request.user):
        raise PermissionDenied
    year = _year(request)
    communes = sorted(get_access(request.user).province_communes)
    names = dict(Unit.objects.filter(pk__in=communes).values_list("pk", "name"))
    found = {
        a.commune_id: a
        for a in Assessment.objects.filter(
            commune_id__in=communes, year=year, status=Assessment.Status.SUBMITTED
        ).only("pk", "commune_id", "total", "grade", "submitted_at", "missing")
    }
    url = url_for_pk("scorecard:assessment")
    rows: list[dict[str, Any]] = []
    for cid in communes:
        a = found.get(cid)
        rows.append(
            {
                "commune": names.get(cid, ""),
                "url": url(a.pk) if a else "",
                "total": a.total if a else None,
                "grade": a.grade if a else "",
                "submitted_at": a.submitted_at if a else None,
                "missing": a.missing if a else None,
            }
        )
    rows.sort(key=lambda r: (r["total"] is None, -(r["total"] or 0), r["commune"]))
    return year, rows, len(found)


def compare(request: AuthedRequest) -> HttpResponse:
    year, rows, submitted = _comparison(request)
    return render(
        request,
        "scorecard/compare.html",
        {"year": year, "years": _years(), "rows": rows, "submitted": submitted},
    )


def compare_xlsx(request: AuthedRequest) -> HttpResponse:
    year, rows, _ = _comparison(request)
    return exports.comparison_xlsx(year, rows)


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("bat-dau/", start, name="start"),
    path("so-sanh/", compare, name="compare"),
    path("so-sanh.xlsx", compare_xlsx, name="compare_xlsx"),
    path("<int:pk>/", assessment, name="assessment"),
    path("<int:pk>/cham-diem/", save, name="save"),
    path("<int:pk>/gui/", submit, name="submit"),
    path("<int:pk>/mo-lai/", reopen, name="reopen"),
    path("<int:pk>/bang-diem.xlsx", xlsx, name="xlsx"),
    path("<int:pk>/bao-cao.docx", docx, name="docx"),
]
