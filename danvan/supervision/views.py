"""Officers' pages of supervision by the people, under /can-bo/giam-sat/.

Every view asks supervision.access (or core.access.commune_for) first: 404 for another commune's
record, 403 for an action the role does not allow. Every write runs through core.steps: one
service, its DomainError on the same form with what was typed kept, and status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for
from danvan.core.audit import history, written_history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest, int_param, url_for_pk
from danvan.core.kept_forms import WrittenForm, written
from danvan.core.models import Attachment, Unit
from danvan.core.steps import run_action, run_step
from danvan.supervision import exports, services
from danvan.supervision.access import (
    can_manage,
    can_record,
    get_activity_for_user,
    get_board_for_user,
    get_recommendation_for_user,
    keeps_boards,
    recording_boards,
    records_any_board,
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

# The class of a recommendation's status badge (supervision/_rec_status.html), for list rows.
_STATUS_CSS = {Recommendation.Status.ANSWERED: "done", Recommendation.Status.ASSIGNED: "on_track"}


def _rec_links(recs: Any) -> Any:
    """Each recommendation's link (one reverse for the list) and its status badge's class."""
    url = url_for_pk("supervision:recommendation")
    for r in recs:
        r.row_url = url(r.pk)
        r.status_css = _STATUS_CSS.get(r.status, "not_started")
    return recs


def _rec_rows(recs: Any, today: Any) -> None:
    """What a list's row shows of each recommendation beside its columns, made once per row in
    Python: its timeliness, its link and its status badge's class."""
    _rec_links(recs)
    for r in recs:
        r.timeliness_label = TIMELINESS_LABELS[r.timeliness(today)]


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, template, {"nav_section": "democracy", **context})


def _record_page(
    request: HttpRequest,
    template: str,
    record: Activity | Recommendation,
    *,
    with_files: bool = True,
    **context: Any,
) -> HttpResponse:
    """The page of a record: its files (unless the page shows none) and its history beside what
    the page adds."""
    name = record._meta.model_name
    # Its files and history as written, the same for every reader (core.cache.kept).
    files = (
        kept(
            f"supervision:files|{name}|{record.pk}",
            record.commune_id,
            lambda: list(Attachment.objects.filter(owner_type__model=name, owner_id=record.pk)),
            60,
            apps=("supervision",),
        )
        if with_files
        else []
    )
    written = kept(
        f"supervision:history|{name}|{record.pk}",
        record.commune_id,
        lambda: render_to_string("supervision/_history.html", {"history": history(record)[:30]}),
        seconds=60,
    )
    return _render(request, template, {"files": files, "history": mark_safe(written), **context})


def _commune(request: HttpRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _index_url(commune: Unit) -> str:
    return f"{reverse('supervision:index')}?xa={commune.pk}"


def _year(request: HttpRequest) -> int:
    year = int_param(request.GET.get("nam"))
    return year if year and 2000 <= year <= 2100 else timezone.localdate().year


def _form_page(
    request: HttpRequest, template: str, form: Any, **context: Any
) -> Callable[[], HttpResponse]:
    """A form on a page of its own (supervision/_form_page.html), to show and to show again."""
    return lambda: _render(request, template, {"form": form, **context})


def _with_files(data: dict[str, Any]) -> dict[str, Any]:
    """A form's cleaned data with its uploads under the services' name for them."""
    rest = dict(data)
    rest["files"] = rest.pop("attachments")
    return rest


# --- overview -------------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    """The commune's boards, latest activities and recommendations, the same for every reader
    on a day, and whether the reader records for a board: each kept until a record of the
    supervision boards (or of core) changes."""
    commune = _commune(request)
    user = request.user
    today = timezone.localdate()
    rows = kept(
        f"supervision:index|{today}",
        commune.pk,
        lambda: _index_rows(commune, today),
        60,
        apps=("supervision",),
    )
    can_record = kept(
        f"supervision:records_any_board|{user.pk}|{today}",
        commune.pk,
        lambda: records_any_board(user, commune.pk),
        60,
        apps=("supervision",),
    )
    return _render(
        request,
        "supervision/index.html",
        {
            "commune": commune,
            **rows,
            "can_record": can_record,
            "keeps_boards": keeps_boards(user, commune.pk),
            "year": today.year,
        },
    )


def _index_rows(commune: Unit, today: date) -> dict[str, list[Any]]:
    boards = list(Board.objects.filter(commune=commune).annotate(n_members=Count("members")))
    activities = list(
        Activity.objects.filter(commune=commune)
        .select_related("board", "village")  # what the rows show
        .annotate(n_recs=Count("recommendations"))[:10]
    )
    recs = list(
        Recommendation.objects.filter(commune=commune)
        .select_related("activity__board", "owner_unit")  # what the rows show
        .order_by("-year", "-number")[:10]
    )
    _rec_rows(recs, today)
    activity_url = url_for_pk("supervision:activity")
    for a in activities:
        a.row_url = activity_url(a.pk)  # type: ignore[attr-defined]
    board_url = url_for_pk("supervision:board")
    for b in boards:
        b.row_url = board_url(b.pk)  # type: ignore[attr-defined]
    return {"boards": boards, "activities": activities, "recs": recs}


# --- boards ---------------------------------------------------------------------------------


def board_create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not keeps_boards(request.user, commune.pk):
        raise PermissionDenied
    form = BoardForm(request.POST or None, commune=commune)
    return run_step(
        request,
        form,
        lambda data: services.board_create(commune=commune, by=request.user, **data),
        done=lambda board: f"Đã lập {board.name}.",
        then=lambda board: redirect("supervision:board", pk=board.pk),
        again=_form_page(
            request, "supervision/board_form.html", form, commune=commune, back=_index_url(commune)
        ),
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
            "history": written_history(board, 30),
        },
    )


def member_add(request: AuthedRequest, pk: int) -> HttpResponse:
    board = get_board_for_user(request, pk, keep=True)
    form = MemberForm(request.POST or None, board=board, initial={"term_from": board.term_start})
    return run_step(
        request,
        form,
        lambda data: services.member_add(board=board, by=request.user, **data),
        done=lambda member: f"Đã thêm {member.full_name} vào ban.",
        then=lambda _: redirect("supervision:board", pk=board.pk),
        again=_form_page(
            request,
            "supervision/member_form.html",
            form,
            board=board,
            back=reverse("supervision:board", args=[board.pk]),
        ),
    )


# --- supervisions ---------------------------------------------------------------------------


def activity_create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    boards = recording_boards(request.user, commune.pk)
    if not boards:
        raise PermissionDenied
    form = ActivityForm(request.POST or None, request.FILES or None, commune=commune, boards=boards)
    return run_step(
        request,
        form,
        lambda data: services.activity_create(by=request.user, **_with_files(data)),
        done="Đã ghi cuộc giám sát. Ghi kiến nghị (nếu có) ở dưới.",
        then=lambda activity: redirect("supervision:activity", pk=activity.pk),
        again=_form_page(
            request,
            "supervision/activity_form.html",
            form,
            commune=commune,
            back=_index_url(commune),
        ),
    )


def _activity_page(
    request: AuthedRequest,
    activity: Activity,
    *,
    rec_form: RecommendationForm | None = None,
    files_form: FilesForm | None = None,
) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    recorder = kept(
        f"supervision:records|{activity.board_id}|{user.pk}|{today}",
        activity.commune_id,
        lambda: can_record(user, activity.board),
        60,
        apps=("supervision",),
    )
    if recorder:
        rec_form = rec_form or RecommendationForm(
            prefix="kn", initial={"sent_on": timezone.localdate()}
        )
        files_form = files_form or FilesForm(prefix="tep")
    recs = kept(
        f"supervision:activity_recs|{activity.pk}",
        activity.commune_id,
        lambda: _rec_links(list(activity.recommendations.select_related("owner_unit"))),
        60,
        apps=("supervision",),
    )
    return _record_page(
        request,
        "supervision/activity_detail.html",
        activity,
        activity=activity,
        recs=recs,
        rec_form=rec_form if recorder else None,
        files_form=files_form if recorder else None,
    )


def activity_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _activity_page(request, get_activity_for_user(request, pk))


@require_POST
def activity_files(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, record=True)
    form = FilesForm(request.POST, request.FILES, prefix="tep")
    return run_step(
        request,
        form,
        lambda data: services.activity_add_files(
            activity=activity, by=request.user, files=data["attachments"]
        ),
        done=lambda n: f"Đã đính kèm {n} tệp.",
        then=lambda _: redirect("supervision:activity", pk=activity.pk),
        again=lambda: _activity_page(request, activity, files_form=form),
    )


@require_POST
def recommendation_create(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request, pk, record=True)
    form = RecommendationForm(request.POST, prefix="kn")
    return run_step(
        request,
        form,
        lambda data: services.recommendation_create(activity=activity, by=request.user, **data),
        done=lambda rec: f"Đã gửi kiến nghị số {rec.code}.",
        then=lambda _: redirect("supervision:activity", pk=activity.pk),
        again=lambda: _activity_page(request, activity, rec_form=form),
    )


# --- recommendations ------------------------------------------------------------------------


def recommendation_list(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    year = _year(request)
    status = request.GET.get("trang-thai", "")
    today = timezone.localdate()
    asked = request.GET.get("page")

    def rows() -> str:
        qs = Recommendation.objects.filter(commune=commune, year=year).select_related(
            "activity__board",
            "owner_unit",  # what the rows show
        )
        if status in Recommendation.Status.values:
            qs = qs.filter(status=status)
        page = Paginator(qs.order_by("-number"), PAGE_SIZE).get_page(asked)
        _rec_rows(page.object_list, today)
        return render_to_string(
            "supervision/_recommendation_rows.html",
            {"commune": commune, "page": page, "year": year, "status": status},
        )

    # The same for every reader on a day: kept until a record of the boards changes.
    key = f"supervision:recommendations|{year}|{status}|{asked}|{today}"
    return _render(
        request,
        "supervision/recommendation_list.html",
        {
            "commune": commune,
            "rows": mark_safe(kept(key, commune.pk, rows, 60, apps=("supervision",))),  # escaped
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
    start = rec.received_on or rec.sent_on
    return (
        f"Để trống để lấy hạn theo quy định, tính từ ngày nhận được kiến nghị "
        f"{start:%d/%m/%Y}: {found[0]:%d/%m/%Y} ({found[1]})."
    )


def _rec_parts(rec: Recommendation, manager: bool) -> tuple[dict[str, Any], dict[str, str]]:
    """A recommendation's facts (its board, task, answer and files), history and, for a leader
    of an open one, its blank forms (its unit, days and rule) as written: the same for each
    reader with the same rights on a day, kept until a record of the commune changes
    (core.cache.kept; a task's progress is a record of the same commune), a minute at most."""
    today = timezone.localdate()
    open_ = rec.status != Recommendation.Status.ANSWERED

    def write() -> dict[str, Any]:
        forms: dict[str, Any] = {}
        if manager and open_:
            assign = AssignForm(
                prefix="giao",
                commune_id=rec.commune_id,
                rule_text=_rule_text(rec),
                initial={
                    "owner_unit": rec.owner_unit_id,
                    "due_on": rec.due_on,
                    "received_on": rec.received_on,
                },
            )
            forms = {
                "assign": written(assign),
                "answer": written(AnswerForm(prefix="tl", initial={"answered_on": today})),
            }
        files = (  # the page lists the files of an answer only
            list(Attachment.objects.filter(owner_type__model="recommendation", owner_id=rec.pk))
            if rec.answered_on is not None
            else []
        )
        context = {
            "rec": rec,
            "board": rec.activity.board,
            "task": rec.task,
            "timeliness": TIMELINESS_LABELS[rec.timeliness(today)],
            "files": files,
        }
        return {
            "forms": forms,
            "facts": render_to_string("supervision/_rec_facts.html", context),
            "history": render_to_string(
                "supervision/_history.html", {"history": history(rec)[:30]}
            ),
        }

    key = f"supervision:recommendation|{rec.pk}|{int(manager)}|{today.isoformat()}"
    found = kept(key, rec.commune_id, write, seconds=60)
    forms = {
        name: WrittenForm(html, multipart) for name, (html, multipart) in found["forms"].items()
    }
    return forms, {"facts": mark_safe(found["facts"]), "history": mark_safe(found["history"])}


def _rec_page(
    request: AuthedRequest,
    rec: Recommendation,
    *,
    assign_form: AssignForm | None = None,
    answer_form: AnswerForm | None = None,
) -> HttpResponse:
    manager = can_manage(request.user, rec.commune_id)
    open_ = rec.status != Recommendation.Status.ANSWERED
    blank, parts = _rec_parts(rec, manager)
    assign: Any = assign_form
    answer: Any = answer_form
    if manager and open_:
        assign = assign or blank["assign"]
        if rec.status == Recommendation.Status.ASSIGNED:
            answer = answer or blank["answer"]
    return _render(
        request,
        "supervision/recommendation_detail.html",
        {
            "rec": rec,
            **parts,
            "assign_form": assign if manager and open_ else None,
            "answer_form": answer if manager and open_ else None,
            "can_manage": manager,
        },
    )


def recommendation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _rec_page(request, get_recommendation_for_user(request, pk))


@require_POST
def recommendation_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, manage=True)
    form = AssignForm(
        request.POST, prefix="giao", commune_id=rec.commune_id, rule_text=_rule_text(rec)
    )
    return run_step(
        request,
        form,
        lambda data: services.recommendation_assign(rec=rec, by=request.user, **data),
        done=lambda done: (
            f"Đã giao {done.owner_unit} giải quyết, hạn trả lời {done.due_on:%d/%m/%Y}."
        ),
        then=lambda _: redirect("supervision:recommendation", pk=rec.pk),
        again=lambda: _rec_page(request, rec, assign_form=form),
    )


@require_POST
def recommendation_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, manage=True)
    form = AnswerForm(request.POST, request.FILES, prefix="tl")
    return run_step(
        request,
        form,
        lambda data: services.recommendation_answer(rec=rec, by=request.user, **_with_files(data)),
        done="Đã ghi nhận trả lời kiến nghị.",
        then=lambda _: redirect("supervision:recommendation", pk=rec.pk),
        again=lambda: _rec_page(request, rec, answer_form=form),
    )


@require_POST
def recommendation_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, manage=True)
    publish = request.POST.get("cong-khai") != "0"
    return run_action(
        request,
        lambda: services.recommendation_publish(rec=rec, by=request.user, publish=publish),
        done="Đã công khai trên trang công khai." if publish else "Đã thôi công khai.",
        then=lambda: redirect("supervision:recommendation", pk=rec.pk),
    )


def recommendations_xlsx(request: AuthedRequest) -> HttpResponse:
    return exports.recommendations_xlsx(commune=_commune(request), year=_year(request))


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
