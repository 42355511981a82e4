"""Officers' pages of supervision by the people, under /can-bo/giam-sat/.

Every view asks supervision.access first (404 for another commune's record, 403 for an action
the role does not allow); every write calls one service and shows its DomainError on the same
form, with what was typed kept, and status 400.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.audit import history
from danvan.core.errors import DomainError
from danvan.core.http import AuthedRequest
from danvan.core.models import Attachment
from danvan.supervision import exports, services
from danvan.supervision.access import (
    can_manage,
    can_record,
    commune_for,
    get_activity_for_user,
    get_board_for_user,
    get_recommendation_for_user,
    keeps_boards,
    recording_boards,
)
from danvan.supervision.forms import (
    ActivityForm,
    AnswerForm,
    AssignForm,
    BoardForm,
    FilesForm,
    MemberForm,
    RecommendationForm,
)
from danvan.supervision.models import (
    TIMELINESS_LABELS,
    Activity,
    Board,
    Recommendation,
)

PAGE_SIZE = 25


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except (ValueError, OverflowError):
        return None


def _error(e: DomainError | ValidationError) -> str:
    return e.message if isinstance(e, DomainError) else "; ".join(e.messages)


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, template, {"nav_section": "democracy", **context}, status=status)


def _files(owner_model: str, pk: int) -> list[Attachment]:
    return list(Attachment.objects.filter(owner_type__model=owner_model, owner_id=pk))


def _year(request: HttpRequest) -> int:
    year = _int(request.GET.get("nam"))
    return year if year and 2000 <= year <= 2100 else timezone.localdate().year


# --- overview -------------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    commune = commune_for(request, _int(request.GET.get("xa")))
    today = timezone.localdate()
    boards = Board.objects.filter(commune=commune).annotate(n_members=Count("members"))
    activities = (
        Activity.objects.filter(commune=commune)
        .select_related("board", "subject_kind", "village")
        .annotate(n_recs=Count("recommendations"))[:10]
    )
    recs = list(
        Recommendation.objects.filter(commune=commune)
        .select_related("activity__board", "owner_unit", "task")
        .order_by("-year", "-number")[:10]
    )
    for r in recs:
        r.timeliness_label = TIMELINESS_LABELS[r.timeliness(today)]  # type: ignore[attr-defined]
    return _render(
        request,
        "supervision/index.html",
        {
            "commune": commune,
            "boards": boards,
            "activities": activities,
            "recs": recs,
            "can_record": bool(recording_boards(request.user, commune.pk)),
            "keeps_boards": keeps_boards(request.user, commune.pk),
            "year": today.year,
        },
    )


# --- boards ---------------------------------------------------------------------------------


def board_create(request: AuthedRequest) -> HttpResponse:
    commune = commune_for(request, _int(request.GET.get("xa")))
    if not keeps_boards(request.user, commune.pk):
        raise PermissionDenied
    form = BoardForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            board = services.board_create(commune=commune, by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, f"Đã lập {board.name}.")
            return redirect("supervision:board", pk=board.pk)
    status = 400 if request.method == "POST" else 200
    return _render(
        request, "supervision/board_form.html", {"form": form, "commune": commune}, status
    )


def board_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    board = get_board_for_user(request, pk)
    return _render(
        request,
        "supervision/board_detail.html",
        {
            "board": board,
            "members": board.members.select_related("village", "user"),
            "activities": board.activities.select_related("subject_kind", "village")[:50],
            "keeps": keeps_boards(request.user, board.commune_id),
            "can_record": can_record(request.user, board),
            "history": history(board)[:30],
        },
    )


def member_add(request: AuthedRequest, pk: int) -> HttpResponse:
    board = get_board_for_user(request, pk, keep=True)
    form = MemberForm(request.POST or None, board=board, initial={"term_from": board.term_start})
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_add(board=board, by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, f"Đã thêm {member.full_name} vào ban.")
            return redirect("supervision:board", pk=board.pk)
    status = 400 if request.method == "POST" else 200
    return _render(request, "supervision/member_form.html", {"form": form, "board": board}, status)


# --- supervisions ---------------------------------------------------------------------------


def activity_create(request: AuthedRequest) -> HttpResponse:
    commune = commune_for(request, _int(request.GET.get("xa")))
    boards = recording_boards(request.user, commune.pk)
    if not boards:
        raise PermissionDenied
    form = ActivityForm(request.POST or None, request.FILES or None, commune=commune, boards=boards)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = data.pop("attachments")
        try:
            activity = services.activity_create(by=request.user, files=files, **data)
        except (DomainError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, "Đã ghi cuộc giám sát. Ghi kiến nghị (nếu có) ở dưới.")
            return redirect("supervision:activity", pk=activity.pk)
    status = 400 if request.method == "POST" else 200
    return _render(
        request, "supervision/activity_form.html", {"form": form, "commune": commune}, status
    )


def _activity_page(
    request: AuthedRequest,
    activity: Activity,
    *,
    rec_form: RecommendationForm | None = None,
    files_form: FilesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    recorder = can_record(request.user, activity.board)
    if recorder:
        rec_form = rec_form or RecommendationForm(
            prefix="kn", initial={"sent_on": timezone.localdate()}
        )
        files_form = files_form or FilesForm(prefix="tep")
    return _render(
        request,
        "supervision/activity_detail.html",
        {
            "activity": activity,
            "files": _files("activity", activity.pk),
            "recs": activity.recommendations.select_related("owner_unit", "task"),
            "rec_form": rec_form if recorder else None,
            "files_form": files_form if recorder else None,
            "history": history(activity)[:30],
        },
        status,
    )


def activity_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _activity_page(request, get_activity_for_user(request, pk))


@require_POST
def activity_files(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, record=True)
    form = FilesForm(request.POST, request.FILES, prefix="tep")
    if form.is_valid():
        try:
            n = services.activity_add_files(
                activity=activity, by=request.user, files=form.cleaned_data["attachments"]
            )
        except (DomainError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, f"Đã đính kèm {n} tệp.")
            return redirect("supervision:activity", pk=activity.pk)
    return _activity_page(request, activity, files_form=form, status=400)


@require_POST
def recommendation_create(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, record=True)
    form = RecommendationForm(request.POST, prefix="kn")
    if form.is_valid():
        try:
            rec = services.recommendation_create(
                activity=activity, by=request.user, **form.cleaned_data
            )
        except (DomainError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, f"Đã gửi kiến nghị số {rec.code}.")
            return redirect("supervision:activity", pk=activity.pk)
    return _activity_page(request, activity, rec_form=form, status=400)


# --- recommendations ------------------------------------------------------------------------


def recommendation_list(request: AuthedRequest) -> HttpResponse:
    commune = commune_for(request, _int(request.GET.get("xa")))
    year = _year(request)
    status = request.GET.get("trang-thai", "")
    qs = Recommendation.objects.filter(commune=commune, year=year).select_related(
        "activity__board", "owner_unit", "task"
    )
    if status in Recommendation.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-number"), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for r in page.object_list:
        r.timeliness_label = TIMELINESS_LABELS[r.timeliness(today)]  # type: ignore[attr-defined]
    return _render(
        request,
        "supervision/recommendation_list.html",
        {
            "commune": commune,
            "page": page,
            "year": year,
            "status": status,
            "statuses": Recommendation.Status.choices,
            "years": range(today.year, today.year - 5, -1),
        },
    )


def _rule_text(rec: Recommendation) -> str:
    found = services.default_due(rec)
    if found is None:
        return "Chưa có quy tắc thời hạn trả lời trong bảng quy tắc: nhập hạn trả lời."
    return f"Để trống để lấy hạn theo quy định: {found[0]:%d/%m/%Y} ({found[1]})."


def _rec_page(
    request: AuthedRequest,
    rec: Recommendation,
    *,
    assign_form: AssignForm | None = None,
    answer_form: AnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    manager = can_manage(request.user, rec.commune_id)
    open_ = rec.status != Recommendation.Status.ANSWERED
    if manager and open_:
        assign_form = assign_form or AssignForm(
            prefix="giao",
            commune_id=rec.commune_id,
            rule_text=_rule_text(rec),
            initial={"owner_unit": rec.owner_unit_id, "due_on": rec.due_on},
        )
        if rec.status == Recommendation.Status.ASSIGNED:
            answer_form = answer_form or AnswerForm(
                prefix="tl", initial={"answered_on": timezone.localdate()}
            )
    today = timezone.localdate()
    return _render(
        request,
        "supervision/recommendation_detail.html",
        {
            "rec": rec,
            "board": rec.activity.board,
            "task": rec.task,
            "timeliness": TIMELINESS_LABELS[rec.timeliness(today)],
            "files": _files("recommendation", rec.pk),
            "assign_form": assign_form if manager and open_ else None,
            "answer_form": answer_form if manager and open_ else None,
            "can_manage": manager,
            "history": history(rec)[:30],
        },
        status,
    )


def recommendation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _rec_page(request, get_recommendation_for_user(request, pk))


@require_POST
def recommendation_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, manage=True)
    form = AssignForm(
        request.POST, prefix="giao", commune_id=rec.commune_id, rule_text=_rule_text(rec)
    )
    if form.is_valid():
        try:
            rec = services.recommendation_assign(rec=rec, by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(
                request,
                f"Đã giao {rec.owner_unit} giải quyết, hạn trả lời {rec.due_on:%d/%m/%Y}.",
            )
            return redirect("supervision:recommendation", pk=rec.pk)
    return _rec_page(request, rec, assign_form=form, status=400)


@require_POST
def recommendation_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, manage=True)
    form = AnswerForm(request.POST, request.FILES, prefix="tl")
    if form.is_valid():
        try:
            data = dict(form.cleaned_data)
            files = data.pop("attachments")
            rec = services.recommendation_answer(rec=rec, by=request.user, files=files, **data)
        except (DomainError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, "Đã ghi nhận trả lời kiến nghị.")
            return redirect("supervision:recommendation", pk=rec.pk)
    return _rec_page(request, rec, answer_form=form, status=400)


@require_POST
def recommendation_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, manage=True)
    publish = request.POST.get("cong-khai") != "0"
    try:
        services.recommendation_publish(rec=rec, by=request.user, publish=publish)
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(
            request,
            "Đã công khai trên trang công khai." if publish else "Đã thôi công khai.",
        )
    return redirect("supervision:recommendation", pk=rec.pk)


def recommendations_xlsx(request: AuthedRequest) -> HttpResponse:
    commune = commune_for(request, _int(request.GET.get("xa")))
    return exports.recommendations_xlsx(commune=commune, year=_year(request))


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("ban/them/", board_create, name="board_create"),
    path("ban/<int:pk>/", board_detail, name="board"),
    path("ban/<int:pk>/thanh-vien/", member_add, name="member_add"),
    path("cuoc-giam-sat/them/", activity_create, name="activity_create"),
    path("cuoc-giam-sat/<int:pk>/", activity_detail, name="activity"),
    path("cuoc-giam-sat/<int:pk>/tep/", activity_files, name="activity_files"),
    path("cuoc-giam-sat/<int:pk>/kien-nghi/", recommendation_create, name="recommendation_create"),
    path("kien-nghi/", recommendation_list, name="recommendations"),
    path("kien-nghi/<int:pk>/", recommendation_detail, name="recommendation"),
    path("kien-nghi/<int:pk>/giao/", recommendation_assign, name="recommendation_assign"),
    path("kien-nghi/<int:pk>/tra-loi/", recommendation_answer, name="recommendation_answer"),
    path("kien-nghi/<int:pk>/cong-khai/", recommendation_publish, name="recommendation_publish"),
    path("kien-nghi/bao-cao.xlsx", recommendations_xlsx, name="recommendations_xlsx"),
]
