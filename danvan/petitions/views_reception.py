"""The reception register (sổ tiếp công dân): days of reception and the visits of each day.

Kept by the office that receives petitions and read by the leaders (access.reception_communes);
nobody else sees it, because it names the people who came. A denouncer's line shows the
protected mark instead (Luật Tố cáo 2018, Điều 8 khoản 3), on every page and in the printed
register; its identity is revealed only by POST with a reason, to whom
reception.can_read_visit_identity allows, and logged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from danvan.core import jobs
from danvan.core.access import get_access
from danvan.core.cache import kept, kept_page
from danvan.core.http import AuthedRequest, int_param, url_for_pk
from danvan.core.kept_forms import kept_blank
from danvan.core.models import AuditEntry, Role
from danvan.core.steps import run_step
from danvan.petitions import exports, reception
from danvan.petitions import jobs as petition_jobs
from danvan.petitions.access import (
    commune_choices,
    kept_communes,
    kept_or_404,
    reception_commune_for,
)
from danvan.petitions.forms import SessionForm, VisitForm
from danvan.petitions.models import Petition, ReceptionSession, Visit, VisitIdentity
from danvan.petitions.views_identity import IDENTITY_LABELS, REVEALED, RevealForm

PAGE_SIZE = 25


# The petitions a line of the register opened, as reception_visits.html links them (number/year).
_CODES = Prefetch("petitions", queryset=Petition.objects.only("year", "number", "source_visit_id"))


def _with_links(visits: Iterable[Visit]) -> list[Visit]:
    """The lines of reception_visits.html, each with its link and its petitions' links, from
    one reverse per kind of link rather than a {% url %} per line."""
    visit_url, detail_url = url_for_pk("petitions:visit"), url_for_pk("petitions:detail")
    lines = list(visits)
    for v in lines:
        v.url = visit_url(v.pk)  # type: ignore[attr-defined]
        for p in v.petitions.all():
            p.url = detail_url(p.pk)  # type: ignore[attr-defined]
    return lines


def session_list(request: AuthedRequest) -> HttpResponse:
    commune = reception_commune_for(request, request.GET.get("xa"))
    sessions = (
        ReceptionSession.objects.filter(commune=commune)
        .select_related("host")
        .only("held_on", "kind", "place", "host__username", "host__full_name")
        .annotate(n_visits=Count("visits"))
        .order_by("-held_on", "-id")
    )
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    session_url = url_for_pk("petitions:session")
    for s in page.object_list:
        s.url = session_url(s.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "petitions/reception_sessions.html",
        {
            "commune": commune,
            "communes": commune_choices(kept_communes(request)),
            "page": page,
            "week": reception.chairman_week(commune=commune, today=timezone.localdate()),
        },
    )


def session_create(request: AuthedRequest) -> HttpResponse:
    commune = reception_commune_for(request, request.GET.get("xa"))
    chairman = request.GET.get("loai") == ReceptionSession.Kind.CHAIRMAN
    form = SessionForm(
        request.POST or None,
        commune=commune,
        initial={
            "held_on": timezone.localdate(),
            "kind": ReceptionSession.Kind.CHAIRMAN if chairman else ReceptionSession.Kind.REGULAR,
        },
    )

    def page() -> HttpResponse:
        # Blank, the same for every keeper of the register on a day (kept as written).
        key = f"petitions:session_create|{int(chairman)}|{timezone.localdate()}"
        context = {"form": kept_blank(form, key, commune.pk), "commune": commune}
        return render(request, "petitions/reception_session_form.html", context)

    return run_step(
        request,
        form,
        lambda d: reception.session_create(commune=commune, by=request.user, **d),
        done=lambda session: f"Đã mở sổ buổi tiếp ngày {session.held_on:%d/%m/%Y}.",
        then=lambda session: redirect("petitions:session", pk=session.pk),
        again=page,
    )


def session_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    session = kept_or_404(request, ReceptionSession, pk, ("host", "commune"))
    # Its lines, the same for every keeper of the register: kept until a record of the
    # petitions (or of core) changes in the commune.
    visits = kept(
        f"petitions:session_visits|{session.pk}",
        session.commune_id,
        lambda: _with_links(session.visits.prefetch_related(_CODES).order_by("id")),
        60,
        apps=("petitions",),
    )
    return render(
        request, "petitions/reception_session.html", {"session": session, "visits": visits}
    )


def visit_create(request: AuthedRequest, pk: int) -> HttpResponse:
    session = kept_or_404(request, ReceptionSession, pk, ("commune",))
    form = VisitForm(request.POST or None, initial={"visited_on": session.held_on})

    def page() -> HttpResponse:
        context = {"form": form, "session": session}
        return render(request, "petitions/reception_visit_form.html", context)

    def record(d: dict[str, Any]) -> Petition | None:
        """The line of the register; the petition it opened, if any."""
        return reception.visit_create(session=session, by=request.user, **d).petitions.first()

    return run_step(
        request,
        form,
        record,
        done=lambda p: (
            f"Đã ghi lượt tiếp và vào sổ đơn thư số {p.code}." if p else "Đã ghi lượt tiếp vào sổ."
        ),
        then=lambda p: (
            redirect("petitions:detail", pk=p.pk)
            if p
            else redirect("petitions:session", pk=session.pk)
        ),
        again=page,
    )


def visit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    visit = kept_or_404(request, Visit, pk, ("session", "session__host"))
    return _visit_page(request, visit, RevealForm())


def _visit_page(
    request: AuthedRequest, visit: Visit, form: RevealForm, status: int = 200
) -> HttpResponse:
    """The line of the register; for a protected one, the reveal form to whom may reveal, and
    to a leader of the commune who looked at it, when and why."""
    leader = get_access(request.user).holds(Role.LEADER, commune_id=visit.commune_id)
    context = {
        "visit": visit,
        "petitions": list(visit.petitions.all()),
        "form": form if reception.can_read_visit_identity(request.user, visit) else None,
        "stored": visit.protected and VisitIdentity.objects.filter(visit=visit).exists(),
        "reveals": AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Visit),
            object_id=str(visit.pk),
            action="petitions.visit_identity_revealed",
        ).select_related("actor")
        if leader and visit.protected
        else None,
    }
    return render(request, "petitions/reception_visit.html", context, status=status)


@require_POST
def visit_identity_reveal(request: AuthedRequest, pk: int) -> HttpResponse:
    """POST with a reason: a protected line's identity, once, logged; never by GET."""
    visit = kept_or_404(request, Visit, pk, ("session", "session__host"))
    if not visit.protected:
        raise Http404
    if not reception.can_read_visit_identity(request.user, visit):
        raise PermissionDenied
    form = RevealForm(request.POST)

    def reveal(data: dict[str, Any]) -> dict[str, str]:
        return reception.visit_identity_reveal(visit=visit, by=request.user, reason=data["reason"])

    def show(identity: dict[str, str]) -> HttpResponse:
        shown = [(label, identity.get(k, "")) for k, label in IDENTITY_LABELS.items()]
        context = {"visit": visit, "shown": [(label, v) for label, v in shown if v]}
        response = render(request, "petitions/reception_visit_identity.html", context)
        patch_cache_control(response, no_store=True, private=True)
        return response

    # A refused or unsaved reveal shows the line again with the reason typed (core.steps).
    return run_step(
        request,
        form,
        reveal,
        done=REVEALED,
        then=show,
        again=lambda: _visit_page(request, visit, form),
    )


def register(request: AuthedRequest) -> HttpResponse:
    """The register itself, every visit in the order of form 03/TCD, newest first."""
    commune = reception_commune_for(request, request.GET.get("xa"))
    visits = (
        Visit.objects.filter(commune=commune)
        .select_related("session")
        .prefetch_related(_CODES)
        .order_by("-visited_on", "-id")
    )
    # Its page of lines and their count, kept until a record of the petitions changes.
    page = kept_page(
        f"petitions:register|{commune.pk}",
        commune.pk,
        visits,
        request.GET.get("page"),
        PAGE_SIZE,
        apps=("petitions",),
        prepare=_with_links,
    )
    context = {"commune": commune, "page": page, "year": timezone.localdate().year}
    return render(request, "petitions/reception_register.html", context)


@require_GET
def register_xlsx(request: AuthedRequest) -> HttpResponse:
    """The printed register of a year (`?nam=`, this year by default), form 03/TCD, as .xlsx,
    to whom reads the register; a protected line shows the mark, never a name."""
    commune = reception_commune_for(request, request.GET.get("xa"))
    year = int_param(request.GET.get("nam"))
    if year is None or not 2000 <= year <= 2100:
        year = timezone.localdate().year
    visits = Visit.objects.filter(commune=commune, visited_on__year=year).order_by(
        "visited_on", "id"
    )
    if jobs.too_large(visits.count()):
        return jobs.start(
            request,
            petition_jobs.register_xlsx,
            commune=commune,
            label=f"Sổ tiếp công dân năm {year} – {commune.name}",
            params={"year": year},
        )
    return exports.register_xlsx_response(commune=commune, year=year, visits=visits)


urls: list[URLPattern] = [
    path("tiep-cong-dan/", session_list, name="sessions"),
    path("tiep-cong-dan/them/", session_create, name="session_create"),
    path("tiep-cong-dan/so/", register, name="register"),
    path("tiep-cong-dan/so.xlsx", register_xlsx, name="register_xlsx"),
    path("tiep-cong-dan/<int:pk>/", session_detail, name="session"),
    path("tiep-cong-dan/<int:pk>/them-luot/", visit_create, name="visit_create"),
    path("tiep-cong-dan/luot/<int:pk>/", visit_detail, name="visit"),
    path(
        "tiep-cong-dan/luot/<int:pk>/danh-tinh/",
        visit_identity_reveal,
        name="visit_identity_reveal",
    ),
]
