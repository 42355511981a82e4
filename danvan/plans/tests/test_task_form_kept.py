"""The task form's page writes a form not yet sent once per task and keeps it (issue 16,
TaskForm.written): the same HTML as `{{ form }}`, written again after a write of the commune,
and a form sent back with its errors written as before."""

from __future__ import annotations

from django.urls import reverse

from danvan.conftest import World
from danvan.plans import services
from danvan.plans.forms import TaskForm
from danvan.plans.models import Plan, Task


def test_the_kept_form_is_the_form_and_follows_a_write(
    world: World, plan: Plan, task: Task
) -> None:
    client = world.client(world.chairman)
    url = reverse("plans:task_edit", args=[plan.pk, task.pk])
    first = client.get(url).content.decode()
    assert str(TaskForm(instance=task, plan=plan)) in first
    add = client.get(reverse("plans:task_create", args=[plan.pk])).content.decode()
    assert str(TaskForm(plan=plan)) in add
    services.task_update(
        task=task,
        by=world.chairman,
        lead_unit=world.office_b,
        coordinating_units=[world.front_unit],
        title="Tên mới <b>của</b> nhiệm vụ",
    )
    task.refresh_from_db()
    again = client.get(url).content.decode()
    assert str(TaskForm(instance=task, plan=plan)) in again
    assert "Tên mới &lt;b&gt;của&lt;/b&gt; nhiệm vụ" in again and "Tên mới" not in first


def test_a_form_sent_back_is_written_from_what_was_sent(
    world: World, plan: Plan, task: Task
) -> None:
    client = world.client(world.chairman)
    url = reverse("plans:task_edit", args=[plan.pk, task.pk])
    client.get(url)  # a kept blank form must not stand in for the one sent back
    data = {"title": "", "lead_unit": str(world.office_b.pk), "recurrence": "once"}
    refused = client.post(url, data)
    bound = TaskForm(data, instance=task, plan=plan)
    assert not bound.is_valid()
    assert refused.status_code == 200 and str(bound) in refused.content.decode()


def test_the_new_plans_form_is_kept_as_written_and_follows_a_write(
    world: World, plan: Plan
) -> None:
    """The blank form of a new plan: the same HTML as the form written afresh, its lists
    (the commune's units and plans) read once, and a plan added since offered as a parent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from danvan.lib.text import commune_place_name
    from danvan.plans.forms import PlanForm

    client = world.client(world.chairman)
    url = reverse("plans:plan_create")

    def fresh() -> str:
        initial = {
            "year": timezone.localdate().year,
            "place": commune_place_name(world.commune.name),
        }
        return str(PlanForm(commune=world.commune, initial=initial))

    with CaptureQueriesContext(connection) as counted:
        first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as kept:
        assert client.get(url).status_code == 200
    assert fresh() in first and len(kept) < len(counted)
    added = services.plan_create(
        commune=world.commune,
        by=world.chairman,
        issuing_unit=world.commune,
        title="Kế hoạch tiếp xúc cử tri",
        year=2026,
    )
    again = client.get(url).content.decode()
    offered = f'<option value="{added.pk}">{added}</option>'
    assert fresh() in again and offered in again and offered not in first
