"""Officers' pages of public opinion, under /can-bo/du-luan/.

Every view asks opinion.access (or core.access.commune_for) first: 404 for another commune's
note, 403 for what the role does not allow. Every write runs through core.steps: one service,
its DomainError on the same form with what was typed kept, and status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for, get_access
from danvan.core.audit import history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest
from danvan.core.kept_forms import Offers, kept_blank, step_forms
from danvan.core.models import Unit
from danvan.core.steps import run_action, run_step
from danvan.opinion import exports, selectors, services
from danvan.opinion.access import (
    choices_scope,
    edits_note,
    get_note_for_user,
    notes,
    readable_notes,
    reads_all,
)
from danvan.opinion.forms import HandleForm, HotspotForm, LinkForm, NoteForm
from danvan.opinion.models import OpinionNote, OpinionTopic
from danvan.petitions.access import sees

Urgency = OpinionNote.Urgency


def _commune(request: HttpRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _reader(request: AuthedRequest) -> Unit:
    commune = _commune(request)
    if not notes(request.user, commune.pk):
        raise PermissionDenied
    return commune


def _manager(request: AuthedRequest) -> Unit:
    commune = _commune(request)
    if not reads_all(request.user, commune.pk):
        raise PermissionDenied
    return commune


def _index_url(commune_id: int) -> str:
    return f"{reverse('opinion:index')}?xa={commune_id}"


def _form_page(
    request: HttpRequest, template: str, form: Any, **context: Any
) -> Callable[[], HttpResponse]:
    return lambda: render(request, template, {"form": form, **context})


# --- the list -------------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    """The notes the user reads, newest first, filtered; urgent ones flagged."""
    commune = _reader(request)
    user = request.user
    today = timezone.localdate()
    f = selectors.Filters.read(request.GET)
    query = f.query(xa=commune.pk)
    asked = request.GET.get("page")

    def write() -> str:
        qs = selectors.filtered(readable_notes(user, commune.pk), f)
        return render_to_string(
            "opinion/_index_rows.html",
            {
                "commune": commune,
                "page": selectors.page_of(qs, asked, today),
                "f": f,
                "query": query,
                "topics": OpinionTopic.objects.all(),
                "villages": selectors.villages_of(commune.pk),
                "urgencies": Urgency.choices,
                "trends": OpinionNote.Trend.choices,
                "statuses": OpinionNote.Status.choices,
            },
        )

    # The notes the reader sees (a village head: his village's), kept for her until a record
    # of the opinion notes (or of core) changes, or the day turns (late notes).
    listed = kept(
        f"opinion:index|{user.pk}|{query}|{asked}|{today}", commune.pk, write, 60, apps=("opinion",)
    )
    return render(
        request,
        "opinion/index.html",
        {
            "commune": commune,
            "listed": mark_safe(listed),  # written by the engine, which escapes
            "f": f,
            "query": query,
            "month": f"{today:%Y-%m}",
            "reads_all": reads_all(user, commune.pk),
        },
    )


def list_xlsx(request: AuthedRequest) -> HttpResponse:
    commune = _reader(request)
    today = timezone.localdate()
    f = selectors.Filters.read(request.GET)
    qs = selectors.filtered(readable_notes(request.user, commune.pk), f)
    scope = f"tháng {f.span[0]:%m/%Y}" if f.span else "tất cả các tháng"
    return exports.list_xlsx(commune, selectors.export_rows(qs, today), scope, today)


# --- one note -------------------------------------------------------------------------------


def note_create(request: AuthedRequest) -> HttpResponse:
    commune = _reader(request)
    form = NoteForm(
        request.POST or None,
        user=request.user,
        commune=commune,
        initial={"noted_on": timezone.localdate(), "urgency": Urgency.NORMAL},
    )
    return run_step(
        request,
        form,
        lambda data: services.note_create(commune=commune, by=request.user, **data),
        done="Đã ghi tin dư luận.",
        then=lambda note: redirect("opinion:detail", pk=note.pk),
        again=_form_page(
            request,
            "opinion/note_form.html",
            kept_blank(
                form,
                f"opinion:create|{choices_scope(request.user, commune.pk)}|{timezone.localdate()}",
                commune.pk,
            ),
            commune=commune,
            back=_index_url(commune.pk),
        ),
    )


def note_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    note = get_note_for_user(request, pk, edit=True)
    initial = {name: getattr(note, name) for name in services.EDITABLE}
    form = NoteForm(request.POST or None, user=request.user, commune=note.commune, initial=initial)
    return run_step(
        request,
        form,
        lambda data: services.note_update(note=note, by=request.user, **data),
        done="Đã lưu tin dư luận.",
        then=lambda _: redirect("opinion:detail", pk=note.pk),
        again=_form_page(
            request,
            "opinion/note_form.html",
            form,
            commune=note.commune,
            note=note,
            back=reverse("opinion:detail", args=[note.pk]),
        ),
    )


def _note_page(request: AuthedRequest, note: OpinionNote, **bound: Any) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    manages = reads_all(user, note.commune_id)
    # The next steps' forms, blank ones kept as written (core.kept_forms.step_forms).
    offers: Offers = {}
    if manages:
        offers["link_form"] = (bound.get("link_form"), lambda: LinkForm(prefix="don"))
        if note.village_id:
            # Offered: the petition topic its own topic matches, until one is chosen.
            topic = note.hotspot_topic or note.topic.petition_topic
            offers["hotspot_form"] = (
                bound.get("hotspot_form"),
                lambda: HotspotForm(prefix="dn", initial={"hotspot_topic": topic}),
            )
        if not note.handled:
            offers["handle_form"] = (
                bound.get("handle_form"),
                lambda: HandleForm(prefix="xl", initial={"handled_on": today}),
            )
    key = f"opinion:note|{note.pk}|{today.isoformat()}"
    forms = {**bound, **step_forms(key, note.commune_id, offers)}
    parts = _note_parts(note, today)
    # A linked petition: its code, and its page only for who may open it (petitions.access).
    linked = [{"pk": p.pk, "code": p.code, "opens": sees(user, p)} for p in parts.pop("petitions")]
    return render(
        request,
        "opinion/note_detail.html",
        {
            "note": note,
            "linked": linked,
            "sees_hotspots": note.commune_id in get_access(user).reception_communes,
            "edits": edits_note(user, note),
            "manages": manages,
            "late": bool(not note.handled and note.due_on and note.due_on < today),
            "has_errors": any(getattr(f, "errors", None) for f in bound.values() if f),
            **parts,
            **forms,
        },
    )


def _note_parts(note: OpinionNote, today: date) -> dict[str, Any]:
    """What the page shows alike to every reader, kept until a record of the commune changes
    (core.cache.kept): the hotspot the note points at, with the petition book's counts of the
    day (a count over the commune's petitions), the petitions linked to it (who may open each
    is the reader's own) and the note's history as written."""

    def write() -> dict[str, Any]:
        found = (
            selectors.linked_hotspots(
                OpinionNote.objects.filter(pk=note.pk), note.commune_id, today
            )
            if note.hotspot_topic and note.village_id
            else []
        )
        written = render_to_string("opinion/_history.html", {"history": history(note)[:30]})
        petitions = note.petitions.order_by("year", "number").only(
            "pk", "year", "number", "commune_id", "handler_id", "handling_unit_id"
        )
        return {
            "hotspot": found[0] if found else None,
            "petitions": list(petitions),
            "history_html": written,
        }

    parts: dict[str, Any] = kept(
        f"opinion:note_parts|{note.pk}|{today}", note.commune_id, write, 60
    )
    return {**parts, "history_html": mark_safe(parts["history_html"])}  # written by the engine


def note_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _note_page(request, get_note_for_user(request, pk))


def _note_step(
    request: AuthedRequest,
    pk: int,
    *,
    form_class: type,
    prefix: str,
    name: str,
    action: Callable[..., OpinionNote],
    done: str,
) -> HttpResponse:
    note = get_note_for_user(request, pk, manage=True)
    form = form_class(request.POST, prefix=prefix)
    return run_step(
        request,
        form,
        lambda data: action(note=note, by=request.user, **data),
        done=done,
        then=lambda _: redirect("opinion:detail", pk=note.pk),
        again=lambda: _note_page(request, note, **{name: form}),
    )


@require_POST
def note_link(request: AuthedRequest, pk: int) -> HttpResponse:
    return _note_step(
        request,
        pk,
        form_class=LinkForm,
        prefix="don",
        name="link_form",
        action=services.note_link_petition,
        done="Đã liên kết tin với đơn thư.",
    )


@require_POST
def note_unlink(request: AuthedRequest, pk: int, petition: int) -> HttpResponse:
    note = get_note_for_user(request, pk, manage=True)
    found = get_object_or_404(note.petitions.all(), pk=petition)
    return run_action(
        request,
        lambda: services.note_unlink_petition(note=note, by=request.user, petition=found),
        done=f"Đã bỏ liên kết với đơn số {found.code}.",
        then=lambda: redirect("opinion:detail", pk=note.pk),
    )


@require_POST
def note_hotspot(request: AuthedRequest, pk: int) -> HttpResponse:
    return _note_step(
        request,
        pk,
        form_class=HotspotForm,
        prefix="dn",
        name="hotspot_form",
        action=services.note_link_hotspot,
        done="Đã lưu điểm nóng đơn thư của tin.",
    )


@require_POST
def note_handle(request: AuthedRequest, pk: int) -> HttpResponse:
    return _note_step(
        request,
        pk,
        form_class=HandleForm,
        prefix="xl",
        name="handle_form",
        action=services.note_handle,
        done="Đã ghi kết quả xử lý.",
    )


# --- the month ------------------------------------------------------------------------------


def _month(request: AuthedRequest) -> tuple[Unit, dict[str, Any]]:
    commune = _manager(request)
    today = timezone.localdate()
    span = selectors.parse_month(request.GET.get("thang"))
    start, end = span or selectors.parse_month(f"{today:%Y-%m}")  # type: ignore[misc]
    # The same for every leader of the commune on a day; its hotspots count petitions.
    summary = kept(
        f"opinion:month|{start}|{end}|{today}",
        commune.pk,
        lambda: selectors.month_summary(commune.pk, start, end, today),
        60,
        apps=("opinion", "petitions"),
    )
    return commune, summary


def month(request: AuthedRequest) -> HttpResponse:
    """The month's summary for the leaders: counts by topic × trend, urgency and village, the
    urgent and rising notes, the hotspots they point at."""
    commune, summary = _month(request)
    asked = request.GET.get("thang")
    return render(
        request,
        "opinion/month.html",
        {
            "commune": commune,
            "s": summary,
            "thang": f"{summary['start']:%Y-%m}",
            "bad_month": bool(asked) and selectors.parse_month(asked) is None,
            "sees_hotspots": commune.pk in get_access(request.user).reception_communes,
        },
    )


def month_docx(request: AuthedRequest) -> HttpResponse:
    commune, summary = _month(request)
    return exports.month_docx(commune, summary, timezone.localdate())


def month_xlsx(request: AuthedRequest) -> HttpResponse:
    commune, summary = _month(request)
    return exports.month_xlsx(commune, summary, timezone.localdate())


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("danh-sach.xlsx", list_xlsx, name="export"),
    path("ghi/", note_create, name="create"),
    path("<int:pk>/", note_detail, name="detail"),
    path("<int:pk>/sua/", note_edit, name="edit"),
    path("<int:pk>/don-thu/", note_link, name="link"),
    path("<int:pk>/don-thu/<int:petition>/bo/", note_unlink, name="unlink"),
    path("<int:pk>/diem-nong/", note_hotspot, name="hotspot"),
    path("<int:pk>/xu-ly/", note_handle, name="handle"),
    path("thang/", month, name="month"),
    path("thang/bao-cao.docx", month_docx, name="month_docx"),
    path("thang/tong-hop.xlsx", month_xlsx, name="month_xlsx"),
]
