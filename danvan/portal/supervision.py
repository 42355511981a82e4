"""The public side of supervision by the people: the boards' published recommendations, who
answers them, by when, and the answer (Luật Thực hiện dân chủ ở cơ sở 2022, Điều 30–31).

Only what a leader published is shown, and of it only the recommendation, the units, the dates
and the answer: never a board member's or an officer's name, nor the supervision's minutes.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from danvan.core.models import Attachment, Unit
from danvan.core.uploads import attachment_response
from danvan.portal.sections import HomeSection, in_commune, shown
from danvan.supervision.models import TIMELINESS_LABELS, Recommendation

PAGE_SIZE = 20
# The status colours of plans (_status.html) carry the same meaning here.
CSS = {"on_time": "done", "late": "due_soon", "pending": "not_started", "overdue": "overdue"}


def _label(recs: list[Recommendation]) -> list[Recommendation]:
    today = timezone.localdate()
    for r in recs:
        r.timeliness_code = r.timeliness(today)  # type: ignore[attr-defined]
        r.timeliness_label = TIMELINESS_LABELS[r.timeliness_code]  # type: ignore[attr-defined]
        r.timeliness_css = CSS[r.timeliness_code]  # type: ignore[attr-defined]
    return recs


@login_not_required
def supervision_list(request: HttpRequest) -> HttpResponse:
    qs = (
        Recommendation.objects.published()
        .select_related("activity__board", "owner_unit", "commune")
        .order_by("-sent_on", "-id")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    _label(list(page.object_list))
    return render(request, "portal/supervision_list.html", {"page": page})


@login_not_required
def supervision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rec = get_object_or_404(
        Recommendation.objects.published().select_related(
            "activity__board", "activity__subject_kind", "owner_unit", "commune"
        ),
        pk=pk,
    )
    _label([rec])
    files = _answer_files(rec) if rec.answered_on else []
    return render(request, "portal/supervision_detail.html", {"rec": rec, "files": files})


@login_not_required
def supervision_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """The answer's documents of a published recommendation (the minutes stay inside)."""
    rec = get_object_or_404(Recommendation.objects.published(), pk=pk, answered_on__isnull=False)
    return attachment_response(_answer_files(rec).filter(pk=file_pk).first())


def _answer_files(rec: Recommendation) -> QuerySet[Attachment]:
    return Attachment.objects.filter(owner_type__model="recommendation", owner_id=rec.pk)


def home_section(commune: Unit | None) -> HomeSection | None:
    recs = list(
        in_commune(Recommendation.objects.published(), commune)
        .select_related("activity__board", "owner_unit")
        .order_by("-sent_on", "-id")[:5]
    )
    return shown("portal/_home_supervision.html", recs=_label(recs))


# Under /giam-sat/ (portal/urls.py).
urlpatterns = [
    path("", supervision_list, name="supervision"),
    path("<int:pk>/", supervision_detail, name="supervision_detail"),
    path("<int:pk>/tep/<int:file_pk>/", supervision_file, name="supervision_file"),
]
