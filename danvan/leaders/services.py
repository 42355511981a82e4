"""Every write of the leaders' loop: directives sent, answered, accepted or sent back, chased.

Each service runs inside the caller's transaction (core.steps.run_step), validates, stores,
writes its audit entry and notifies once the transaction commits (in the app and by e-mail,
core.notify): the recipients when a directive arrives or comes back, the sender when it is
answered. A notice carries the item's title as its page shows it and what the sender or the
recipient typed, never anything else of the item (a denunciation's denouncer stays sealed).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from danvan.core.audit import log_action
from danvan.core.calendar import work_calendar
from danvan.core.errors import DomainError, save_valid
from danvan.core.models import AuditEntry, Membership, Unit, User
from danvan.core.notify import notify
from danvan.leaders.directives import (
    RECIPIENT_ROLES,
    RECIPIENT_UNIT_KINDS,
    can_answer,
    can_close,
    can_send,
    is_target,
    opens,
    recipients,
    title_of,
)
from danvan.leaders.models import Directive

Status = Directive.Status


def directive_send(
    *,
    target: Any,
    by: User,
    kind: str,
    text: str,
    due_on: date,
    to_unit: Unit | None = None,
    to_user: User | None = None,
) -> Directive:
    """A leader or administrator of the item's commune directs (chỉ đạo) or chases (đôn đốc)
    a unit or one person of that commune about the item, to answer by `due_on`. Every
    recipient must be able to open the item's page; nobody directs himself."""
    if not is_target(target):
        raise DomainError("Không gửi được chỉ đạo về mục này.")
    if not can_send(by, target):
        raise DomainError("Chỉ lãnh đạo UBND xã gửi chỉ đạo, đôn đốc.")
    if (to_unit is None) == (to_user is None):
        raise DomainError("Chọn một đơn vị hoặc một người nhận.")
    if due_on < timezone.localdate():
        raise DomainError("Hạn trả lời không được trước hôm nay.")
    text = (text or "").strip()
    if not text:
        raise DomainError("Vui lòng nhập nội dung chỉ đạo.")
    commune_id = target.commune_id
    if to_unit is not None:
        if to_unit.commune_id != commune_id or to_unit.kind not in RECIPIENT_UNIT_KINDS:
            raise DomainError("Đơn vị nhận phải là một đơn vị, tổ chức hoặc thôn của xã.")
        if not to_unit.is_active:
            raise DomainError(f"{to_unit} không còn hoạt động.")
    if to_user is not None:
        seats = Membership.objects.filter(
            user=to_user, unit__commune_id=commune_id, unit__is_active=True
        )
        if not to_user.is_active or not seats.exists():
            raise DomainError("Người nhận không thuộc xã này.")
        if not seats.filter(role__in=RECIPIENT_ROLES).exists():
            raise DomainError(f"{to_user} chỉ được xem, không nhận chỉ đạo để trả lời.")
        if to_user.pk == by.pk:
            raise DomainError("Không gửi chỉ đạo cho chính mình.")
    d = Directive(
        commune_id=commune_id,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        kind=kind,
        text=text,
        due_on=due_on,
        sent_by=by,
        to_unit=to_unit,
        to_user=to_user,
    )
    people = recipients(d)
    if not people:
        raise DomainError(f"{to_unit} chưa có ai nhận chỉ đạo (cán bộ, người phụ trách).")
    cannot = [p for p in people if not opens(p, target)]
    if cannot:
        who = to_user if to_user is not None else to_unit
        raise DomainError(
            f"{who} không được xem mục này nên không nhận được chỉ đạo về nó: "
            "hãy gửi cho người, đơn vị đang giữ việc."
        )
    save_valid(d)
    log_action(
        d,
        "leaders.directive_sent",
        by=by,
        changes={
            "kind": kind,
            "directive_on": title_of(d)[:200],
            "directive_to": str(d.recipient),
            "answer_due": due_on,
            "directive_text": text,
        },
    )
    _notify_after_commit(
        people,
        title=f"{d.get_kind_display()}: {title_of(d)}",
        body=f"{text}\n\nNgười gửi: {by}. Hạn trả lời: {due_on:%d/%m/%Y}.",
        url=d.get_absolute_url(),
    )
    return d


def directive_answer(*, directive: Directive, by: User, answer: str) -> Directive:
    """A recipient answers an open directive; its sender is told."""
    d = Directive.objects.select_for_update().get(pk=directive.pk)
    if not can_answer(by, d):
        raise DomainError(_not_open(d) or "Chỉ người, đơn vị nhận chỉ đạo trả lời.")
    answer = (answer or "").strip()
    if not answer:
        raise DomainError("Vui lòng nhập nội dung trả lời.")
    d.status, d.answer, d.answered_by, d.answered_at = Status.ANSWERED, answer, by, timezone.now()
    save_valid(d)
    log_action(d, "leaders.directive_answered", by=by, changes={"answer": answer})
    _notify_after_commit(
        [d.sent_by],
        title=f"Đã trả lời {d.get_kind_display().lower()}: {title_of(d)}",
        body=f"{answer}\n\nNgười trả lời: {by}.",
        url=d.get_absolute_url(),
    )
    return d


def directive_close(
    *, directive: Directive, by: User, accept: bool, comment: str = ""
) -> Directive:
    """The sender accepts the answer (the directive is closed) or sends it back with a
    comment (open again, its recipients told; its due day stays, so it may be late)."""
    d = Directive.objects.select_for_update().get(pk=directive.pk)
    if not can_close(by, d):
        if d.sent_by_id != by.pk:
            raise DomainError("Chỉ người gửi chỉ đạo xem xét câu trả lời.")
        raise DomainError("Chỉ đạo chưa được trả lời hoặc đã kết thúc.")
    comment = (comment or "").strip()
    if accept:
        d.status, d.closed_at = Status.CLOSED, timezone.now()
        save_valid(d)
        log_action(d, "leaders.directive_closed", by=by, changes={"comment": comment})
        return d
    if not comment:
        raise DomainError("Khi trả lại, hãy ghi rõ cần trả lời thêm điều gì.")
    d.status, d.answered_at, d.return_comment = Status.OPEN, None, comment
    save_valid(d)
    log_action(d, "leaders.directive_returned", by=by, changes={"comment": comment})
    _notify_after_commit(
        recipients(d),
        title=f"Trả lại, đề nghị trả lời lại: {title_of(d)}",
        body=f"{comment}\n\nNgười gửi: {by}. Hạn trả lời: {d.due_on:%d/%m/%Y}.",
        url=d.get_absolute_url(),
    )
    return d


def directives_remind(*, today: date) -> dict[str, int]:
    """`danvan remind`: an open directive past its due day is chased once — its recipients
    ("overdue") and, more than DANVAN_ESCALATE_AFTER_DAYS working days late, its sender
    ("escalation"), as petitions are chased. The
    audit log is the record of what was sent, so running twice sends nothing twice."""
    sent = {"overdue": 0, "escalation": 0}
    late = list(
        Directive.objects.late_on(today)
        .select_related("sent_by", "to_user", "to_unit")
        .prefetch_related("target")
    )
    cal = work_calendar()
    ct = ContentType.objects.get_for_model(Directive)
    done = set(
        AuditEntry.objects.filter(
            content_type=ct,
            object_id__in=[str(d.pk) for d in late],
            action__startswith="leaders.directive_reminder_",
        ).values_list("object_id", "action")
    )
    for d in late:
        days = cal.working_days_between(d.due_on, today)
        todo = [("overdue", recipients(d))]
        if days > settings.DANVAN_ESCALATE_AFTER_DAYS:
            todo.append(("escalation", [d.sent_by]))
        for kind, people in todo:
            action = f"leaders.directive_reminder_{kind}"
            if (str(d.pk), action) in done:
                continue
            with transaction.atomic():
                n = notify(
                    people,
                    title=_one_line(
                        f"Quá hạn trả lời {d.get_kind_display().lower()} "
                        f"(hạn {d.due_on:%d/%m/%Y}): {title_of(d)}"
                    ),
                    body=(
                        f"{d.text}\n\nGửi đến: {d.recipient}. Người gửi: {d.sent_by}. "
                        f"Quá hạn {days} ngày làm việc."
                    ),
                    url=d.get_absolute_url(),
                )
                log_action(d, action, by=None, changes={"due": d.due_on, "recipients": n})
            sent[kind] += 1
    return sent


def _not_open(d: Directive) -> str:
    if d.status == Status.ANSWERED:
        return "Chỉ đạo đã được trả lời, đang chờ người gửi xem xét."
    if d.status == Status.CLOSED:
        return "Chỉ đạo đã kết thúc."
    return ""


def _one_line(title: str) -> str:
    """A notice's title on one line, as a mail's subject must be (an item's title may hold a
    line break that somebody typed)."""
    return " ".join(title.split())[:200]


def _notify_after_commit(people: Iterable[User], *, title: str, body: str, url: str) -> None:
    """Notify once the step's transaction commits: a refused or failed step tells nobody, and
    a mail server that fails afterwards is logged, never an error page (the step is done)."""
    people, title = list(people), _one_line(title)
    transaction.on_commit(lambda: notify(people, title=title, body=body, url=url), robust=True)
