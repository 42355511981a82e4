"""Officers' and village heads' pages for matters villagers decide, under /can-bo/dan-quyet-dinh/.

Every page asks decisions.access first (404 for another commune's record, 403 for a role that
may not act); every write calls one service and shows its DomainError on the same form, with
what was typed kept, and status 400.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from danvan.core.audit import history, log_action
from danvan.core.errors import DomainError
from danvan.core.http import AuthedRequest
from danvan.core.models import Attachment, Unit
from danvan.decisions import access, services
from danvan.decisions.exports import XLSX_MIME, decisions_xlsx
from danvan.decisions.forms import (
    DecisionForm,
    HouseholdsForm,
    MeetingForm,
    RecogniseForm,
    SendForm,
    TallyForm,
)
from danvan.decisions.models import CommunityDecision, Tally, VillageHouseholds
from danvan.decisions.record import record_docx

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Status = CommunityDecision.Status


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except (ValueError, OverflowError):
        return None


def _message(e: DomainError | ValidationError) -> str:
    return e.message if isinstance(e, DomainError) else "; ".join(e.messages)


def _render(
    request: AuthedRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context.setdefault("nav_section", "democracy")
    return render(request, f"decisions/{template}", context, status=status)


# --- the list ---------------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    commune = access.commune_for(request, _int(request.GET.get("xa")), write=False)
    today = timezone.localdate()
    decisions = list(
        CommunityDecision.objects.filter(commune=commune)
        .select_related("item")
        .prefetch_related("villages")
        .order_by("-created_at", "-id")[:200]
    )
    for d in decisions:
        d.late_send = d.send_overdue(today)  # type: ignore[attr-defined]
        d.late_recognise = d.recognise_overdue(today)  # type: ignore[attr-defined]
    return _render(
        request,
        "index.html",
        {
            "commune": commune,
            "decisions": decisions,
            "late": [d for d in decisions if d.late_send or d.late_recognise],  # type: ignore[attr-defined]
            "can_create": access.is_officer(request.user, commune.pk),
            "today": today,
        },
    )


def export_xlsx(request: AuthedRequest) -> HttpResponse:
    commune = access.commune_for(request, _int(request.GET.get("xa")), write=False)
    qs = CommunityDecision.objects.filter(commune=commune).select_related("item").order_by("pk")
    response = HttpResponse(decisions_xlsx(qs), content_type=XLSX_MIME)
    response["Content-Disposition"] = content_disposition_header(  # type: ignore[assignment]
        True, f"dan-ban-va-quyet-dinh-{timezone.localdate():%Y%m%d}.xlsx"
    )
    return response


# --- a proposal -------------------------------------------------------------------------------


def create(request: AuthedRequest) -> HttpResponse:
    commune = access.commune_for(request, _int(request.GET.get("xa")), write=True)
    form = DecisionForm(request.POST or None, request.FILES or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            d = services.decision_create(
                commune=commune,
                item=data["item"],
                title=data["title"],
                content=data["content"],
                scope=data["scope"],
                villages=list(data["villages"]),
                form=data["form"],
                files=data["documents"],
                by=request.user,
            )
        except (DomainError, ValidationError) as e:
            form.add_error(None, _message(e))
        else:
            messages.success(
                request, "Đã lập đề xuất. Bước tiếp theo: triệu tập cuộc họp của thôn."
            )
            return redirect("decisions:detail", pk=d.pk)
    status = 400 if request.method == "POST" else 200
    return _render(request, "create.html", {"form": form, "commune": commune}, status)


def _detail(
    request: AuthedRequest,
    d: CommunityDecision,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    user = request.user
    meetings = {m.village_id: m for m in d.meetings.select_related("village", "tally")}
    rows = []
    for v in d.villages.order_by("name"):
        m = meetings.get(v.pk)
        rows.append(
            {
                "village": v,
                "meeting": m,
                "tally": getattr(m, "tally", None) if m else None,
                "can_tally": bool(m and access.can_enter_tally(user, m)),
                "can_schedule": access.is_officer(user, d.commune_id)
                or access.heads_village(user, v.pk),
            }
        )
    officer = access.is_officer(user, d.commune_id)
    bound = bound or {}
    can_send = officer and d.status == Status.VOTING and d.outcome != d.Outcome.INCOMPLETE
    can_recognise = d.status == Status.SENT and access.can_recognise(user, d)
    ct = ContentType.objects.get_for_model(CommunityDecision)
    context = {
        "d": d,
        "rows": rows,
        "open_voting": d.status in (Status.DRAFT, Status.VOTING),
        "attachments": Attachment.objects.filter(owner_type=ct, owner_id=d.pk).order_by("pk"),
        "send_form": bound.get("send")
        or (SendForm(initial={"sent_on": today}) if can_send else None),
        "recognise_form": bound.get("recognise")
        or (RecogniseForm(initial={"recognised_on": today}) if can_recognise else None),
        "late_send": d.send_overdue(today),
        "late_recognise": d.recognise_overdue(today),
        "history": history(d)[:50],
        "recognizer": d.item.get_recognizer_display(),
    }
    return _render(request, "detail.html", context, status)


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, access.get_decision_for_user(request, pk))


@require_POST
def send(request: AuthedRequest, pk: int) -> HttpResponse:
    d = access.get_decision_for_user(request, pk)
    if not access.is_officer(request.user, d.commune_id):
        raise PermissionDenied
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            d = services.record_send(
                decision=d, sent_on=form.cleaned_data["sent_on"], by=request.user
            )
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "Đã ghi nhận việc gửi biên bản.")
            return redirect("decisions:detail", pk=d.pk)
    d = access.get_decision_for_user(request, pk)
    return _detail(request, d, {"send": form}, status=400)


@require_POST
def recognise(request: AuthedRequest, pk: int) -> HttpResponse:
    d = access.get_decision_for_user(request, pk)
    if not access.can_recognise(request.user, d):
        raise PermissionDenied
    form = RecogniseForm(request.POST)
    if form.is_valid():
        try:
            d = services.decision_recognise(
                decision=d,
                recognised_on=form.cleaned_data["recognised_on"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "Đã công nhận quyết định; trang công khai đã hiển thị.")
            return redirect("decisions:detail", pk=d.pk)
    d = access.get_decision_for_user(request, pk)
    return _detail(request, d, {"recognise": form}, status=400)


def record(request: AuthedRequest, pk: int) -> HttpResponse:
    d = access.get_decision_for_user(request, pk)
    today = timezone.localdate()
    content = record_docx(d, today=today)
    log_action(d, "decisions.record_generated", by=request.user)
    response = HttpResponse(content, content_type=DOCX_MIME)
    response["Content-Disposition"] = content_disposition_header(  # type: ignore[assignment]
        True, f"bien-ban-dan-quyet-dinh-{d.pk}.docx"
    )
    return response


# --- meetings and tallies ---------------------------------------------------------------------


def meeting_create(request: AuthedRequest, pk: int) -> HttpResponse:
    d = access.get_decision_for_user(request, pk)
    user = request.user
    villages = d.villages.order_by("name")
    if not access.is_officer(user, d.commune_id):
        villages = villages.filter(pk__in=access.headed_villages(user, d.commune_id))
    if not villages.exists():
        raise PermissionDenied
    ballot = d.form != CommunityDecision.Form.MEETING
    initial: dict[str, Any] = {"notice_on": timezone.localdate()}
    if (wanted := _int(request.GET.get("thon"))) is not None:
        initial["village"] = wanted
    form = MeetingForm(request.POST or None, villages=villages, ballot=ballot, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_create(
                decision=d,
                village=data["village"],
                held_on=data["held_on"],
                ballot_until=data.get("ballot_until"),
                place=data["place"],
                notice_on=data["notice_on"],
                convened_by=data["convened_by"],
                by=user,
            )
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"Đã triệu tập cuộc họp của {data['village']}.")
            return redirect("decisions:detail", pk=d.pk)
    status = 400 if request.method == "POST" else 200
    return _render(request, "meeting.html", {"d": d, "form": form, "ballot": ballot}, status)


def tally(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request, pk, tally=True)
    d = meeting.decision
    current: Tally | None = Tally.objects.filter(meeting=meeting).first()
    initial = (
        {k: getattr(current, k) for k in ("present", "agree", "disagree", "invalid")}
        if current
        else {}
    )
    form = TallyForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.tally_save(
                meeting=meeting,
                present=data["present"],
                agree=data["agree"],
                disagree=data["disagree"],
                invalid=data["invalid"],
                minutes=data["minutes"],
                by=request.user,
            )
        except (DomainError, ValidationError) as e:
            form.add_error(None, _message(e))
        else:
            messages.success(request, f"Đã lưu kết quả {meeting.village}: {saved.explanation}.")
            return redirect("decisions:detail", pk=d.pk)
    counted = VillageHouseholds.objects.in_force_on(meeting.village_id, meeting.vote_day)
    ct = ContentType.objects.get_for_model(Tally)
    context = {
        "d": d,
        "meeting": meeting,
        "form": form,
        "current": current,
        "counted": counted,
        "minutes": Attachment.objects.filter(owner_type=ct, owner_id=current.pk) if current else [],
        "history": history(current)[:20] if current else [],
    }
    status = 400 if request.method == "POST" else 200
    return _render(request, "tally.html", context, status)


# --- households -------------------------------------------------------------------------------


def households(request: AuthedRequest) -> HttpResponse:
    commune = access.commune_for(request, _int(request.GET.get("xa")), write=False)
    can_edit = access.is_officer(request.user, commune.pk)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = (
        HouseholdsForm(
            request.POST or None, commune=commune, initial={"as_of": timezone.localdate()}
        )
        if can_edit
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.households_set(commune=commune, by=request.user, **data)
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"Đã cập nhật số hộ của {data['village']}.")
            return redirect(f"{request.path}?xa={commune.pk}")
    villages = Unit.objects.filter(commune=commune, kind=Unit.Kind.VILLAGE).order_by("name")
    rows = VillageHouseholds.objects.filter(commune=commune).select_related("village")
    history_by: dict[int, list[VillageHouseholds]] = {}
    for r in rows:
        history_by.setdefault(r.village_id, []).append(r)
    table = [{"village": v, "counts": history_by.get(v.pk, [])} for v in villages]
    status = 400 if request.method == "POST" else 200
    return _render(
        request,
        "households.html",
        {"commune": commune, "table": table, "form": form},
        status,
    )


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("xuat-excel/", export_xlsx, name="export"),
    path("de-xuat-moi/", create, name="create"),
    path("ho-gia-dinh/", households, name="households"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/trieu-tap/", meeting_create, name="meeting_create"),
    path("<int:pk>/gui-bien-ban/", send, name="send"),
    path("<int:pk>/cong-nhan/", recognise, name="recognise"),
    path("<int:pk>/bien-ban.docx", record, name="record"),
    path("cuoc-hop/<int:pk>/ket-qua/", tally, name="tally"),
]
