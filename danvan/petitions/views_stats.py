"""Dashboard and statistics of reception and petitions: counts only, readable more widely.

Read-only members and province viewers see the numbers of the communes they read; the list of
overdue cases, which names petitions, is shown only to those who keep the petition book.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone

from danvan.core.access import commune_for, get_access
from danvan.core.http import AuthedRequest, int_param, url_for_pk
from danvan.core.models import Unit
from danvan.petitions import exports, selectors
from danvan.petitions.access import commune_choices
from danvan.petitions.forms import PeriodForm


def _commune(request: AuthedRequest) -> Unit:
    """The commune of `?xa=` among those the user reads (404 for another; text that is no
    number shows the default one): the statistics are counts, readable more widely."""
    return commune_for(request, int_param(request.GET.get("xa")))


def dashboard(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    today = timezone.localdate()
    # The page shows no count of accepted cases (the export does): see petition_stats.
    stats = selectors.petition_stats(
        commune=commune, start=start, end=end, today=today, accepted=False
    )
    detail_url = url_for_pk("petitions:detail")
    for p in stats.overdue:
        p.url = detail_url(p.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "petitions/stats_dashboard.html",
        {
            "stats": stats,
            "form": form,
            "communes": commune_choices(selectors.stats_communes(request.user)),
            "keeps_book": commune.pk in get_access(request.user).reception_communes,
            "query": request.GET.urlencode(),
        },
    )


def dashboard_xlsx(request: AuthedRequest) -> HttpResponse:
    commune = _commune(request)
    start, end = PeriodForm(request.GET or None).period()
    stats = selectors.petition_stats(
        commune=commune, start=start, end=end, today=timezone.localdate()
    )
    return exports.stats_xlsx_response(stats)


urls: list[URLPattern] = [
    path("thong-ke/", dashboard, name="stats"),
    path("thong-ke.xlsx", dashboard_xlsx, name="stats_xlsx"),
]
