"""Officers' pages of study and outreach sessions, under /can-bo/hoc-tap/.

Every view asks study.access (or core.access.commune_for) first: 404 for another commune's
record, 403 for what the role does not allow. Every write runs through core.steps: one service,
its DomainError on the same form with what was typed kept, and status 400.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.access import commune_for
from danvan.core.audit import written_history
from danvan.core.cache import counted_page, kept
from danvan.core.http import AuthedRequest, int_param, url_for_pk
from danvan.core.images import PHOTO_MIMES, photo_response, photo_width
from danvan.core.kept_forms import Offers, kept_form, step_forms
from danvan.core.models import Attachment, Unit
from danvan.core.steps import run_step
from danvan.plans.models import LegalDocument
from danvan.study import exports, selectors, services
from danvan.study.access import (
    get_session_for_user,
    organisers,
    organisers_scope,
    plans_sessions,
    records,
)
from danvan.study.forms import (
    CancelForm,
    HeldForm,
    MaterialsForm,
    SessionForm,
    attendance_forms,
)
from danvan.study.models import Kind, StudySession


def _commune(request: HttpRequest) -> Unit:
    return commune_for(request, request.GET.get("xa"))


def _index_url(commune_id: int) -> str:
    return f"{reverse('study:index')}?xa={commune_id}"


def index(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    today = timezone.localdate()
    f = selectors.Filters.read(request.GET)
    number = int_param(request.GET.get("page")) or 1

    def listed() -> tuple[int, list[Any], list[LegalDocument]]:
        qs = selectors.filtered(StudySession.objects.filter(commune=commune), f, today)
        found = selectors.page_of(qs, number, today, url_for_pk("study:detail"))
        # The filter offers the documents the commune's sessions taught (a short list), not
        # the whole shared register.
        taught = list(LegalDocument.objects.filter(study_sessions__commune=commune).distinct())
        return found.paginator.count, list(found.object_list), taught

    # The page of sessions, its count and the documents taught, by the filters and the day,
    # kept until a session (or a document of the register) changes in the commune.
    count, rows, taught = kept(
        f"study:index|{f.query(xa=commune.pk)}|{number}|{today}",
        commune.pk,
        listed,
        60,
        apps=("study", "plans"),
    )
    page = counted_page(count, rows, selectors.PAGE_SIZE, number)
    return render(
        request,
        "study/index.html",
        {
            "commune": commune,
            "page": page,
            "f": f,
            "query": f.query(xa=commune.pk),
            "taught": taught,
            "document": next((d for d in taught if d.pk == f.document), None),
            "kinds": Kind.choices,
            "statuses": selectors.STATUS_LABELS.items(),
            "years": range(today.year + 1, today.year - 5, -1),
            "plans": plans_sessions(request.user, commune.pk),
        },
    )


def export(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    today = timezone.localdate()
    f = selectors.Filters.read(request.GET)
    qs = selectors.filtered(StudySession.objects.filter(commune=commune), f, today)
    return exports.list_xlsx(commune=commune, year=f.year, sessions=qs, today=today)


def _form_page(request: AuthedRequest, form: Any, **context: Any) -> Any:
    return lambda: render(request, "study/session_form.html", {"form": form, **context})


def create(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    if not plans_sessions(request.user, commune.pk):
        raise PermissionDenied
    today = timezone.localdate()

    def make() -> SessionForm:
        return SessionForm(
            request.POST or None,
            organisers=organisers(request.user, commune.pk),
            commune_id=commune.pk,
            initial={"planned_on": today},
        )

    page = {"commune": commune, "back": _index_url(commune.pk)}
    if request.method != "POST":
        # Blank, its lists of units, villages and documents as written are kept (core.kept_forms).
        key = f"study:create|{organisers_scope(request.user, commune.pk)}|{today}"
        return _form_page(request, kept_form(key, commune.pk, make), **page)()
    form = make()
    return run_step(
        request,
        form,
        lambda data: services.session_create(commune=commune, by=request.user, **data),
        done=lambda s: f"Đã lập kế hoạch buổi “{s.title}”.",
        then=lambda s: redirect("study:detail", pk=s.pk),
        again=_form_page(request, form, **page),
    )


def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk, record=True)

    def make() -> SessionForm:
        initial = {
            **{name: getattr(session, name) for name in services.EDITABLE},
            "documents": list(session.documents.values_list("pk", flat=True)),
        }
        return SessionForm(
            request.POST or None,
            organisers=organisers(request.user, session.commune_id)
            | Unit.objects.filter(pk=session.organiser_id),
            commune_id=session.commune_id,
            initial=initial,
        )

    page = {"session": session, "commune": session.commune, "back": session.get_absolute_url()}
    if request.method != "POST":
        # Filled with the session as it is, kept until a record of the commune changes.
        key = f"study:edit|{session.pk}|{organisers_scope(request.user, session.commune_id)}"
        return _form_page(request, kept_form(key, session.commune_id, make), **page)()
    form = make()
    return run_step(
        request,
        form,
        lambda data: services.session_update(session=session, by=request.user, **data),
        done="Đã lưu thông tin buổi.",
        then=lambda s: redirect("study:detail", pk=s.pk),
        again=_form_page(request, form, **page),
    )


def _materials(session: StudySession) -> list[Attachment]:
    found = list(
        Attachment.objects.filter(
            owner_type=ContentType.objects.get_for_model(StudySession), owner_id=session.pk
        ).order_by("uploaded_at", "pk")
    )
    for a in found:
        a.is_photo = a.mime_type in PHOTO_MIMES  # type: ignore[attr-defined]
    return found


def _session_rows(session: StudySession) -> dict[str, list[Any]]:
    materials = _materials(session)
    return {
        "documents": list(session.documents.all()),
        "attendances": list(session.attendances.select_related("unit")),
        "photos": [a for a in materials if a.is_photo],  # type: ignore[attr-defined]
        "files": [a for a in materials if not a.is_photo],  # type: ignore[attr-defined]
    }


def _detail_page(request: AuthedRequest, session: StudySession, **bound: Any) -> HttpResponse:
    today = timezone.localdate()
    recorder = records(request.user, session)
    # The next steps' forms, blank ones kept as written (core.kept_forms.step_forms).
    offers: Offers = {}
    if recorder and session.status == StudySession.Status.PLANNED:
        offers["held_form"] = (
            bound.get("held_form"),
            lambda: HeldForm(prefix="tc", initial={"held_on": min(today, session.planned_on)}),
        )
        offers["cancel_form"] = (bound.get("cancel_form"), lambda: CancelForm(prefix="huy"))
    if recorder and session.status != StudySession.Status.CANCELLED:
        offers["materials_form"] = (bound.get("materials_form"), lambda: MaterialsForm(prefix="tl"))
    key = f"study:session|{session.pk}|{today.isoformat()}"
    forms = {**bound, **step_forms(key, session.commune_id, offers)}
    st = selectors.state(session.status, session.planned_on, today)
    return render(
        request,
        "study/detail.html",
        {
            "session": session,
            # What the session holds, the same for every reader: kept until a record of the
            # study sessions or a legal document (of the plans) changes.
            **kept(
                f"study:session_rows|{session.pk}",
                session.commune_id,
                lambda: _session_rows(session),
                60,
                apps=("study", "plans"),
            ),
            "state_label": selectors.STATUS_LABELS[st],
            "state_css": selectors.STATUS_CSS[st],
            "records": recorder,
            "history": written_history(session, 30),
            "has_errors": any(getattr(f, "errors", None) for f in bound.values() if f),
            **forms,
        },
    )


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail_page(request, get_session_for_user(request, pk))


def _step(
    request: AuthedRequest,
    pk: int,
    *,
    form_class: type,
    prefix: str,
    name: str,
    action: Any,
    done: str,
) -> HttpResponse:
    session = get_session_for_user(request, pk, record=True)
    form = form_class(request.POST, request.FILES, prefix=prefix)
    return run_step(
        request,
        form,
        lambda data: action(session=session, by=request.user, **data),
        done=done,
        then=lambda _: redirect("study:detail", pk=session.pk),
        again=lambda: _detail_page(request, session, **{name: form}),
    )


@require_POST
def held(request: AuthedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=HeldForm,
        prefix="tc",
        name="held_form",
        action=services.session_mark_held,
        done="Đã ghi buổi đã tổ chức. Tiếp theo: ghi điểm danh các đơn vị.",
    )


@require_POST
def cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=CancelForm,
        prefix="huy",
        name="cancel_form",
        action=services.session_cancel,
        done="Đã hủy buổi.",
    )


@require_POST
def materials(request: AuthedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=MaterialsForm,
        prefix="tl",
        name="materials_form",
        action=services.materials_add,
        done="Đã thêm tài liệu, hình ảnh.",
    )


def photo(request: AuthedRequest, pk: int, attachment: int) -> FileResponse:
    """A photo of the session, resized (core.images), to whoever reads the session."""
    session = get_session_for_user(request, pk)
    found = get_object_or_404(
        Attachment,
        pk=attachment,
        owner_type=ContentType.objects.get_for_model(StudySession),
        owner_id=session.pk,
    )
    return photo_response(found, photo_width(request))


def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk, record=True)
    if session.status != StudySession.Status.HELD:
        raise PermissionDenied
    existing = {a.unit_id: a for a in session.attendances.all()}
    formset = attendance_forms(services.attendance_units(session), existing, request.POST or None)
    return run_step(
        request,
        formset,
        lambda _: services.attendance_record(session=session, by=request.user, rows=formset.rows()),
        done="Đã lưu điểm danh.",
        then=lambda s: redirect("study:detail", pk=s.pk),
        again=lambda: render(
            request, "study/attendance.html", {"session": session, "formset": formset}
        ),
    )


def document(request: AuthedRequest, pk: int) -> HttpResponse:
    """Which sessions of the commune taught a document of the register."""
    commune = _commune(request)
    doc = get_object_or_404(LegalDocument, pk=pk)
    today = timezone.localdate()
    sessions = StudySession.objects.filter(commune=commune, documents=doc)
    found = list(sessions.order_by("-planned_on", "-id").values(*selectors.ROW_FIELDS))
    return render(
        request,
        "study/document.html",
        {
            "commune": commune,
            "doc": doc,
            "rows": selectors.rows(found, today, url_for_pk("study:detail")),
        },
    )


def _year(request: HttpRequest) -> int:
    return selectors.Filters.read(request.GET).year


def summary(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    year = _year(request)
    today = timezone.localdate()
    return render(
        request,
        "study/summary.html",
        {
            "commune": commune,
            "year": year,
            "years": range(today.year + 1, today.year - 5, -1),
            # Counts, the same for every reader: kept until a record of the sessions changes.
            "s": kept(
                f"study:summary|{year}",
                commune.pk,
                lambda: selectors.summary(commune.pk, year),
                60,
                apps=("study",),
            ),
        },
    )


def summary_xlsx(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    year = _year(request)
    return exports.summary_xlsx(commune=commune, year=year, s=selectors.summary(commune.pk, year))


urls: list[URLPattern] = [
    path("", index, name="index"),
    path("danh-sach.xlsx", export, name="export"),
    path("them/", create, name="create"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/sua/", edit, name="edit"),
    path("<int:pk>/da-to-chuc/", held, name="held"),
    path("<int:pk>/huy/", cancel, name="cancel"),
    path("<int:pk>/tai-lieu/", materials, name="materials"),
    path("<int:pk>/anh/<int:attachment>/", photo, name="photo"),
    path("<int:pk>/diem-danh/", attendance, name="attendance"),
    path("van-ban/<int:pk>/", document, name="document"),
    path("tong-hop/", summary, name="summary"),
    path("tong-hop.xlsx", summary_xlsx, name="summary_xlsx"),
]
