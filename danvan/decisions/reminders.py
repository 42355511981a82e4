"""Reminders on the record of a village decision (đôn đốc), run daily by `danvan remind`.

Two clocks run after a vote: the record goes to the People's Committee and the Front within the
limit of rule `dan-quyet-dinh/gui-bien-ban` (NĐ 59/2023, Điều 3–4), then the body the law names
recognises it within `dan-quyet-dinh/cong-nhan` (Luật THDCCS 2022, Điều 21 khoản 2: items 3–4
the People's Committee, item 5 the Front; items 1, 2, 6 take effect on the vote and have no
such clock, nor has the People's Committee's choice of the day a commune-wide decision takes
effect, for which the law sets no limit). From
DANVAN_REMIND_BEFORE_DAYS working days before a due date those who act are reminded, and told
once more when it is overdue: the commune's officers for sending, the leaders (or the Front, for
what the law gives it) for recognition. Each (decision, step, kind, due date) goes out once; the
audit log is the record of what was sent.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.calendar import work_calendar
from danvan.core.models import AuditEntry, Role
from danvan.core.notify import notify
from danvan.decisions.models import CommunityDecision, Recognizer

Status = CommunityDecision.Status


def _sent(decision: CommunityDecision) -> set[tuple[str, str, str]]:
    rows = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(CommunityDecision),
        object_id=str(decision.pk),
        action__in=["decisions.reminder_before", "decisions.reminder_overdue"],
    ).values_list("action", "changes")
    return {
        (a.removeprefix("decisions.reminder_"), str(c.get("step", "")), str(c.get("due", "")))
        for a, c in rows
    }


def send_decision_reminders(*, today: date) -> dict[str, int]:
    cal = work_calendar()
    soon = cal.add_working_days(today, settings.DANVAN_REMIND_BEFORE_DAYS)
    counts = {"before": 0, "overdue": 0}
    for d in CommunityDecision.objects.awaiting().select_related("item").order_by("pk"):
        if d.status == Status.VOTING and d.send_due:
            step, due, what = "gui-bien-ban", d.send_due, "gửi biên bản"
            people = members(Role.OFFICER, Role.LEADER, commune_id=d.commune_id)
        elif d.status == Status.SENT and d.recognise_due:
            step, due, what = "cong-nhan", d.recognise_due, "công nhận"
            role = Role.FRONT if d.item.recognizer == Recognizer.FRONT else Role.LEADER
            people = members(role, commune_id=d.commune_id)
        else:
            continue
        if due > soon:
            continue
        kind = "overdue" if today > due else "before"
        if (kind, step, due.isoformat()) in _sent(d):
            continue
        title = (
            f"Quá hạn {what} từ {due:%d/%m/%Y} – {d.title[:150]}"
            if kind == "overdue"
            else f"Sắp đến hạn {what} ({due:%d/%m/%Y}) – {d.title[:150]}"
        )
        with transaction.atomic():
            n = notify(people, title=title, url=reverse("decisions:detail", args=[d.pk]))
            log_action(
                d,
                f"decisions.reminder_{kind}",
                by=None,
                changes={"step": step, "due": due, "recipients": n},
            )
        counts[kind] += 1
    return counts
