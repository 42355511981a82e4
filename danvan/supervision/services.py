"""Every write of supervision: validated, in a transaction, audited, DomainError in Vietnamese."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone

from danvan.core.audit import diff, log_action
from danvan.core.deadlines import due as legal_due
from danvan.core.errors import DomainError, full_clean, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Unit, User
from danvan.core.uploads import attachment_create
from danvan.plans import services as plan_services
from danvan.plans.models import Plan, Task
from danvan.supervision.models import (
    Activity,
    Board,
    BoardMember,
    FollowUpPlan,
    Recommendation,
    SubjectKind,
)

# The UBND's time limit for answering a board's recommendation: 15 days from receipt (Luật
# THDCCS 2022, Art. 40(1)(c) for the people's inspection board, Art. 45(2)(c) for the
# investment supervision board), shipped as a row of the rule table (migration 0003), which an
# administrator may change; without a rule in force the leader types the due date.
ANSWER_RULE = ("giam-sat", "tra-loi-kien-nghi")

M = TypeVar("M", bound=models.Model)


def _check_period(
    start: date,
    end: date | None,
    wrong_order: str,
    names: tuple[str, str] = ("Ngày bắt đầu", "Ngày kết thúc"),
) -> None:
    """Both days within the years the product counts, and the end not before the start."""
    check_day(start, names[0])
    check_day(end, names[1])
    if end and end < start:
        raise DomainError(wrong_order)


def _save(record: M) -> M:
    """Model validation (a DomainError when it fails), then the save."""
    save_valid(record)
    return record


def _attach(owner: Activity | Recommendation, files: Sequence[UploadedFile], by: User) -> None:
    for f in files:
        attachment_create(file=f, owner=owner, commune=owner.commune, by=by)


# --- boards ---------------------------------------------------------------------------------


def _check_board_units(commune: Unit, organiser: Unit, village: Unit | None) -> None:
    if organiser.commune_id != commune.pk or organiser.kind != Unit.Kind.FRONT:
        raise DomainError("Ban phải do Ủy ban MTTQ của chính xã này tổ chức, chỉ đạo.")
    if village and (village.commune_id != commune.pk or village.kind != Unit.Kind.VILLAGE):
        raise DomainError("Thôn không thuộc xã này.")


@transaction.atomic
def board_create(
    *,
    commune: Unit,
    by: User,
    kind: str,
    name: str,
    organiser: Unit,
    term_start: date,
    term_end: date | None = None,
    village: Unit | None = None,
    project: str = "",
    decision: str = "",
) -> Board:
    _check_board_units(commune, organiser, village)
    _check_period(
        term_start,
        term_end,
        "Nhiệm kỳ kết thúc không được trước ngày bắt đầu.",
        ("Ngày bắt đầu nhiệm kỳ", "Ngày kết thúc nhiệm kỳ"),
    )
    board = _save(
        Board(
            commune=commune,
            kind=kind,
            name=name,
            organiser=organiser,
            village=village,
            project=project,
            term_start=term_start,
            term_end=term_end,
            decision=decision,
        )
    )
    log_action(
        board,
        "supervision.board_created",
        by=by,
        changes={"kind": board.get_kind_display(), "organiser": str(organiser)},
    )
    return board


@transaction.atomic
def member_add(
    *,
    board: Board,
    by: User,
    full_name: str,
    role: str,
    term_from: date,
    term_to: date | None = None,
    village: Unit | None = None,
    user: User | None = None,
) -> BoardMember:
    _check_period(term_from, term_to, "Ngày kết thúc không được trước ngày bắt đầu.")
    if village and village.commune_id != board.commune_id:
        raise DomainError("Thôn không thuộc xã của ban.")
    if (
        role == BoardMember.Role.HEAD
        and board.members.filter(role=BoardMember.Role.HEAD, term_to__isnull=True).exists()
    ):
        raise DomainError("Ban đã có Trưởng ban đương nhiệm; ghi ngày kết thúc cho người cũ trước.")
    member = _save(
        BoardMember(
            board=board,
            full_name=full_name,
            role=role,
            village=village,
            user=user,
            term_from=term_from,
            term_to=term_to,
        )
    )
    log_action(
        board,
        "supervision.member_added",
        by=by,
        commune=board.commune_id,
        changes={"member": full_name, "role": member.get_role_display()},
    )
    return member


# --- supervisions ---------------------------------------------------------------------------


@transaction.atomic
def activity_create(
    *,
    board: Board,
    by: User,
    subject_kind: SubjectKind,
    subject: str,
    started_on: date,
    ended_on: date,
    method: str,
    findings: str,
    village: Unit | None = None,
    files: Sequence[UploadedFile] = (),
) -> Activity:
    """Record one supervision with its minutes and photos (Luật THDCCS 2022, Art. 30–31)."""
    _check_period(started_on, ended_on, "Ngày kết thúc giám sát không được trước ngày bắt đầu.")
    if ended_on > timezone.localdate():
        raise DomainError("Chỉ ghi cuộc giám sát đã diễn ra: ngày kết thúc không được sau hôm nay.")
    if not board.in_term(started_on):
        raise DomainError("Cuộc giám sát phải diễn ra trong nhiệm kỳ của ban.")
    if village and (village.commune_id != board.commune_id or village.kind != Unit.Kind.VILLAGE):
        raise DomainError("Địa bàn giám sát không thuộc xã của ban.")
    activity = _save(
        Activity(
            commune_id=board.commune_id,
            board=board,
            subject_kind=subject_kind,
            subject=subject,
            village=village,
            started_on=started_on,
            ended_on=ended_on,
            method=method,
            findings=findings,
            created_by=by,
        )
    )
    _attach(activity, files, by)
    log_action(
        activity,
        "supervision.activity_recorded",
        by=by,
        changes={"board": str(board), "ended_on": ended_on, "files": len(files)},
    )
    return activity


@transaction.atomic
def activity_add_files(*, activity: Activity, by: User, files: Sequence[UploadedFile]) -> int:
    if not files:
        raise DomainError("Chọn ít nhất một tệp để đính kèm.")
    _attach(activity, files, by)
    log_action(activity, "supervision.files_added", by=by, changes={"files": len(files)})
    return len(files)


def _next_number(commune_id: int, year: int) -> int:
    top = Recommendation.objects.filter(commune_id=commune_id, year=year).aggregate(
        n=Max("number")
    )["n"]
    return (top or 0) + 1


@transaction.atomic
def recommendation_create(
    *,
    activity: Activity,
    by: User,
    title: str,
    content: str,
    addressed_to: str,
    sent_on: date,
) -> Recommendation:
    """A recommendation of the board after a supervision; numbered per commune and year."""
    check_day(sent_on, "Ngày gửi kiến nghị")
    if sent_on < activity.started_on:
        raise DomainError("Kiến nghị không thể gửi trước khi cuộc giám sát bắt đầu.")
    if sent_on > timezone.localdate():
        raise DomainError("Ngày gửi kiến nghị không được sau hôm nay.")
    # Lock the commune row so that two board members never take the same number.
    Unit.objects.select_for_update().filter(pk=activity.commune_id).first()
    rec = Recommendation(
        commune_id=activity.commune_id,
        activity=activity,
        year=sent_on.year,
        number=_next_number(activity.commune_id, sent_on.year),
        title=title,
        content=content,
        addressed_to=addressed_to,
        sent_on=sent_on,
        created_by=by,
    )
    full_clean(rec)
    try:
        with transaction.atomic():
            rec.save()
    except IntegrityError as e:
        raise DomainError("Số kiến nghị vừa được dùng; vui lòng gửi lại.") from e
    log_action(
        rec,
        "supervision.recommendation_sent",
        by=by,
        changes={"activity": str(activity), "sent_on": sent_on, "addressed_to": addressed_to},
    )
    return rec


# --- follow-up through the plans app ---------------------------------------------------------


def default_due(rec: Recommendation, received_on: date | None = None) -> tuple[date, str] | None:
    """The legal time limit for answering, counted from the day the UBND received the
    recommendation (the day it was sent when none is recorded), when the rule table holds one
    in force on that day; else None."""
    try:
        deadline, rule = legal_due(*ANSWER_RULE, received_on or rec.received_on or rec.sent_on)
    except DomainError:
        return None
    return deadline.due, rule.source


def followup_plan(*, commune: Unit, year: int, by: User) -> Plan:
    """The commune's yearly plan for answering the boards' recommendations, created on demand
    (and issued once it holds a task, so that its tasks cannot be deleted as a draft's)."""
    found = FollowUpPlan.objects.select_related("plan").filter(commune=commune, year=year).first()
    if found:
        return found.plan
    plan = plan_services.plan_create(
        commune=commune,
        by=by,
        issuing_unit=commune,
        title=f"Kế hoạch tiếp thu, giải quyết kiến nghị sau giám sát của Nhân dân năm {year}",
        year=year,
    )
    FollowUpPlan.objects.create(commune=commune, year=year, plan=plan)
    return plan


def _task_title(rec: Recommendation) -> str:
    board = rec.activity.board
    return f"Giải quyết kiến nghị số {rec.code} của {board.short_label}: {rec.title}"[:500]


@transaction.atomic
def recommendation_assign(
    *,
    rec: Recommendation,
    by: User,
    owner_unit: Unit,
    due_on: date | None = None,
    received_on: date | None = None,
) -> Recommendation:
    """The leader names the unit that answers and the due date; the task follows.

    Without a date typed in, the due date is the rule's (core.DeadlineRule `giam-sat` /
    `tra-loi-kien-nghi`: 15 days from receipt, Luật THDCCS 2022 Art. 40(1)(c), 45(2)(c))
    counted from the day the UBND received the recommendation (`received_on`, else the day it
    was sent); without a rule, the leader must type one.
    """
    rec = Recommendation.objects.select_for_update().get(pk=rec.pk)
    if rec.status == Recommendation.Status.ANSWERED:
        raise DomainError("Kiến nghị đã được trả lời; không giao lại.")
    if owner_unit.commune_id != rec.commune_id or owner_unit.kind in (
        Unit.Kind.PROVINCE,
        Unit.Kind.COMMUNE,
    ):
        raise DomainError("Đơn vị chủ trì phải là một đơn vị thuộc xã.")
    check_day(due_on, "Hạn trả lời")
    check_day(received_on, "Ngày nhận được kiến nghị")
    if received_on is not None:
        if received_on < rec.sent_on:
            raise DomainError("Ngày nhận được kiến nghị không được trước ngày gửi kiến nghị.")
        if received_on > timezone.localdate():
            raise DomainError("Ngày nhận được kiến nghị không được sau hôm nay.")
        rec.received_on = received_on
    from_rule, source = False, ""
    if due_on is None:
        found = default_due(rec)
        if found is None:
            raise DomainError(
                "Chưa có quy tắc thời hạn trả lời kiến nghị giám sát; vui lòng nhập hạn trả lời."
            )
        (due_on, source), from_rule = found, True
    if due_on < rec.sent_on:
        raise DomainError("Hạn trả lời không được trước ngày gửi kiến nghị.")
    before = {"owner_unit": str(rec.owner_unit or ""), "due_on": rec.due_on}
    board = rec.activity.board
    description = (
        f"{rec.content}\n\nKiến nghị của {board} gửi {rec.addressed_to} "
        f"ngày {rec.sent_on:%d/%m/%Y}, sau cuộc giám sát: {rec.activity.subject}."
    )
    if rec.task_id is None:
        rec.task = plan_services.task_create_issued(
            plan=followup_plan(commune=rec.commune, year=rec.year, by=by),
            by=by,
            title=_task_title(rec),
            lead_unit=owner_unit,
            start_date=rec.sent_on,
            due_date=due_on,
            description=description,
            expected_result=f"Trả lời bằng văn bản cho {board}.",
        )
    else:
        plan_services.task_reassign(
            task=Task.objects.get(pk=rec.task_id), by=by, lead_unit=owner_unit, due_date=due_on
        )
    rec.owner_unit, rec.due_on = owner_unit, due_on
    rec.due_from_rule, rec.due_source = from_rule, source
    rec.status = Recommendation.Status.ASSIGNED
    rec.save()
    log_action(
        rec,
        "supervision.recommendation_assigned",
        by=by,
        changes={
            **diff(before, {"owner_unit": str(owner_unit), "due_on": due_on}),
            "task": rec.task_id,
            "due_source": source,
            "received_on": rec.received_on,
        },
    )
    return rec


@transaction.atomic
def recommendation_answer(
    *,
    rec: Recommendation,
    by: User,
    answer: str,
    answered_on: date,
    answered_by_body: str,
    publish: bool = False,
    files: Sequence[UploadedFile] = (),
) -> Recommendation:
    """Record the competent body's answer; the task is then done (a final report by its lead
    unit, recorded by the leader), and the answer is published when asked."""
    rec = Recommendation.objects.select_for_update().get(pk=rec.pk)
    if rec.status == Recommendation.Status.SENT or rec.task_id is None:
        raise DomainError("Kiến nghị chưa được giao xử lý; hãy giao đơn vị chủ trì trước.")
    if rec.status == Recommendation.Status.ANSWERED:
        raise DomainError("Kiến nghị đã có trả lời.")
    check_day(answered_on, "Ngày trả lời")
    if answered_on < rec.sent_on:
        raise DomainError("Ngày trả lời không được trước ngày gửi kiến nghị.")
    if answered_on > timezone.localdate():
        raise DomainError("Ngày trả lời không được sau hôm nay.")
    task = Task.objects.select_related("lead_unit").get(pk=rec.task_id)
    if not task.done_on:
        plan_services.progress_report_create(
            task=task,
            unit=task.lead_unit,
            by=by,
            text=f"{answered_by_body} đã trả lời kiến nghị: {answer}"[:10000],
            is_final=True,
            reported_on=answered_on,
            # The competent body's answer is a fact the leader records, not a claim of progress.
            accepted_by=by,
        )
    rec.answer, rec.answered_on, rec.answered_by_body = answer, answered_on, answered_by_body
    rec.status = Recommendation.Status.ANSWERED
    if publish and rec.published_at is None:
        rec.published_at = timezone.now()
    _save(rec)
    _attach(rec, files, by)
    log_action(
        rec,
        "supervision.recommendation_answered",
        by=by,
        changes={
            "answered_on": answered_on,
            "on_time": rec.timeliness(answered_on) == "on_time",
            "files": len(files),
            "published": bool(rec.published_at),
        },
    )
    return rec


@transaction.atomic
def recommendation_publish(
    *, rec: Recommendation, by: User, publish: bool = True
) -> Recommendation:
    """Show (or withdraw) a recommendation and its answer on the public portal."""
    before = rec.published_at is not None
    if publish == before:
        raise DomainError(
            "Kiến nghị đã được công khai." if publish else "Kiến nghị chưa được công khai."
        )
    rec.published_at = timezone.now() if publish else None
    rec.save(update_fields=["published_at"])
    log_action(
        rec,
        "supervision.recommendation_published" if publish else "supervision.recommendation_hidden",
        by=by,
        changes={"published": [before, publish]},
    )
    return rec


def recommendations_recompute_open() -> int:
    """Move the due dates that came from the rule table, after a rule or calendar change."""
    changed = 0
    open_recs = Recommendation.objects.filter(
        status=Recommendation.Status.ASSIGNED, due_from_rule=True, task__isnull=False
    ).select_related("task")
    for rec in open_recs:
        found = default_due(rec)
        if found is None or found[0] == rec.due_on:
            continue
        with transaction.atomic():
            task = rec.task
            assert task is not None
            plan_services.task_reassign(task=task, by=None, due_date=found[0])
            log_action(
                rec,
                "supervision.due_recomputed",
                by=None,
                changes={"due_on": [rec.due_on, found[0]], "due_source": found[1]},
            )
            rec.due_on, rec.due_source = found
            rec.save(update_fields=["due_on", "due_source"])
        changed += 1
    return changed
