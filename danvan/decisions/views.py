"""Officers' and village heads' pages for matters villagers decide, under /can-bo/dan-quyet-dinh/.

Every page asks decisions.access first (404 for another commune's record, 403 for a role that
may not act); every write runs one service through core.steps.run_step, which shows its
DomainError on the same form, with what was typed kept, and status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from danvan.core.audit import log_action, written_history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest, download, int_param
from danvan.core.kept_forms import kept_blank
from danvan.core.models import Attachment, Unit, User
from danvan.core.steps import run_step
from danvan.decisions import access, services
from danvan.decisions.exports import decisions_xlsx
from danvan.decisions.forms import (
    DecisionForm,
    HouseholdsForm,
    MeetingForm,
    RecogniseForm,
    RefuseForm,
    SendForm,
    TallyForm,
)
from danvan.decisions.models import CommunityDecision, MatterItem, Tally, VillageHouseholds
from danvan.decisions.record import record_docx
from danvan.lib.officialdoc import DOCX_MIME
from danvan.lib.spreadsheet import XLSX_MIME

Status = CommunityDecision.Status


def _render(request: AuthedRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    context.setdefault("nav_section", "democracy")
    return render(request, f"decisions/{template}", context)


def _commune(request: AuthedRequest, *, write: bool = False) -> Unit:
    return access.commune_for(request, request.GET.get("xa"), write=write)


# --- the list ---------------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    today = timezone.localdate()

    def listed() -> list[CommunityDecision]:
        found = list(
            CommunityDecision.objects.filter(commune=commune)
            .select_related("item")
            .prefetch_related("villages")
            .order_by("-created_at", "-id")[:200]
        )
        for d in found:
            d.late_send = d.send_overdue(today)  # type: ignore[attr-defined]
            d.late_recognise = d.recognise_overdue(today)  # type: ignore[attr-defined]
        return found

    # The same for every reader of the commune on a day: kept until a decision changes in it.
    decisions = kept(
        f"decisions:index|{commune.pk}|{today}", commune.pk, listed, 60, apps=("decisions",)
    )
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
    commune = _commune(request)
    qs = CommunityDecision.objects.filter(commune=commune).select_related("item").order_by("pk")
    name = f"dan-ban-va-quyet-dinh-{timezone.localdate():%Y%m%d}.xlsx"
    return download(decisions_xlsx(qs), XLSX_MIME, name)


# --- a proposal -------------------------------------------------------------------------------


def create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request, write=True)
    form = DecisionForm(request.POST or None, request.FILES or None, commune=commune)
    # Blank, its lists as written and the law's items are kept (core.kept_forms; the items are
    # rules an administrator edits: a minute at most).
    shown = kept_blank(form, "decisions:create", commune.pk)

    def page() -> HttpResponse:
        items = kept(
            "decisions:matter_items",
            commune.pk,
            lambda: list(MatterItem.objects.order_by("number")),
            60,
        )
        return _render(request, "create.html", {"form": shown, "commune": commune, "items": items})

    return run_step(
        request,
        form,
        lambda data: services.decision_create(
            commune=commune,
            item=data["item"],
            title=data["title"],
            content=data["content"],
            scope=data["scope"],
            villages=list(data["villages"]),
            form=data["form"],
            files=data["documents"],
            follows=data["follows"],
            by=request.user,
        ),
        done="Đã lập đề xuất. Bước tiếp theo: triệu tập cuộc họp của thôn.",
        then=lambda d: redirect("decisions:detail", pk=d.pk),
        again=page,
    )


def _detail(
    request: AuthedRequest, d: CommunityDecision, bound: dict[str, Any] | None = None
) -> HttpResponse:
    today = timezone.localdate()
    user = request.user
    bound = bound or {}
    can_send = (
        access.can_send(user, d) and d.status == Status.VOTING and d.outcome != d.Outcome.INCOMPLETE
    )
    can_recognise = d.status == Status.SENT and access.can_recognise(user, d)
    committee_sets_date = services.effect_set_by_committee(d)
    can_refuse = can_recognise and services.needs_recognition(d)
    recognizer = d.item.get_recognizer_display() or "Ủy ban nhân dân xã"
    context = {
        "d": d,
        "kept": _kept_parts(user, d, today, committee_sets_date, recognizer),
        "send_form": bound.get("send")
        or (SendForm(initial={"sent_on": today}) if can_send else None),
        "recognise_form": bound.get("recognise")
        or (_recognise_form(d, None, initial={"recognised_on": today}) if can_recognise else None),
        "refuse_form": bound.get("refuse")
        or (RefuseForm(initial={"refused_on": today}) if can_refuse else None),
        "committee_sets_date": committee_sets_date,
        "late_send": d.send_overdue(today),
        "late_recognise": d.recognise_overdue(today),
        "recognizer": recognizer,
    }
    return _render(request, "detail.html", context)


def _village_rows(user: User, d: CommunityDecision) -> list[dict[str, Any]]:
    """Each village of the decision with its meeting, tally and what the user may do there."""
    # The villages come from d.villages below: a meeting's own is not joined again.
    meetings = {m.village_id: m for m in d.meetings.select_related("tally")}
    officer = access.is_officer(user, d.commune_id)
    rows = []
    for v in d.villages.order_by("name"):
        m = meetings.get(v.pk)
        rows.append(
            {
                "village": v,
                "meeting": m,
                "tally": getattr(m, "tally", None) if m else None,
                "can_tally": bool(m and access.can_enter_tally(user, m)),
                "can_schedule": officer or access.heads_village(user, v.pk),
            }
        )
    return rows


def _kept_parts(
    user: User, d: CommunityDecision, today: date, committee_sets_date: bool, recognizer: str
) -> dict[str, SafeString]:
    """The decision's facts, documents, villages and history as written: the same for whoever
    reads it with the same rights (a leader, an officer, the head of some of its villages),
    kept until a record of its commune changes (every write of the decision, its meetings,
    tallies and files logs an entry), a minute at most (its matter's rule is the operator's)."""
    scope = (
        f"{int(access.can_manage(user, d.commune_id))}{int(access.is_officer(user, d.commune_id))}"
        f"|{','.join(map(str, sorted(access.headed_villages(user, d.commune_id))))}"
    )

    def write() -> dict[str, str]:
        ct = ContentType.objects.get_for_model(CommunityDecision)
        context = {
            "d": d,
            "rows": _village_rows(user, d),
            "open_voting": d.status in (Status.DRAFT, Status.VOTING),
            "attachments": list(
                Attachment.objects.filter(owner_type=ct, owner_id=d.pk).order_by("pk")
            ),
            "committee_sets_date": committee_sets_date,
            "recognizer": recognizer,
            "history": written_history(d, 50),
        }
        return {
            name: render_to_string(f"decisions/_{name}.html", context)
            for name in ("facts", "rows", "history")
        }

    key = f"decisions:detail|{d.pk}|{scope}|{today.isoformat()}"
    parts = kept(key, d.commune_id, write, seconds=60)
    return {name: mark_safe(html) for name, html in parts.items()}  # written by the engine


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, access.get_decision_for_user(request, pk))


def _recognise_form(d: CommunityDecision, data: Any, **kwargs: Any) -> RecogniseForm:
    return RecogniseForm(data, effective_date=services.effect_set_by_committee(d), **kwargs)


def _record_step(
    key: str,
    may: Callable[[User, CommunityDecision], bool],
    make_form: Callable[[CommunityDecision, Any], forms.Form],
    action: Callable[..., CommunityDecision],
    done: str | Callable[[CommunityDecision], str],
) -> Callable[[AuthedRequest, int], HttpResponse]:
    """The view of a step on the record, from a form on the decision's page (shown again there
    with the form under `key` when refused, the decision read afresh: the refused service may
    have changed it in memory)."""

    @require_POST
    def step(request: AuthedRequest, pk: int) -> HttpResponse:
        d = access.get_decision_for_user(request, pk)
        if not may(request.user, d):
            raise PermissionDenied
        form = make_form(d, request.POST)
        return run_step(
            request,
            form,
            lambda data: action(decision=d, by=request.user, **data),
            done=done,
            then=lambda saved: redirect("decisions:detail", pk=saved.pk),
            again=lambda: _detail(request, access.get_decision_for_user(request, pk), {key: form}),
        )

    return step


def _sent_done(d: CommunityDecision) -> str:
    if d.status == Status.IN_EFFECT:
        return (
            "Đã ghi nhận việc gửi biên bản. Quyết định có hiệu lực từ ngày biểu quyết "
            f"{d.effective_on:%d/%m/%Y}, không cần công nhận; trang công khai đã hiển thị."
        )
    return "Đã ghi nhận việc gửi biên bản."


def _recognised_done(d: CommunityDecision) -> str:
    if d.status == Status.IN_EFFECT:
        return (
            f"Đã ghi quyết định của Ủy ban nhân dân xã: có hiệu lực từ ngày "
            f"{d.effective_on:%d/%m/%Y}; trang công khai đã hiển thị."
        )
    return "Đã công nhận quyết định; trang công khai đã hiển thị."


send = _record_step(
    "send", access.can_send, lambda d, data: SendForm(data), services.record_send, _sent_done
)
recognise = _record_step(
    "recognise",
    access.can_recognise,
    _recognise_form,
    services.decision_recognise,
    _recognised_done,
)
refuse = _record_step(
    "refuse",
    access.can_recognise,
    lambda d, data: RefuseForm(data),
    services.decision_refuse,
    "Đã ghi văn bản trả lời không công nhận, kèm lý do.",
)


@require_POST
def record(request: AuthedRequest, pk: int) -> HttpResponse:
    """The record as .docx, by POST (its making is logged: nothing that writes answers a GET)."""
    d = access.get_decision_for_user(request, pk)
    content = record_docx(d, today=timezone.localdate())
    log_action(d, "decisions.record_generated", by=request.user)
    return download(content, DOCX_MIME, f"bien-ban-dan-quyet-dinh-{d.pk}.docx")


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
    online = d.form == CommunityDecision.Form.ONLINE
    initial: dict[str, Any] = {"notice_on": timezone.localdate()}
    if (wanted := int_param(request.GET.get("thon"))) is not None:
        initial["village"] = wanted
    form = MeetingForm(
        request.POST or None, villages=villages, ballot=ballot, online=online, initial=initial
    )

    def page() -> HttpResponse:
        return _render(
            request, "meeting.html", {"d": d, "form": form, "ballot": ballot, "online": online}
        )

    return run_step(
        request,
        form,
        lambda data: services.meeting_create(decision=d, by=user, **data),
        done=lambda m: f"Đã triệu tập cuộc họp của {m.village}.",
        then=lambda m: redirect("decisions:detail", pk=d.pk),
        again=page,
    )


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

    def page() -> HttpResponse:
        ct = ContentType.objects.get_for_model(Tally)
        context = {
            "d": d,
            "meeting": meeting,
            "form": form,
            "current": current,
            "counted": VillageHouseholds.objects.in_force_on(meeting.village_id, meeting.vote_day),
            "minutes": Attachment.objects.filter(owner_type=ct, owner_id=current.pk)
            if current
            else [],
            "history": written_history(current, 20) if current else [],
        }
        return _render(request, "tally.html", context)

    return run_step(
        request,
        form,
        lambda data: services.tally_save(meeting=meeting, by=request.user, **data),
        done=lambda saved: f"Đã lưu kết quả {meeting.village}: {saved.explanation}.",
        then=lambda saved: redirect("decisions:detail", pk=d.pk),
        again=page,
    )


# --- households -------------------------------------------------------------------------------


def households(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    can_edit = access.is_officer(request.user, commune.pk)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    today = timezone.localdate()
    form = (
        HouseholdsForm(request.POST or None, commune=commune, initial={"as_of": today})
        if can_edit
        else None
    )
    # Blank, its villages as written are kept (core.kept_forms).
    shown = kept_blank(form, f"decisions:households|{today}", commune.pk) if form else None

    def page() -> HttpResponse:
        table = kept(
            "decisions:households",
            commune.pk,
            lambda: _households(commune),
            60,
            apps=("decisions",),
        )
        return _render(
            request, "households.html", {"commune": commune, "table": table, "form": shown}
        )

    if form is None:
        return page()
    return run_step(
        request,
        form,
        lambda data: services.households_set(commune=commune, by=request.user, **data),
        done=lambda row: f"Đã cập nhật số hộ của {row.village}.",
        then=lambda row: redirect(f"{request.path}?xa={commune.pk}"),
        again=page,
    )


def _households(commune: Unit) -> list[dict[str, Any]]:
    """Each village with the households it counted, from one date on each."""
    villages = Unit.objects.filter(commune=commune, kind=Unit.Kind.VILLAGE).order_by("name")
    rows = VillageHouseholds.objects.filter(commune=commune).select_related("village")
    history_by: dict[int, list[VillageHouseholds]] = {}
    for r in rows:
        history_by.setdefault(r.village_id, []).append(r)
    return [{"village": v, "counts": history_by.get(v.pk, [])} for v in villages]


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("xuat-excel/", export_xlsx, name="export"),
    path("de-xuat-moi/", create, name="create"),
    path("ho-gia-dinh/", households, name="households"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/trieu-tap/", meeting_create, name="meeting_create"),
    path("<int:pk>/gui-bien-ban/", send, name="send"),
    path("<int:pk>/cong-nhan/", recognise, name="recognise"),
    path("<int:pk>/khong-cong-nhan/", refuse, name="refuse"),
    path("<int:pk>/bien-ban.docx", record, name="record"),
    path("cuoc-hop/<int:pk>/ket-qua/", tally, name="tally"),
]
