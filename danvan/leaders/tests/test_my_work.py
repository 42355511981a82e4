"""'Việc của tôi' (issue 12, item 4): "each person's landing page lists everything waiting on
them across all apps, by due date." Finding: "an officer's landing page lists plan tasks, not
the petitions she holds".

Monday 05/10/2026. Officer A (Phòng VH-XH) handles a complaint due 19/10, her office leads a
task due 30/10 and an overdue one (02/10), and the chairman chased it (due 09/10).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from danvan.conftest import World
from danvan.core.work import WorkItem
from danvan.decisions import services as decisions
from danvan.decisions.models import MatterItem
from danvan.leaders import services
from danvan.leaders.views_work import waiting_on
from danvan.petitions import services as petitions
from danvan.petitions.models import Petition, PetitionKind
from danvan.plans import services as plans
from danvan.plans.models import Plan, Recurrence, Task

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 10, 5)
PETITIONER = "Lê Văn Khải"


@pytest.fixture(autouse=True)
def _monday() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 10, 5, 9, tzinfo=TZ), tick=False):
        yield


def receive(world: World, subject: str) -> Petition:
    return petitions.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel=Petition.Channel.POST,
        kind=PetitionKind.COMPLAINT,
        subject=subject,
        content="Đề nghị xem xét lại.",
        received_on=TODAY,
        identity={"name": PETITIONER, "address": "Thôn Đoàn Kết"},
    )


@pytest.fixture
def scene(world: World, plan: Plan, task: Task, draft_plan: Plan) -> dict[str, Any]:
    late = plans.task_create(
        plan=plan,
        by=world.chairman,
        title="Rà soát quy chế dân chủ ở cơ sở",
        lead_unit=world.office_a,
        recurrence=Recurrence.ONCE,
        start_date=date(2026, 9, 1),
        due_date=date(2026, 10, 2),
    )
    held = receive(world, "Khiếu nại mức hỗ trợ giải phóng mặt bằng")
    petitions.petition_assign(
        petition=held, by=world.chairman, handler=world.officer_a, unit=world.office_a
    )
    new = receive(world, "Khiếu nại việc cấp giấy chứng nhận")
    chase = services.directive_send(
        target=task,
        by=world.chairman,
        kind="chase",
        text="Báo cáo tiến độ tổ chức đối thoại.",
        due_on=date(2026, 10, 9),
        to_unit=world.office_a,
    )
    return {"late": late, "held": held, "new": new, "chase": chase}


def page(world: World, user: Any) -> str:
    response = world.client(user).get(reverse("leaders:my_work"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_the_petition_she_handles_beside_her_units_tasks_by_due_date(
    world: World, task: Task, scene: dict[str, Any]
) -> None:
    held: Petition = scene["held"]
    assert held.due_on == date(2026, 10, 19)
    items = waiting_on(world.officer_a, TODAY)
    assert [(i.title, i.due) for i in items] == [
        ("Rà soát quy chế dân chủ ở cơ sở", date(2026, 10, 2)),
        (task.title, date(2026, 10, 9)),  # the chairman's chase about it
        (f"Đơn số {held.code}: {held.subject}", date(2026, 10, 19)),
        (task.title, date(2026, 10, 30)),
    ]
    assert [i.kind for i in items] == [
        "Thực hiện, báo cáo tiến độ",
        "Trả lời đôn đốc",
        "Phân loại, thụ lý đơn",
        "Thực hiện, báo cáo tiến độ",
    ]
    body = page(world, world.officer_a)
    order = [
        body.index(reverse("plans:task", args=[scene["late"].pk])),
        body.index(reverse("leaders:directive", args=[scene["chase"].pk])),
        body.index(reverse("petitions:detail", args=[held.pk])),
        body.index(f'"{reverse("plans:task", args=[task.pk])}"'),
    ]
    assert order == sorted(order)
    assert "Quá hạn" in body and "4 việc đang chờ bạn" in body
    # Not the case nobody gave her, not a draft plan's duty, never who wrote the complaint.
    assert scene["new"].subject not in body
    assert "Tuyên truyền Luật Thực hiện dân chủ" not in body
    assert PETITIONER not in body and "Thôn Đoàn Kết" not in body


def test_it_lists_the_desks_new_arrivals_and_the_leaders_reviews(
    world: World, task: Task, scene: dict[str, Any]
) -> None:
    desk = {i.title: i.kind for i in waiting_on(world.officer_b, TODAY)}
    new: Petition = scene["new"]
    assert desk[f"Đơn số {new.code}: {new.subject}"] == "Đơn mới: phân loại, giao xử lý"
    assert f"Đơn số {scene['held'].code}: {scene['held'].subject}" not in desk
    plans.progress_report_create(
        task=task,
        by=world.officer_a,
        unit=world.office_a,
        text="Đã tổ chức đối thoại ở 3 thôn.",
        percent=50,
        period_end=TODAY,
    )
    chairman = waiting_on(world.chairman, TODAY)
    assert [i.kind for i in chairman if i.app == "Kế hoạch, nhiệm vụ"] == [
        "Duyệt báo cáo tiến độ của Phòng Văn hóa - Xã hội"
    ]
    services.directive_answer(directive=scene["chase"], by=world.officer_a, answer="Đã xong.")
    assert "Xem xét trả lời đôn đốc (Phòng Văn hóa - Xã hội)" in {i.kind for i in chairman} | {
        i.kind for i in waiting_on(world.chairman, TODAY)
    }
    assert "Trả lời đôn đốc" not in {i.kind for i in waiting_on(world.officer_a, TODAY)}


def test_it_lists_a_meeting_in_his_village_for_the_village_head(world: World) -> None:
    d = decisions.decision_create(
        commune=world.commune,
        item=MatterItem.objects.get(number=1),
        title="Làm đường bê tông liên thôn",
        content="Mỗi hộ góp 500.000 đồng.",
        scope="village",
        villages=[world.village],
        form="meeting",
        by=world.officer_a,
    )
    decisions.meeting_create(
        decision=d,
        village=world.village,
        held_on=date(2026, 10, 20),
        place="Nhà văn hóa thôn",
        notice_on=TODAY,
        convened_by="Trưởng thôn",
        by=world.officer_a,
    )
    assert waiting_on(world.village_head, TODAY) == [
        WorkItem(
            app="Nhân dân bàn và quyết định",
            kind="Tổ chức họp, biểu quyết",
            title="Làm đường bê tông liên thôn – Thôn Đoàn Kết",
            url=reverse("decisions:detail", args=[d.pk]),
            due=date(2026, 10, 20),
            commune_id=world.commune.pk,
        )
    ]
    later = waiting_on(world.village_head, date(2026, 10, 21))
    assert [(i.kind, i.url) for i in later] == [
        ("Nhập kết quả biểu quyết", reverse("decisions:tally", args=[d.meetings.get().pk]))
    ]
    assert waiting_on(world.officer_b, TODAY) == []


def test_it_is_the_landing_page_of_those_who_act_for_a_unit(world: World) -> None:
    for user in (world.officer_a, world.front, world.village_head):
        response = world.client(user).get(reverse("core:home"))
        assert response["Location"] == reverse("leaders:my_work")
    body = page(world, world.front)
    assert "không có việc nào đang chờ bạn" in body
    assert f'href="{reverse("leaders:my_work")}" aria-current="true"' in body


def test_it_reads_each_app_in_a_few_queries(
    world: World, scene: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    more = [receive(world, f"Khiếu nại số {n}").pk for n in range(20)]
    Petition.objects.filter(pk__in=more).update(
        handler=world.officer_a, handling_unit=world.office_a
    )
    client = world.client(world.officer_a)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("leaders:my_work"))
    assert response.content.decode().count("Phân loại, thụ lý đơn") == 21


def test_it_is_kept_until_a_record_of_her_commune_changes(
    world: World, scene: dict[str, Any]
) -> None:
    client = world.client(world.officer_a)
    assert client.get(reverse("leaders:my_work")).content.decode().count("Trả lời đôn đốc") == 1
    services.directive_send(
        target=scene["held"],
        by=world.chairman,
        kind="chase",
        text="Đề nghị trả lời công dân trước ngày 12/10.",
        due_on=date(2026, 10, 12),
        to_user=world.officer_a,
    )  # the service logs its entry: the next request counts again
    assert client.get(reverse("leaders:my_work")).content.decode().count("Trả lời đôn đốc") == 2


def test_after_a_write_only_the_written_apps_items_are_read_again(
    world: World, scene: dict[str, Any]
) -> None:
    """Each app's items are kept until a record of that app changes: a petition received
    reads the petitions again, not the plan's tasks; a unit's change (core) reads every app."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.core.audit import log_action

    client = world.client(world.officer_a)

    def read() -> str:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("leaders:my_work")).status_code == 200
        return " ".join(q["sql"] for q in queries.captured_queries)

    sql = read()
    assert "petitions_petition" in sql and "plans_task" in sql
    assert "petitions_petition" not in read()  # kept
    receive(world, "Khiếu nại về lối đi chung")  # logs an entry of the petitions' app
    sql = read()
    assert "petitions_petition" in sql and "plans_task" not in sql
    log_action(world.office_a, "core.unit_updated", by=world.admin)
    sql = read()
    assert "petitions_petition" in sql and "plans_task" in sql


# The template loop that `{% work_rows %}` replaced (leaders/templatetags/my_work.py).
ROWS_AS_TEMPLATE = """{% for i in rows %}
<tr>
  <td class="dv-stack-title"><a href="{{ i.url }}">{{ i.title|truncatechars:160 }}</a>{% if commune_names %}<div class="small text-body-secondary">{% for cid, name in commune_names.items %}{% if cid == i.commune_id %}{{ name }}{% endif %}{% endfor %}</div>{% endif %}</td>
  <td data-label="Cần làm">{{ i.kind }}</td>
  <td data-label="Lĩnh vực">{{ i.app }}</td>
  <td data-label="Hạn">{% if i.due %}{{ i.due|date:"d/m/Y" }}{% if slug == 'qua-han' %} <span class="badge text-bg-danger">Quá hạn</span>{% endif %}{% else %}—{% endif %}</td>
</tr>
{% endfor %}"""


@pytest.mark.parametrize("slug", ["qua-han", "sau-do"])
@pytest.mark.parametrize("names", [{}, {1: "Xã <Hồng> Phong", 2: 'Xã "Bắc" & Sơn'}])
def test_the_rows_are_written_as_the_template_wrote_them(slug: str, names: dict[int, str]) -> None:
    from django.template import Context, Template

    hostile = "<script>alert(\"x\")</script> & 'Đơn' " + "ký tự tiếng Việt " * 12
    rows = [
        WorkItem(app="Đơn thư", kind="Giải <quyết> đơn", title=hostile, url='/a/?x=1&y="2"',
                 due=date(2026, 1, 2), commune_id=1),
        WorkItem(app="Kế hoạch & nhiệm vụ", kind="Duyệt", title="Ngắn", url="/b/", due=None,
                 commune_id=2),
        WorkItem(app="Đơn thư", kind="Xử lý", title="Cắt " * 60, url="/c/", due=date(2026, 12, 31),
                 commune_id=None),
    ]  # fmt: skip
    context = {"rows": rows, "slug": slug, "commune_names": names}
    expected = Template(ROWS_AS_TEMPLATE).render(Context(context))
    written = Template("{% load my_work %}{% work_rows rows slug commune_names %}")
    assert written.render(Context(context)) == expected
