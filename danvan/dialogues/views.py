"""Officers' pages of dialogues, under /can-bo/doi-thoai/.

Every view asks dialogues.access (or core.access.commune_for) first: 404 for another commune's
record, 403 for an action the role does not allow. Every write runs through core.steps: one
service, its DomainError on the same form with what was typed kept, and status 400.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for
from danvan.core.audit import log_action, written_history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest, download, int_param
from danvan.core.kept_forms import Offers, kept_blank, step_forms
from danvan.core.models import Unit
from danvan.core.steps import run_step
from danvan.dialogues import services
from danvan.dialogues.access import (
    can_prepare,
    can_publish,
    can_record,
    get_dialogue_for_user,
)
from danvan.dialogues.exports import minutes_docx
from danvan.dialogues.forms import (
    AnnounceForm,
    AttendanceForm,
    CommitmentForm,
    DialogueForm,
    PublishForm,
    QuestionForm,
    dialogue_initial,
)
from danvan.dialogues.models import Dialogue, promise_status
from danvan.lib.officialdoc import DOCX_MIME

Status = Dialogue.Status


def _commune(request: AuthedRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _year(request: AuthedRequest) -> int:
    year = int_param(request.GET.get("nam"))
    return year if year and 2000 <= year <= 2100 else timezone.localdate().year


def _index_rows(commune: Unit, year: int) -> tuple[list[Dialogue], Dialogue | None]:
    dialogues = list(
        Dialogue.objects.filter(commune=commune, held_on__year=year)
        .select_related("co_organiser")
        .annotate(n_questions=Count("questions", distinct=True))
        .annotate(n_commitments=Count("commitments", distinct=True))
        .order_by("-held_on", "-id")
    )
    for d in dialogues:
        d.notice_late = bool(services.notice_warning(d))  # type: ignore[attr-defined]
    return dialogues, services.yearly_held(commune.pk, year)


def index(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    year = _year(request)
    today = timezone.localdate()
    # The year's dialogues and the yearly one's count, the same for every reader on a day:
    # kept until a record of the dialogues (or of core) changes.
    dialogues, yearly = kept(
        f"dialogues:index|{year}|{today}",
        commune.pk,
        lambda: _index_rows(commune, year),
        60,
        apps=("dialogues",),
    )
    planned = next((d for d in dialogues if d.kind == Dialogue.Kind.YEARLY and not d.is_held), None)
    return render(
        request,
        "dialogues/index.html",
        {
            "commune": commune,
            "year": year,
            "years": range(today.year + 1, today.year - 5, -1),
            "dialogues": dialogues,
            "yearly": yearly,
            "yearly_planned": planned,
            "yearly_source": services.YEARLY_SOURCE,
            "can_prepare": can_prepare(request.user, commune.pk),
        },
    )


def create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not can_prepare(request.user, commune.pk):
        raise PermissionDenied
    form = DialogueForm(request.POST or None, commune=commune)
    # Blank, its lists of villages and units as written are kept (core.kept_forms).
    shown = kept_blank(form, "dialogues:create", commune.pk)
    back = f"{reverse('dialogues:index')}?xa={commune.pk}"
    return run_step(
        request,
        form,
        lambda data: services.dialogue_create(commune=commune, by=request.user, **data),
        done=lambda d: f"Đã tạo {d.title}.",
        then=lambda d: redirect("dialogues:detail", pk=d.pk),
        again=lambda: render(
            request,
            "dialogues/dialogue_form.html",
            {
                "form": shown,
                "commune": commune,
                "back": back,
                "heading": "Chuẩn bị hội nghị đối thoại",
            },
        ),
    )


def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    d = get_dialogue_for_user(request, pk, need="prepare")
    form = DialogueForm(request.POST or None, commune=d.commune, initial=dialogue_initial(d))
    return run_step(
        request,
        form,
        lambda data: services.dialogue_update(dialogue=d, by=request.user, **data),
        done="Đã lưu thông tin hội nghị.",
        then=lambda _: redirect("dialogues:detail", pk=d.pk),
        again=lambda: render(
            request,
            "dialogues/dialogue_form.html",
            {
                "form": form,
                "commune": d.commune,
                "back": reverse("dialogues:detail", args=[d.pk]),
                "heading": f"Sửa: {d.title}",
            },
        ),
    )


def _page(request: AuthedRequest, d: Dialogue, **forms: Any) -> HttpResponse:
    user = request.user
    preparer = can_prepare(user, d.commune_id)  # type: ignore[arg-type]
    recorder = can_record(user, d)
    publisher = can_publish(user, d.commune_id)  # type: ignore[arg-type]
    today = timezone.localdate()
    # The next steps' forms, blank ones kept as written (core.kept_forms.step_forms).
    offers: Offers = {}
    if d.status == Status.DRAFT and preparer:
        offers["announce_form"] = (
            forms.get("announce"),
            lambda: AnnounceForm(prefix="tb", initial={"notice_on": today, "invited": d.invited}),
        )
    if d.status in (Status.ANNOUNCED, Status.HELD) and recorder and d.held_on <= today:
        offers["attendance_form"] = (
            forms.get("attendance"),
            lambda: AttendanceForm(
                prefix="dd",
                dialogue=d,
                initial={
                    "attendance_total": d.attendance_total,
                    "officials_present": d.officials_present,
                    **{f"thon_{c.village_id}": c.people for c in d.village_counts.all()},
                },
            ),
        )
    if d.status == Status.HELD:
        if recorder:
            offers["question_form"] = (
                forms.get("question"),
                lambda: QuestionForm(prefix="yk", dialogue=d),
            )
        if preparer:
            offers["commitment_form"] = (
                forms.get("commitment"),
                lambda: CommitmentForm(prefix="ck", dialogue=d),
            )
        if publisher:
            offers["publish_form"] = (
                forms.get("publish"),
                lambda: PublishForm(
                    prefix="cb", initial={"published_on": today, "summary": d.summary}
                ),
            )
    shown = step_forms(f"dialogues:dialogue|{d.pk}|{today.isoformat()}", d.commune_id, offers)
    due = services.results_due(d)
    latest = services.latest_notice_day(d) if d.status == Status.DRAFT else None
    return render(
        request,
        "dialogues/detail.html",
        {
            "d": d,
            # What the dialogue holds, the same for every reader on a day: kept until a record
            # of the dialogues, of a promise or of a petition (a question's) changes.
            **kept(
                f"dialogues:dialogue_rows|{d.pk}|{today}",
                d.commune_id,
                lambda: _rows(d, today),
                60,
                apps=("dialogues", "promises", "petitions"),
            ),
            "notice_warning": services.notice_warning(d),
            "latest_notice": latest,
            "notice_late_now": latest is not None and latest < today,
            "results_due": due,
            "results_late": due is not None and d.status == Status.HELD and due[0] < today,
            "can_prepare": preparer,
            "can_record": recorder,
            "history": written_history(d, 30),
            **shown,
        },
    )


def _rows(d: Dialogue, today: date) -> dict[str, list[Any]]:
    commitments = list(d.commitments.select_related("owner_unit", "question", "promise"))
    for c in commitments:
        c.status_css, c.status_label = promise_status(c, today)  # type: ignore[attr-defined]
    return {
        "questions": list(d.questions.select_related("village", "petition")),
        "commitments": commitments,
        "village_counts": list(d.village_counts.select_related("village")),
        "villages": list(d.villages.all()),
    }


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _page(request, get_dialogue_for_user(request, pk))


@require_POST
def announce(request: AuthedRequest, pk: int) -> HttpResponse:
    d = get_dialogue_for_user(request, pk, need="prepare")
    form = AnnounceForm(request.POST, prefix="tb")

    def done(d: Dialogue) -> str:
        warning = services.notice_warning(d)
        return f"Đã ghi thông báo hội nghị. {warning}" if warning else "Đã ghi thông báo hội nghị."

    return run_step(
        request,
        form,
        lambda data: services.dialogue_announce(dialogue=d, by=request.user, **data),
        done=done,
        then=lambda _: redirect("dialogues:detail", pk=d.pk),
        again=lambda: _page(request, d, announce=form),
    )


@require_POST
def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    d = get_dialogue_for_user(request, pk, need="record")
    form = AttendanceForm(request.POST, prefix="dd", dialogue=d)
    return run_step(
        request,
        form,
        lambda data: services.attendance_record(dialogue=d, by=request.user, **data),
        done="Đã ghi số người dự hội nghị.",
        then=lambda _: redirect("dialogues:detail", pk=d.pk),
        again=lambda: _page(request, d, attendance=form),
    )


@require_POST
def question(request: AuthedRequest, pk: int) -> HttpResponse:
    d = get_dialogue_for_user(request, pk, need="record")
    form = QuestionForm(request.POST, prefix="yk", dialogue=d)
    return run_step(
        request,
        form,
        lambda data: services.question_add(dialogue=d, by=request.user, **data),
        done=lambda q: f"Đã ghi ý kiến {q.number}.",
        then=lambda _: redirect(f"{reverse('dialogues:detail', args=[d.pk])}#y-kien"),
        again=lambda: _page(request, d, question=form),
    )


@require_POST
def commitment(request: AuthedRequest, pk: int) -> HttpResponse:
    d = get_dialogue_for_user(request, pk, need="prepare")
    form = CommitmentForm(request.POST, prefix="ck", dialogue=d)
    return run_step(
        request,
        form,
        lambda data: services.commitment_add(dialogue=d, by=request.user, **data),
        done=lambda c: f"Đã ghi cam kết “{c.title}”; cam kết được theo dõi như một nhiệm vụ.",
        then=lambda _: redirect(f"{reverse('dialogues:detail', args=[d.pk])}#cam-ket"),
        again=lambda: _page(request, d, commitment=form),
    )


@require_POST
def publish(request: AuthedRequest, pk: int) -> HttpResponse:
    d = get_dialogue_for_user(request, pk, need="publish")
    form = PublishForm(request.POST, prefix="cb")
    return run_step(
        request,
        form,
        lambda data: services.dialogue_publish(dialogue=d, by=request.user, **data),
        done="Đã công bố kết quả hội nghị trên trang công khai.",
        then=lambda _: redirect("dialogues:detail", pk=d.pk),
        again=lambda: _page(request, d, publish=form),
    )


@require_POST
def minutes(request: AuthedRequest, pk: int) -> HttpResponse:
    """The minutes as .docx, by POST (its making is logged: nothing that writes answers a GET)."""
    d = get_dialogue_for_user(request, pk, need="record")
    content = minutes_docx(d)
    log_action(d, "dialogues.minutes_generated", by=request.user)
    return download(content, DOCX_MIME, f"bien-ban-doi-thoai-{d.pk}.docx")


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("them/", create, name="create"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/sua/", edit, name="edit"),
    path("<int:pk>/thong-bao/", announce, name="announce"),
    path("<int:pk>/nguoi-du/", attendance, name="attendance"),
    path("<int:pk>/y-kien/", question, name="question"),
    path("<int:pk>/cam-ket/", commitment, name="commitment"),
    path("<int:pk>/cong-bo/", publish, name="publish"),
    path("<int:pk>/bien-ban/", minutes, name="minutes"),
]
