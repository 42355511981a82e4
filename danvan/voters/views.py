"""Officers' pages of voters' recommendations, under /can-bo/cu-tri/.

Every view asks voters.access (or core.access.commune_for) first: 404 for another commune's
record (and, for a village head, another village's), 403 for an action the role does not allow.
Every write runs through core.steps: one service, its DomainError on the same form with what was
typed kept, and status 400.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for
from danvan.core.audit import written_history
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest, int_param, url_for_pk
from danvan.core.kept_forms import Offers, step_forms
from danvan.core.models import Attachment, Unit
from danvan.core.steps import run_action, run_step
from danvan.voters import exports, services
from danvan.voters.access import (
    get_meeting_for_user,
    get_recommendation_for_user,
    keeps,
    records,
    village_scope,
)
from danvan.voters.forms import (
    AnswerForm,
    AssignForm,
    FilesForm,
    ForwardForm,
    MeetingForm,
    RecommendationForm,
)
from danvan.voters.models import (
    ANSWERED_STATES,
    STATES,
    Competence,
    VoterMeeting,
    VoterRecommendation,
)

PAGE_SIZE = 25
STATUS_FILTERS: dict[str, str] = {
    "answered": "Đã trả lời (mọi kết quả)",
    "pending": "Chưa trả lời",
    **{code: label for code, (label, _css) in STATES.items()},
}


def _commune(request: HttpRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _year(request: HttpRequest) -> int:
    year = int_param(request.GET.get("nam"))
    return year if year and 2000 <= year <= 2100 else timezone.localdate().year


def _files(record: VoterMeeting | VoterRecommendation) -> list[Attachment]:
    return list(
        Attachment.objects.filter(owner_type__model=record._meta.model_name, owner_id=record.pk)
    )


def label_rows(recs: list[VoterRecommendation], today: Any) -> list[VoterRecommendation]:
    """Each row's state, its badge and its link, once per row in Python."""
    url = url_for_pk("voters:recommendation")
    for r in recs:
        r.state_code = r.state(today)  # type: ignore[attr-defined]
        r.state_label, r.state_css = STATES[r.state_code]  # type: ignore[attr-defined]
        r.row_url = url(r.pk)  # type: ignore[attr-defined]
    return recs


def _visible(
    request: HttpRequest, qs: QuerySet[VoterRecommendation], commune: Unit
) -> QuerySet[VoterRecommendation]:
    scope = village_scope(request.user, commune.pk)  # type: ignore[arg-type]
    return qs if scope is None else qs.filter(village_id__in=scope)


# --- meetings -------------------------------------------------------------------------------


def meeting_list(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    year = _year(request)
    kind = request.GET.get("loai", "")
    meetings = VoterMeeting.objects.filter(commune=commune, held_on__year=year)
    if kind in VoterMeeting.Kind.values:
        meetings = meetings.filter(kind=kind)
    scope = village_scope(request.user, commune.pk)
    if scope is not None:
        ids = VoterMeeting.objects.filter(
            Q(villages__in=scope) | Q(recommendations__village_id__in=scope)
        ).values("pk")
        meetings = meetings.filter(pk__in=ids)
    rows = list(meetings.annotate(n_recs=Count("recommendations")).order_by("-held_on", "-id"))
    url = url_for_pk("voters:meeting")
    for m in rows:
        m.row_url = url(m.pk)  # type: ignore[attr-defined]
    today = timezone.localdate()
    return render(
        request,
        "voters/meeting_list.html",
        {
            "commune": commune,
            "meetings": rows,
            "year": year,
            "kind": kind,
            "kinds": VoterMeeting.Kind.choices,
            "years": range(today.year, today.year - 5, -1),
            "can_record": records(request.user, commune.pk),
        },
    )


def meeting_create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not records(request.user, commune.pk):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, request.FILES or None, commune=commune)

    def act(data: dict[str, Any]) -> VoterMeeting:
        data = dict(data)
        data["files"] = data.pop("attachments")
        return services.meeting_create(commune=commune, by=request.user, **data)

    return run_step(
        request,
        form,
        act,
        done="Đã ghi hội nghị tiếp xúc cử tri. Ghi từng kiến nghị của cử tri ở dưới.",
        then=lambda m: redirect("voters:meeting", pk=m.pk),
        again=lambda: render(
            request,
            "voters/meeting_form.html",
            {
                "form": form,
                "commune": commune,
                "back": f"{reverse('voters:meetings')}?xa={commune.pk}",
            },
        ),
    )


def _meeting_page(
    request: AuthedRequest,
    meeting: VoterMeeting,
    *,
    rec_form: RecommendationForm | None = None,
    files_form: FilesForm | None = None,
) -> HttpResponse:
    recorder = records(request.user, meeting.commune_id)  # type: ignore[arg-type]
    keeper = keeps(request.user, meeting.commune_id)  # type: ignore[arg-type]
    # The forms that add: one sent back with its errors as it is, the others blank and kept as
    # written until a record of the commune changes (core.kept_forms).
    offers: Offers = {}
    if recorder:
        offers["rec_form"] = (
            rec_form,
            lambda: RecommendationForm(prefix="kn", commune_id=meeting.commune_id),
        )
        offers["files_form"] = (files_form, lambda: FilesForm(prefix="tep"))
    forms = step_forms(f"voters:meeting|{meeting.pk}", meeting.commune_id, offers)
    recs = meeting.recommendations.select_related("village", "owner_unit", "promise")
    scope = village_scope(request.user, meeting.commune_id)  # type: ignore[arg-type]
    if scope is not None:
        recs = recs.filter(village_id__in=scope)
    return render(
        request,
        "voters/meeting_detail.html",
        {
            "meeting": meeting,
            "villages": list(meeting.villages.all()),
            "recs": label_rows(list(recs.order_by("number")), timezone.localdate()),
            **forms,
            "can_publish": keeper,
            "files": _files(meeting),
            "history": written_history(meeting, 30),
        },
    )


def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, get_meeting_for_user(request, pk))


@require_POST
def meeting_files(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, record=True)
    form = FilesForm(request.POST, request.FILES, prefix="tep")
    return run_step(
        request,
        form,
        lambda data: services.meeting_add_files(
            meeting=meeting, by=request.user, files=data["attachments"]
        ),
        done=lambda n: f"Đã đính kèm {n} tệp.",
        then=lambda _: redirect("voters:meeting", pk=meeting.pk),
        again=lambda: _meeting_page(request, meeting, files_form=form),
    )


@require_POST
def recommendation_create(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, record=True)
    form = RecommendationForm(request.POST, prefix="kn", commune_id=meeting.commune_id)
    return run_step(
        request,
        form,
        lambda data: services.recommendation_create(meeting=meeting, by=request.user, **data),
        done=lambda rec: f"Đã ghi kiến nghị số {rec.code}.",
        then=lambda _: redirect("voters:meeting", pk=meeting.pk),
        again=lambda: _meeting_page(request, meeting, rec_form=form),
    )


@require_POST
def meeting_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, keep=True)
    publish = request.POST.get("cong-bo") != "0"
    return run_action(
        request,
        lambda: services.meeting_publish(meeting=meeting, by=request.user, publish=publish),
        done="Đã công bố kết quả trên trang công khai." if publish else "Đã thôi công bố.",
        then=lambda: redirect("voters:meeting", pk=meeting.pk),
    )


# --- recommendations ------------------------------------------------------------------------


def filtered(
    request: HttpRequest, commune: Unit
) -> tuple[list[VoterRecommendation], dict[str, Any]]:
    """The commune's recommendations of the year asked, narrowed by the filters (status in
    Python: a commune's year holds tens or hundreds of them)."""
    year = _year(request)
    status = request.GET.get("trang-thai", "")
    competence = request.GET.get("tham-quyen", "")
    village = int_param(request.GET.get("thon"))
    qs = _visible(
        request,
        VoterRecommendation.objects.filter(commune=commune, year=year).select_related(
            "meeting", "village", "owner_unit", "promise"
        ),
        commune,
    )
    if competence in Competence.values:
        qs = qs.filter(competence=competence)
    if village:
        qs = qs.filter(village_id=village)
    recs = label_rows(list(qs.order_by("number")), timezone.localdate())
    if status == "answered":
        recs = [r for r in recs if r.state_code in ANSWERED_STATES]  # type: ignore[attr-defined]
    elif status == "pending":
        recs = [r for r in recs if r.state_code not in ANSWERED_STATES]  # type: ignore[attr-defined]
    elif status in STATES:
        recs = [r for r in recs if r.state_code == status]  # type: ignore[attr-defined]
    return recs, {
        "year": year,
        "status": status if status in STATUS_FILTERS else "",
        "competence": competence if competence in Competence.values else "",
        "village": village,
    }


def recommendation_list(request: AuthedRequest) -> HttpResponse:
    """The year's recommendations the reader sees (a village head: his villages'), filtered, a
    page at a time: kept as written for readers of the same villages until a record of the
    voters' work or of a promise (their answers) changes, or the day turns."""
    commune = _commune(request)
    today = timezone.localdate()
    query = request.GET.copy()
    query.pop("page", None)
    query["xa"] = str(commune.pk)
    scope = village_scope(request.user, commune.pk)
    seen = "all" if scope is None else ",".join(str(v) for v in sorted(scope))

    def write() -> tuple[str, dict[str, Any], list[Unit]]:
        recs, chosen = filtered(request, commune)
        page = Paginator(recs, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = render_to_string(
            "voters/_recommendation_rows.html", {"page": page, "query": query.urlencode()}
        )
        villages = Unit.objects.filter(commune=commune, kind=Unit.Kind.VILLAGE)
        return rows, chosen, list(villages)

    rows, chosen, villages = kept(
        f"voters:recommendations|{seen}|{request.GET.urlencode()}|{today}",
        commune.pk,
        write,
        60,
        apps=("voters", "promises"),
    )
    return render(
        request,
        "voters/recommendation_list.html",
        {
            "commune": commune,
            "rows": mark_safe(rows),  # written by the engine, which escapes
            **chosen,
            "statuses": STATUS_FILTERS.items(),
            "competences": Competence.choices,
            "villages": villages,
            "years": range(today.year, today.year - 5, -1),
            "query": query.urlencode(),
            "can_report": keeps(request.user, commune.pk),
        },
    )


def _rec_page(
    request: AuthedRequest,
    rec: VoterRecommendation,
    *,
    assign_form: AssignForm | None = None,
    forward_form: ForwardForm | None = None,
    answer_form: AnswerForm | None = None,
    correct_form: RecommendationForm | None = None,
) -> HttpResponse:
    keeper = keeps(request.user, rec.commune_id)  # type: ignore[arg-type]
    today = timezone.localdate()
    label_rows([rec], today)
    pending = rec.competence == Competence.PENDING
    # What was written down may be corrected until it is sorted or published.
    correctable = (
        pending and rec.meeting.published_at is None and records(request.user, rec.commune_id)  # type: ignore[arg-type]
    )
    # The next steps' forms, blank ones kept as written (core.kept_forms.step_forms).
    offers: Offers = {}
    if correctable:
        offers["correct_form"] = (
            correct_form,
            lambda: RecommendationForm(
                prefix="sua",
                commune_id=rec.commune_id,  # type: ignore[arg-type]
                initial={"content": rec.content, "field": rec.field, "village": rec.village_id},
            ),
        )
    if keeper and pending:
        offers["assign_form"] = (
            assign_form,
            lambda: AssignForm(prefix="giao", commune_id=rec.commune_id),
        )
        offers["forward_form"] = (
            forward_form,
            lambda: ForwardForm(prefix="chuyen", initial={"forwarded_on": today}),
        )
    if keeper and rec.competence == Competence.PROVINCE:
        offers["answer_form"] = (
            answer_form,
            lambda: AnswerForm(prefix="tl", initial={"answered_on": today}),
        )
    key = f"voters:recommendation|{rec.pk}|{today.isoformat()}"
    forms = step_forms(key, rec.commune_id, offers)  # type: ignore[arg-type]
    # A refused correction shows its form with the reason, even once no longer possible.
    if correct_form is not None:
        forms["correct_form"] = correct_form
    return render(
        request,
        "voters/recommendation_detail.html",
        {
            "rec": rec,
            "meeting": rec.meeting,
            **forms,
            "files": _files(rec),
            "history": written_history(rec, 30),
        },
    )


def recommendation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _rec_page(request, get_recommendation_for_user(request, pk))


@require_POST
def recommendation_correct(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, record=True)
    form = RecommendationForm(request.POST, prefix="sua", commune_id=rec.commune_id)  # type: ignore[arg-type]
    return run_step(
        request,
        form,
        lambda data: services.recommendation_correct(rec=rec, by=request.user, **data),
        done=lambda r: f"Đã sửa kiến nghị số {r.code}.",
        then=lambda _: redirect("voters:recommendation", pk=rec.pk),
        again=lambda: _rec_page(request, rec, correct_form=form),
    )


@require_POST
def recommendation_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, keep=True)
    form = AssignForm(request.POST, prefix="giao", commune_id=rec.commune_id)
    return run_step(
        request,
        form,
        lambda data: services.recommendation_assign(rec=rec, by=request.user, **data),
        done=lambda r: f"Đã giao {r.owner_unit} giải quyết, hạn {r.due_on:%d/%m/%Y}.",
        then=lambda _: redirect("voters:recommendation", pk=rec.pk),
        again=lambda: _rec_page(request, rec, assign_form=form),
    )


@require_POST
def recommendation_forward(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, keep=True)
    form = ForwardForm(request.POST, prefix="chuyen")
    return run_step(
        request,
        form,
        lambda data: services.recommendation_forward(rec=rec, by=request.user, **data),
        done=lambda r: f"Đã chuyển kiến nghị đến {r.receiving_body}.",
        then=lambda _: redirect("voters:recommendation", pk=rec.pk),
        again=lambda: _rec_page(request, rec, forward_form=form),
    )


@require_POST
def recommendation_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_recommendation_for_user(request, pk, keep=True)
    form = AnswerForm(request.POST, request.FILES, prefix="tl")

    def act(data: dict[str, Any]) -> VoterRecommendation:
        data = dict(data)
        data["files"] = data.pop("attachments")
        return services.recommendation_record_answer(rec=rec, by=request.user, **data)

    return run_step(
        request,
        form,
        act,
        done="Đã ghi trả lời nhận được.",
        then=lambda _: redirect("voters:recommendation", pk=rec.pk),
        again=lambda: _rec_page(request, rec, answer_form=form),
    )


def recommendations_xlsx(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    recs, chosen = filtered(request, commune)
    return exports.recommendations_xlsx(commune=commune, year=chosen["year"], recs=recs)


def report_docx(request: AuthedRequest) -> HttpResponse:
    """The report for the council's standing body (Luật 87/2015, Art. 66(6)): a keeper's."""
    commune = _commune(request)
    if not keeps(request.user, commune.pk):
        raise PermissionDenied
    recs, chosen = filtered(request, commune)
    return exports.report_docx(commune=commune, year=chosen["year"], recs=recs)


urls: list[URLPattern] = [
    path("", meeting_list, name="meetings"),
    path("tiep-xuc/them/", meeting_create, name="meeting_create"),
    path("tiep-xuc/<int:pk>/", meeting_detail, name="meeting"),
    path("tiep-xuc/<int:pk>/tep/", meeting_files, name="meeting_files"),
    path("tiep-xuc/<int:pk>/kien-nghi/", recommendation_create, name="recommendation_create"),
    path("tiep-xuc/<int:pk>/cong-bo/", meeting_publish, name="meeting_publish"),
    path("kien-nghi/", recommendation_list, name="recommendations"),
    path("kien-nghi/<int:pk>/", recommendation_detail, name="recommendation"),
    path("kien-nghi/<int:pk>/sua/", recommendation_correct, name="recommendation_correct"),
    path("kien-nghi/<int:pk>/giao/", recommendation_assign, name="recommendation_assign"),
    path("kien-nghi/<int:pk>/chuyen/", recommendation_forward, name="recommendation_forward"),
    path("kien-nghi/<int:pk>/tra-loi/", recommendation_answer, name="recommendation_answer"),
    path("kien-nghi/bao-cao.xlsx", recommendations_xlsx, name="recommendations_xlsx"),
    path("kien-nghi/bao-cao.docx", report_docx, name="report_docx"),
]
