"""The public side of dialogues: the published results of each conference between the commune's
leaders and the people, its questions (by village, never the name of who asked), the answers
given on the spot and the commitments with their status (Luật THDCCS 2022, Điều 32)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from danvan.dialogues.models import Commitment, Dialogue, promise_status

PAGE_SIZE = 20


@login_not_required
def dialogue_list(request: HttpRequest) -> HttpResponse:
    qs = Dialogue.objects.published().select_related("commune").order_by("-held_on", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/dialogues_list.html", {"page": page})


@login_not_required
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    d = get_object_or_404(
        Dialogue.objects.published().select_related("commune", "co_organiser"), pk=pk
    )
    today = timezone.localdate()
    # Only what the portal may show: the question, its village and the answer.
    questions = list(
        d.questions.select_related("village").only(
            "number", "text", "answer", "answered_by", "village__name", "dialogue_id"
        )
    )
    commitments = list(
        Commitment.objects.filter(dialogue=d, promise__public=True)
        .select_related("owner_unit", "promise", "question")
        .order_by("id")
    )
    for c in commitments:
        c.status_css, c.status_label = promise_status(c, today)  # type: ignore[attr-defined]
    return render(
        request,
        "portal/dialogues_detail.html",
        {"d": d, "questions": questions, "commitments": commitments},
    )


# Under /doi-thoai/ (portal/urls.py).
urlpatterns = [
    path("", dialogue_list, name="dialogues"),
    path("<int:pk>/", dialogue_detail, name="dialogue"),
]
