"""Dashboard and statistics of reception and petitions: counts only, readable more widely.

Read-only members and province viewers see the numbers of the communes they read; the list of
overdue cases, which names petitions, is shown only to those who keep the petition book.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from danvan.core.access import commune_for, get_access
from danvan.core.cache import kept
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
    keeps_book = commune.pk in get_access(request.user).reception_communes
    return render(
        request,
        "petitions/stats_dashboard.html",
        {
            # What the page's head and period form show; the figures come written.
            "stats": {"commune": commune, "start": start, "end": end},
            "figures": figures(commune, start, end, today, keeps_book=keeps_book),
            "form": form,
            "communes": commune_choices(selectors.stats_communes(request.user)),
            "query": request.GET.urlencode(),
        },
    )


def figures(commune: Unit, start: date, end: date, today: date, *, keeps_book: bool) -> SafeString:
    """The dashboard's figures and overdue list as written (stats_figures.html), kept until a
    record of the commune changes (core.cache.kept): counting a year of a large commune's book
    is most of the page (SQL over every case of the period), and the figures move only when a
    case or a reception of the commune is written, which logs an audit entry. Per day, as the
    overdue cases and the rates are counted as of today; per kind of reader, as only those who
    keep the book see the overdue cases named and linked."""

    def write() -> str:
        # The page shows no count of accepted cases (the export does): see petition_stats.
        stats = selectors.petition_stats(
            commune=commune, start=start, end=end, today=today, accepted=False
        )
        detail_url = url_for_pk("petitions:detail")
        for p in stats.overdue:
            p.url = detail_url(p.pk)  # type: ignore[attr-defined]
        context = {"stats": stats, "keeps_book": keeps_book}
        return render_to_string("petitions/stats_figures.html", context)

    key = f"petitions:stats|{commune.pk}|{start}|{end}|{today}|{keeps_book}"
    # Written by the template engine, which escapes.
    return mark_safe(kept(key, commune.pk, write))


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
