"""What waits on a person in the disclosure register, for "Việc của tôi" (the `my_work` hook).

The disclosures his units answer for that are not posted anywhere yet, due on the day their
posting must start (Luật THDCCS 2022, Điều 12 khoản 3, as `Disclosure.start_due` keeps it).
One query; the warnings after posting (too short, missing proof…) come by `danvan remind`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.work import WorkItem
from danvan.disclosures.models import Disclosure, Posting


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    units = get_access(user).writable_units
    if not units:
        return []
    rows = (
        Disclosure.objects.current()
        .filter(responsible_unit_id__in=sorted(units))
        .exclude(Exists(Posting.objects.filter(disclosure_id=OuterRef("pk"))))
        .order_by()
        .values_list("pk", "title", "start_due", "commune_id")
    )
    return [
        WorkItem(
            app="Công khai thông tin",
            kind="Bắt đầu công khai, niêm yết",
            title=title,
            url=reverse("disclosures:detail", args=[pk]),
            due=due,
            commune_id=commune_id,
        )
        for pk, title, due, commune_id in rows
    ]
