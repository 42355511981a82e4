"""The plan tree rendered in Python (templatetags/plan_tree.py) writes what the template loop it
replaced wrote, byte for byte, escaping included: on the officers' page and on the portal; and
the page's tree of plain values (selectors.TaskRow) reads what Task objects read."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.conftest import World
from danvan.core.models import Unit
from danvan.plans import services
from danvan.plans.models import Plan, Section, Task
from danvan.plans.selectors import Node, plan_tree

# plans/_node.html as it was before the rows were rendered in Python.
TEMPLATE_LOOP = """{% load plan_text %}{% for kind, item, level in rows %}{% if kind == "task" %}
  <li>{% if public %}{{ item.title }}{% else %}<a href="{{ task_url }}{{ item.pk }}/">{{ item.title|truncatechars:160 }}</a>{% endif %}
    <span class="small text-body-secondary">· {{ item.lead_unit.label }}{% if item.next_due %} · hạn {{ item.next_due|date:"d/m/Y" }}{% endif %} · {{ item.effective_percent }}%</span>
    <span class="dv-status dv-status-{{ item.status }}">{{ item.status_label }}</span></li>
{% elif kind == "tasks" %}<ul class="dv-tasks">
{% elif kind == "end_tasks" %}</ul>
{% elif kind == "section" %}<section class="dv-node" aria-labelledby="muc-{{ item.section.pk }}">
  <h{{ level }} class="dv-node-title" id="muc-{{ item.section.pk }}">{% if item.section.path %}{{ item.section.path }}. {% endif %}{{ item.section.title }}
    {% if item.percent is not None %}<span class="dv-rollup">{{ item.percent }}%</span>{% endif %}</h{{ level }}>
  {% if item.percent is not None %}<progress class="dv-progress" max="100" value="{{ item.percent }}" aria-label="Tiến độ mục {{ item.section.path }}: {{ item.percent }}%">{{ item.percent }}%</progress>{% endif %}
  {% if item.section.text and show_text %}<details class="small"><summary>Nội dung mục</summary><div class="dv-text">{{ item.section.text|plan_text:footnote_href }}</div></details>{% endif %}
{% else %}</section>
{% endif %}{% endfor %}
"""

HOSTILE = [
    "",
    "Tuyên truyền <script>alert('x')</script> & \"vận động\"",
    "Tổ chức hội nghị " * 20,  # longer than 160 characters: cut
    "Ho\u0300ng Phong " * 25,  # decomposed marks past the cut
    "[^3] chú thích & <b>",
]
STATUSES = ["not_started", "on_track", "due_soon", "overdue", "done", "draft"]


def _task(pk: int, title: str, unit: str, due: date | None, percent: int, status: str) -> Task:
    task = Task(
        pk=pk,
        title=title,
        lead_unit=Unit(pk=pk, name=unit or "UBND xã", short_name=unit),
        next_due=due,
        percent=percent,
        done_on=date(2026, 3, 1) if status == "done" else None,
    )
    task.status_code = status  # type: ignore[attr-defined]  # as with_status() annotates
    return task


def _tree(texts: list[str], dues: list[date | None]) -> Node:
    """Loose tasks, a section with tasks and a sub-section, an empty section: every row kind."""
    n = len(texts)

    def tasks(offset: int, count: int) -> list[Task]:
        return [
            _task(
                offset + i,
                texts[(offset + i) % n],
                texts[(offset + i + 1) % n],
                dues[(offset + i) % len(dues)],
                (offset + i) * 7 % 101,
                STATUSES[(offset + i) % len(STATUSES)],
            )
            for i in range(count)
        ]

    def section(pk: int, path: str, text: str) -> Section:
        return Section(pk=pk, path=path, title=texts[pk % n], text=text)

    sub = Node(section(2, texts[2 % n][:20], ""), tasks=tasks(20, 3))
    first = Node(section(1, "I", texts[1 % n] + "\n\nĐoạn hai [^1]."), children=[sub])
    first.tasks = tasks(10, 4)
    empty = Node(section(3, "", texts[0]))
    return Node(None, children=[first, empty], tasks=tasks(1, 2))


def _render(source: str, root: Node, **context: Any) -> str:
    engine = engines["django"]
    template = engine.from_string(source) if "{% for" in source else engine.get_template(source)
    return template.render({"rows": list(root.rows()), **context})


def _both(root: Node, **context: Any) -> tuple[str, str]:
    return _render(TEMPLATE_LOOP, root, **context), _render("plans/_node.html", root, **context)


OFFICERS = {"task_url": "/can-bo/nhiem-vu/", "show_text": True, "footnote_href": "#chu-thich-"}


def test_the_officers_tree_is_the_templates() -> None:
    old, new = _both(_tree(HOSTILE, [date(2026, 1, 5), None, date(2025, 12, 31)]), **OFFICERS)
    assert "&lt;script&gt;" in new and "<script>" not in new
    assert 'href="#chu-thich-1"' in new and "<details" in new
    assert new == old


def test_the_portals_tree_is_the_templates() -> None:
    old, new = _both(_tree(HOSTILE, [None, date(2026, 7, 1)]), public=True)
    assert "<a href" not in new and "<details" not in new
    assert new == old


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(min_size=0, max_size=200), min_size=3, max_size=6),
    dues=st.lists(st.none() | st.dates(), min_size=1, max_size=3),
    public=st.booleans(),
    show_text=st.booleans(),
)
def test_any_text_renders_as_the_template_did(
    texts: list[str], dues: list[date | None], public: bool, show_text: bool
) -> None:
    context = {**OFFICERS, "public": public, "show_text": show_text}
    old, new = _both(_tree(texts, dues), **context)
    assert new == old


def _shown(node: Node) -> list[Any]:
    """What a page reads of a tree: each node's rollup, counts and tasks, depth first."""
    tasks = [
        (
            t.pk,
            t.title,
            t.section_id,
            t.lead_unit.pk,
            t.lead_unit.label,
            t.next_due,
            t.effective_percent,
            t.status,
            t.status_label,
        )
        for t in node.tasks
    ]
    children = [_shown(c) for c in node.children]
    return [node.section and node.section.pk, node.percent, node.counts, tasks, children]


@pytest.mark.django_db
def test_a_pages_rows_read_what_task_objects_read(
    world: World, plan: Plan, task: Task, draft_plan: Plan
) -> None:
    """`plan_tree(rows=True)` (plain values) against Task objects, on every status."""
    section = services.section_create(plan=plan, by=world.chairman, title="Tuyên truyền")
    for i, (unit, changes) in enumerate(
        [
            (world.office_b, {"done_on": date(2026, 5, 4), "percent": 80}),
            (world.office_a, {"next_due": date(2026, 5, 1), "percent": 40}),
            (world.village, {"warn_from": date(2026, 5, 20), "next_due": date(2026, 6, 1)}),
            (world.office_b, {"last_report_on": date(2026, 5, 2), "percent": 55}),
        ]
    ):
        extra = services.task_create(
            plan=plan,
            by=world.chairman,
            title=f"Nhiệm vụ <{i}> & thôn",
            lead_unit=unit,
            section=section if i % 2 else None,
            due_date=date(2026, 12, 31),
        )
        Task.objects.filter(pk=extra.pk).update(**changes)
    Unit.objects.filter(pk=world.office_b.pk).update(short_name="")
    for p in (plan, draft_plan):
        as_objects = _shown(plan_tree(p, date(2026, 5, 25)))
        assert _shown(plan_tree(p, date(2026, 5, 25), rows=True)) == as_objects
    statuses = {t[7] for t in _shown(plan_tree(plan, date(2026, 5, 25)))[3]}
    statuses |= {t[7] for t in _shown(plan_tree(plan, date(2026, 5, 25)))[4][0][3]}
    assert statuses == {"done", "overdue", "due_soon", "on_track", "not_started"}
