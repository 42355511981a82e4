"""Council questioning's part of the leaders' overview and of the periodic report (core.figures;
the hook `overview` in apps.py).

Not plugged in yet: leaders.overview.SECTIONS lists the parts it shows, so this part waits for
"questioning" there.

The items counted are the questions to be answered in writing (asked so, or switched to writing
when not answered at the session): each comes on the day it was asked, is done on the day its
written answer was recorded, and is due on its stored due day (20 days from the question, rule
`chat-van` / `tra-loi-van-ban`, shipped UNVERIFIED); late while unanswered past it. The questions
answered at the session have no time limit and are the part's own numbers, with the pledges made
in the answers (each also a promise, counted by the promises' part) and the reports on pledges
due before the next session (rule `chat-van` / `bao-cao-loi-hua`, UNVERIFIED).

A unit's slice is the questions its head was asked (`respondent_unit`), the pledges made in
answering them and its reports; a village's, the questions about the village and their pledges
(a report on pledges is a unit's, not a village's). Sessions and questions are public to every
reader of the commune, so the late list needs no narrowing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from danvan.core.figures import Clock, Period, late_item, section
from danvan.questioning.models import CouncilSession, Pledge, PledgeReport, Question
from danvan.questioning.services import report_due_before

CLOCK = Clock(came="asked_on", done="answered_on", due="due_on")
NOTE = (
    "Thời hạn trả lời chất vấn bằng văn bản: 20 ngày kể từ ngày chất vấn "
    "(quy tắc chat-van/tra-loi-van-ban, chưa kiểm chứng)."
)


def figures(
    *,
    communes: list[int],
    start: date,
    end: date,
    on: date,
    units: list[int] | None = None,
    villages: list[int] | None = None,
    viewer: Any = None,
    detail: bool = True,
) -> dict[str, dict[str, Any]]:
    period = Period(start, end, on)
    ref = period.ref
    questions = Question.objects.filter(commune_id__in=communes)
    pledges = Pledge.objects.filter(commune_id__in=communes)
    if units is not None:
        questions = questions.filter(respondent_unit_id__in=units)
        pledges = pledges.filter(question__respondent_unit_id__in=units)
    if villages is not None:
        questions = questions.filter(village_id__in=villages)
        pledges = pledges.filter(question__village_id__in=villages)

    def item(q: Question) -> dict[str, Any]:
        content = q.content if len(q.content) <= 100 else f"{q.content[:99]}…"
        return late_item(
            title=f"Chất vấn số {q.number}, kỳ họp thứ {q.session.number}: {content}",
            url=reverse("questioning:question", args=[q.pk]),
            due=q.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=f"{q.respondent_title} ({q.respondent_unit.label})",
            ref=ref,
        )

    part = section(
        questions.filter(mode=Question.Mode.IN_WRITING),
        CLOCK,
        period,
        label="Chất vấn tại kỳ họp HĐND xã",
        noun="chất vấn trả lời bằng văn bản",
        url=reverse("questioning:index"),
        note=NOTE,
        item=item,
        related=("session", "respondent_unit"),
        detail=detail,
    )
    at_session = Q(mode=Question.Mode.AT_SESSION)
    asked = questions.aggregate(
        asked=Count("pk", filter=Q(asked_on__range=(period.start, ref))),
        answered=Count("pk", filter=at_session & Q(answered_on__range=(period.start, ref))),
        waiting=Count(
            "pk",
            filter=at_session
            & Q(asked_on__lte=ref)
            & (Q(answered_on__isnull=True) | Q(answered_on__gt=ref)),
        ),
    )
    extra = [
        {"key": "asked", "label": "Chất vấn trong kỳ (mọi hình thức)", "value": asked["asked"]},
        {"key": "at_session", "label": "Trả lời tại kỳ họp", "value": asked["answered"]},
        {
            "key": "at_session_waiting",
            "label": "Chất vấn tại kỳ họp chưa ghi nhận trả lời",
            "value": asked["waiting"],
        },
        {
            "key": "pledges",
            "label": "Lời hứa khi trả lời chất vấn",
            "value": pledges.filter(made_on__range=(period.start, ref)).count(),
        },
    ]
    if villages is None:
        extra += _reports(communes, units, period)
    if units is None and villages is None:
        held = CouncilSession.objects.filter(
            commune_id__in=communes, closes_on__range=(period.start, ref)
        ).count()
        extra.insert(0, {"key": "sessions", "label": "Kỳ họp HĐND xã trong kỳ", "value": held})
    part["extra"] = extra
    return {"questioning": part}


def _reports(communes: list[int], units: list[int] | None, period: Period) -> list[dict[str, Any]]:
    """The reports on pledges: filed in the period, filed after their due day, and due before
    the reference day but not filed by it (however old: an open item, as core.figures counts
    late ones). The due day is the rule's days before the next session opens, a day off moving
    it to the working day before (questioning.services.report_due_before), computed here
    for every session in three queries rather than one per session."""
    ref = period.ref
    opens: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for commune_id, pk, opens_on in (
        CouncilSession.objects.filter(commune_id__in=communes)
        .order_by("opens_on", "id")
        .values_list("commune_id", "id", "opens_on")
    ):
        opens[commune_id].append((opens_on, pk))
    due: dict[int, date | None] = {}
    for sessions in opens.values():
        for opens_on, pk in sessions:
            following = next((day for day, _pk in sessions if day > opens_on), None)
            found = report_due_before(following) if following else None
            due[pk] = found[0] if found else None
    owed = Pledge.objects.filter(commune_id__in=communes, question__session__closes_on__lte=ref)
    reports = PledgeReport.objects.filter(commune_id__in=communes, filed_on__lte=ref)
    if units is not None:
        owed = owed.filter(question__respondent_unit_id__in=units)
        reports = reports.filter(respondent_unit_id__in=units)
    filed: dict[tuple[int, int], date] = {
        (s, u): day
        for s, u, day in reports.values_list("session_id", "respondent_unit_id", "filed_on")
        if day is not None  # the query keeps only filed ones
    }
    pairs = set(owed.values_list("question__session_id", "question__respondent_unit_id"))
    in_period = [(k, day) for k, day in filed.items() if k in pairs and day >= period.start]

    def after_due(session: int, day: date) -> bool:
        last = due.get(session)
        return last is not None and day > last

    filed_late = len([s for (s, _u), day in in_period if after_due(s, day)])
    late = len([k for k in pairs if k not in filed and after_due(k[0], ref)])
    return [
        {
            "key": "reports_filed",
            "label": "Báo cáo thực hiện lời hứa đã gửi",
            "value": len(in_period),
        },
        {
            "key": "reports_filed_late",
            "label": "Báo cáo thực hiện lời hứa gửi chậm so với hạn",
            "value": filed_late,
        },
        {
            "key": "reports_late",
            "label": "Báo cáo thực hiện lời hứa quá hạn chưa gửi",
            "value": late,
        },
    ]
