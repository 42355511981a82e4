"""The portal's home page: each public part of the site says what it shows there.

A part offers a function `home_section(commune) -> HomeSection | None` (None: nothing to show;
`commune` None: every commune of the install) and is listed in SECTIONS, in the order of the
page. One commune's install shows that commune; a province's lets the citizen choose (?xa=).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from danvan.core.cache import kept
from danvan.core.models import Unit
from danvan.plans.models import Plan
from danvan.portal import consultations as consultations_portal
from danvan.portal import decisions as decisions_portal
from danvan.portal import disclosures as disclosures_portal
from danvan.portal import movement as movement_portal
from danvan.portal import news as news_portal
from danvan.portal import promises as promises_portal
from danvan.portal import supervision as supervision_portal
from danvan.portal import voters as voters_portal
from danvan.portal.petitions import all_places
from danvan.portal.sections import HomeSection, in_commune

PUBLIC_STATUSES = [Plan.Status.ISSUED, Plan.Status.CLOSED]


def plans_section(commune: Unit | None) -> HomeSection:
    plans = in_commune(
        Plan.objects.filter(status__in=PUBLIC_STATUSES, parent__isnull=True), commune
    )
    plans = plans.select_related("issuing_unit", "commune").order_by("-year", "-issued_on")[:20]
    return HomeSection("portal/_home_plans.html", {"plans": plans})


# What a citizen looks for first: a draft to comment on, what is posted now, the commune's news,
# then what the people decided, what their supervision asked, what the commune promised and what
# voters asked, the good models of the "Dân vận khéo" movement, and the plans the commune is
# held to.
SECTIONS: list[Callable[[Unit | None], HomeSection | None]] = [
    consultations_portal.home_section,
    disclosures_portal.home_section,
    news_portal.home_section,
    decisions_portal.home_section,
    supervision_portal.home_section,
    promises_portal.home_section,
    voters_portal.home_section,
    movement_portal.home_section,
    plans_section,
]


def sections_html(commune: Unit | None) -> SafeString:
    """The sections of the page as written, kept per commune and day until a record of that
    commune (of any, for every commune's page) changes, and a minute at most (a change made
    outside the product): core.cache.kept. Their six queries and the writing of their rows were
    most of the page's time, on every visit of the same page."""

    def write() -> str:
        parts = (section(commune) for section in SECTIONS)
        return "".join(render_to_string(s.template, {"data": s.data}) for s in parts if s)

    html = kept(
        f"portal:home|{commune.pk if commune else 0}|{timezone.localdate()}",
        commune.pk if commune else None,
        write,
        seconds=60,
    )
    return mark_safe(html)  # written by the partials' templates, which escape


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    communes = all_places().communes  # kept a minute, as the petition form's
    chosen = request.GET.get("xa", "")
    commune = next((c for c in communes if str(c.pk) == chosen), None)
    if len(communes) == 1:
        commune = communes[0]
    context = {"sections": sections_html(commune), "commune": commune, "communes": communes}
    return render(request, "portal/home.html", context)
