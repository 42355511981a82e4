"""What waits on an organiser's officer among study sessions, for "Việc của tôi": each session
his unit organises whose planned day has passed and that nobody recorded held or cancelled
(due on that day: the commune's own date, not a legal limit), and each held session of his
unit without attendance. One query."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.models import Role
from danvan.core.work import WorkItem
from danvan.study.access import ORGANISER_KINDS
from danvan.study.models import StudySession

Status = StudySession.Status


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    units = get_access(user).units(Role.OFFICER, Role.FRONT, kinds=ORGANISER_KINDS)
    if not units:
        return []
    rows = StudySession.objects.filter(
        Q(status=Status.PLANNED, planned_on__lt=today)
        | Q(status=Status.HELD, present_total=0, expected_total=0),
        organiser_id__in=units,
    ).values_list("pk", "title", "status", "planned_on", "commune_id")
    return [
        WorkItem(
            app="Học tập, tuyên truyền",
            kind="Ghi điểm danh" if status == Status.HELD else "Ghi kết quả tổ chức",
            title=title,
            url=reverse("study:attendance" if status == Status.HELD else "study:detail", args=[pk]),
            due=None if status == Status.HELD else planned_on,
            commune_id=commune_id,
        )
        for pk, title, status, planned_on, commune_id in rows
    ]
