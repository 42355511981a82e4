"""What waits on a person among the matters villagers decide, for "Việc của tôi" (`my_work`).

- a village head: each meeting or ballot called in his village whose tally is not entered
  yet, due on its vote day (the meeting's day, or the ballot's last day): to hold it, then to
  enter the paper tally from the signed minutes;
- a leader of the commune: each decision whose record is to be sent (due `send_due`) and
  each record the People's Committee is to recognise (due `recognise_due`, NĐ 59/2023);
- a Front official: each record the Front is to recognise.
Two queries.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.models import Role, Unit
from danvan.core.work import WorkItem
from danvan.decisions.models import CommunityDecision, Meeting, Recognizer

APP = "Nhân dân bàn và quyết định"
Status = CommunityDecision.Status


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    access = get_access(user)
    items = []
    villages = access.units(Role.VILLAGE_HEAD, kinds=[Unit.Kind.VILLAGE])
    if villages:
        meetings = (
            Meeting.objects.filter(
                village_id__in=sorted(villages),
                decision__status=Status.VOTING,
                tally__isnull=True,
            )
            .select_related("decision", "village")
            .only(
                "pk",
                "held_on",
                "ballot_until",
                "decision__id",
                "decision__title",
                "decision__commune_id",
                "village__name",
            )
        )
        for m in meetings:
            ahead = m.vote_day >= today
            items.append(
                WorkItem(
                    app=APP,
                    kind="Tổ chức họp, biểu quyết" if ahead else "Nhập kết quả biểu quyết",
                    title=f"{m.decision.title} – {m.village.name}",
                    url=(
                        reverse("decisions:detail", args=[m.decision.pk])
                        if ahead
                        else reverse("decisions:tally", args=[m.pk])
                    ),
                    due=m.vote_day,
                    commune_id=m.decision.commune_id,
                )
            )
    leads = sorted(access.communes(Role.LEADER))
    front = sorted(access.communes(Role.FRONT))
    if leads or front:
        to_recognise = Q(status=Status.SENT) & (
            Q(commune_id__in=leads, item__recognizer=Recognizer.COMMITTEE)
            | Q(commune_id__in=front, item__recognizer=Recognizer.FRONT)
        )
        to_send = Q(commune_id__in=leads, status=Status.VOTING, send_due__isnull=False)
        rows = CommunityDecision.objects.filter(to_recognise | to_send).values_list(
            "pk", "title", "status", "send_due", "recognise_due", "commune_id"
        )
        for pk, title, status, send_due, recognise_due, commune_id in rows:
            sent = status == Status.SENT
            items.append(
                WorkItem(
                    app=APP,
                    kind="Công nhận kết quả biểu quyết" if sent else "Gửi biên bản kết quả",
                    title=title,
                    url=reverse("decisions:detail", args=[pk]),
                    due=recognise_due if sent else send_due,
                    commune_id=commune_id,
                )
            )
    return items
