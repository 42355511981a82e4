"""Reminders on petitions' legal deadlines (đôn đốc), run daily by `danvan remind`.

- DANVAN_REMIND_BEFORE_DAYS working days before the due date: warn whoever holds the case (its
  handler; its unit's officers; while unassigned, the officers of the office that receives
  petitions).
- The day after the due date: the case is overdue, and they are told so.
- DANVAN_ESCALATE_AFTER_DAYS working days later: the commune's leaders are told, because the
  chairman answers for the time limits (Luật Khiếu nại 2011, Điều 28; Luật Tố cáo 2018, Điều 30).
A paused case is skipped: its clock is stopped. Each (petition, kind, due date) goes out once,
however often the command runs; the audit log is the record of what was sent, so a due date
moved by an extension starts a new round.

A reminder leaves the system by e-mail: the subject quotes the petition's summary, struck of a
denunciation's identity (petitions.redaction) before it is cut short, since a name cut in half
would no longer be found; the body holds only the due date, the status and the link. The vault
is read once per chunk of cases.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.calendar import work_calendar
from danvan.core.models import AuditEntry, Role, User
from danvan.core.notify import notify
from danvan.petitions.models import Petition
from danvan.petitions.redaction import Redactor
from danvan.petitions.selectors import due_soon_until, running

KINDS = ("before", "overdue", "escalation")
CHUNK = 500


def holders(p: Petition) -> list[User]:
    """Who is warned about a case: the leaders while a draft waits for their signature; else
    its handler, else its unit, else the reception office."""
    if p.status == Petition.Status.PROPOSED:
        return leaders(p.commune_id)
    if p.handler is not None:
        return [p.handler]
    if p.handling_unit_id:
        return list(members(Role.OFFICER, Role.LEADER, unit_id=p.handling_unit_id))
    return list(members(Role.OFFICER, commune_id=p.commune_id, receives_petitions=True))


def leaders(commune_id: int) -> list[User]:
    return list(members(Role.LEADER, unit_id=commune_id))


def _chunks(qs: Iterable[Petition]) -> Iterator[list[Petition]]:
    chunk: list[Petition] = []
    for p in qs:
        chunk.append(p)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _already_sent(petitions: list[Petition]) -> set[tuple[str, str, str]]:
    """(petition id, kind, due date) already sent, read from the audit log."""
    ct = ContentType.objects.get_for_model(Petition)
    rows = AuditEntry.objects.filter(
        content_type=ct,
        object_id__in=[str(p.pk) for p in petitions],
        action__in=[f"petitions.reminder_{k}" for k in KINDS],
    ).values_list("object_id", "action", "changes")
    return {
        (object_id, action.removeprefix("petitions.reminder_"), str(changes.get("due", "")))
        for object_id, action, changes in rows
    }


def _todo(p: Petition, today: date, late: int, strike: Redactor) -> list[tuple[str, str]]:
    assert p.due_on is not None
    what = f"đơn số {p.code}: {strike(p, p.subject)[:150]}"
    if today <= p.due_on:
        return [("before", f"Sắp đến hạn {p.due_on:%d/%m/%Y} – {what}")]
    todo = [("overdue", f"Quá hạn từ {p.due_on:%d/%m/%Y} – {what}")]
    if late > settings.DANVAN_ESCALATE_AFTER_DAYS:
        who = p.handling_unit.label if p.handling_unit else "Chưa giao người xử lý"
        todo.append(("escalation", f"Quá hạn {late} ngày làm việc ({who}) – {what}"))
    return todo


def send_petition_reminders(*, today: date) -> dict[str, int]:
    """Send what is due today; returns how many reminders of each kind went out."""
    cal = work_calendar()
    sent = dict.fromkeys(KINDS, 0)
    candidates = (
        Petition.objects.filter(running(), due_on__isnull=False, due_on__lte=due_soon_until(today))
        .select_related("handler", "handling_unit")
        .order_by("due_on", "id")
    )
    for chunk in _chunks(candidates.iterator(chunk_size=CHUNK)):
        already = _already_sent(chunk)
        strike = Redactor(strict=False).load(chunk)
        for p in chunk:
            assert p.due_on is not None
            late = cal.working_days_between(p.due_on, today) if today > p.due_on else 0
            for kind, title in _todo(p, today, late, strike):
                if (str(p.pk), kind, p.due_on.isoformat()) in already:
                    continue
                people = leaders(p.commune_id) if kind == "escalation" else holders(p)
                with transaction.atomic():
                    count = notify(
                        people,
                        title=title,
                        body=f"Hạn xử lý: {p.due_on:%d/%m/%Y}. Tình trạng: {p.get_status_display()}.",
                        url=reverse("petitions:detail", args=[p.pk]),
                    )
                    log_action(
                        p,
                        f"petitions.reminder_{kind}",
                        by=None,
                        changes={"due": p.due_on, "recipients": count},
                    )
                sent[kind] += 1
    return sent
