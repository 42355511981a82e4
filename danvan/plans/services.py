"""Every write to plans and tasks goes through here: validated, in a transaction, audited."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from danvan.core.access import members
from danvan.core.audit import diff, log_action
from danvan.core.calendar import work_calendar
from danvan.core.errors import DomainError, full_clean, save_valid
from danvan.core.models import Attachment, Role, Unit, User
from danvan.core.notify import notify
from danvan.core.uploads import attachment_create
from danvan.lib.periods import periods
from danvan.lib.planparse.assign import duty_title, sentences
from danvan.lib.text import fold
from danvan.lib.workdays import WorkCalendar
from danvan.plans.models import (
    LegalDocument,
    Plan,
    PlanReference,
    ProgressReport,
    Recurrence,
    Reminder,
    Section,
    Task,
)

TASK_FIELDS = ("title", "description", "expected_result", "recurrence", "start_date", "due_date")


# --- schedule -------------------------------------------------------------------------------


def _period_ends(task: Task) -> list[date]:
    end = task.due_date or date(task.start_date.year, 12, 31)
    return [min(last, end) for _first, last in periods(task.recurrence, task.start_date, end)]


def _first_unreported(task: Task, reported: set[date]) -> date | None:
    return next((last for last in _period_ends(task) if last not in reported), None)


def _reported_periods(task: Task) -> set[date]:
    """The periods the lead unit's ACCEPTED reports answer for: a pending, returned or
    text-only report clears no period (issue 12)."""
    ends = task.reports.accepted().filter(kind=ProgressReport.Kind.LEAD)
    return set(ends.values_list("period_end", flat=True))


def task_schedule(
    task: Task, cal: WorkCalendar, reported: set[date]
) -> tuple[date | None, date | None]:
    """(next_due, warn_from) of a task, given the period ends its lead unit has reported on.

    A deadline that falls on a day off moves to the next working day (BLDS 2015 Art. 148(5));
    reminders start DANVAN_REMIND_BEFORE_DAYS working days before it.
    """
    if task.done_on or task.recurrence == Recurrence.ONGOING:
        return None, None
    once = task.recurrence == Recurrence.ONCE
    due = task.due_date if once else _first_unreported(task, reported)
    if due is None:
        return None, None
    due = cal.roll_forward(due)
    return due, cal.add_working_days(due, -settings.DANVAN_REMIND_BEFORE_DAYS)


def task_refresh_schedule(task: Task, *, cal: WorkCalendar | None = None) -> None:
    task.next_due, task.warn_from = task_schedule(
        task, cal or work_calendar(), _reported_periods(task)
    )


def task_derive_progress(task: Task) -> None:
    """Set the task's percent, last report, completion and deadline from its lead unit's
    accepted reports only (the caller saves): the latest accepted percent, the day of the
    latest accepted report, the day of the first accepted final report. Contributions of
    coordinating units never move the task, accepted or not (docs/permissions.md)."""
    accepted = list(
        task.reports.accepted()
        .filter(kind=ProgressReport.Kind.LEAD)
        .order_by("period_end", "reported_on", "created_at", "id")
        .values_list("reported_on", "percent", "is_final")
    )
    percents = [percent for _on, percent, _final in accepted if percent is not None]
    finals = [on for on, _percent, final in accepted if final]
    task.done_on = min(finals, default=None)
    task.percent = 100 if task.done_on else (percents[-1] if percents else 0)
    task.last_report_on = max((on for on, _p, _f in accepted), default=None)
    task_refresh_schedule(task)


def tasks_reschedule_open(*, commune: Unit | None = None) -> int:
    """Recompute the deadlines of open tasks, after a change of the working-day calendar."""
    cal = work_calendar()
    qs = Task.objects.open().exclude(recurrence=Recurrence.ONGOING)
    if commune:
        qs = qs.filter(commune=commune)
    changed = 0
    for task in qs.iterator(chunk_size=2000):
        before = (task.next_due, task.warn_from)
        task_refresh_schedule(task, cal=cal)
        if (task.next_due, task.warn_from) != before:
            task.save(update_fields=["next_due", "warn_from"])
            changed += 1
    return changed


# --- plans ------------------------------------------------------------------------------------


EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def _check_dates(start: date | None, due: date | None) -> None:
    for day in (start, due):
        if day and not EARLIEST <= day <= LATEST:
            raise DomainError("Ngày phải nằm trong khoảng từ năm 2000 đến năm 2100.")
    if start and due and due < start:
        raise DomainError("Hạn hoàn thành không được trước ngày bắt đầu.")


@transaction.atomic
def plan_create(*, commune: Unit, by: User, parent: Plan | None = None, **fields: object) -> Plan:
    plan = Plan(commune=commune, parent=parent, **fields)
    if plan.issuing_unit.commune_id != commune.pk:
        raise DomainError("Đơn vị ban hành không thuộc xã này.")
    if parent and parent.commune_id != commune.pk:
        raise DomainError("Kế hoạch cấp trên không thuộc xã này.")
    save_valid(plan)
    log_action(plan, "plans.plan_created", by=by, changes={"title": plan.title})
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, by: User, **fields: object) -> Plan:
    before = {k: getattr(plan, k) for k in fields}
    for key, value in fields.items():
        setattr(plan, key, value)
    save_valid(plan)
    changes = diff(before, fields)
    if changes:
        log_action(plan, "plans.plan_updated", by=by, changes=changes)
    return plan


@transaction.atomic
def plan_set_status(*, plan: Plan, status: str, by: User) -> Plan:
    allowed = {
        Plan.Status.DRAFT: {Plan.Status.ISSUED},
        Plan.Status.ISSUED: {Plan.Status.CLOSED},
        Plan.Status.CLOSED: {Plan.Status.ISSUED},
    }
    if status not in allowed[Plan.Status(plan.status)]:
        raise DomainError("Không thể chuyển kế hoạch sang trạng thái này.")
    if status == Plan.Status.ISSUED and not plan.tasks.exists():
        raise DomainError("Kế hoạch chưa có nhiệm vụ nào, chưa thể ban hành.")
    before = plan.status
    plan.status = status
    if status == Plan.Status.ISSUED and not plan.issued_on:
        plan.issued_on = timezone.localdate()
    plan.save(update_fields=["status", "issued_on"])
    log_action(plan, f"plans.plan_{status}", by=by, changes={"status": [before, status]})
    return plan


NUMBER_RE = re.compile(r"^\d{1,6}[A-Za-z]?$")


@transaction.atomic
def plan_issue(*, plan: Plan, number: str, issued_on: date, by: User | None) -> Plan:
    """Issue a draft plan under the number it was given and the day it was signed: from then
    on its tasks count (lists, dashboards, reminders, reports, the public page).

    The number is the plan's own ("45" of "45/KH-UBND"); it may be used once a year for the
    commune's plans of that symbol. The day is not after today: a plan is recorded as issued
    once it has been signed.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.DRAFT:
        raise DomainError("Kế hoạch đã ban hành; không ban hành lại được.")
    number = number.strip()
    if not NUMBER_RE.match(number):
        raise DomainError("Số văn bản là phần số trước ký hiệu, ví dụ 45 trong 45/KH-UBND.")
    if not EARLIEST <= issued_on <= timezone.localdate():
        raise DomainError("Ngày ban hành phải từ năm 2000 và không sau hôm nay.")
    if not plan.tasks.exists():
        raise DomainError("Kế hoạch chưa có nhiệm vụ nào, chưa thể ban hành.")
    taken = Plan.objects.filter(
        commune_id=plan.commune_id,
        symbol=plan.symbol,
        number=number,
        issued_on__year=issued_on.year,
        status__in=[Plan.Status.ISSUED, Plan.Status.CLOSED],
    ).first()
    if taken is not None:
        raise DomainError(
            f"Số {number}/{plan.symbol} năm {issued_on.year} đã dùng cho “{taken.title}”."
        )
    before = {"status": plan.status, "number": plan.number, "issued_on": plan.issued_on}
    plan.status, plan.number, plan.issued_on = Plan.Status.ISSUED, number, issued_on
    save_valid(plan)
    log_action(
        plan,
        "plans.plan_issued",
        by=by,
        changes=diff(before, {"status": plan.status, "number": number, "issued_on": issued_on}),
    )
    return plan


@transaction.atomic
def section_create(
    *,
    plan: Plan,
    by: User,
    title: str,
    number: str = "",
    text: str = "",
    parent: Section | None = None,
) -> Section:
    if parent and parent.plan_id != plan.pk:
        raise DomainError("Mục cha không thuộc kế hoạch này.")
    position = plan.sections.count()
    path = f"{parent.path}.{number}" if parent and parent.path and number else number
    section = Section(
        plan=plan,
        parent=parent,
        number=number,
        title=title,
        text=text,
        position=position,
        path=path,
    )
    save_valid(section)
    log_action(section, "plans.section_created", by=by, commune=plan.commune_id)
    return section


@transaction.atomic
def section_update(*, section: Section, by: User, **fields: Any) -> Section:
    """Edit a section of a draft (its number, title, text, parent); its path is kept."""
    parent = fields.get("parent")
    if parent and (parent.plan_id != section.plan_id or parent.pk == section.pk):
        raise DomainError("Mục cha không thuộc kế hoạch này.")
    # What was stored: a ModelForm has already written the typed values onto `section`.
    stored = Section.objects.get(pk=section.pk)
    before = {k: getattr(stored, k) for k in fields}
    for key, value in fields.items():
        setattr(section, key, value)
    save_valid(section)
    log_action(
        section,
        "plans.section_updated",
        by=by,
        commune=section.plan.commune_id,
        changes=diff(before, fields),
    )
    return section


@transaction.atomic
def section_delete(*, section: Section, by: User) -> None:
    """Remove a section of a draft; its tasks stay, without a section (SET_NULL)."""
    log_action(section, "plans.section_deleted", by=by, commune=section.plan.commune_id)
    section.delete()


@transaction.atomic
def reference_save(
    *,
    plan: Plan,
    by: User,
    reference: PlanReference | None = None,
    doc_type: str,
    number: str = "",
    issued_on: date | None = None,
    issuer: str = "",
    title: str = "",
    sections: Sequence[str] = (),
) -> PlanReference:
    """A legal document the plan rests on, with the sections it cites: found in the shared
    register by its number (by its title when it has none) and completed with what is typed."""
    key: dict[str, Any] = {"doc_type": doc_type, "number": number}
    if not number:
        key["title"] = title
    doc, _ = LegalDocument.objects.get_or_create(**key)
    for field, value in (("issued_on", issued_on), ("issuer", issuer), ("title", title)):
        if value:
            setattr(doc, field, value)
    doc.save()
    if reference is None:
        reference, _ = PlanReference.objects.get_or_create(plan=plan, document=doc)
    reference.document = doc
    reference.sections = list(sections)
    reference.save()
    log_action(plan, "plans.reference_saved", by=by, changes={"document": str(doc)})
    return reference


@transaction.atomic
def reference_delete(*, reference: PlanReference, by: User) -> None:
    log_action(
        reference.plan,
        "plans.reference_removed",
        by=by,
        changes={"document": str(reference.document)},
    )
    reference.delete()


# --- tasks ------------------------------------------------------------------------------------


def _check_task_units(commune_id: int, lead: Unit, coordinators: Iterable[Unit]) -> list[Unit]:
    coordinators = [u for u in coordinators if u.pk != lead.pk]
    if any(u.commune_id != commune_id for u in [lead, *coordinators]):
        raise DomainError("Đơn vị chủ trì và phối hợp phải thuộc xã của kế hoạch.")
    return coordinators


def _new_task(
    plan: Plan,
    *,
    title: str,
    lead_unit: Unit,
    coordinating_units: Sequence[Unit] = (),
    section: Section | None = None,
    recurrence: str = Recurrence.ONCE,
    start_date: date | None = None,
    due_date: date | None = None,
    description: str = "",
    expected_result: str = "",
    position: int,
    cal: WorkCalendar,
) -> tuple[Task, list[Unit]]:
    """A validated, scheduled, unsaved task of `plan` and its coordinating units."""
    coordinators = _check_task_units(plan.commune_id, lead_unit, coordinating_units)
    if section and section.plan_id != plan.pk:
        raise DomainError("Mục không thuộc kế hoạch này.")
    start_date = start_date or plan.issued_on or date(plan.year, 1, 1)
    _check_dates(start_date, due_date)
    if recurrence == Recurrence.ONCE and not due_date:
        raise DomainError("Nhiệm vụ thực hiện một lần cần có hạn hoàn thành.")
    task = Task(
        commune_id=plan.commune_id,
        plan=plan,
        section=section,
        title=title,
        description=description,
        expected_result=expected_result,
        lead_unit=lead_unit,
        recurrence=recurrence,
        start_date=start_date,
        due_date=due_date,
        position=position,
        search_text=fold(title),
    )
    # The plan, section and units were checked above: no query per foreign key.
    full_clean(task, exclude=["coordinating_units", "plan", "section", "lead_unit", "commune"])
    task.next_due, task.warn_from = task_schedule(task, cal, set())
    return task, coordinators


@transaction.atomic
def task_create(*, plan: Plan, by: User | None, **fields: Any) -> Task:
    """One task of a plan (`_new_task` lists its fields), logged on the task."""
    task, coordinators = _new_task(plan, position=plan.tasks.count(), cal=work_calendar(), **fields)
    task.save()
    task.coordinating_units.set(coordinators)
    log_action(
        task,
        "plans.task_created",
        by=by,
        changes={
            "lead_unit": str(task.lead_unit),
            "coordinating_units": [str(u) for u in coordinators],
            "next_due": task.next_due,
        },
    )
    return task


@transaction.atomic
def tasks_create_many(
    *, plan: Plan, by: User | None, tasks: Sequence[dict[str, Any]]
) -> list[Task]:
    """Many tasks of one plan at once (the duties of an imported document), each validated as
    `task_create` validates one, stored in a few queries and logged once, on the plan, with
    their number (a seed's 48 duties would otherwise cost 48 audit entries and 700 queries)."""
    cal = work_calendar()
    start = plan.tasks.count()
    made = [
        _new_task(plan, position=start + i, cal=cal, **fields) for i, fields in enumerate(tasks)
    ]
    Task.objects.bulk_create([task for task, _ in made])
    link = Task.coordinating_units.through
    link.objects.bulk_create(
        link(task_id=task.pk, unit_id=unit.pk) for task, units in made for unit in units
    )
    log_action(plan, "plans.tasks_created", by=by, changes={"tasks": len(made)})
    return [task for task, _ in made]


@transaction.atomic
def task_update(
    *,
    task: Task,
    by: User | None,
    lead_unit: Unit,
    coordinating_units: Sequence[Unit],
    **fields: object,
) -> Task:
    coordinators = _check_task_units(task.commune_id, lead_unit, coordinating_units)
    before = {k: getattr(task, k) for k in TASK_FIELDS}
    before["lead_unit"] = str(task.lead_unit)
    before["coordinating_units"] = sorted(str(u) for u in task.coordinating_units.all())
    for key in TASK_FIELDS:
        if key in fields:
            setattr(task, key, fields[key])
    # An emptied start date keeps the one the task had, as on creation it defaults to the plan's.
    task.start_date = task.start_date or before["start_date"]
    task.lead_unit = lead_unit
    _check_dates(task.start_date, task.due_date)
    if task.recurrence == Recurrence.ONCE and not task.due_date:
        raise DomainError("Nhiệm vụ thực hiện một lần cần có hạn hoàn thành.")
    task.search_text = fold(task.title)
    full_clean(task, exclude=["coordinating_units"])
    task_refresh_schedule(task)
    task.save()
    task.coordinating_units.set(coordinators)
    after = {k: getattr(task, k) for k in TASK_FIELDS}
    after["lead_unit"] = str(lead_unit)
    after["coordinating_units"] = sorted(str(u) for u in coordinators)
    changes = diff(before, after)
    if changes:
        log_action(task, "plans.task_updated", by=by, changes=changes)
    return task


@transaction.atomic
def task_create_issued(*, plan: Plan, by: User, **fields: Any) -> Task:
    """A task another app hands to a unit in a standing plan of its own (a board's
    recommendation to answer, a promise to keep): created like any task, and the plan issued
    if it is still a draft, so the task is reminded and reported on at once and cannot be
    deleted as a draft's. `fields` are those of `task_create`."""
    task = task_create(plan=plan, by=by, **fields)
    if plan.status == Plan.Status.DRAFT:
        plan_set_status(plan=plan, status=Plan.Status.ISSUED, by=by)
    return task


@transaction.atomic
def task_reassign(
    *, task: Task, by: User | None, lead_unit: Unit | None = None, due_date: date | None = None
) -> Task:
    """Another lead unit or another due date for a task, everything else kept (its
    coordinating units included); `by` is None for the system (after a rule changed)."""
    fields = {"due_date": due_date} if due_date is not None else {}
    return task_update(
        task=task,
        by=by,
        lead_unit=lead_unit or task.lead_unit,
        coordinating_units=list(task.coordinating_units.all()),
        **fields,
    )


@transaction.atomic
def task_delete(*, task: Task, by: User) -> None:
    """Remove a task of a draft plan with its reports and their files (none left orphaned)."""
    if task.plan and task.plan.status != Plan.Status.DRAFT:
        raise DomainError("Chỉ xóa được nhiệm vụ của kế hoạch dự thảo.")
    reports = list(task.reports.values_list("pk", flat=True))
    files = Attachment.objects.filter(owner_type__model="progressreport", owner_id__in=reports)
    for f in files:
        f.file.delete(save=False)
    files.delete()
    log_action(
        task, "plans.task_deleted", by=by, changes={"title": task.title, "files": len(reports)}
    )
    task.delete()


# --- a draft's duties, reviewed before the plan is issued -------------------------------------


def _draft_tasks(plan: Plan, tasks: Sequence[Task]) -> list[Task]:
    if plan.status != Plan.Status.DRAFT:
        raise DomainError("Kế hoạch đã ban hành; nhiệm vụ chỉ gộp, tách, giao lại khi còn dự thảo.")
    if any(t.plan_id != plan.pk for t in tasks):
        raise DomainError("Nhiệm vụ không thuộc kế hoạch này.")
    return sorted(tasks, key=lambda t: (t.position, t.pk))


@transaction.atomic
def tasks_merge(*, plan: Plan, tasks: Sequence[Task], by: User | None) -> Task:
    """Several duties of a draft become one: the first keeps its title, lead unit and place;
    the texts are joined in order; every coordinating unit of any of them coordinates."""
    tasks = _draft_tasks(plan, tasks)
    if len(tasks) < 2:
        raise DomainError("Chọn ít nhất hai nhiệm vụ để gộp.")
    kept, others = tasks[0], tasks[1:]
    coordinators = [u for t in tasks for u in t.coordinating_units.all()]
    text = "\n".join(t.description or t.title for t in tasks)
    merged = task_update(
        task=kept,
        by=by,
        lead_unit=kept.lead_unit,
        coordinating_units=list(dict.fromkeys(coordinators)),
        description=text,
    )
    for t in others:
        t.delete()
    log_action(
        plan,
        "plans.tasks_merged",
        by=by,
        changes={"task": kept.pk, "merged": [t.title for t in others]},
    )
    return merged


def split_parts(text: str) -> list[str]:
    """Where a duty splits: its lines, or, for a single line, its sentences."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) > 1:
        return lines
    return sentences(lines[0]) if lines else []


@transaction.atomic
def task_split(*, task: Task, by: User | None) -> list[Task]:
    """A draft's duty that holds several becomes one task per line (or per sentence), each
    with the same lead and coordinating units, section and schedule, in the same place."""
    plan = task.plan
    assert plan is not None
    _draft_tasks(plan, [task])
    parts = split_parts(task.description)
    if len(parts) < 2:
        raise DomainError("Nội dung nhiệm vụ chỉ có một câu; không tách được.")
    coordinators = list(task.coordinating_units.all())
    later = plan.tasks.filter(position__gt=task.position)
    later.update(position=F("position") + len(parts) - 1)
    made = [
        task_update(
            task=task,
            by=by,
            lead_unit=task.lead_unit,
            coordinating_units=coordinators,
            title=duty_title(parts[0]),
            description=parts[0],
        )
    ]
    for offset, part in enumerate(parts[1:], start=1):
        new = task_create(
            plan=plan,
            by=by,
            title=duty_title(part),
            description=part,
            lead_unit=task.lead_unit,
            coordinating_units=coordinators,
            section=task.section,
            recurrence=task.recurrence,
            start_date=task.start_date,
            due_date=task.due_date,
        )
        new.position = task.position + offset
        new.save(update_fields=["position"])
        made.append(new)
    log_action(plan, "plans.task_split", by=by, changes={"task": task.pk, "parts": len(parts)})
    return made


@transaction.atomic
def tasks_reassign(
    *,
    plan: Plan,
    tasks: Sequence[Task],
    lead_unit: Unit,
    coordinating_units: Sequence[Unit] = (),
    by: User | None,
) -> list[Task]:
    """Give several duties of a draft to another lead unit, with these coordinating units."""
    tasks = _draft_tasks(plan, tasks)
    if not tasks:
        raise DomainError("Chọn ít nhất một nhiệm vụ để giao.")
    return [
        task_update(task=t, by=by, lead_unit=lead_unit, coordinating_units=coordinating_units)
        for t in tasks
    ]


def next_unreported_period(task: Task) -> date | None:
    """The last day of the period a new lead report answers for by default (recurring tasks
    only): the first period without an accepted or pending report of the lead unit."""
    if task.recurrence in (Recurrence.ONCE, Recurrence.ONGOING):
        return None
    waiting = task.reports.filter(
        kind=ProgressReport.Kind.LEAD,
        review__in=[ProgressReport.Review.ACCEPTED, ProgressReport.Review.PENDING],
    ).values_list("period_end", flat=True)
    return _first_unreported(task, set(waiting))


def report_periods(task: Task, on: date) -> list[tuple[date, date]]:
    """The (first day, last day) of the periods of a recurring task a report made on `on`
    may answer for: those begun by then (the first one, however early the report)."""
    end = task.due_date or date(task.start_date.year, 12, 31)
    spans = [
        (first, min(last, end)) for first, last in periods(task.recurrence, task.start_date, end)
    ]
    begun = [span for span in spans if span[0] <= on]
    return begun or spans[:1]


def _report_period(task: Task, *, is_lead: bool, period_end: date | None, on: date) -> date:
    """The period a report states, checked: a recurring task's period already begun, or for a
    one-off or ongoing task the day its progress is stated up to, not after the report's own."""
    if task.recurrence in (Recurrence.ONCE, Recurrence.ONGOING):
        period_end = period_end or on
        if period_end > on:
            raise DomainError("Kỳ báo cáo không được sau ngày báo cáo.")
        _check_dates(period_end, None)
        return period_end
    spans = report_periods(task, on)
    allowed = [last for _first, last in spans]
    if not allowed:
        raise DomainError("Nhiệm vụ không có kỳ báo cáo nào.")
    if period_end is None:
        default = next_unreported_period(task) if is_lead else None
        current = next((last for first, last in spans if first <= on <= last), allowed[-1])
        period_end = default if default in allowed else current
    if period_end not in allowed:
        raise DomainError("Kỳ báo cáo không phải một kỳ đã bắt đầu của nhiệm vụ này.")
    return period_end


def _task_state(task: Task) -> dict[str, Any]:
    return {
        "percent": task.percent,
        "done_on": task.done_on,
        "next_due": task.next_due,
        "last_report_on": task.last_report_on,
    }


def _report_url(report: ProgressReport) -> str:
    return reverse("plans:task", args=[report.task_id]) + f"#bao-cao-{report.pk}"


@transaction.atomic
def progress_report_create(
    *,
    task: Task,
    unit: Unit,
    by: User,
    text: str,
    percent: int | None = None,
    period_end: date | None = None,
    milestone: str = "",
    is_final: bool = False,
    files: Sequence[UploadedFile] = (),
    reported_on: date | None = None,
    accepted_by: User | None = None,
) -> ProgressReport:
    """A progress report by the lead unit, or a contribution by a coordinating unit, for a
    period (`period_end`; by default the lead unit's first period not yet reported, or the
    report's own day for a one-off task).

    A report with a percent (a final one counts 100%) waits for review and moves nothing until
    accepted (`report_accept`); one without is a note, never counted. `accepted_by` is for a
    fact another app's step records (the competent body's answer to a supervision
    recommendation, recorded by a leader): stored accepted by that person at once.
    """
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.done_on:
        raise DomainError("Nhiệm vụ đã hoàn thành; không nhận thêm báo cáo.")
    is_lead = unit.pk == task.lead_unit_id
    if not is_lead and not task.coordinating_units.filter(pk=unit.pk).exists():
        raise DomainError("Đơn vị của bạn không chủ trì hay phối hợp nhiệm vụ này.")
    if percent is not None and not 0 <= percent <= 100:
        raise DomainError("Tiến độ phải từ 0 đến 100%.")
    if is_final and not is_lead:
        raise DomainError("Chỉ đơn vị chủ trì mới xác nhận hoàn thành nhiệm vụ.")
    today = reported_on or timezone.localdate()
    percent = 100 if is_final else percent
    Review = ProgressReport.Review
    report = ProgressReport(
        task=task,
        unit=unit,
        kind=ProgressReport.Kind.LEAD if is_lead else ProgressReport.Kind.CONTRIBUTION,
        period_end=_report_period(task, is_lead=is_lead, period_end=period_end, on=today),
        text=text,
        percent=percent,
        milestone=milestone,
        is_final=is_final,
        created_by=by,
        reported_on=today,
        review=Review.NOTE if percent is None else Review.PENDING,
    )
    if accepted_by is not None and report.review == Review.PENDING:
        report.review = Review.ACCEPTED
        report.reviewed_by, report.reviewed_at = accepted_by, timezone.now()
    save_valid(report)
    for f in files:
        attachment_create(file=f, owner=report, commune=unit.commune or unit, by=by)
    before = _task_state(task)
    if is_lead and report.review == Review.ACCEPTED:
        task_derive_progress(task)
        task.save()
    log_action(
        task,
        "plans.progress_reported" if is_lead else "plans.contribution_added",
        by=by,
        changes={
            "unit": str(unit),
            "report": report.pk,
            "files": len(files),
            "period_end": report.period_end,
            "report_percent": report.percent,
            "review": report.review,
            **diff(before, _task_state(task)),
        },
    )
    # The lead unit hears of each contribution, as before review existed; the leaders find the
    # lead units' reports in their list "chờ duyệt" and on the dashboard, not one mail each.
    if not is_lead:
        waiting = " (chờ duyệt)" if report.review == Review.PENDING else ""
        notify(
            unit_people(task.lead_unit),
            title=f"{unit.label} đã gửi phần phối hợp{waiting}: {task.title[:120]}",
            body=text[:500],
            url=_report_url(report),
        )
    return report


def _check_review(report: ProgressReport, by: User) -> None:
    if report.review != ProgressReport.Review.PENDING:
        raise DomainError("Báo cáo này không chờ duyệt (đã được duyệt, hoặc là ghi chú).")
    if report.created_by_id == by.pk:
        raise DomainError("Không ai tự duyệt báo cáo của chính mình.")


def _review_changes(report: ProgressReport, comment: str) -> dict[str, Any]:
    return {
        "unit": str(report.unit),
        "report": report.pk,
        "author": str(report.created_by),
        "period_end": report.period_end,
        "report_percent": report.percent,
        "comment": comment,
    }


@transaction.atomic
def report_accept(*, report: ProgressReport, by: User, comment: str = "") -> ProgressReport:
    """Accept a pending report: a lead unit's report then moves its task (percent, status,
    completion, the period it answers for); a contribution is marked accepted and moves nothing.
    Who may is plans/access.py `can_review`; nobody accepts his own report."""
    task = Task.objects.select_for_update().get(pk=report.task_id)
    report = (
        ProgressReport.objects.select_for_update()
        .select_related("unit", "created_by")
        .get(pk=report.pk)
    )
    _check_review(report, by)
    report.review = ProgressReport.Review.ACCEPTED
    report.reviewed_by, report.reviewed_at = by, timezone.now()
    report.review_comment = comment
    save_valid(report)
    before = _task_state(task)
    if report.kind == ProgressReport.Kind.LEAD:
        task_derive_progress(task)
        task.save()
    log_action(
        task,
        "plans.report_accepted",
        by=by,
        changes={**_review_changes(report, comment), **diff(before, _task_state(task))},
    )
    return report


@transaction.atomic
def report_return(*, report: ProgressReport, by: User, comment: str) -> ProgressReport:
    """Return a pending report with the reason, which its author reads on the task and in a
    notification (an accepted report notifies nobody: it needs nothing more); the report moves
    nothing, and the unit reports again."""
    comment = comment.strip()
    if not comment:
        raise DomainError("Cần ghi rõ lý do trả lại báo cáo.")
    task = Task.objects.select_for_update().get(pk=report.task_id)
    report = (
        ProgressReport.objects.select_for_update()
        .select_related("unit", "created_by")
        .get(pk=report.pk)
    )
    _check_review(report, by)
    report.review = ProgressReport.Review.RETURNED
    report.reviewed_by, report.reviewed_at = by, timezone.now()
    report.review_comment = comment
    save_valid(report)
    log_action(task, "plans.report_returned", by=by, changes=_review_changes(report, comment))
    notify(
        [report.created_by],
        title=f"Báo cáo bị trả lại: {task.title[:120]}",
        body=comment,
        url=_report_url(report),
    )
    return report


# --- reminders --------------------------------------------------------------------------------


def unit_people(unit: Unit) -> list[User]:
    """Who is reminded of a unit's tasks: its officers, Front officials, village heads, leaders."""
    return list(members(Role.OFFICER, Role.FRONT, Role.VILLAGE_HEAD, Role.LEADER, unit_id=unit.pk))


def commune_leaders(commune_id: int) -> list[User]:
    """The leaders of the commune itself (escalations; supervision's reminders too)."""
    return list(members(Role.LEADER, unit_id=commune_id))


def send_reminders(*, today: date | None = None) -> dict[str, int]:
    """Remind lead units before a deadline and once it is missed; escalate to the leaders.

    Each (task, kind, deadline) is sent once, whatever the number of runs: the unique
    constraint on Reminder is the record of what went out.
    """
    today = today or timezone.localdate()
    cal = work_calendar()
    escalate_after = settings.DANVAN_ESCALATE_AFTER_DAYS
    sent = {kind: 0 for kind in Reminder.Kind.values}
    already = set(
        Reminder.objects.filter(task__done_on__isnull=True).values_list("task_id", "kind", "due")
    )
    open_tasks = (
        Task.objects.open()
        .live()
        .filter(warn_from__lte=today)
        .select_related("lead_unit", "plan")
        .order_by("next_due")
    )
    for task in open_tasks.iterator(chunk_size=1000):
        due = task.next_due
        assert due is not None
        url = reverse("plans:task", args=[task.pk])
        late = cal.working_days_between(due, today) if today > due else 0
        todo = []
        if today <= due:
            todo.append(
                (Reminder.Kind.BEFORE_DUE, f"Sắp đến hạn {due:%d/%m/%Y}: {task.title[:150]}")
            )
        else:
            todo.append((Reminder.Kind.OVERDUE, f"Quá hạn từ {due:%d/%m/%Y}: {task.title[:150]}"))
            if late > escalate_after:
                todo.append(
                    (
                        Reminder.Kind.ESCALATION,
                        f"{task.lead_unit.label} quá hạn {late} ngày làm việc: {task.title[:150]}",
                    )
                )
        for kind, title in todo:
            if (task.pk, kind, due) in already:
                continue
            people = (
                commune_leaders(task.commune_id)
                if kind == Reminder.Kind.ESCALATION
                else unit_people(task.lead_unit)
            )
            with transaction.atomic():
                count = notify(people, title=title, body=f"Kế hoạch: {task.plan}", url=url)
                reminder = Reminder.objects.create(task=task, kind=kind, due=due, recipients=count)
                log_action(
                    task,
                    f"plans.reminder_{kind}",
                    by=None,
                    changes={"due": due, "recipients": count, "reminder": reminder.pk},
                )
            sent[kind] += 1
    return sent
