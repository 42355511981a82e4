"""The public side of voters' recommendations (/cu-tri/): what the voters asked at the meetings
whose results a leader published, who answers, the status and the answer.

Only published meetings are shown, and of them the recommendation, its village and field, who
answers and what was answered: never a voter's name (none is stored), nor the minutes.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from danvan.core.models import Unit
from danvan.portal.sections import HomeSection, in_commune, shown
from danvan.voters.models import STATES, VoterMeeting, VoterRecommendation

PAGE_SIZE = 20


def _public_answer(r: VoterRecommendation) -> str:
    if r.promise is not None:
        return r.promise.outcome_note if r.promise.public else ""
    return r.answer


def _label(recs: list[VoterRecommendation]) -> list[VoterRecommendation]:
    today = timezone.localdate()
    for r in recs:
        code = r.state(today)
        r.state_label, r.state_css = STATES[code]  # type: ignore[attr-defined]
        r.public_answer = _public_answer(r)  # type: ignore[attr-defined]
    return recs


def _published() -> QuerySet[VoterRecommendation]:
    return VoterRecommendation.objects.filter(meeting__published_at__isnull=False).select_related(
        "meeting__commune", "village", "owner_unit", "promise", "commune"
    )


@login_not_required
def voters_list(request: HttpRequest) -> HttpResponse:
    qs = _published().order_by("-meeting__held_on", "number")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    _label(list(page.object_list))
    return render(request, "portal/voters_list.html", {"page": page})


@login_not_required
def voters_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        VoterMeeting.objects.filter(published_at__isnull=False).select_related("commune"), pk=pk
    )
    recs = _label(list(_published().filter(meeting=meeting).order_by("number")))
    return render(request, "portal/voters_meeting.html", {"meeting": meeting, "recs": recs})


def home_section(commune: Unit | None) -> HomeSection | None:
    """The latest published recommendations for the portal's home (portal/home.py lists it)."""
    recs = list(in_commune(_published(), commune).order_by("-meeting__held_on", "-number")[:5])
    return shown("portal/voters_home.html", recs=_label(recs))


# Under /cu-tri/ (portal/urls.py).
urlpatterns = [
    path("", voters_list, name="voters"),
    path("<int:pk>/", voters_meeting, name="voters_meeting"),
]
