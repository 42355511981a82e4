"""The public gallery of the "Dân vận khéo" movement, under /dan-van-kheo/ (issue 14).

Only practices recognised and marked public (`Practice.objects.gallery()`), as cards with a
cover photo, filtered by field and village (and first by commune in a province's install, as
the promises' page). Each practice's page shows what was done, its outputs, where it was
copied and its photos; never a review, a reviewer's score or anyone's contact. Photos are the
follow-ups' pictures of a public practice, served resized (core.images); documents stay
inside; anything else answers 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from danvan.core.cache import kept, kept_page
from danvan.core.http import int_param, url_for_pk
from danvan.core.images import PHOTO_MIMES, photo_response, photo_width
from danvan.core.models import Attachment, Unit
from danvan.movement.models import Field, FollowUp, Practice
from danvan.portal.petitions import labelled, places_asked
from danvan.portal.sections import HomeSection, in_commune, shown

PAGE_SIZE = 12


def _photos(practice_ids: list[int]) -> QuerySet[Attachment]:
    """The photos of the follow-ups of these practices, oldest first."""
    return Attachment.objects.filter(
        owner_type=ContentType.objects.get_for_model(FollowUp),
        owner_id__in=FollowUp.objects.filter(practice_id__in=practice_ids).values("pk"),
        mime_type__in=PHOTO_MIMES,
        encrypted=False,
    ).order_by("pk")


def _covers(practices: list[Practice]) -> None:
    """Each practice's first photo (`cover`: its attachment id, or None), in two queries."""
    ids = [p.pk for p in practices]
    owner = dict(FollowUp.objects.filter(practice_id__in=ids).values_list("pk", "practice_id"))
    covers: dict[int, int] = {}
    for pk, owner_id in _photos(ids).values_list("pk", "owner_id"):
        covers.setdefault(owner[owner_id], pk)
    for p in practices:
        p.cover = covers.get(p.pk)  # type: ignore[attr-defined]


@login_not_required
@require_http_methods(["GET", "HEAD"])
def gallery(request: HttpRequest) -> HttpResponse:
    communes, commune, villages = places_asked(request)
    if commune is None:
        return render(
            request,
            "portal/movement_list.html",
            {"communes": labelled(communes), "choose": True},
        )
    field = int_param(request.GET.get("linh-vuc"))
    village = int_param(request.GET.get("thon"))
    qs = Practice.objects.gallery().filter(commune=commune)
    if field is not None:
        qs = qs.filter(field_id=field)
    if village is not None:
        qs = qs.filter(village_id=village)

    def prepare(rows: list[Practice]) -> None:
        _covers(rows)
        url = url_for_pk("portal:movement_detail")
        for p in rows:
            p.url = url(p.pk)  # type: ignore[attr-defined]

    page = kept_page(
        f"portal:gallery|{commune.pk}|{field}|{village}",
        commune.pk,
        qs.select_related("field", "village")
        .only("name", "kind", "year", "person_name", "field__name", "village__name")
        .order_by("-decided_on", "-pk"),
        request.GET.get("page"),
        PAGE_SIZE,
        apps=("movement",),
        prepare=prepare,
    )
    rows = page.object_list
    xa = f"xa={commune.pk}&" if len(communes) > 1 else ""
    return render(
        request,
        "portal/movement_list.html",
        {
            "page": page,
            "rows": rows,
            "commune": commune,
            "communes": labelled(communes) if len(communes) > 1 else [],
            "villages": villages,
            "fields": Field.objects.filter(is_active=True),
            "field": field,
            "village": village,
            "query": f"{xa}linh-vuc={field or ''}&thon={village or ''}",
        },
    )


def _public(pk: int) -> Practice:
    return get_object_or_404(
        Practice.objects.gallery().select_related(
            "commune", "field", "village", "registrant", "level"
        ),
        pk=pk,
    )


@login_not_required
@require_http_methods(["GET", "HEAD"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = _public(pk)

    def parts() -> dict[str, Any]:
        return {
            "photos": list(_photos([p.pk]).values_list("pk", flat=True)[:24]),
            "replications": list(p.replications.select_related("village")),
        }

    # Its photos and replications, kept until a record of the movement changes in its commune.
    kept_parts = kept(f"portal:practice_parts|{p.pk}", p.commune_id, parts, 60, apps=("movement",))
    return render(request, "portal/movement_detail.html", {"p": p, **kept_parts})


@login_not_required
@require_http_methods(["GET", "HEAD"])
def photo(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """A photo of a public practice, resized; anything else answers 404."""
    p = _public(pk)
    return photo_response(
        _photos([p.pk]).filter(pk=file_pk).first(), photo_width(request), public=True
    )


def home_section(commune: Unit | None) -> HomeSection | None:
    """The newest recognised models and exemplars on the home page (nothing when none)."""
    found = list(
        in_commune(Practice.objects.gallery(), commune)
        .select_related("field", "village")
        .only("name", "kind", "field__name", "village__name")
        .order_by("-decided_on", "-pk")[:4]
    )
    _covers(found)
    return shown("portal/movement_home.html", practices=found)


# Under /dan-van-kheo/ (portal/urls.py).
urlpatterns = [
    path("", gallery, name="movement"),
    path("<int:pk>/", detail, name="movement_detail"),
    path("<int:pk>/anh/<int:file_pk>/", photo, name="movement_photo"),
]
