"""Officers' pages of council questioning, under /can-bo/chat-van/.

Every view asks questioning.access (or core.access.commune_for) first: 404 for another commune's
record, 403 for an action the role does not allow. Every write runs through core.steps: one
service, its DomainError on the same form with what was typed kept, and status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for, get_access
from danvan.core.audit import written_history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest
from danvan.core.kept_forms import Offers, WrittenForm, step_forms, written
from danvan.core.models import Attachment, Role, Unit
from danvan.core.steps import run_action, run_step
from danvan.promises.models import STATUS_CSS, STATUS_LABELS
from danvan.questioning import exports, services
from danvan.questioning.access import (
    answers_for,
    get_question_for_user,
    get_session_for_user,
    keeps_sessions,
    reports_for,
)
from danvan.questioning.forms import AnswerForm, FiledForm, PledgeForm, QuestionForm, SessionForm
from danvan.questioning.models import (
    STATE_CSS,
    STATE_LABELS,
    CouncilSession,
    Pledge,
    PledgeReport,
    Question,
)


def _form_page(
    request: HttpRequest, template: str, form: Any, **context: Any
) -> Callable[[], HttpResponse]:
    return lambda: render(request, template, {"form": form, **context})


def _with_files(data: dict[str, Any]) -> dict[str, Any]:
    """A form's cleaned data with its uploads under the services' name for them."""
    rest = dict(data)
    rest["files"] = rest.pop("attachments")
    return rest


def _label_questions(questions: Any, today: Any) -> None:
    for q in questions:
        state = q.state(today)
        q.state_label, q.state_css = STATE_LABELS[state], STATE_CSS[state]


def _label_pledges(pledges: Any, today: Any) -> None:
    for p in pledges:
        status = p.promise.status(today) if p.promise else "open"
        p.status_label, p.status_css = STATUS_LABELS[status], STATUS_CSS[status]


# --- sessions -------------------------------------------------------------------------------


def index(request: AuthedRequest) -> HttpResponse:
    commune = commune_for(request, request.GET.get("xa"))
    sessions = CouncilSession.objects.filter(commune=commune).annotate(
        n_questions=Count("questions", distinct=True),
        n_pledges=Count("questions__pledges", distinct=True),
    )
    return render(
        request,
        "questioning/index.html",
        {
            "commune": commune,
            "sessions": sessions,
            "keeps": keeps_sessions(request.user, commune.pk),
        },
    )


def session_create(request: AuthedRequest) -> HttpResponse:
    commune = commune_for(request, request.GET.get("xa"))
    if not keeps_sessions(request.user, commune.pk):
        raise PermissionDenied
    form = SessionForm(request.POST or None)
    back = f"{reverse('questioning:index')}?xa={commune.pk}"
    return run_step(
        request,
        form,
        lambda data: services.session_create(commune=commune, by=request.user, **data),
        done=lambda s: f"Đã ghi {s}.",
        then=lambda s: redirect("questioning:session", pk=s.pk),
        again=_form_page(
            request, "questioning/session_form.html", form, commune=commune, back=back
        ),
    )


def _session_parts(session: CouncilSession, today: date) -> dict[str, Any]:
    """What a session's page shows alike to every reader on a day, kept as written until a
    record of the commune changes (core.cache.kept): its questions and pledges, the report due
    date and, per respondent that pledged, its report's state and blank filing form."""

    def write() -> dict[str, Any]:
        questions = list(session.questions.select_related("respondent_unit", "village"))
        _label_questions(questions, today)
        pledges = list(
            Pledge.objects.filter(question__session=session).select_related(
                "question", "owner_unit", "promise"
            )
        )
        _label_pledges(pledges, today)
        due = services.report_due(session)
        filed = {r.respondent_unit_id: r for r in PledgeReport.objects.filter(session=session)}
        reports = []
        for unit in services.respondents_with_pledges(session):
            report = filed.get(unit.pk)
            reports.append(
                {
                    "unit": unit,
                    "filed_on": report.filed_on if report else None,
                    "late": bool(due and not (report and report.filed_on) and today > due[0]),
                    "form": written(FiledForm(prefix=f"bc{unit.pk}", initial={"on": today})),
                }
            )
        return {
            "questions": render_to_string(
                "questioning/_question_rows.html", {"questions": questions}
            )
            if questions
            else "",
            "pledges": render_to_string("questioning/_pledge_rows.html", {"pledges": pledges})
            if pledges
            else "",
            "report_due": due,
            "reports": reports,
            "history": written_history(session, 30),
        }

    return kept(f"questioning:session|{session.pk}|{today}", session.commune_id, write, 60)


def session_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk)
    parts = _session_parts(session, timezone.localdate())
    reports = [
        {
            **r,
            "form": WrittenForm(*r["form"]),
            "may_file": reports_for(request.user, session.commune_id, r["unit"].pk),
        }
        for r in parts["reports"]
    ]
    return render(
        request,
        "questioning/session_detail.html",
        {
            "session": session,
            # Written by the rows' templates, which escape.
            "questions_html": mark_safe(parts["questions"]),
            "pledges_html": mark_safe(parts["pledges"]),
            "report_due": parts["report_due"],
            "reports": reports,
            "keeps": keeps_sessions(request.user, session.commune_id),
            "history": parts["history"],
        },
    )


# --- questions ------------------------------------------------------------------------------


def question_create(request: AuthedRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk, keep=True)
    initial = {"asked_on": min(timezone.localdate(), session.closes_on)}
    form = QuestionForm(request.POST or None, commune_id=session.commune_id, initial=initial)
    return run_step(
        request,
        form,
        lambda data: services.question_create(session=session, by=request.user, **data),
        done=lambda q: f"Đã ghi chất vấn số {q.number}.",
        then=lambda q: redirect("questioning:question", pk=q.pk),
        again=_form_page(
            request,
            "questioning/question_form.html",
            form,
            session=session,
            back=reverse("questioning:session", args=[session.pk]),
        ),
    )


def _question_rows(question: Question, today: date) -> tuple[list[Pledge], list[Attachment]]:
    pledges = list(question.pledges.select_related("owner_unit", "promise"))
    _label_pledges(pledges, today)
    files = Attachment.objects.filter(
        owner_type__model="question", owner_type__app_label="questioning", owner_id=question.pk
    )
    return pledges, list(files)


def _question_page(
    request: AuthedRequest,
    question: Question,
    *,
    answer_form: AnswerForm | None = None,
    pledge_form: PledgeForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    keeps = keeps_sessions(request.user, question.commune_id)
    answers = answers_for(request.user, question)
    _label_questions([question], today)
    # The next steps' forms, blank ones kept as written (core.kept_forms.step_forms).
    offers: Offers = {}
    if answers and not question.answered_on:
        on = (
            min(today, question.session.closes_on)
            if question.mode == Question.Mode.AT_SESSION
            else today
        )
        offers["answer_form"] = (
            answer_form,
            lambda: AnswerForm(prefix="tl", initial={"answered_on": on}),
        )
    if keeps and question.answered_on:
        offers["pledge_form"] = (
            pledge_form,
            lambda: PledgeForm(prefix="lh", commune_id=question.commune_id),
        )
    key = f"questioning:question|{question.pk}|{today.isoformat()}"
    forms = step_forms(key, question.commune_id, offers)
    # Its pledges (with their promises' statuses on the day) and files, the same for every
    # reader: kept until a record of the questioning or of a promise changes.
    pledges, files = kept(
        f"questioning:question_rows|{question.pk}|{today}",
        question.commune_id,
        lambda: _question_rows(question, today),
        60,
        apps=("questioning", "promises"),
    )
    return render(
        request,
        "questioning/question_detail.html",
        {
            "question": question,
            "session": question.session,
            "pledges": pledges,
            **forms,
            "may_refer": keeps
            and not question.answered_on
            and question.mode == Question.Mode.AT_SESSION,
            "files": files,
            "history": written_history(question, 30),
        },
    )


def question_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _question_page(request, get_question_for_user(request, pk))


@require_POST
def question_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    question = get_question_for_user(request, pk, answer=True)
    form = AnswerForm(request.POST, request.FILES, prefix="tl")
    return run_step(
        request,
        form,
        lambda data: services.question_answer(
            question=question, by=request.user, **_with_files(data)
        ),
        done="Đã ghi nhận trả lời chất vấn.",
        then=lambda _: redirect("questioning:question", pk=question.pk),
        again=lambda: _question_page(request, question, answer_form=form),
    )


@require_POST
def question_to_writing(request: AuthedRequest, pk: int) -> HttpResponse:
    question = get_question_for_user(request, pk, keep=True)
    return run_action(
        request,
        lambda: services.question_to_writing(question=question, by=request.user),
        done=lambda q: f"Đã chuyển trả lời bằng văn bản, hạn {q.due_on:%d/%m/%Y}.",
        then=lambda: redirect("questioning:question", pk=question.pk),
    )


@require_POST
def pledge_create(request: AuthedRequest, pk: int) -> HttpResponse:
    question = get_question_for_user(request, pk, keep=True)
    form = PledgeForm(request.POST, prefix="lh", commune_id=question.commune_id)
    return run_step(
        request,
        form,
        lambda data: services.pledge_create(question=question, by=request.user, **data),
        done=lambda p: (
            f"Đã ghi lời hứa, hạn {p.due_on:%d/%m/%Y}; lời hứa được theo dõi như một cam kết."
        ),
        then=lambda _: redirect("questioning:question", pk=question.pk),
        again=lambda: _question_page(request, question, pledge_form=form),
    )


# --- the report on pledges ------------------------------------------------------------------


def _respondent(session: CouncilSession, unit_pk: int) -> Unit:
    for unit in services.respondents_with_pledges(session):
        if unit.pk == unit_pk:
            return unit
    raise Http404


def report_docx(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk)
    report = exports.report_for(session, _respondent(session, unit_pk))
    return exports.docx_response(report, by=request.user)


def report_xlsx(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk)
    return exports.xlsx_response(exports.report_for(session, _respondent(session, unit_pk)))


@require_POST
def report_file(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk)
    unit = _respondent(session, unit_pk)
    if not reports_for(request.user, session.commune_id, unit.pk):
        raise PermissionDenied
    form = FiledForm(request.POST, prefix=f"bc{unit.pk}")
    if not form.is_valid():
        errors = " ".join(str(e) for e in form.errors.get("on", []))
        messages.error(request, f"Ngày gửi báo cáo: {errors}")
        return redirect("questioning:session", pk=session.pk)
    return run_action(
        request,
        lambda: services.report_file(
            session=session, unit=unit, by=request.user, on=form.cleaned_data["on"]
        ),
        done=f"Đã ghi nhận báo cáo thực hiện lời hứa của {unit.name}.",
        then=lambda: redirect("questioning:session", pk=session.pk),
    )


# --- what the respondent owes ---------------------------------------------------------------


def mine(request: AuthedRequest) -> HttpResponse:
    """The questions put to the user's units and the pledges they owe (a leader: the UBND's)."""
    access = get_access(request.user)
    units = set(access.writable_units) | access.communes(Role.LEADER)
    today = timezone.localdate()
    questions = list(
        Question.objects.filter(respondent_unit_id__in=units)
        .select_related("session", "respondent_unit")
        .order_by("answered_on", "due_on", "-asked_on")[:200]
    )
    _label_questions(questions, today)
    pledges = list(
        Pledge.objects.filter(
            Q(owner_unit_id__in=units) | Q(question__respondent_unit_id__in=units)
        )
        .select_related("question__session", "owner_unit", "promise")
        .order_by("due_on")[:200]
    )
    _label_pledges(pledges, today)
    return render(
        request,
        "questioning/mine.html",
        {"questions": questions, "pledges": pledges, "has_units": bool(units)},
    )


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("cua-toi/", mine, name="mine"),
    path("ky-hop/them/", session_create, name="session_create"),
    path("ky-hop/<int:pk>/", session_detail, name="session"),
    path("ky-hop/<int:pk>/chat-van/them/", question_create, name="question_create"),
    path("ky-hop/<int:pk>/bao-cao/<int:unit_pk>.docx", report_docx, name="report_docx"),
    path("ky-hop/<int:pk>/bao-cao/<int:unit_pk>.xlsx", report_xlsx, name="report_xlsx"),
    path("ky-hop/<int:pk>/bao-cao/<int:unit_pk>/da-gui/", report_file, name="report_file"),
    path("chat-van/<int:pk>/", question_detail, name="question"),
    path("chat-van/<int:pk>/tra-loi/", question_answer, name="question_answer"),
    path("chat-van/<int:pk>/van-ban/", question_to_writing, name="question_to_writing"),
    path("chat-van/<int:pk>/loi-hua/", pledge_create, name="pledge_create"),
]
