"""The province's book (petitions.province): a province viewer's or administrator's list of
every commune's petitions, filtered, searched and exported as counts elsewhere; 403 for anybody
without a province seat. It names no petitioner and links to no case file."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone

from danvan.core.access import get_access
from danvan.core.http import AuthedRequest
from danvan.petitions import province, selectors
from danvan.petitions.forms import ProvinceFilterForm
from danvan.petitions.search import parse

PAGE_SIZE = 25


def province_list(request: AuthedRequest) -> HttpResponse:
    communes = get_access(request.user).province_communes
    if not communes:
        raise PermissionDenied
    form = ProvinceFilterForm(request.GET or None, communes=communes)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    book = province.book(communes, data, today)
    query = data.get("q") or ""
    asked = [sorted(communes), *(data.get(k) for k in ("xa", "status", "kind", "due"))]
    matches = province.Matches(
        book,
        query,
        communes={data["xa"]} if data.get("xa") else communes,
        filtered=any(data.get(k) for k in ("status", "kind", "due")),
        few=bool(data.get("due")),
        keep=f"petitions:province|{asked}|{parse(query)}|{today}",
    )
    paginator = province.CappedPaginator(matches, PAGE_SIZE)  # type: ignore[arg-type]
    page = paginator.get_page(request.GET.get("page"))
    soon = selectors.due_soon_until(today)
    for p in page.object_list:
        p.badge = selectors.deadline_badge(p, today, soon)  # type: ignore[attr-defined]
        p.status_class = selectors.status_class(p)  # type: ignore[attr-defined]
    return render(
        request,
        "petitions/province_list.html",
        {"form": form, "page": page},
    )


urls: list[URLPattern] = [
    path("toan-tinh/", province_list, name="province"),
]
