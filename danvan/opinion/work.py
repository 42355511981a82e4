"""What waits on a leader among the notes of public opinion, for "Việc của tôi": each urgent
note still open in a commune he leads, due on its day (rule du-luan/khan-cap, UNVERIFIED). The
title names its topic, place and day, never what people said. One query."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.models import Role
from danvan.core.work import WorkItem
from danvan.opinion.models import OpinionNote


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    communes = get_access(user).communes(Role.LEADER)
    if not communes:
        return []
    rows = OpinionNote.objects.filter(
        commune_id__in=communes,
        status=OpinionNote.Status.OPEN,
        urgency=OpinionNote.Urgency.URGENT,
    ).select_related("topic", "village")
    return [
        WorkItem(
            app="Dư luận xã hội",
            kind="Xử lý tin dư luận khẩn cấp",
            title=str(note),
            url=reverse("opinion:detail", args=[note.pk]),
            due=note.due_on,
            commune_id=note.commune_id,
        )
        for note in rows
    ]
