"""Dashboard and statistics of reception and petitions: counts only, readable more widely.

Read-only members and province viewers see the numbers of the communes they read; the list of
overdue cases, which names petitions, is shown only to those who keep the petition book.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone

from danvan.core.http import AuthedRequest
from danvan.core.models import Unit
from danvan.petitions import exports, selectors
from danvan.petitions.access import reception_communes
from danvan.petitions.forms import PeriodForm


def _commune(request: AuthedRequest) -> tuple[Unit, set[int]]:
    allowed = selectors.stats_communes(request.user)
    if not allowed:
        raise PermissionDenied
    raw = request.GET.get("xa")
    try:
        wanted = int(raw) if raw else min(allowed)
    except (ValueError, OverflowError):
        wanted = min(allowed)
    if wanted not in allowed:
        raise Http404
    return Unit.objects.get(pk=wanted), allowed


def dashboard(request: AuthedRequest) -> HttpResponse:
    commune, allowed = _commune(request)
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    today = timezone.localdate()
    stats = selectors.petition_stats(commune=commune, start=start, end=end, today=today)
    return render(
        request,
        "petitions/stats_dashboard.html",
        {
            "stats": stats,
            "form": form,
            "communes": Unit.objects.filter(pk__in=allowed).order_by("name")
            if len(allowed) > 1
            else [],
            "keeps_book": commune.pk in reception_communes(request.user),
            "query": request.GET.urlencode(),
        },
    )


def dashboard_xlsx(request: AuthedRequest) -> HttpResponse:
    commune, _allowed = _commune(request)
    start, end = PeriodForm(request.GET or None).period()
    stats = selectors.petition_stats(
        commune=commune, start=start, end=end, today=timezone.localdate()
    )
    return exports.stats_xlsx_response(stats)


urls: list[URLPattern] = [
    path("thong-ke/", dashboard, name="stats"),
    path("thong-ke.xlsx", dashboard_xlsx, name="stats_xlsx"),
]
