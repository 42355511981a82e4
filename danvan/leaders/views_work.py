""" "Việc của tôi": everything waiting on the signed-in person, in every app, by due date.

Each domain app answers through its `my_work` hook (core.domain.AppConfig.waiting_on, in one
or two queries); this page only sorts and groups: late first (the longest overdue on top),
then by due date, then what has no due date.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from danvan.core import domain
from danvan.core.access import get_access
from danvan.core.cache import kept
from danvan.core.http import AuthedRequest
from danvan.core.models import Unit
from danvan.core.work import WorkItem

SOON_DAYS = 7


def waiting_on(user: Any, today: date, commune_id: int | None = None) -> list[WorkItem]:
    """Every app's items for `user`, late first, then by due date, undated last. Each app's are
    kept until a record of that app (or of core) in `commune_id` changes (core.cache.kept's
    `apps`); of any commune, when `commune_id` is None (he sits in several)."""
    items: list[WorkItem] = []
    for config in apps.get_app_configs():
        if isinstance(config, domain.AppConfig) and config.my_work:
            items.extend(
                kept(
                    f"leaders:my_work:{config.label}|{user.pk}|{today}",
                    commune_id,
                    partial(config.waiting_on, user, today=today),
                    apps=config.records_read,
                )
            )
    return sorted(items, key=lambda i: (i.due is None, i.due or date.max, i.app, i.title))


def my_work(request: AuthedRequest) -> HttpResponse:
    if not get_access(request.user).has_any:
        raise PermissionDenied
    today = timezone.localdate()
    # Every app's hooks run a query or two each: what waits on the user is kept until a record
    # of his commune changes (core.cache.kept; of any commune, when he sits in several), and
    # each app's items until a record of that app does.
    own = get_access(request.user).own_communes
    commune_id = next(iter(own)) if len(own) == 1 else None
    items = kept(
        f"leaders:my_work|{request.user.pk}|{today}",
        commune_id,
        lambda: waiting_on(request.user, today, commune_id),
    )
    soon = today + timedelta(days=SOON_DAYS)
    groups = [
        ("qua-han", "Quá hạn", [i for i in items if i.due and i.due < today]),
        (
            "sap-den-han",
            f"Đến hạn trong {SOON_DAYS} ngày",
            [i for i in items if i.due and today <= i.due <= soon],
        ),
        ("sau-do", "Hạn sau đó", [i for i in items if i.due and i.due > soon]),
        ("khong-han", "Không có hạn cụ thể", [i for i in items if i.due is None]),
    ]
    communes = {i.commune_id for i in items if i.commune_id}
    names = (
        dict(Unit.objects.filter(pk__in=communes).values_list("pk", "name"))
        if len(communes) > 1
        else {}
    )
    return render(
        request,
        "leaders/my_work.html",
        {
            "groups": [(slug, title, rows) for slug, title, rows in groups if rows],
            "count": len(items),
            "late": len(groups[0][2]),
            "today": today,
            "commune_names": names,
            "nav_section": "my_work",
        },
    )
