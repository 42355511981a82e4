"""The portal's home page: each public part of the site says what it shows there.

A part offers a function `home_section(request) -> HomeSection | None` (None: nothing to show)
and is listed in SECTIONS, in the order of the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.plans.models import Plan
from danvan.portal import consultations as consultations_portal
from danvan.portal import decisions as decisions_portal
from danvan.portal import disclosures as disclosures_portal
from danvan.portal import supervision as supervision_portal

PUBLIC_STATUSES = [Plan.Status.ISSUED, Plan.Status.CLOSED]


@dataclass
class HomeSection:
    template: str  # a partial under portal/, rendered with `data`
    data: dict[str, Any] = field(default_factory=dict)


def plans_section(request: HttpRequest) -> HomeSection:
    plans = (
        Plan.objects.filter(status__in=PUBLIC_STATUSES, parent__isnull=True)
        .select_related("issuing_unit", "commune")
        .order_by("-year", "-issued_on")[:20]
    )
    return HomeSection("portal/_home_plans.html", {"plans": plans})


SECTIONS: list[Callable[[HttpRequest], HomeSection | None]] = [
    plans_section,
    disclosures_portal.home_section,
    consultations_portal.home_section,
    decisions_portal.home_section,
    supervision_portal.home_section,
]


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    sections = [s for s in (section(request) for section in SECTIONS) if s is not None]
    return render(request, "portal/home.html", {"sections": sections})
