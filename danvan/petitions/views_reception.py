"""The reception register (sổ tiếp công dân): days of reception and the visits of each day.

Kept by the office that receives petitions and read by the leaders (access.reception_communes);
nobody else sees it, because it names the people who came.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone

from danvan.core.http import AuthedRequest
from danvan.core.steps import run_step
from danvan.petitions import reception
from danvan.petitions.access import (
    commune_choices,
    kept_communes,
    kept_or_404,
    reception_commune_for,
)
from danvan.petitions.forms import SessionForm, VisitForm
from danvan.petitions.models import Petition, ReceptionSession, Visit

PAGE_SIZE = 25


def session_list(request: AuthedRequest) -> HttpResponse:
    commune = reception_commune_for(request, request.GET.get("xa"))
    sessions = (
        ReceptionSession.objects.filter(commune=commune)
        .select_related("host")
        .annotate(n_visits=Count("visits"))
        .order_by("-held_on", "-id")
    )
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
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
        context = {"form": form, "commune": commune}
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
    session = kept_or_404(request, ReceptionSession.objects.select_related("host", "commune"), pk)
    visits = session.visits.prefetch_related("petitions").order_by("id")
    return render(
        request,
        "petitions/reception_session.html",
        {"session": session, "visits": visits},
    )


def visit_create(request: AuthedRequest, pk: int) -> HttpResponse:
    session = kept_or_404(request, ReceptionSession.objects.select_related("commune"), pk)
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
    visit = kept_or_404(request, Visit.objects.select_related("session", "session__host"), pk)
    return render(
        request,
        "petitions/reception_visit.html",
        {"visit": visit, "petitions": list(visit.petitions.all())},
    )


def register(request: AuthedRequest) -> HttpResponse:
    """The register itself, every visit in the order of form 03/TCD, newest first."""
    commune = reception_commune_for(request, request.GET.get("xa"))
    visits = (
        Visit.objects.filter(commune=commune)
        .select_related("session")
        .prefetch_related("petitions")
        .order_by("-visited_on", "-id")
    )
    page = Paginator(visits, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "petitions/reception_register.html", {"commune": commune, "page": page})


urls: list[URLPattern] = [
    path("tiep-cong-dan/", session_list, name="sessions"),
    path("tiep-cong-dan/them/", session_create, name="session_create"),
    path("tiep-cong-dan/so/", register, name="register"),
    path("tiep-cong-dan/<int:pk>/", session_detail, name="session"),
    path("tiep-cong-dan/<int:pk>/them-luot/", visit_create, name="visit_create"),
    path("tiep-cong-dan/luot/<int:pk>/", visit_detail, name="visit"),
]
