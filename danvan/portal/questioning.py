"""The public side of council questioning (/chat-van/): the sessions of the HĐND xã, what the
delegates asked, what the respondents answered, and their pledges with their status.

Council members and respondents act in public as officials: the page shows the delegate's name
and the respondent's title, nobody else's name. A pledge an officer kept internal (its promise
not public) is left out.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from danvan.promises.models import STATUS_CSS, STATUS_LABELS
from danvan.questioning.models import STATE_CSS, STATE_LABELS, CouncilSession, Pledge

PAGE_SIZE = 20


@login_not_required
def questioning_list(request: HttpRequest) -> HttpResponse:
    qs = (
        CouncilSession.objects.select_related("commune")
        .annotate(n_questions=Count("questions"))
        .filter(n_questions__gt=0)
        .order_by("-opens_on", "-id")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/questioning_list.html", {"page": page})


@login_not_required
def questioning_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(CouncilSession.objects.select_related("commune"), pk=pk)
    today = timezone.localdate()
    questions = list(session.questions.select_related("respondent_unit"))
    pledges: dict[int, list[Pledge]] = {}
    shown = (
        Pledge.objects.filter(question__session=session, promise__public=True)
        .select_related("owner_unit", "promise")
        .order_by("id")
    )
    for p in shown:
        assert p.promise is not None
        status = p.promise.status(today)
        p.status_label, p.status_css = STATUS_LABELS[status], STATUS_CSS[status]  # type: ignore[attr-defined]
        pledges.setdefault(p.question_id, []).append(p)
    for q in questions:
        state = q.state(today)
        q.state_label, q.state_css = STATE_LABELS[state], STATE_CSS[state]  # type: ignore[attr-defined]
        q.shown_pledges = pledges.get(q.pk, [])  # type: ignore[attr-defined]
    return render(
        request, "portal/questioning_session.html", {"session": session, "questions": questions}
    )


# Under /chat-van/ (portal/urls.py).
urlpatterns = [
    path("", questioning_list, name="questioning"),
    path("ky-hop/<int:pk>/", questioning_session, name="questioning_session"),
]
