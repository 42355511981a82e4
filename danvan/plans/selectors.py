"""Reads that pages and exports share: the plan tree, the dashboard, deadline explanations."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F
from django.utils import timezone

from danvan.core.calendar import work_calendar
from danvan.core.models import Unit
from danvan.lib.periods import periods
from danvan.plans.models import (
    DRAFT_STATUS,
    STATUS_LABELS,
    Plan,
    Recurrence,
    Section,
    Task,
    TaskQuerySet,
    TaskStatus,
    status_expression,
    status_filter,
    status_on,
)


@dataclass(slots=True)
class TaskRow:
    """What a plan's page shows of a task, read as plain values: a page lists hundreds, and
    making a Task and a Unit object for each was most of the tree's time. Same names as Task's."""

    pk: int
    title: str
    section_id: int | None
    lead_unit: Unit
    next_due: date | None
    percent: int
    done_on: date | None
    status: str

    @property
    def effective_percent(self) -> int:
        return 100 if self.done_on else self.percent

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Node:
    section: Section | None
    children: list[Node] = field(default_factory=list)
    # Task objects, or TaskRows in a page's tree (`plan_tree(rows=True)`): the same names.
    tasks: list[Task] = field(default_factory=list)

    def all_tasks(self) -> list[Task]:
        return self.tasks + [t for c in self.children for t in c.all_tasks()]

    def rows(self, level: int = 2) -> Iterator[tuple[str, Node | Task | None, int]]:
        """The tree as one flat sequence for a single template loop.

        A recursive {% include %} makes the Python stack deep and ragged; on Python 3.11 a
        stack that keeps crossing a 16 KiB frame-chunk boundary pays an mmap and a munmap
        each time (CPython gh-142183, fixed in 3.13+ only): 3,000+ pairs per plan page.
        """
        if self.tasks:
            yield "tasks", None, level
            for task in self.tasks:
                yield "task", task, level
            yield "end_tasks", None, level
        for child in self.children:
            yield "section", child, level
            yield from child.rows(level + 1)
            yield "end_section", child, level

    @cached_property
    def percent(self) -> int | None:
        """Progress rolled up as the mean of the tasks below, each counting alike."""
        tasks = self.all_tasks()
        if not tasks:
            return None
        return round(sum(t.effective_percent for t in tasks) / len(tasks))

    @property
    def counts(self) -> Counter[str]:
        return Counter(t.status for t in self.all_tasks())


def plan_tree(
    plan: Plan, today: date | None = None, *, coordinators: bool = False, rows: bool = False
) -> Node:
    """The plan's sections as a tree with their tasks, in two or three queries whatever its size.
    `rows`: the tasks as `TaskRow`s (a page's tree), not as Task objects (an export's)."""
    sections = list(plan.sections.order_by("position", "id"))
    root = Node(None)
    nodes = {s.pk: Node(s) for s in sections}
    for s in sections:
        nodes.get(s.parent_id or 0, root).children.append(nodes[s.pk])
    if rows:
        ordered = plan.tasks.order_by("position", "id")
        draft = plan.status == Plan.Status.DRAFT
        for row in _task_rows(ordered, today or timezone.localdate(), draft=draft):
            nodes.get(row.section_id or 0, root).tasks.append(row)  # type: ignore[arg-type]
        return root
    tasks = plan.tasks.with_status(today).select_related("lead_unit").order_by("position", "id")
    if coordinators:
        tasks = tasks.prefetch_related("coordinating_units")
    for t in tasks:
        nodes.get(t.section_id or 0, root).tasks.append(t)
    return root


# The values a TaskRow is made of, in its order, with the lead unit's names after its id, and
# what its status is computed from.
_ROW_FIELDS = (
    "pk",
    "title",
    "section_id",
    "lead_unit_id",
    "lead_unit__name",
    "lead_unit__short_name",
    "next_due",
    "percent",
    "done_on",
    "warn_from",
    "last_report_on",
)


def _task_rows(tasks: TaskQuerySet, today: date, *, draft: bool) -> Iterator[TaskRow]:
    """The tasks of one plan as TaskRows: one Unit object per lead unit, not one per task; the
    status computed here from the plan's (`draft`) and the task's own, as `status_expression`
    does, which the query need not compile then."""
    units: dict[int, Unit] = {}
    for row in tasks.values_list(*_ROW_FIELDS):
        pk, title, section_id, unit_id, name, short, next_due, percent, done_on, warn, last = row
        unit = units.get(unit_id)
        if unit is None:
            unit = units[unit_id] = Unit(pk=unit_id, name=name, short_name=short)
        status = DRAFT_STATUS if draft else status_on(today, done_on, next_due, warn, last)
        yield TaskRow(pk, title, section_id, unit, next_due, percent, done_on, status)


@dataclass(slots=True)
class ListedTask:
    """A row of the task list, read as plain values (what the list shows, nothing more): a Task,
    its Plan and its Unit for each of 25 rows, with every column, was a third of the page."""

    pk: int
    title: str
    plan_title: str
    lead_label: str
    next_due: date | None
    percent: int
    done_on: date | None
    status: str

    @property
    def effective_percent(self) -> int:
        return 100 if self.done_on else self.percent

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


_LISTED_FIELDS = (
    "pk",
    "title",
    "plan__title",
    "lead_unit__name",
    "lead_unit__short_name",
    "next_due",
    "percent",
    "done_on",
    "warn_from",
    "last_report_on",
)


def listed_tasks(tasks: TaskQuerySet, today: date | None = None) -> list[ListedTask]:
    """`tasks` (ordered `live()` tasks: a page's) as the list's rows, their status computed
    here (`models.status_on`) rather than by a CASE in the query."""
    today = today or timezone.localdate()
    return [
        ListedTask(
            pk,
            title,
            plan_title or "",
            short or name,
            next_due,
            percent,
            done_on,
            status_on(today, done_on, next_due, warn_from, last_report_on),
        )
        for pk, title, plan_title, name, short, next_due, percent, done_on, warn_from, last_report_on in tasks.values_list(
            *_LISTED_FIELDS
        )
    ]


# The task list's order: open work first, the nearest deadline on top; finished tasks last.
TASK_ORDER = (F("done_on").desc(nulls_first=True), F("next_due").asc(nulls_last=True), "id")
# The most matches whose ids a page reads at once to count them.
SORTED_IDS_CAP = 1000


def task_page(
    tasks: TaskQuerySet, number: str | None, *, few: bool, per_page: int, today: date
) -> Page:
    """Page `number` of `tasks` in the list's order, its rows read as values (`listed_tasks`).

    `few`: a commune's search, a few hundred of its 3,080 tasks: their ids, sorted, are read
    once for both the count and the page (the count and the page each read every task's text:
    1.7 ms against 2.7 on var/prof.sqlite3); more than SORTED_IDS_CAP of them are counted as
    any list is. Otherwise the page's ids are chosen in a subquery on the tasks alone and only
    those rows joined to their plan and lead unit: SQLite joins every row it sorts (a commune's
    3,080 tasks, all the communes' for the province) before it keeps 25 (1.0 ms against 3.0)."""
    tasks = tasks.order_by(*TASK_ORDER)
    ids = list(tasks.values_list("pk", flat=True)[: SORTED_IDS_CAP + 1]) if few else []
    paginator: Paginator[Any]
    if few and len(ids) <= SORTED_IDS_CAP:
        paginator = Paginator(ids, per_page)
        page = paginator.get_page(number)
        rows = Task.objects.filter(pk__in=list(page.object_list))
    else:
        paginator = Paginator(tasks, per_page)
        page = paginator.get_page(number)
        rows = Task.objects.filter(pk__in=page.object_list.values("pk"))  # type: ignore[attr-defined]  # a slice of `tasks`
    page.object_list = listed_tasks(rows.order_by(*TASK_ORDER), today)
    return page


def dashboard(*, commune: Unit, year: int, today: date | None = None) -> dict:
    """Counts by status, by section and by lead unit, and the overdue list, in two queries
    (one when nothing is overdue): one count of the tasks by plan level, section, lead unit
    and status gives the three tables.

    The tasks are read through their plans (the commune's issued plans of the year, by the
    plan index), not by the commune's index: a task is of its plan's commune
    (services.task_create), and a year is a seventh of a commune's tasks."""
    today = today or timezone.localdate()
    plans = Plan.objects.filter(commune=commune, year=year).exclude(status=Plan.Status.DRAFT)
    tasks = Task.objects.filter(plan_id__in=plans.values("pk"))
    groups = list(
        tasks.annotate(status_code=status_expression(today, issued=True))
        .values_list(
            "plan__parent_id",
            "section__position",
            "section__path",
            "section__title",
            "lead_unit__name",
            "lead_unit__short_name",
            "status_code",
        )
        .annotate(n=Count("id"))
        .order_by("lead_unit__name")
    )
    by_unit: dict[str, Counter[str]] = defaultdict(Counter)
    by_status: Counter[str] = Counter()
    for *_, name, short, code, n in groups:
        by_unit[short or name][code] += n
        by_status[code] += n
    # Sections are those of the commune's own plans (not its units' sub-plans), in their order,
    # a task without one where the database sorts a NULL position.
    nulls_first = not connection.features.nulls_order_largest
    by_section: dict[str, Counter[str]] = defaultdict(Counter)
    for _parent, _position, label, title, _unit, _unit_short, code, n in sorted(
        (g for g in groups if g[0] is None),
        key=lambda g: (0 if (g[1] is None) == nulls_first else 1, g[1] or 0),
    ):
        by_section[_short(f"{label} {title}") if title else "Khác"][code] += n
    overdue = (
        listed_tasks(
            tasks.filter(status_filter(TaskStatus.OVERDUE, today)).order_by("next_due", "id")[:20],
            today,
        )
        if by_status[TaskStatus.OVERDUE]
        else []
    )
    total = sum(by_status.values())
    return {
        "total": total,
        "by_status": [(s.value, s.label, by_status.get(s.value, 0)) for s in TaskStatus],
        "done_rate": round(100 * by_status.get(TaskStatus.DONE, 0) / total) if total else None,
        "by_section": _series(by_section),
        "by_unit": _series(by_unit),
        "overdue": overdue,
        "overdue_count": by_status.get(TaskStatus.OVERDUE, 0),
    }


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _series(groups: dict[str, Counter[str]]) -> dict:
    labels = list(groups)
    return {
        "labels": labels,
        "datasets": [
            {
                "status": s.value,
                "label": str(s.label),
                "data": [groups[k].get(s.value, 0) for k in labels],
            }
            for s in TaskStatus
        ],
    }


def explain_due(task: Task) -> list[str]:
    """How the task's current deadline was computed, in words a citizen or officer can check."""
    if task.done_on:
        return [f"Đã hoàn thành ngày {task.done_on:%d/%m/%Y}."]
    if task.recurrence == Recurrence.ONGOING:
        return ["Nhiệm vụ thường xuyên: không có hạn cố định, báo cáo khi có kết quả."]
    if not task.next_due:
        return ["Đã báo cáo đủ các kỳ; không còn hạn nào đang chờ."]
    cal = work_calendar()
    lines = []
    if task.recurrence == Recurrence.ONCE:
        base = task.due_date
        lines.append(f"Hạn ghi trong kế hoạch: {base:%d/%m/%Y}.")
    else:
        end = task.due_date or date(task.start_date.year, 12, 31)
        base = next(
            min(last, end)
            for first, last in periods(task.recurrence, task.start_date, end)
            if cal.roll_forward(min(last, end)) == task.next_due
        )
        lines.append(
            f"Nhiệm vụ {task.get_recurrence_display().lower()}: kỳ chưa báo cáo sớm nhất "
            f"kết thúc ngày {base:%d/%m/%Y}."
        )
    if base and base != task.next_due:
        reasons = ", ".join(
            f"{d:%d/%m} ({r})"
            for d, r in cal.days_off_between(base - timedelta(days=1), task.next_due)
        )
        lines.append(
            f"Ngày đó là ngày nghỉ [{reasons}] nên hạn chuyển sang ngày làm việc kế tiếp "
            f"{task.next_due:%d/%m/%Y} (Bộ luật Dân sự 2015, Điều 148)."
        )
    if task.warn_from:
        lines.append(
            f"Đôn đốc từ ngày {task.warn_from:%d/%m/%Y}, "
            f"{settings.DANVAN_REMIND_BEFORE_DAYS} ngày làm việc trước hạn."
        )
    return lines
