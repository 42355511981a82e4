"""The reception register (sổ tiếp công dân): days of reception and the visits of each day.

Kept by the office that receives petitions and read by the leaders (access.reception_communes);
nobody else sees it, because it names the people who came.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.http import AuthedRequest
from danvan.core.models import Unit
from danvan.petitions import reception
from danvan.petitions.access import reception_commune_for, reception_communes
from danvan.petitions.forms import SessionForm, VisitForm
from danvan.petitions.models import ReceptionSession, Visit

PAGE_SIZE = 25


def _communes(request: AuthedRequest) -> set[int]:
    communes = reception_communes(request.user)
    if not communes:
        raise PermissionDenied
    return communes


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except (ValueError, OverflowError):
        return None


def _error(e: DomainError | ValidationError) -> str:
    return e.message if isinstance(e, DomainError) else "; ".join(e.messages)


def session_list(request: AuthedRequest) -> HttpResponse:
    commune = reception_commune_for(request, _int(request.GET.get("xa")))
    sessions = (
        ReceptionSession.objects.filter(commune=commune)
        .select_related("host")
        .annotate(n_visits=Count("visits"))
        .order_by("-held_on", "-id")
    )
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    communes = (
        Unit.objects.filter(pk__in=_communes(request)).order_by("name")
        if len(_communes(request)) > 1
        else []
    )
    return render(
        request,
        "petitions/reception_sessions.html",
        {
            "commune": commune,
            "communes": communes,
            "page": page,
            "week": reception.chairman_week(commune=commune, today=timezone.localdate()),
        },
    )


def session_create(request: AuthedRequest) -> HttpResponse:
    commune = reception_commune_for(request, _int(request.GET.get("xa")))
    form = SessionForm(
        request.POST or None,
        commune=commune,
        initial={
            "held_on": timezone.localdate(),
            "kind": ReceptionSession.Kind.CHAIRMAN
            if request.GET.get("loai") == ReceptionSession.Kind.CHAIRMAN
            else ReceptionSession.Kind.REGULAR,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = reception.session_create(
                commune=commune, by=request.user, **form.cleaned_data
            )
        except (DomainError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, f"Đã mở sổ buổi tiếp ngày {session.held_on:%d/%m/%Y}.")
            return redirect("petitions:session", pk=session.pk)
    return render(
        request,
        "petitions/reception_session_form.html",
        {"form": form, "commune": commune},
        status=400 if request.method == "POST" else 200,
    )


def session_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        ReceptionSession.objects.select_related("host", "commune"),
        pk=pk,
        commune_id__in=_communes(request),
    )
    visits = session.visits.prefetch_related("petitions").order_by("id")
    return render(
        request,
        "petitions/reception_session.html",
        {"session": session, "visits": visits},
    )


def visit_create(request: AuthedRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        ReceptionSession.objects.select_related("commune"), pk=pk, commune_id__in=_communes(request)
    )
    form = VisitForm(request.POST or None, initial={"visited_on": session.held_on})
    if request.method == "POST" and form.is_valid():
        try:
            visit = reception.visit_create(session=session, by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            petition = visit.petitions.first()
            if petition:
                messages.success(request, f"Đã ghi lượt tiếp và vào sổ đơn thư số {petition.code}.")
                return redirect("petitions:detail", pk=petition.pk)
            messages.success(request, "Đã ghi lượt tiếp vào sổ.")
            return redirect("petitions:session", pk=session.pk)
    return render(
        request,
        "petitions/reception_visit_form.html",
        {"form": form, "session": session},
        status=400 if request.method == "POST" else 200,
    )


def visit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(
        Visit.objects.select_related("session", "session__host"),
        pk=pk,
        commune_id__in=_communes(request),
    )
    return render(
        request,
        "petitions/reception_visit.html",
        {"visit": visit, "petitions": list(visit.petitions.all())},
    )


def register(request: AuthedRequest) -> HttpResponse:
    """The register itself, every visit in the order of form 03/TCD, newest first."""
    commune = reception_commune_for(request, _int(request.GET.get("xa")))
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
