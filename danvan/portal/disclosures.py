"""What is posted now: the commune's disclosures published to the portal, without an account.

A disclosure shows here between the start and end of its portal posting (a permanent category,
Luật THDCCS 2022 Điều 13, until it is withdrawn). Only the documents the officer published are
downloadable; proof of posting (photos of notice boards, minutes) and the officers who recorded
it are never shown: they may show people, and the law makes public the content, not them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from danvan.core.cache import expiring
from danvan.core.http import int_param
from danvan.core.models import Unit
from danvan.core.uploads import attachment_response
from danvan.disclosures.models import Category, Disclosure, DisclosureQuerySet, Document
from danvan.portal.sections import HomeSection, in_commune, shown

PAGE_SIZE = 20


def current(today: date | None = None) -> DisclosureQuerySet:
    return (
        Disclosure.objects.on_portal(today or timezone.localdate())
        .select_related("commune", "category")
        .order_by("-decided_on", "-id")
    )


@expiring(seconds=60)
def _categories() -> list[Category]:
    """The fourteen contents of Điều 11, a table of reference changed in the admin only."""
    return list(Category.objects.only("number", "short_name"))


@receiver([post_save, post_delete], sender=Category)
def _forget_categories(**kwargs: Any) -> None:
    _categories.forget()


def _public(pk: int) -> Disclosure:
    qs = Disclosure.objects.on_portal(timezone.localdate()).select_related("commune", "category")
    return get_object_or_404(qs, pk=pk)


@login_not_required
@require_http_methods(["GET", "HEAD"])
def disclosure_list(request: HttpRequest) -> HttpResponse:
    qs = current()
    communes = list(
        Unit.objects.filter(pk__in=qs.values("commune_id"))  # the filter built once
        .order_by("name")
        .values_list("pk", "name")
    )
    commune = int_param(request.GET.get("xa"))
    category = int_param(request.GET.get("noi-dung"))
    if commune is not None:
        qs = qs.filter(commune_id=commune)
    if category is not None:
        qs = qs.filter(category__number=category)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "portal/disclosures_list.html",
        {
            "page": page,
            "categories": [(c.number, f"{c.number}. {c.short_name}") for c in _categories()],
            "communes": communes if len(communes) > 1 else [],
            "commune": commune,
            "category": category,
        },
    )


@login_not_required
@require_http_methods(["GET", "HEAD"])
def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    d = _public(pk)
    documents = [doc for doc in d.documents.filter(public=True) if doc.attachment()]
    return render(request, "portal/disclosures_detail.html", {"d": d, "documents": documents})


@login_not_required
@require_http_methods(["GET", "HEAD"])
def disclosure_file(request: HttpRequest, pk: int, doc: int) -> FileResponse:
    d = _public(pk)
    return attachment_response(
        get_object_or_404(Document, pk=doc, disclosure=d, public=True).attachment()
    )


def home_section(commune: Unit | None) -> HomeSection | None:
    """The newest postings on the home page (nothing when none is posted now)."""
    return shown("portal/_home_disclosures.html", items=list(in_commune(current(), commune)[:6]))


# Under /cong-khai/ (portal/urls.py).
urlpatterns = [
    path("", disclosure_list, name="disclosures"),
    path("<int:pk>/", disclosure_detail, name="disclosure"),
    path("<int:pk>/tep/<int:doc>/", disclosure_file, name="disclosure_file"),
]
