"""The plans' pages on the fast path (issue 16) show what they showed before: the rows of the
task list and of the dashboard's overdue table (templatetags/task_list.py) byte for byte as the
template loops they replaced, escaping included; each task's status, filtered or shown, as `status_expression` computes it in SQL; the
dashboard's one count as the three queries it replaced."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from typing import Any

import pytest
from django.db.models import Count
from django.forms.models import ModelChoiceIterator
from django.template import engines
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.conftest import World
from danvan.lib.text import fold
from danvan.plans import selectors, services
from danvan.plans.forms import TaskForm
from danvan.plans.models import Plan, Task, TaskStatus, status_filter
from danvan.plans.selectors import ListedTask, _series, _short, dashboard, listed_tasks

# The rows of plans/task_list.html as they were before they were rendered in Python.
TEMPLATE_LOOP = """{% for t in rows %}
<tr>
  <td class="dv-stack-title"><a href="{{ task_url }}{{ t.pk }}/">{{ t.title|truncatechars:140 }}</a><div class="small text-body-secondary">{{ t.plan_title|truncatechars:80 }}</div></td>
  <td data-label="Chủ trì">{{ t.lead_label }}</td>
  <td data-label="Hạn gần nhất">{{ t.next_due|date:"d/m/Y"|default:"—" }}</td>
  <td data-label="Tiến độ">{{ t.effective_percent }}%</td>
  <td data-label="Trạng thái"><span class="dv-status dv-status-{{ t.status }}">{{ t.status_label }}</span>
</td>
</tr>
{% endfor %}"""

# The rows of the dashboard's overdue table (plans/dashboard.html) before the same.
OVERDUE_LOOP = """{% for t in rows %}<tr><td class="dv-stack-title"><a href="{{ task_url }}{{ t.pk }}/">{{ t.title|truncatechars:120 }}</a></td><td data-label="Chủ trì">{{ t.lead_label }}</td><td data-label="Hạn">{{ t.next_due|date:"d/m/Y" }}</td><td data-label="Tiến độ">{{ t.effective_percent }}%</td></tr>{% endfor %}"""

HOSTILE = [
    "",
    "Tuyên truyền <script>alert('x')</script> & \"vận động\"",
    "Tổ chức hội nghị " * 20,  # longer than 140 characters: cut
    "Ho\u0300ng Phong " * 25,  # decomposed marks past the cut
]
STATUSES = ["not_started", "on_track", "due_soon", "overdue", "done"]


def _rows(texts: list[str], dues: list[date | None]) -> list[ListedTask]:
    n = len(texts)
    return [
        ListedTask(
            pk=1000 + i,
            title=texts[i % n],
            plan_title=texts[(i + 1) % n],
            lead_label=texts[(i + 2) % n],
            next_due=dues[i % len(dues)],
            percent=i * 7 % 101,
            done_on=date(2026, 3, 1) if STATUSES[i % 5] == "done" else None,
            status=STATUSES[i % 5],
        )
        for i in range(12)
    ]


def _both(
    rows: list[ListedTask], loop: str = TEMPLATE_LOOP, tag: str = "task_list_rows"
) -> tuple[str, str]:
    engine = engines["django"]
    context = {"rows": rows, "task_url": "/can-bo/nhiem-vu/"}
    old = engine.from_string(loop).render(context)
    new = engine.from_string(f"{{% load task_list %}}{{% {tag} rows %}}").render(context)
    return old, new


def test_the_rows_are_the_templates() -> None:
    old, new = _both(_rows(HOSTILE, [date(2026, 1, 5), None, date(2025, 12, 31)]))
    assert "&lt;script&gt;" in new and "<script>" not in new and "—" in new
    assert new == old


def test_the_overdue_rows_are_the_templates() -> None:
    rows = _rows(HOSTILE, [date(2026, 1, 5), None])
    old, new = _both(rows, OVERDUE_LOOP, "overdue_rows")
    assert "&lt;script&gt;" in new and "<script>" not in new and new.count("<tr>") == 12
    assert new == old


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(min_size=0, max_size=200), min_size=1, max_size=5),
    dues=st.lists(st.none() | st.dates(), min_size=1, max_size=3),
)
def test_any_text_renders_as_the_template_did(texts: list[str], dues: list[date | None]) -> None:
    old, new = _both(_rows(texts, dues))
    assert new == old
    old, new = _both(_rows(texts, dues), OVERDUE_LOOP, "overdue_rows")
    assert new == old


@pytest.mark.django_db
def test_each_status_is_the_one_sql_computes(
    world: World, plan: Plan, task: Task, draft_plan: Plan
) -> None:
    """On tasks of every status, a NULL deadline among them: `status_filter` keeps the tasks
    `status_expression` gives that status, and `listed_tasks` shows the status it gives."""
    for i, changes in enumerate(
        [
            {"done_on": date(2026, 5, 4), "percent": 80},
            {"next_due": date(2026, 5, 1), "percent": 40},
            {"warn_from": date(2026, 5, 20), "next_due": date(2026, 6, 1)},
            {"warn_from": date(2026, 5, 20), "next_due": None},
            {"last_report_on": date(2026, 5, 2), "percent": 55, "next_due": None},
            {"last_report_on": None, "next_due": None, "warn_from": None},
            {"last_report_on": date(2026, 5, 2), "next_due": date(2026, 5, 25)},
        ]
    ):
        extra = services.task_create(
            plan=plan,
            by=world.chairman,
            title=f"Nhiệm vụ {i}",
            lead_unit=world.office_b,
            due_date=date(2026, 12, 31),
        )
        Task.objects.filter(pk=extra.pk).update(**changes)
    today = date(2026, 5, 25)
    live = Task.objects.live()
    expected = dict(live.with_status(today).values_list("pk", "status_code"))
    assert set(expected.values()) == {s.value for s in TaskStatus}
    for status in TaskStatus:
        kept = set(live.filter(status_filter(status, today)).values_list("pk", flat=True))
        assert kept == {pk for pk, s in expected.items() if s == status}, status
    shown = {row.pk: row.status for row in listed_tasks(live, today)}
    assert shown == expected


def _dashboard_before(commune: Any, year: int, today: date) -> dict[str, Any]:
    """The dashboard's tables as its three queries read them before (by section, by lead unit,
    the overdue list), through the commune's tasks and `live()`."""
    tasks = Task.objects.filter(commune=commune, plan__year=year).live().with_status(today)
    top_plans = Plan.objects.filter(commune=commune, year=year, parent__isnull=True).values("pk")
    by_section: dict[str, Counter[str]] = defaultdict(Counter)
    for label, title, status, n in (
        tasks.filter(plan_id__in=top_plans)
        .values_list("section__path", "section__title", "status_code")
        .annotate(n=Count("id"))
        .order_by("section__position")
    ):
        by_section[_short(f"{label} {title}") if title else "Khác"][status] += n
    by_unit: dict[str, Counter[str]] = defaultdict(Counter)
    for name, short, status, n in (
        tasks.values_list("lead_unit__name", "lead_unit__short_name", "status_code")
        .annotate(n=Count("id"))
        .order_by("lead_unit__name")
    ):
        by_unit[short or name][status] += n
    overdue = tasks.filter(status_code=TaskStatus.OVERDUE).order_by("next_due", "id")[:20]
    return {
        "by_section": _series(by_section),
        "by_unit": _series(by_unit),
        "overdue": [t.pk for t in overdue],
    }


@pytest.mark.django_db
def test_the_dashboard_reads_what_its_three_queries_read(
    world: World, plan: Plan, task: Task, draft_plan: Plan
) -> None:
    """Sections in their order with tasks outside any section ("Khác"), a unit's sub-plan in
    the totals and not in the sections, a draft plan nowhere, another year apart."""
    first = services.section_create(plan=plan, by=world.chairman, title="Tuyên truyền")
    second = services.section_create(plan=plan, by=world.chairman, title="Đối thoại <b>")
    sub = services.plan_create(
        commune=world.commune,
        by=world.chairman,
        parent=plan,
        issuing_unit=world.office_a,
        title="Kế hoạch triển khai của văn phòng",
        year=2026,
        status=Plan.Status.ISSUED,
    )
    sub_section = services.section_create(plan=sub, by=world.chairman, title="Mục của đơn vị")
    for i, (where, section, unit, changes) in enumerate(
        [
            (plan, second, world.office_b, {"done_on": date(2026, 5, 4)}),
            (plan, first, world.office_a, {"next_due": date(2026, 5, 1)}),
            (plan, first, world.village, {"warn_from": date(2026, 5, 20)}),
            (plan, None, world.office_b, {"last_report_on": date(2026, 5, 2)}),
            (sub, sub_section, world.office_a, {"next_due": date(2026, 4, 1)}),
            (sub, None, world.office_b, {}),
            (draft_plan, None, world.office_b, {"next_due": date(2026, 4, 1)}),
        ]
    ):
        extra = services.task_create(
            plan=where,
            by=world.chairman,
            title=f"Nhiệm vụ {i}",
            lead_unit=unit,
            section=section,
            due_date=date(2026, 12, 31),
        )
        Task.objects.filter(pk=extra.pk).update(**changes)
    today = date(2026, 5, 25)
    now = dashboard(commune=world.commune, year=2026, today=today)
    before = _dashboard_before(world.commune, 2026, today)
    assert now["by_section"] == before["by_section"]
    labels = [label.strip() for label in now["by_section"]["labels"]]
    # "Khác" where the database sorts a NULL position: first on SQLite, last on PostgreSQL.
    assert [label for label in labels if label != "Khác"] == ["Tuyên truyền", "Đối thoại <b>"]
    assert "Khác" in labels
    assert now["by_unit"] == before["by_unit"]
    assert [t.pk for t in now["overdue"]] == before["overdue"] and len(before["overdue"]) == 2
    assert now["total"] == 7  # the fixture's task and six more; none of the draft's


@pytest.mark.django_db
def test_a_search_pages_alike_whether_its_ids_are_read_at_once_or_counted(
    world: World, plan: Plan, task: Task, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commune's search reads its matches' ids at once (`task_page(few=True)`); above the cap
    it counts and pages as any list: the same count, and the same rows on every page."""
    for i, due in enumerate([date(2026, 12, 1), date(2026, 11, 2), None]):
        extra = services.task_create(
            plan=plan,
            by=world.chairman,
            title=f"Đối thoại với thôn {i}",
            lead_unit=world.office_b,
            due_date=date(2026, 12, 31),
        )
        Task.objects.filter(pk=extra.pk).update(next_due=due)
    tasks = Task.objects.filter(commune=world.commune).live()
    tasks = tasks.filter(search_text__contains=fold("doi thoai"))
    today = timezone.localdate()

    def pages(ids_at_once: bool) -> list[tuple[int, list[int]]]:
        shown = []
        for number in ("1", "2"):
            page = selectors.task_page(tasks, number, few=True, per_page=3, today=today)
            assert isinstance(page.paginator.object_list, list) == ids_at_once
            shown.append((page.paginator.count, [row.pk for row in page.object_list]))
        return shown

    at_once = pages(ids_at_once=True)
    monkeypatch.setattr(selectors, "SORTED_IDS_CAP", 1)
    assert pages(ids_at_once=False) == at_once
    assert at_once[0][0] == 4 and len(at_once[0][1]) == 3 and len(at_once[1][1]) == 1
    # The list's page shows those rows in that order (its own count and rows, kept).
    monkeypatch.setattr("danvan.plans.views.PAGE_SIZE", 3)
    client = world.client(world.chairman)
    for number, (count, pks) in enumerate(at_once, start=1):
        page = client.get(f"/can-bo/nhiem-vu/?scope=all&q=doi+thoai&page={number}")
        html = page.content.decode()
        assert f"{count} nhiệm vụ" in html
        assert [int(pk) for pk in re.findall(r'href="/can-bo/nhiem-vu/(\d+)/"', html)] == pks


@pytest.mark.parametrize("bound", [False, True])
def test_the_task_form_lists_its_units_as_django_did_reading_them_once(
    world: World, plan: Plan, task: Task, bound: bool, django_assert_num_queries: Any
) -> None:
    # TaskForm's two unit fields share one read (forms._read_once); Django's own iterator read
    # them for each field. Same HTML, with a choice sent back with an error, one query fewer.
    data = {"title": "", "lead_unit": str(world.office_b.pk), "recurrence": "once"}
    data["coordinating_units"] = str(world.front_unit.pk)

    def form(django_iterator: bool) -> TaskForm:
        f = TaskForm(data if bound else None, instance=task, plan=plan)
        if bound:
            assert not f.is_valid()
        if django_iterator:
            for name in ("lead_unit", "coordinating_units"):
                f.fields[name].iterator = ModelChoiceIterator  # type: ignore[attr-defined]
                f.fields[name].queryset = f.fields[name].queryset  # type: ignore[attr-defined]
        return f

    before, after = form(True), form(False)
    with django_assert_num_queries(3):  # sections, then the units for each field
        expected = str(before)
    with django_assert_num_queries(2):
        assert str(after) == expected
    assert world.office_b.name in expected and world.front_unit.name in expected
