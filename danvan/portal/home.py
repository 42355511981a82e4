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

from danvan.core.models import Unit
from danvan.plans.models import Plan
from danvan.portal import consultations as consultations_portal
from danvan.portal import decisions as decisions_portal
from danvan.portal import disclosures as disclosures_portal
from danvan.portal import supervision as supervision_portal
from danvan.portal.sections import HomeSection, in_commune

PUBLIC_STATUSES = [Plan.Status.ISSUED, Plan.Status.CLOSED]


def plans_section(commune: Unit | None) -> HomeSection:
    plans = in_commune(
        Plan.objects.filter(status__in=PUBLIC_STATUSES, parent__isnull=True), commune
    )
    plans = plans.select_related("issuing_unit", "commune").order_by("-year", "-issued_on")[:20]
    return HomeSection("portal/_home_plans.html", {"plans": plans})


# What a citizen looks for first: a draft to comment on, what is posted now, then what the
# people decided, what their supervision asked, and the plans the commune is held to.
SECTIONS: list[Callable[[Unit | None], HomeSection | None]] = [
    consultations_portal.home_section,
    disclosures_portal.home_section,
    decisions_portal.home_section,
    supervision_portal.home_section,
    plans_section,
]


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    communes = list(
        Unit.objects.filter(kind=Unit.Kind.COMMUNE, is_active=True)
        .select_related("parent")
        .order_by("name")
    )
    chosen = request.GET.get("xa", "")
    commune = next((c for c in communes if str(c.pk) == chosen), None)
    if len(communes) == 1:
        commune = communes[0]
    sections = [s for s in (section(commune) for section in SECTIONS) if s is not None]
    context = {"sections": sections, "commune": commune, "communes": communes}
    return render(request, "portal/home.html", context)
