"""Đôn đốc: written answers and the reports on pledges, to the respondent unit's members.

A pledge's own promise is reminded by plans, like every task. What is left is the answer owed in
writing (the rule chat-van/tra-loi-van-ban) and each respondent's report on its pledges before
the next session (chat-van/bao-cao-loi-hua): each reminded once when its day is
DANVAN_REMIND_BEFORE_DAYS working days away or nearer, and once more when it has passed.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.calendar import work_calendar
from danvan.core.models import Role
from danvan.core.notify import notify
from danvan.questioning import services
from danvan.questioning.models import CouncilSession, Pledge, PledgeReport, Question

# Who hears for a unit: those who write for it, and for the UBND itself (a question to the
# chairman) its leaders.
HEARS = (Role.OFFICER, Role.FRONT, Role.VILLAGE_HEAD, Role.LEADER)


def _phase(due: date, today: date) -> str | None:
    """'late' past the day, 'soon' within the warning days before it, else None."""
    if today > due:
        return "late"
    if work_calendar().add_working_days(due, -settings.DANVAN_REMIND_BEFORE_DAYS) <= today:
        return "soon"
    return None


def remind(*, today: date) -> dict[str, int]:
    counts = {"answers_soon": 0, "answers_late": 0, "reports_soon": 0, "reports_late": 0}
    waiting = Question.objects.filter(
        mode=Question.Mode.IN_WRITING, answered_on__isnull=True, due_on__isnull=False
    ).select_related("session")
    for q in waiting:
        phase = _phase(q.due_on, today)  # type: ignore[arg-type]
        if phase is None or getattr(q, f"reminded_{phase}_on"):
            continue
        with transaction.atomic():
            sent = notify(
                members(*HEARS, unit_id=q.respondent_unit_id),
                title=(
                    f"Quá hạn trả lời chất vấn bằng văn bản (hạn {q.due_on:%d/%m/%Y})"
                    if phase == "late"
                    else f"Sắp đến hạn trả lời chất vấn bằng văn bản ({q.due_on:%d/%m/%Y})"
                ),
                body=f"Đại biểu {q.delegate} chất vấn tại {q.session}: {q.content[:200]}",
                url=reverse("questioning:question", args=[q.pk]),
            )
            setattr(q, f"reminded_{phase}_on", today)
            q.save(update_fields=[f"reminded_{phase}_on"])
            log_action(
                q, f"questioning.reminder_answer_{phase}", by=None, changes={"qv_reminded": sent}
            )
        counts[f"answers_{phase}"] += 1
    sessions = CouncilSession.objects.filter(
        pk__in=Pledge.objects.values("question__session_id")
    ).order_by("opens_on")
    for session in sessions:
        found = services.report_due(session)
        if found is None:
            continue
        due = found[0]
        phase = _phase(due, today)
        if phase is None:
            continue
        for unit in services.respondents_with_pledges(session):
            with transaction.atomic():
                report, _ = PledgeReport.objects.select_for_update().get_or_create(
                    session=session,
                    respondent_unit=unit,
                    defaults={"commune_id": session.commune_id},
                )
                if report.filed_on or getattr(report, f"reminded_{phase}_on"):
                    continue
                sent = notify(
                    members(*HEARS, unit_id=unit.pk),
                    title=(
                        f"Quá hạn báo cáo thực hiện lời hứa tại {session} (hạn {due:%d/%m/%Y})"
                        if phase == "late"
                        else f"Báo cáo thực hiện lời hứa tại {session} trước ngày {due:%d/%m/%Y}"
                    ),
                    body=f"Kỳ họp tiếp theo khai mạc ngày {found[2].opens_on:%d/%m/%Y}.",
                    url=reverse("questioning:session", args=[session.pk]),
                )
                setattr(report, f"reminded_{phase}_on", today)
                report.save(update_fields=[f"reminded_{phase}_on"])
                log_action(
                    report,
                    f"questioning.reminder_report_{phase}",
                    by=None,
                    changes={"qv_reminded": sent},
                )
            counts[f"reports_{phase}"] += 1
    return counts
