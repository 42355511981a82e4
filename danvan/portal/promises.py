"""The public page of promises: "Chính quyền đã hứa — đã làm" (issue 13, part 6).

Every commitment of a dialogue, answer to a voters' recommendation, pledge at the council and
remedy of an inspection that was not marked internal: what was promised, where, which unit owes
it, by when, its status and its outcome with the evidence. Only `public=True` promises, and of
them the unit, never an officer's name; an internal promise and its files answer 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from danvan.core.models import Attachment, Unit
from danvan.core.uploads import attachment_response
from danvan.portal.petitions import labelled, places_asked
from danvan.portal.sections import HomeSection, in_commune, shown
from danvan.promises.models import STATUS_CSS, STATUS_LABELS, Promise, Source
from danvan.promises.selectors import Filters, figure_list, files_of, listing


def _with_files(rows: list[dict[str, Any]]) -> None:
    """Each row's evidence files, for the page in one query."""
    ct = ContentType.objects.get_for_model(Promise)
    found: dict[int, list[dict[str, Any]]] = {}
    for a in (
        Attachment.objects.filter(owner_type=ct, owner_id__in=[r["id"] for r in rows])
        .order_by("id")
        .values("pk", "owner_id", "original_name", "size")
    ):
        found.setdefault(a["owner_id"], []).append(dict(a))
    for r in rows:
        r["files"] = found.get(r["id"], [])


@login_not_required
@require_http_methods(["GET", "HEAD"])
def promise_list(request: HttpRequest) -> HttpResponse:
    communes, commune, villages = places_asked(request)
    if commune is None:
        # A province's install: the citizen first chooses his commune. Its promises are what he
        # can judge; every commune's at once (100,000 at province scale) would be counted and
        # searched whole on each visit, for a list nobody reads through.
        return render(
            request, "portal/promises_list.html", {"communes": labelled(communes), "choose": True}
        )
    f = Filters.read(request.GET)
    f.owner, f.mine = None, False  # the portal filters by where, not by which unit
    if f.village is not None and f.village not in {v.pk for v in villages}:
        f.village = None
    found = listing(
        key="portal:promises",
        commune_id=commune.pk,
        promises=Promise.objects.public().filter(commune=commune),
        f=f,
        number=request.GET.get("page"),
        detail_url="portal:promise",
        today=timezone.localdate(),
        decorate=_with_files,
    )
    page = found.page
    xa = commune.pk if len(communes) > 1 else ""
    return render(
        request,
        "portal/promises_list.html",
        {
            "page": page,
            "rows": page.object_list,
            "f": f,
            "query": f.query(xa=xa),
            "communes": labelled(communes) if len(communes) > 1 else [],
            "commune": commune,
            "villages": villages,
            "sources": Source.choices,
            "statuses": list(STATUS_LABELS.items()),
            "figures": figure_list(found.figures),
            "filtered": bool(f.q or f.source or f.status or f.village),
        },
    )


def _public(pk: int) -> Promise:
    return get_object_or_404(
        Promise.objects.public().select_related("commune", "owner_unit", "village"), pk=pk
    )


@login_not_required
@require_http_methods(["GET", "HEAD"])
def promise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = _public(pk)
    status = p.status(timezone.localdate())
    return render(
        request,
        "portal/promises_detail.html",
        {
            "p": p,
            "status": status,
            "status_label": STATUS_LABELS[status],
            "status_css": STATUS_CSS[status],
            "files": list(files_of(p.pk)),
        },
    )


@login_not_required
@require_http_methods(["GET", "HEAD"])
def promise_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """The evidence of a public promise's outcome; an internal one's answers 404."""
    p = get_object_or_404(Promise.objects.public(), pk=pk)
    return attachment_response(files_of(p.pk).filter(pk=file_pk).first())


def home_section(commune: Unit | None) -> HomeSection | None:
    """The newest public promises on the home page (nothing when there is none)."""
    today = timezone.localdate()
    found = list(
        in_commune(Promise.objects.public(), commune)
        .select_related("owner_unit")
        .only("title", "due_on", "promised_due", "outcome", "outcome_on", "owner_unit__name")
        .order_by("-made_on", "-id")[:5]
    )
    for p in found:
        status = p.status(today)
        p.status_label = STATUS_LABELS[status]  # type: ignore[attr-defined]
        p.status_css = STATUS_CSS[status]  # type: ignore[attr-defined]
    return shown("portal/promises_home.html", promises=found)


# Under /da-hua-da-lam/ (portal/urls.py).
urlpatterns = [
    path("", promise_list, name="promises"),
    path("<int:pk>/", promise_detail, name="promise"),
    path("<int:pk>/tep/<int:file_pk>/", promise_file, name="promise_file"),
]
