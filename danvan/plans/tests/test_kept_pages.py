"""The plan page's tree and history, the dashboard's figures and the task list's rows are kept
(core.cache.kept) until a record of their commune changes (issue 16): a kept page is the page
computed afresh, a write shows on the next visit, and readers with other seats or filters are
not shown another's page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import World
from danvan.plans import selectors, services
from danvan.plans.models import Plan, Recurrence, Task
from danvan.plans.views import PAGE_SIZE
from danvan.testing.pages import without_tokens


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return without_tokens(response.content.decode())


def _add_task(world: World, plan: Plan, title: str, **fields: object) -> Task:
    return services.task_create(
        plan=plan,
        by=world.chairman,
        title=title,
        lead_unit=fields.pop("lead_unit", world.office_a),
        coordinating_units=fields.pop("coordinating_units", []),
        recurrence=Recurrence.ONCE,
        start_date=date(2026, 1, 5),
        due_date=fields.pop("due_date", date(2026, 10, 30)),
        **fields,
    )


def _reads_tasks(client: Client, url: str) -> bool:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return any('"plans_task"' in q["sql"] for q in queries)


def test_it_shows_a_task_added_after_the_plan_page_was_kept(world: World, plan: Plan) -> None:
    _add_task(world, plan, "Tổ chức đối thoại với Nhân dân")
    client = world.client(world.chairman)
    url = reverse("plans:plan", args=[plan.pk])
    first = _page(client, url)
    assert "Tổ chức đối thoại với Nhân dân" in first
    assert not _reads_tasks(client, url)  # kept
    _add_task(world, plan, "Tuyên truyền <Luật> dân chủ ở cơ sở")
    page = _page(client, url)
    assert "Tuyên truyền &lt;Luật&gt; dân chủ ở cơ sở" in page
    # Another reader of the plan, with other seats, reads the same tree.
    assert _page(world.client(world.officer_b), url).count("Tuyên truyền &lt;Luật&gt;") == 1


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?scope=all",
        "?scope=mine",
        "?scope=all&page=2",
        "?scope=all&page=99",
        "?scope=all&page=abc",
        "?scope=all&status=overdue",
        "?scope=all&q=doi%20thoai",
        "?scope=all&q=%C4%91%E1%BB%91i+tho%E1%BA%A1i&page=2",
    ],
)
def test_a_kept_task_list_is_the_list_computed_afresh(world: World, plan: Plan, query: str) -> None:
    for i in range(PAGE_SIZE + 8):
        _add_task(
            world,
            plan,
            f"Đối thoại số {i}" if i % 2 else f"Nhiệm vụ <{i}>",
            lead_unit=world.office_a if i % 3 else world.office_b,
            due_date=date(2026, 1 + i % 12, 10),
        )
    client = world.client(world.officer_a)
    url = reverse("plans:tasks") + query
    fresh = _page(client, url)
    assert not _reads_tasks(client, url)  # kept
    assert _page(client, url) == fresh
    cache.clear()
    assert _page(client, url) == fresh


def test_the_pager_of_a_kept_list_is_the_lists(world: World, plan: Plan) -> None:
    """The list's pager is made from the kept count and page number: what task_page's own
    Paginator says of the same rows, for any page asked."""
    for i in range(2 * PAGE_SIZE + 3):
        _add_task(world, plan, f"Nhiệm vụ {i}")
    today = timezone.localdate()
    for n in (0, 3, PAGE_SIZE, 2 * PAGE_SIZE + 3):
        tasks = Task.objects.filter(
            plan=plan, pk__in=list(plan.tasks.order_by("pk").values_list("pk", flat=True)[:n])
        )
        for number in (None, "1", "2", "3", "4", "99", "0", "-1", "abc", ""):
            for few in (False, True):
                old = selectors.task_page(tasks, number, few=few, per_page=PAGE_SIZE, today=today)
                new = Paginator(range(old.paginator.count), PAGE_SIZE).get_page(old.number)
                assert (new.number, new.paginator.num_pages, new.paginator.count) == (
                    old.number,
                    old.paginator.num_pages,
                    old.paginator.count,
                )
                assert (new.has_previous(), new.has_next()) == (old.has_previous(), old.has_next())
                assert len(new.object_list) == len(old.object_list)


def test_a_task_list_kept_for_one_unit_is_not_shown_to_another(world: World, plan: Plan) -> None:
    _add_task(world, plan, "Việc của phòng Văn hóa", lead_unit=world.office_a)
    _add_task(world, plan, "Việc của Văn phòng", lead_unit=world.office_b)
    mine = reverse("plans:tasks") + "?scope=mine"
    page_a = _page(world.client(world.officer_a), mine)
    page_b = _page(world.client(world.officer_b), mine)
    assert "Việc của phòng Văn hóa" in page_a and "Việc của Văn phòng" not in page_a
    assert "Việc của Văn phòng" in page_b and "Việc của phòng Văn hóa" not in page_b
    other = _page(world.client(world.outsider), reverse("plans:tasks") + "?scope=all")
    assert "Việc của phòng Văn hóa" not in other and "Việc của Văn phòng" not in other


def test_it_lists_a_task_added_after_the_list_was_kept(world: World, plan: Plan) -> None:
    client = world.client(world.chairman)
    url = reverse("plans:tasks") + "?scope=all"
    assert "Nhiệm vụ mới thêm" not in _page(client, url)
    _add_task(world, plan, "Nhiệm vụ mới thêm")
    page = _page(client, url)
    assert "Nhiệm vụ mới thêm" in page and "1 nhiệm vụ" in page


def test_the_dashboard_counts_what_changed_after_it_was_kept(world: World, plan: Plan) -> None:
    task = _add_task(world, plan, "Nhiệm vụ thứ nhất")
    url = reverse("plans:dashboard") + "?nam=2026"
    chairman = world.client(world.chairman)
    first = _page(chairman, url)
    assert '<span class="dv-card-n">1</span> nhiệm vụ' in first
    assert "chờ bạn duyệt" not in first
    assert not _reads_tasks(chairman, url)  # kept
    assert _page(chairman, url) == first
    _add_task(world, plan, "Nhiệm vụ thứ hai")
    services.progress_report_create(
        task=task, unit=world.office_a, by=world.officer_a, text="Đã tổ chức", percent=50
    )
    page = _page(chairman, url)
    assert '<span class="dv-card-n">2</span> nhiệm vụ' in page
    assert "1 báo cáo tiến độ chờ bạn duyệt" in page
    # The officer who wrote the report reviews none of it: his count is his own.
    assert "chờ bạn duyệt" not in _page(world.client(world.officer_a), url)
    cache.clear()
    assert _page(chairman, url) == page


def test_it_shows_a_document_completed_by_another_commune_after_the_page_was_kept(
    world: World, plan: Plan, other_task: Task
) -> None:
    """The register of legal documents is shared: another commune's plan citing the same
    document may complete it, and this plan's page shows it on the next visit."""
    number = "01/2026/NQ-HĐND"
    services.reference_save(plan=plan, by=world.chairman, doc_type="Nghị quyết", number=number)
    client = world.client(world.chairman)
    url = reverse("plans:plan", args=[plan.pk])
    assert number in _page(client, url) and "thực hiện dân chủ" not in _page(client, url)
    assert other_task.plan is not None
    services.reference_save(
        plan=other_task.plan,
        by=world.outsider,
        doc_type="Nghị quyết",
        number=number,
        title="Về thực hiện dân chủ <ở cơ sở>",
    )
    assert "về Về thực hiện dân chủ &lt;ở cơ sở&gt;" in _page(client, url)
