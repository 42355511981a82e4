"""Officers' pages for consultations, under /can-bo/lay-y-kien/.

Every page asks consultations.access first (404 for another commune's consultation, 403 for an
action the role does not allow); every write calls one service and shows its DomainError on
the same page with what was typed kept, and status 400.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from danvan.consultations import exports, selectors, services
from danvan.consultations.access import (
    can_manage,
    commune_for,
    creatable_communes,
    entry_units,
    get_consultation_for_user,
    lead_units_for,
)
from danvan.consultations.drafts import DraftPoint, split_draft
from danvan.consultations.forms import (
    AnswerForm,
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
from danvan.consultations.models import Channel, Comment, CommentGroup, Consultation
from danvan.core.audit import history
from danvan.core.errors import DomainError
from danvan.core.http import AuthedRequest
from danvan.core.models import Unit

Status = Consultation.Status
TAB = {"nav_section": "democracy"}


def _message(e: DomainError | ValidationError) -> str:
    return e.message if isinstance(e, DomainError) else "; ".join(e.messages)


def _page(
    request: AuthedRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, f"consultations/{template}", {**TAB, **context}, status=status)


# --- list and create --------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    commune = commune_for(request, request.GET.get("xa"))
    today = timezone.localdate()
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
    can_create = commune in creatable_communes(request.user)
    return _page(
        request,
        "index.html",
        {"commune": commune, "items": items, "can_create": can_create, "today": today},
    )


def create(request: AuthedRequest) -> HttpResponse:
    communes = creatable_communes(request.user)
    if not communes:
        raise PermissionDenied
    commune = commune_for(request, request.GET.get("xa"))
    if commune not in communes:
        raise PermissionDenied
    lead_units = lead_units_for(request.user, commune)
    opens, closes = services.default_period(timezone.localdate())
    initial = {
        "opens_on": opens,
        "closes_on": closes,
        "channels": [Channel.PORTAL, Channel.MEETING, Channel.VILLAGE_HEAD],
        "whole_commune": "1",
    }
    form = ConsultationForm(
        request.POST or None, commune=commune, lead_units=lead_units, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            c = services.consultation_create(
                commune=commune,
                by=request.user,
                title=d["title"],
                lead_unit=d["lead_unit"],
                matter=d["matter"],
                matter_other=d["matter_other"],
                summary=d["summary"],
                whole_commune=d["whole_commune"],
                villages=list(d["villages"]),
                opens_on=d["opens_on"],
                closes_on=d["closes_on"],
                channels=d["channels"],
            )
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "Đã tạo dự thảo. Bước tiếp theo: nhập các điều, mục.")
            return redirect("consultations:points", pk=c.pk)
    status = 400 if request.method == "POST" else 200
    return _page(
        request,
        "form.html",
        {
            "form": form,
            "commune": commune,
            "consultation": None,
            "default_days": services.default_days(),
        },
        status,
    )


def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk, manage=True)
    if c.status != Status.DRAFT:
        messages.error(request, "Dự thảo đã đưa ra lấy ý kiến: không sửa được nữa.")
        return redirect("consultations:detail", pk=c.pk)
    lead_units = lead_units_for(request.user, c.commune)
    if c.lead_unit not in lead_units:
        lead_units.append(c.lead_unit)
    form = ConsultationForm(
        request.POST or None,
        commune=c.commune,
        lead_units=lead_units,
        initial=ConsultationForm.initial_for(c),
    )
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        villages = list(d.pop("villages"))
        try:
            services.consultation_update(consultation=c, by=request.user, villages=villages, **d)
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "Đã lưu thông tin dự thảo.")
            return redirect("consultations:detail", pk=c.pk)
    status = 400 if request.method == "POST" else 200
    return _page(
        request,
        "form.html",
        {
            "form": form,
            "commune": c.commune,
            "consultation": c,
            "default_days": services.default_days(),
        },
        status,
    )


# --- the draft's points and files -------------------------------------------------------------


def points(request: AuthedRequest, pk: int) -> HttpResponse:
    """Edit the points one by one; a pasted draft is split on its own URL (split)."""
    c = get_consultation_for_user(request, pk, manage=True)
    if c.status != Status.DRAFT:
        messages.error(request, "Dự thảo đã đưa ra lấy ý kiến: không sửa các điều, mục được nữa.")
        return redirect("consultations:detail", pk=c.pk)
    initial = [{"heading": p.heading, "text": p.text} for p in c.points.all()]
    formset = PointFormSet(request.POST or None, initial=initial, prefix="dieu")
    error = ""
    if request.method == "POST" and formset.is_valid():
        kept = [
            DraftPoint(heading=f.get("heading", ""), text=f.get("text", ""))
            for f in formset.cleaned_data
            if f and not f.get("DELETE")
        ]
        try:
            services.points_replace(consultation=c, by=request.user, points=kept)
        except DomainError as e:
            error = e.message
        else:
            messages.success(request, "Đã lưu các điều, mục của dự thảo.")
            return redirect("consultations:detail", pk=c.pk)
    status = 400 if request.method == "POST" else 200
    return _page(
        request,
        "points.html",
        {"consultation": c, "formset": formset, "split": SplitForm(), "error": error},
        status,
    )


@require_POST
def split(request: AuthedRequest, pk: int) -> HttpResponse:
    """Paste the whole draft: it is split by "Điều …", Roman or Arabic numbers into points,
    replacing the current ones; the officer then edits them."""
    c = get_consultation_for_user(request, pk, manage=True)
    form = SplitForm(request.POST)
    if form.is_valid():
        found = split_draft(form.cleaned_data["draft"])
        try:
            services.points_replace(consultation=c, by=request.user, points=found)
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(
                request, f"Đã tách dự thảo thành {len(found)} điều, mục. Kiểm tra và sửa nếu cần."
            )
            return redirect("consultations:points", pk=c.pk)
    initial = [{"heading": p.heading, "text": p.text} for p in c.points.all()]
    return _page(
        request,
        "points.html",
        {"consultation": c, "formset": PointFormSet(initial=initial, prefix="dieu"), "split": form},
        400,
    )


@require_POST
def attach(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk, manage=True)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            a = services.consultation_attach(
                consultation=c, by=request.user, file=form.cleaned_data["file"]
            )
        except (DomainError, ValidationError) as e:
            form.add_error("file", _message(e))
        else:
            messages.success(request, f"Đã đính kèm “{a.original_name}”.")
            return redirect("consultations:detail", pk=c.pk)
    return _detail(request, c, {"file": form}, 400)


# --- one consultation -------------------------------------------------------------------------


def _detail(
    request: AuthedRequest,
    c: Consultation,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    manages = can_manage(request.user, c)
    rows = selectors.tallies(c)
    forms: dict[str, Any] = {}
    if manages:
        forms = {
            "file": FileForm(),
            "close": CloseForm(),
            "publish": PublishForm(initial={"synthesis": c.synthesis}),
        }
    forms.update(bound or {})
    context = {
        "consultation": c,
        "today": today,
        "manages": manages,
        "enters": manages or bool(entry_units(request.user, c)),
        "rows": rows,
        "total": selectors.totals(rows),
        "files": selectors.files_of(c),
        "villages": list(c.villages.order_by("name")),
        "forms": forms,
        "history": history(c)[:50],
        "minimum": services.minimum_period(c.opens_on) if c.opens_on else None,
    }
    return _page(request, "detail.html", context, status)


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, get_consultation_for_user(request, pk))


def _step(request: AuthedRequest, pk: int, name: str) -> HttpResponse:
    c = get_consultation_for_user(request, pk, manage=True)
    today = timezone.localdate()
    form: Any = None
    try:
        if name == "open":
            services.consultation_open(consultation=c, by=request.user, today=today)
            messages.success(request, "Đã mở lấy ý kiến: dự thảo đã đăng trên Cổng thông tin.")
        elif name == "close":
            form = CloseForm(request.POST)
            if not form.is_valid():
                return _detail(request, c, {"close": form}, 400)
            services.consultation_close(
                consultation=c, by=request.user, today=today, reason=form.cleaned_data["reason"]
            )
            messages.success(request, "Đã kết thúc nhận ý kiến. Tiếp theo: trả lời từng ý kiến.")
        else:
            form = PublishForm(request.POST)
            if not form.is_valid():
                return _detail(request, c, {"publish": form}, 400)
            services.consultation_publish(
                consultation=c,
                by=request.user,
                today=today,
                synthesis=form.cleaned_data["synthesis"],
            )
            messages.success(
                request, "Đã công bố kết quả tiếp thu, giải trình trên Cổng thông tin."
            )
    except DomainError as e:
        if form is None:
            messages.error(request, e.message)
            return _detail(request, get_consultation_for_user(request, pk), None, 400)
        form.add_error(None, e.message)
        return _detail(request, get_consultation_for_user(request, pk), {name: form}, 400)
    return redirect("consultations:detail", pk=c.pk)


@require_POST
def open_(request: AuthedRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "open")


@require_POST
def close(request: AuthedRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "close")


@require_POST
def publish(request: AuthedRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "publish")


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
        "channels": [Channel.MEETING, Channel.FRONT],
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
        return redirect("consultations:detail", pk=c.pk)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.comment_enter(
                consultation=c,
                by=request.user,
                point=d["point"],
                text=d["text"],
                channel=d["channel"],
                source=d["source"],
                village=d["village"],
                people=d["people"],
                received_on=d["received_on"],
                author_name=d["author_name"],
                show_name=d["show_name"],
                entered_unit=ctx["unit"],
                today=today,
            )
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "Đã ghi ý kiến. Có thể nhập tiếp ý kiến khác.")
            return redirect("consultations:comment_add", pk=c.pk)
    status = 400 if request.method == "POST" else 200
    return _page(request, "comment_form.html", {"consultation": c, "form": form}, status)


def comments(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk)
    return _comments_page(request, c)


def _comments_page(
    request: AuthedRequest,
    c: Consultation,
    failed: dict[int | str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
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
        status,
    )


def _comment(request: AuthedRequest, pk: int, cid: int) -> tuple[Consultation, Comment]:
    c = get_consultation_for_user(request, pk, manage=True)
    comment = get_object_or_404(
        Comment.objects.select_related("consultation"), pk=cid, consultation=c
    )
    return c, comment


def _comment_action(request: AuthedRequest, pk: int, cid: int, action: str) -> HttpResponse:
    c, comment = _comment(request, pk, cid)
    form: Any
    if action == "hide":
        form = HideForm(request.POST)
    elif action == "answer":
        form = AnswerForm(request.POST)
    elif action == "group":
        form = SetGroupForm(request.POST, consultation=c)
    else:
        form = None
    if form is not None and not form.is_valid():
        return _comments_page(request, c, {cid: form.errors}, 400)
    d = form.cleaned_data if form is not None else {}
    try:
        if action == "hide":
            services.comment_hide(comment=comment, by=request.user, reason=d["reason"])
            done = "Đã ẩn ý kiến; nội dung và lý do vẫn được lưu."
        elif action == "show":
            services.comment_show(comment=comment, by=request.user)
            done = "Đã hiện lại ý kiến."
        elif action == "answer":
            services.comment_answer(comment=comment, by=request.user, **d)
            done = "Đã lưu trả lời ý kiến."
        else:
            services.comment_set_group(comment=comment, by=request.user, group=d["group"])
            done = "Đã xếp ý kiến vào nhóm." if d["group"] else "Đã bỏ ý kiến khỏi nhóm."
    except DomainError as e:
        return _comments_page(request, c, {cid: {"__all__": [e.message]}}, 400)
    messages.success(request, done)
    return redirect(reverse("consultations:comments", args=[c.pk]) + f"#y-kien-{cid}")


@require_POST
def comment_hide(request: AuthedRequest, pk: int, cid: int) -> HttpResponse:
    return _comment_action(request, pk, cid, "hide")


@require_POST
def comment_show(request: AuthedRequest, pk: int, cid: int) -> HttpResponse:
    return _comment_action(request, pk, cid, "show")


@require_POST
def comment_answer(request: AuthedRequest, pk: int, cid: int) -> HttpResponse:
    return _comment_action(request, pk, cid, "answer")


@require_POST
def comment_group(request: AuthedRequest, pk: int, cid: int) -> HttpResponse:
    return _comment_action(request, pk, cid, "group")


@require_POST
def group_create(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk, manage=True)
    ids = list(Comment.objects.filter(consultation=c, hidden=False).values_list("pk", flat=True))
    form = GroupForm(request.POST, comment_ids=ids)
    if not form.is_valid():
        return _comments_page(request, c, {"group": form.errors}, 400)
    chosen = list(Comment.objects.filter(consultation=c, pk__in=form.cleaned_data["comments"]))
    points = {x.point_id for x in chosen}
    point = chosen[0].point if len(points) == 1 and chosen else None
    try:
        services.group_create(
            consultation=c,
            by=request.user,
            title=form.cleaned_data["title"],
            comments=chosen,
            point=point,
        )
    except DomainError as e:
        return _comments_page(request, c, {"group": {"__all__": [e.message]}}, 400)
    messages.success(request, f"Đã gộp {len(chosen)} ý kiến thành một nhóm.")
    return redirect("consultations:comments", pk=c.pk)


@require_POST
def group_answer(request: AuthedRequest, pk: int, gid: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk, manage=True)
    group = get_object_or_404(
        CommentGroup.objects.select_related("consultation"), pk=gid, consultation=c
    )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _comments_page(request, c, {f"g{gid}": form.errors}, 400)
    try:
        services.group_answer(group=group, by=request.user, **form.cleaned_data)
    except DomainError as e:
        return _comments_page(request, c, {f"g{gid}": {"__all__": [e.message]}}, 400)
    messages.success(request, "Đã lưu trả lời cho cả nhóm ý kiến.")
    return redirect("consultations:comments", pk=c.pk)


# --- exports ----------------------------------------------------------------------------------


def comments_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every comment with who gave it: for those who manage the consultation only."""
    c = get_consultation_for_user(request, pk, manage=True)
    name = f"y-kien-du-thao-{c.pk}.xlsx"
    return HttpResponse(
        exports.comments_xlsx(c),
        content_type=exports.XLSX_MIME,
        headers={"Content-Disposition": content_disposition_header(True, name)},
    )


def synthesis_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    c = get_consultation_for_user(request, pk)
    if c.status == Status.DRAFT:
        messages.error(request, "Dự thảo chưa đưa ra lấy ý kiến: chưa có báo cáo tổng hợp.")
        return redirect("consultations:detail", pk=c.pk)
    name = f"bao-cao-tong-hop-y-kien-{c.pk}.docx"
    return HttpResponse(
        exports.synthesis_docx(c, by=request.user, today=timezone.localdate()),
        content_type=exports.DOCX_MIME,
        headers={"Content-Disposition": content_disposition_header(True, name)},
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
    path("<int:pk>/y-kien/<int:cid>/an/", comment_hide, name="comment_hide"),
    path("<int:pk>/y-kien/<int:cid>/hien/", comment_show, name="comment_show"),
    path("<int:pk>/y-kien/<int:cid>/tra-loi/", comment_answer, name="comment_answer"),
    path("<int:pk>/y-kien/<int:cid>/nhom/", comment_group, name="comment_group"),
    path("<int:pk>/nhom/", group_create, name="group_create"),
    path("<int:pk>/nhom/<int:gid>/tra-loi/", group_answer, name="group_answer"),
    path("<int:pk>/y-kien.xlsx", comments_xlsx, name="comments_xlsx"),
    path("<int:pk>/bao-cao.docx", synthesis_docx, name="synthesis_docx"),
]
