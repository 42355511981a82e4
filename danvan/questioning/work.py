"""What waits on a person in council questioning, for "Việc của tôi".

For whoever writes for a respondent unit (and the leaders, for questions put to the UBND
itself): each question to be answered in writing and not answered yet, due on the rule's day
(chat-van/tra-loi-van-ban, UNVERIFIED), and each report on pledges not yet filed once the next
session is scheduled. The pledges themselves are promises: their tasks are listed by plans.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.models import Role
from danvan.core.work import WorkItem
from danvan.questioning import services
from danvan.questioning.models import CouncilSession, Pledge, PledgeReport, Question

APP = "Chất vấn tại kỳ họp HĐND"


def _my_units(user: Any) -> set[int]:
    access = get_access(user)
    units = set(access.writable_units)
    # A question to the chairman is put to the UBND itself: its leaders answer it.
    units |= access.communes(Role.LEADER)
    return units


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    units = _my_units(user)
    if not units:
        return []
    rows = Question.objects.filter(
        respondent_unit_id__in=units, mode=Question.Mode.IN_WRITING, answered_on__isnull=True
    ).values_list("pk", "number", "delegate", "content", "due_on", "commune_id")
    items = [
        WorkItem(
            app=APP,
            kind="Trả lời chất vấn bằng văn bản",
            title=f"Chất vấn của đại biểu {delegate}: {content[:120]}",
            url=reverse("questioning:question", args=[pk]),
            due=due,
            commune_id=commune_id,
        )
        for pk, _number, delegate, content, due, commune_id in rows
    ]
    pledged = (
        Pledge.objects.filter(question__respondent_unit_id__in=units)
        .values_list("question__session_id", "question__respondent_unit_id")
        .distinct()
    )
    filed = set(
        PledgeReport.objects.filter(
            filed_on__isnull=False, respondent_unit_id__in=units
        ).values_list("session_id", "respondent_unit_id")
    )
    wanted = {pair for pair in pledged if pair not in filed}
    sessions = {s.pk: s for s in CouncilSession.objects.filter(pk__in={s for s, _ in wanted})}
    for session_id, _unit_id in sorted(wanted):
        session = sessions[session_id]
        found = services.report_due(session)
        if found is None:
            continue
        items.append(
            WorkItem(
                app=APP,
                kind="Báo cáo thực hiện lời hứa",
                title=f"Báo cáo thực hiện lời hứa tại {session}",
                url=reverse("questioning:session", args=[session_id]),
                due=found[0],
                commune_id=session.commune_id,
            )
        )
    return items
