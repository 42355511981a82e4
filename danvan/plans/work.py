"""What waits on a person in the plans, for "Việc của tôi" (the `my_work` hook in apps.py).

- the open tasks of a plan in force that the person's units lead (as officer, Front official or
  village head), whose current deadline falls within HORIZON_DAYS or has passed: the rest of
  the year's duties are on the task list; a draft plan's tasks are nobody's work yet;
- the progress reports waiting for the person's review (plans.access.reviewable_reports: a
  leader reviews the lead units' reports, a lead unit its coordinators' shares), undated.
Two queries. A supervision recommendation given to a unit is its task: it comes in here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from danvan.core.access import get_access
from danvan.core.http import url_for_pk
from danvan.core.work import WorkItem
from danvan.plans.access import reviewable_reports
from danvan.plans.models import Task

APP = "Kế hoạch, nhiệm vụ"
HORIZON_DAYS = 30


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    access = get_access(user)
    task_url = url_for_pk("plans:task")
    items = []
    if access.writable_units:
        tasks = (
            Task.objects.live()
            .open()
            .filter(
                lead_unit_id__in=sorted(access.writable_units),
                next_due__lte=today + timedelta(days=HORIZON_DAYS),
            )
            .order_by()
            .values_list("pk", "title", "next_due", "commune_id")
        )
        items += [
            WorkItem(
                app=APP,
                kind="Thực hiện, báo cáo tiến độ",
                title=title,
                url=task_url(pk),
                due=due,
                commune_id=commune_id,
            )
            for pk, title, due, commune_id in tasks
        ]
    reports = reviewable_reports(access, user).values_list(
        "pk", "task_id", "task__title", "unit__name", "task__commune_id"
    )
    items += [
        WorkItem(
            app=APP,
            kind=f"Duyệt báo cáo tiến độ của {unit}",
            title=title,
            url=f"{task_url(task_id)}#bao-cao-{pk}",
            due=None,
            commune_id=commune_id,
        )
        for pk, task_id, title, unit, commune_id in reports
    ]
    return items
