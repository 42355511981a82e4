"""What villagers decided, for everyone: recognised decisions with the tally of each village.

Only counts are public (households, votes for and against, the threshold and the result);
no name of a household, a village head or an officer is shown.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from danvan.core.models import Unit
from danvan.decisions.models import CommunityDecision
from danvan.portal.sections import HomeSection, in_commune, shown

# When a decision took effect: the vote for items 1, 2, 6 of one village, the recognition for
# the others (Luật THDCCS 2022, Điều 21 khoản 2); older records hold the recognition day only.
IN_EFFECT_SINCE = Coalesce("effective_on", "recognised_on")
OUTCOMES = dict(CommunityDecision.Outcome.choices)


@login_not_required
@require_http_methods(["GET", "HEAD"])
def decision_list(request: HttpRequest) -> HttpResponse:
    """The hundred latest decisions in effect, read as values with their villages' names (a
    province's hundred made five hundred objects, written by a loop of ten lookups a row)."""
    rows = list(
        CommunityDecision.objects.public()
        .order_by(IN_EFFECT_SINCE.desc(), "-id")
        .values("pk", "title", "commune__name", "item__short_name", "outcome", "effective_on",
                "recognised_on")[:100]
    )  # fmt: skip
    villages: dict[int, list[str]] = {r["pk"]: [] for r in rows}
    links = CommunityDecision.villages.through.objects.filter(communitydecision__in=villages)
    # In the order the decision's villages were listed before (Unit's: kind, then name).
    for decision, name in links.order_by("unit__kind", "unit__name").values_list(
        "communitydecision_id", "unit__name"
    ):
        villages[decision].append(name)
    decisions = [
        {
            **r,
            "villages": villages[r["pk"]],
            "outcome_label": OUTCOMES.get(r["outcome"], r["outcome"]),
        }
        for r in rows
    ]
    return render(request, "portal/decisions_list.html", {"decisions": decisions})


@login_not_required
@require_http_methods(["GET", "HEAD"])
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    d = get_object_or_404(
        CommunityDecision.objects.public().select_related("commune", "item"), pk=pk
    )
    meetings = d.meetings.select_related("village", "tally").order_by("village__name")
    rows = [{"meeting": m, "tally": getattr(m, "tally", None)} for m in meetings]
    return render(request, "portal/decisions_detail.html", {"d": d, "rows": rows})


def home_section(commune: Unit | None) -> HomeSection | None:
    """ "Nhân dân đã quyết định": the latest recognised decisions."""
    decisions = list(
        in_commune(CommunityDecision.objects.public(), commune)
        .select_related("commune", "item")
        .order_by(IN_EFFECT_SINCE.desc(), "-id")[:5]
    )
    return shown("portal/_home_decisions.html", decisions=decisions)


# Under /dan-quyet-dinh/ (portal/urls.py).
urlpatterns = [
    path("", decision_list, name="decisions"),
    path("<int:pk>/", decision_detail, name="decision"),
]
