"""Officers' pages for consultations, under /can-bo/lay-y-kien/.

Every page asks consultations.access first (404 for another commune's consultation, 403 for an
action the role does not allow); every write runs one service through core.steps: a form step
shows the service's DomainError on the same page with what was typed kept, and status 400; a
button step (open) shows it as a message on the consultation's page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from danvan.consultations import exports, selectors, services
from danvan.consultations import jobs as consultation_jobs
from danvan.consultations.access import (
    can_manage,
    creatable_communes,
    entry_units,
    get_consultation_for_user,
    lead_units_for,
)
from danvan.consultations.drafts import DraftPoint, split_draft
from danvan.consultations.forms import (
    AnswerForm,
    BasePointFormSet,
    CloseForm,
    CommentEntryForm,
    ConsultationForm,
    FileForm,
    GroupForm,
    HideForm,
    PointFormSet,
    PublishForm,
    SetGroupForm,
    SplitForm,
)
from danvan.consultations.models import (
    FRONT,
    MEETING,
    PORTAL,
    Comment,
    CommentGroup,
    Consultation,
)
from danvan.core import jobs
from danvan.core.access import commune_for
from danvan.core.audit import history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest, download
from danvan.core.kept_forms import WrittenForm, kept_form
from danvan.core.models import Unit
from danvan.core.steps import run_action, run_step
from danvan.lib.officialdoc import DOCX_MIME
from danvan.lib.spreadsheet import XLSX_MIME

Status = Consultation.Status
TAB = {"nav_section": "democracy"}


def _page(request: AuthedRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"consultations/{template}", {**TAB, **context})


def _to_detail(c: Consultation) -> HttpResponse:
    return redirect("consultations:detail", pk=c.pk)


def _no_longer_draft(request: AuthedRequest, c: Consultation, refusal: str) -> HttpResponse | None:
    """Back to the consultation with `refusal` once its draft is out for comments."""
    if c.status == Status.DRAFT:
        return None
    messages.error(request, refusal)
    return _to_detail(c)


# --- list and create --------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    """The commune's consultations, newest first, with their comments counted: the same for
    every reader on a day, kept as written until a record of the consultations changes."""
    commune = commune_for(request, request.GET.get("xa"))
    today = timezone.localdate()
    listed = kept(
        f"consultations:index|{today}",
        commune.pk,
        lambda: _index_rows(commune, today),
        60,
        apps=("consultations",),
    )
    can_create = commune in creatable_communes(request.user)
    return _page(
        request,
        "index.html",
        {"commune": commune, "listed": mark_safe(listed), "can_create": can_create},  # escaped
    )


def _index_rows(commune: Unit, today: date) -> str:
    items = list(
        Consultation.objects.filter(commune=commune)
        .select_related("lead_unit", "matter")
        .order_by("-created_at", "-pk")[:200]
    )
    counts = dict(
        Comment.objects.filter(consultation__in=items, hidden=False)
        .values_list("consultation_id")
        .order_by()
        .annotate(n=Count("pk"))
    )
    for c in items:
        c.comment_count = counts.get(c.pk, 0)  # type: ignore[attr-defined]
        c.left = c.days_left(today)  # type: ignore[attr-defined]
    return render_to_string("consultations/_index_rows.html", {"items": items})


def _form_page(
    request: AuthedRequest,
    form: ConsultationForm | WrittenForm,
    commune: Unit,
    c: Consultation | None,
) -> HttpResponse:
    context = {
        "form": form,
        "commune": commune,
        "consultation": c,
        "minimum": services.minimum_period(timezone.localdate()),
    }
    return _page(request, "form.html", context)


def _described(data: dict[str, Any]) -> dict[str, Any]:
    """The consultation form's data as the services take it."""
    return {**data, "villages": list(data["villages"])}


def create(request: AuthedRequest) -> HttpResponse:
    communes = creatable_communes(request.user)
    if not communes:
        raise PermissionDenied
    commune = commune_for(request, request.GET.get("xa"), among=[u.pk for u in communes])
    today = timezone.localdate()
    opens, closes = services.default_period(today)
    initial = {
        "opens_on": opens,
        "closes_on": closes,
        "channels": [PORTAL, MEETING],
        "whole_commune": "1",
    }
    lead_units = lead_units_for(request.user, commune)
    if request.method != "POST":  # the blank form, the same for whoever may name these units
        blank = kept_form(
            f"consultations:create|{','.join(str(u.pk) for u in lead_units)}|{today}|{opens}|{closes}",
            commune.pk,
            lambda: ConsultationForm(commune=commune, lead_units=lead_units, initial=initial),
        )
        return _form_page(request, blank, commune, None)
    form = ConsultationForm(request.POST, commune=commune, lead_units=lead_units, initial=initial)
    return run_step(
        request,
        form,
        lambda d: services.consultation_create(commune=commune, by=request.user, **_described(d)),
        done="Đã tạo dự thảo. Bước tiếp theo: nhập các điều, mục.",
        then=lambda c: redirect("consultations:points", pk=c.pk),
        again=lambda: _form_page(request, form, commune, None),
    )


def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk, manage=True)
    if refused := _no_longer_draft(request, c, "Dự thảo đã đưa ra lấy ý kiến: không sửa được nữa."):
        return refused
    lead_units = lead_units_for(request.user, c.commune)
    if c.lead_unit not in lead_units:
        lead_units.append(c.lead_unit)
    form = ConsultationForm(
        request.POST or None,
        commune=c.commune,
        lead_units=lead_units,
        initial=ConsultationForm.initial_for(c),
    )
    if request.method != "POST":
        return _form_page(request, form, c.commune, c)
    return run_step(
        request,
        form,
        lambda d: services.consultation_update(consultation=c, by=request.user, **_described(d)),
        done="Đã lưu thông tin dự thảo.",
        then=_to_detail,
        again=lambda: _form_page(request, form, c.commune, c),
    )


# --- the draft's points and files -------------------------------------------------------------


def _point_forms(c: Consultation, data: QueryDict | None = None) -> BasePointFormSet:
    initial = [{"heading": p.heading, "text": p.text} for p in c.points.all()]
    return cast(BasePointFormSet, PointFormSet(data, initial=initial, prefix="dieu"))


def _points_page(
    request: AuthedRequest,
    c: Consultation,
    formset: BasePointFormSet | None = None,
    split: SplitForm | None = None,
) -> HttpResponse:
    formset = formset or _point_forms(c)
    context = {"consultation": c, "formset": formset, "split": split or SplitForm()}
    return _page(request, "points.html", context)


def points(request: AuthedRequest, pk: int) -> HttpResponse:
    """Edit the points one by one; a pasted draft is split on its own URL (split)."""
    c = get_consultation_for_user(request, pk, manage=True)
    if refused := _no_longer_draft(
        request, c, "Dự thảo đã đưa ra lấy ý kiến: không sửa các điều, mục được nữa."
    ):
        return refused
    formset = _point_forms(c, request.POST or None)
    if request.method != "POST":
        return _points_page(request, c, formset)

    def save(_: object) -> object:
        kept = [
            DraftPoint(heading=f.get("heading", ""), text=f.get("text", ""))
            for f in formset.cleaned_data
            if f and not f.get("DELETE")
        ]
        return services.points_replace(consultation=c, by=request.user, points=kept)

    return run_step(
        request,
        formset,
        save,
        done="Đã lưu các điều, mục của dự thảo.",
        then=lambda _: _to_detail(c),
        again=lambda: _points_page(request, c, formset),
    )


@require_POST
def split(request: AuthedRequest, pk: int) -> HttpResponse:
    """Paste the whole draft: it is split by "Điều …", Roman or Arabic numbers into points,
    replacing the current ones; the officer then edits them."""
    c = get_consultation_for_user(request, pk, manage=True)
    form = SplitForm(request.POST)
    return run_step(
        request,
        form,
        lambda d: services.points_replace(
            consultation=c, by=request.user, points=split_draft(d["draft"])
        ),
        done=lambda found: (
            f"Đã tách dự thảo thành {len(found)} điều, mục. Kiểm tra và sửa nếu cần."
        ),
        then=lambda _: redirect("consultations:points", pk=c.pk),
        again=lambda: _points_page(request, c, split=form),
    )


@require_POST
def attach(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk, manage=True)
    form = FileForm(request.POST, request.FILES)
    return run_step(
        request,
        form,
        lambda d: services.consultation_attach(consultation=c, by=request.user, file=d["file"]),
        done=lambda a: f"Đã đính kèm “{a.original_name}”.",
        then=lambda _: _to_detail(c),
        again=lambda: _detail(request, c, {"file": form}),
    )


# --- one consultation -------------------------------------------------------------------------


def _detail(
    request: AuthedRequest, c: Consultation, bound: dict[str, Any] | None = None
) -> HttpResponse:
    today = timezone.localdate()
    manages = can_manage(request.user, c)
    parts = _kept_parts(c, today, manages)
    panels: dict[str, Any] = {}
    if manages:
        panels = {
            "file": FileForm(),
            "close": CloseForm(),
            "publish": PublishForm(initial={"synthesis": c.synthesis}),
        }
    panels.update(bound or {})
    context = {
        "consultation": c,
        "today": today,
        "manages": manages,
        "enters": manages or bool(entry_units(request.user, c)),
        "kept": {name: mark_safe(html) for name, html in parts.items() if name != "unanswered"},
        "total": {"unanswered": parts["unanswered"]},
        "forms": panels,
    }
    return _page(request, "detail.html", context)


def _kept_parts(c: Consultation, today: date, manages: bool) -> dict[str, Any]:
    """The consultation's facts, files, tallies and history as written (and the comments not
    yet answered): the same for whoever reads it, kept until a record of its commune changes
    (every write of the consultation, its comments and answers logs an entry, the portal's
    comments too), a minute at most (its matter's and channels' rules are the operator's)."""

    def write() -> dict[str, Any]:
        rows = selectors.tallies(c, selectors.counted_comments(c))
        total = selectors.totals(rows)
        context = {
            "consultation": c,
            "today": today,
            "manages": manages,
            "rows": rows,
            "total": total,
            "files": selectors.files_of(c),
            "villages": list(c.villages.order_by("name")),
            "history": history(c)[:50],
            "minimum": services.minimum_period(c.opens_on) if c.opens_on else None,
        }
        return {
            **{
                name: render_to_string(f"consultations/_{name}.html", context)
                for name in ("facts", "points", "history")
            },
            "unanswered": total.unanswered,
        }

    key = f"consultations:detail|{c.pk}|{today.isoformat()}|{int(manages)}"
    return kept(key, c.commune_id, write, seconds=60)


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, get_consultation_for_user(request, pk))


@require_POST
def open_(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk, manage=True)
    return run_action(
        request,
        lambda: services.consultation_open(
            consultation=c, by=request.user, today=timezone.localdate()
        ),
        done="Đã mở lấy ý kiến: dự thảo đã đăng trên Cổng thông tin.",
        then=lambda: _to_detail(c),
    )


def _dated_step(
    panel: str,
    form_class: type[forms.Form],
    service: Callable[..., Consultation],
    done: str,
) -> Callable[[AuthedRequest, int], HttpResponse]:
    """The view of a step of the consultation's page whose service is told the day; a refusal
    is shown in its `panel` of the page."""

    @require_POST
    def step(request: AuthedRequest, pk: int) -> HttpResponse:
        c = get_consultation_for_user(request, pk, manage=True)
        form = form_class(request.POST)
        return run_step(
            request,
            form,
            lambda d: service(consultation=c, by=request.user, today=timezone.localdate(), **d),
            done=done,
            then=_to_detail,
            again=lambda: _detail(request, c, {panel: form}),
        )

    return step


close = _dated_step(
    "close",
    CloseForm,
    services.consultation_close,
    "Đã kết thúc nhận ý kiến. Tiếp theo: trả lời từng ý kiến.",
)
publish = _dated_step(
    "publish",
    PublishForm,
    services.consultation_publish,
    "Đã công bố kết quả tiếp thu, giải trình trên Cổng thông tin.",
)


# --- comments ---------------------------------------------------------------------------------


def _entry_context(request: AuthedRequest, c: Consultation) -> dict[str, Any]:
    """The villages and channels the user may enter comments for, and the unit it is for."""
    if can_manage(request.user, c):
        return {"villages": list(c.audience_villages()), "channels": None, "unit": c.lead_unit}
    units = entry_units(request.user, c)
    if not units:
        raise PermissionDenied
    villages = [u for u in units if u.kind == Unit.Kind.VILLAGE]
    if villages:
        # A village head: comments gathered in their own village, by any offline channel.
        return {"villages": villages, "channels": None, "unit": villages[0]}
    # The Front: comments gathered at its meetings, from any village of the audience.
    return {
        "villages": list(c.audience_villages()),
        "channels": [MEETING, FRONT],
        "unit": units[0],
    }


def comment_add(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk)
    ctx = _entry_context(request, c)
    today = timezone.localdate()
    form = CommentEntryForm(
        request.POST or None,
        consultation=c,
        villages=ctx["villages"],
        channels=ctx["channels"],
        initial={"received_on": min(today, c.closes_on) if c.closes_on else today, "people": 1},
    )
    if c.status not in (Status.OPEN, Status.CLOSED):
        messages.error(request, "Chỉ ghi ý kiến khi dự thảo đang lấy ý kiến hoặc đang tổng hợp.")
        return _to_detail(c)

    def again() -> HttpResponse:
        return _page(request, "comment_form.html", {"consultation": c, "form": form})

    if request.method != "POST":
        return again()
    return run_step(
        request,
        form,
        lambda d: services.comment_enter(
            consultation=c, by=request.user, entered_unit=ctx["unit"], today=today, **d
        ),
        done="Đã ghi ý kiến. Có thể nhập tiếp ý kiến khác.",
        then=lambda _: redirect("consultations:comment_add", pk=c.pk),
        again=again,
    )


def comments(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk)
    return _comments_page(request, c)


def _comments_page(
    request: AuthedRequest, c: Consultation, failed: dict[int | str, Any] | None = None
) -> HttpResponse:
    """The comments; `failed` holds a refused step's errors by comment id, "g<group id>" or
    "group" (a new group), shown next to what was refused."""
    manages = can_manage(request.user, c)
    everything = selectors.comments_of(c, hidden=True)
    rows = selectors.tallies(c, everything)
    hidden = [x for x in everything if x.hidden]
    groups = list(c.groups.select_related("point").order_by("pk"))
    failed = failed or {}
    for x in everything:
        x.failed = failed.get(x.pk)  # type: ignore[attr-defined]
    for g in groups:
        g.failed = failed.get(f"g{g.pk}")  # type: ignore[attr-defined]
    return _page(
        request,
        "comments.html",
        {
            "consultation": c,
            "rows": rows,
            "hidden": hidden,
            "groups": groups,
            "manages": manages,
            "writable": manages and c.status in (Status.OPEN, Status.CLOSED),
            "group_failed": failed.get("group"),
        },
    )


def _comments_step(
    request: AuthedRequest,
    c: Consultation,
    form: forms.Form,
    action: Callable[[dict[str, Any]], Any],
    *,
    done: str | Callable[[Any], str],
    key: int | str,
    anchor: str = "",
) -> HttpResponse:
    """A step of the comments page: its errors shown at `key` (see _comments_page)."""
    return run_step(
        request,
        form,
        action,
        done=done,
        then=lambda _: redirect(reverse("consultations:comments", args=[c.pk]) + anchor),
        again=lambda: _comments_page(request, c, {key: form.errors}),
    )


@dataclass(frozen=True)
class CommentStep:
    """One step on a comment: its URL slug, its form, its service (called with the comment,
    the user and the form's data) and what is said when it is done."""

    slug: str
    form: Callable[[QueryDict, Consultation], forms.Form]
    service: Callable[..., Comment]
    done: str | Callable[[Comment], str]


COMMENT_STEPS = {
    "comment_hide": CommentStep(
        "an",
        lambda data, c: HideForm(data),
        services.comment_hide,
        "Đã ẩn ý kiến; nội dung và lý do vẫn được lưu.",
    ),
    "comment_show": CommentStep(
        "hien",
        lambda data, c: forms.Form(data),  # nothing to fill in; a refusal is shown alike
        services.comment_show,
        "Đã hiện lại ý kiến.",
    ),
    "comment_answer": CommentStep(
        "tra-loi",
        lambda data, c: AnswerForm(data),
        services.comment_answer,
        "Đã lưu trả lời ý kiến.",
    ),
    "comment_group": CommentStep(
        "nhom",
        lambda data, c: SetGroupForm(data, consultation=c),
        services.comment_set_group,
        lambda x: "Đã xếp ý kiến vào nhóm." if x.group_id else "Đã bỏ ý kiến khỏi nhóm.",
    ),
}


@require_POST
def comment_step(request: AuthedRequest, pk: int, cid: int, step: str) -> HttpResponse:
    c = get_consultation_for_user(request, pk, manage=True)
    comment = get_object_or_404(
        Comment.objects.select_related("consultation"), pk=cid, consultation=c
    )
    how = COMMENT_STEPS[step]
    return _comments_step(
        request,
        c,
        how.form(request.POST, c),
        lambda d: how.service(comment=comment, by=request.user, **d),
        done=how.done,
        key=cid,
        anchor=f"#y-kien-{cid}",
    )


@require_POST
def group_create(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk, manage=True)
    ids = list(Comment.objects.filter(consultation=c, hidden=False).values_list("pk", flat=True))

    def gather(d: dict[str, Any]) -> tuple[CommentGroup, int]:
        chosen = list(Comment.objects.filter(consultation=c, pk__in=d["comments"]))
        points = {x.point_id for x in chosen}
        point = chosen[0].point if len(points) == 1 and chosen else None
        group = services.group_create(
            consultation=c, by=request.user, title=d["title"], comments=chosen, point=point
        )
        return group, len(chosen)

    return _comments_step(
        request,
        c,
        GroupForm(request.POST, comment_ids=ids),
        gather,
        done=lambda made: f"Đã gộp {made[1]} ý kiến thành một nhóm.",
        key="group",
    )


@require_POST
def group_answer(request: AuthedRequest, pk: int, gid: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk, manage=True)
    group = get_object_or_404(
        CommentGroup.objects.select_related("consultation"), pk=gid, consultation=c
    )
    return _comments_step(
        request,
        c,
        AnswerForm(request.POST),
        lambda d: services.group_answer(group=group, by=request.user, **d),
        done="Đã lưu trả lời cho cả nhóm ý kiến.",
        key=f"g{gid}",
    )


# --- exports ----------------------------------------------------------------------------------


def comments_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every comment with who gave it: for those who manage the consultation only."""
    c = get_consultation_for_user(request, pk, manage=True)
    if jobs.too_large(consultation_jobs.comment_count(c)):
        return jobs.start(
            request,
            consultation_jobs.comments_xlsx,
            commune=c.commune,
            label=f"Danh sách ý kiến góp ý: {c.title}",
            params={"consultation": c.pk},
        )
    return download(exports.comments_xlsx(c), XLSX_MIME, f"y-kien-du-thao-{c.pk}.xlsx")


def synthesis_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk)
    if c.status == Status.DRAFT:
        messages.error(request, "Dự thảo chưa đưa ra lấy ý kiến: chưa có báo cáo tổng hợp.")
        return _to_detail(c)
    return download(
        exports.synthesis_docx(c, by=request.user, today=timezone.localdate()),
        DOCX_MIME,
        f"bao-cao-tong-hop-y-kien-{c.pk}.docx",
    )


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("tao-moi/", create, name="create"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/sua/", edit, name="edit"),
    path("<int:pk>/dieu-khoan/", points, name="points"),
    path("<int:pk>/tach-dieu/", split, name="split"),
    path("<int:pk>/tai-lieu/", attach, name="attach"),
    path("<int:pk>/mo/", open_, name="open"),
    path("<int:pk>/ket-thuc/", close, name="close"),
    path("<int:pk>/cong-bo/", publish, name="publish"),
    path("<int:pk>/y-kien/", comments, name="comments"),
    path("<int:pk>/y-kien/them/", comment_add, name="comment_add"),
    *(
        path(f"<int:pk>/y-kien/<int:cid>/{how.slug}/", comment_step, {"step": name}, name=name)
        for name, how in COMMENT_STEPS.items()
    ),
    path("<int:pk>/nhom/", group_create, name="group_create"),
    path("<int:pk>/nhom/<int:gid>/tra-loi/", group_answer, name="group_answer"),
    path("<int:pk>/y-kien.xlsx", comments_xlsx, name="comments_xlsx"),
    path("<int:pk>/bao-cao.docx", synthesis_docx, name="synthesis_docx"),
]
