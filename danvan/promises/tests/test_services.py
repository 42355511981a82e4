"""What a promise is and becomes: its task, its outcome, the date the people judge by, and who
may not see it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry
from danvan.plans.models import Plan, TaskStatus, status_on
from danvan.promises import services
from danvan.promises.models import Outcome, Promise, Source

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def make(world: World, **over: Any) -> Promise:
    fields: dict[str, Any] = {
        "commune": world.commune,
        "source": Source.DIALOGUE,
        "source_label": "Hội nghị đối thoại năm 2026 (12/03/2026)",
        "title": "Sửa cầu tràn thôn Đoàn Kết",
        "content": "Khảo sát, lập phương án sửa cầu trước mùa mưa.",
        "owner_unit": world.office_a,
        "made_on": date(2026, 3, 12),
        "due_on": date(2026, 6, 30),
        "village": world.village,
        "by": world.chairman,
    }
    return services.promise_create(**{**fields, **over})


def test_a_promise_is_a_task_of_the_communes_issued_plan_of_promises(world: World) -> None:
    p = make(world)
    second = make(world, title="Lắp đèn đường")
    assert p.task.lead_unit == world.office_a
    assert p.task.due_date == date(2026, 6, 30)
    assert p.task.plan_id == second.task.plan_id, "one plan of promises a year"
    assert p.task.plan.status == Plan.Status.ISSUED, "reminded at once, never a draft's task"
    assert p.task.plan.year == 2026
    assert p.status(TODAY) == "open"
    assert p.search_text == p.search_text.lower() and "cau tran" in p.search_text
    assert AuditEntry.objects.filter(action="promises.promise_created").count() == 2


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"due_on": date(2026, 3, 1)}, "Hạn thực hiện không được trước ngày hứa."),
        ({"title": "  "}, "Vui lòng ghi nội dung cam kết."),
        ({"public": False}, "Cam kết không công khai phải ghi lý do."),
        ({"due_on": date(2199, 1, 1)}, "Hạn thực hiện phải nằm trong khoảng"),
    ],
)
def test_bad_promises_are_refused_in_vietnamese(world: World, over: dict, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        make(world, **over)
    assert not Promise.objects.exists()


def test_the_owner_must_be_a_unit_of_the_commune(world: World) -> None:
    for unit in (world.other_office, world.commune, world.province):
        with pytest.raises(DomainError, match="một đơn vị thuộc xã"):
            make(world, owner_unit=unit)
    with pytest.raises(DomainError, match="Thôn không thuộc xã"):
        make(world, village=world.office_a)


def test_kept_on_time_closes_the_task(world: World) -> None:
    p = make(world)
    p = services.promise_report(
        promise=p, by=world.officer_a, outcome=Outcome.KEPT, note="Đã sửa xong.", on=TODAY
    )
    p.task.refresh_from_db()
    assert p.task.done_on == TODAY
    assert p.status(TODAY) == "kept"
    assert Promise.objects.with_status("kept", TODAY).get() == p
    with pytest.raises(DomainError, match="đã có kết quả"):
        services.promise_report(
            promise=p, by=world.officer_a, outcome=Outcome.KEPT, note="Lần hai", on=TODAY
        )


def test_a_roadmap_moves_the_task_but_the_people_judge_by_the_date_promised(
    world: World, frozen: Any
) -> None:
    p = make(world)
    p = services.promise_report(
        promise=p,
        by=world.officer_a,
        outcome=Outcome.ROADMAP,
        note="Chờ vốn, làm trong quý III.",
        on=TODAY,
        roadmap_due=date(2026, 9, 30),
    )
    p.task.refresh_from_db()
    assert (p.due_on, p.promised_due) == (date(2026, 9, 30), date(2026, 6, 30))
    assert p.task.due_date == date(2026, 9, 30) and p.task.done_on is None
    assert p.status(TODAY) == "roadmap"
    assert Promise.objects.with_status("roadmap", TODAY).get() == p
    frozen.move_to(date(2026, 8, 1))
    p = services.promise_report(
        promise=p, by=world.officer_a, outcome=Outcome.KEPT, note="Xong.", on=date(2026, 8, 1)
    )
    assert p.status(date(2026, 8, 1)) == "kept_late"
    assert Promise.objects.with_status("kept_late", date(2026, 8, 1)).get() == p


def test_an_open_promise_past_its_date_is_late_as_its_task_is_overdue(world: World) -> None:
    p = make(world, due_on=date(2026, 6, 1))
    assert p.status(TODAY) == "late"
    assert Promise.objects.with_status("late", TODAY).get() == p
    assert not Promise.objects.with_status("open", TODAY).exists()
    t = p.task
    assert status_on(TODAY, t.done_on, t.next_due, t.warn_from, t.last_report_on) == (
        TaskStatus.OVERDUE
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"outcome": "", "note": "x"}, "Vui lòng chọn kết quả"),
        ({"outcome": Outcome.KEPT, "note": " "}, "Vui lòng ghi kết quả"),
        ({"outcome": Outcome.KEPT, "note": "x", "on": date(2026, 3, 1)}, "trước ngày hứa"),
        ({"outcome": Outcome.KEPT, "note": "x", "on": date(2026, 6, 16)}, "sau hôm nay"),
        ({"outcome": Outcome.ROADMAP, "note": "x"}, "thời hạn hoàn thành mới"),
        (
            {"outcome": Outcome.ROADMAP, "note": "x", "roadmap_due": date(2026, 6, 1)},
            "phải sau ngày báo cáo",
        ),
    ],
)
def test_bad_reports_are_refused_and_change_nothing(
    world: World, fields: dict, message: str
) -> None:
    p = make(world)
    with pytest.raises(DomainError, match=message):
        services.promise_report(promise=p, by=world.officer_a, **{"on": TODAY, **fields})
    p.refresh_from_db()
    assert (p.outcome, p.due_on, p.task.done_on) == ("", date(2026, 6, 30), None)


def test_an_internal_promise_needs_a_reason_and_leaves_the_public_list(world: World) -> None:
    p = make(world)
    with pytest.raises(DomainError, match="lý do"):
        services.promise_set_public(promise=p, by=world.chairman, public=False, reason=" ")
    services.promise_set_public(
        promise=p, by=world.chairman, public=False, reason="Liên quan vụ việc đang xác minh"
    )
    assert not Promise.objects.public().exists()
    p.refresh_from_db()
    assert p.internal_reason == "Liên quan vụ việc đang xác minh"
    services.promise_set_public(promise=p, by=world.chairman, public=True)
    p.refresh_from_db()
    assert (p.public, p.internal_reason) == (True, "")
    assert Promise.objects.public().get() == p
    actions = AuditEntry.objects.filter(action__startswith="promises.promise_")
    assert {"promises.promise_hidden", "promises.promise_shown"} <= set(
        actions.values_list("action", flat=True)
    )


def test_danvan_remind_chases_a_promise_like_any_task(world: World, frozen: Any) -> None:
    """A promise is reminded through its task: before its date, when late, and not once kept."""
    from io import StringIO

    from django.core.management import call_command

    from danvan.core.models import Notification
    from danvan.plans.models import Reminder

    late = make(world, title="Trả lời bằng văn bản cho cử tri", due_on=date(2026, 6, 5))
    kept = make(world, title="Lắp biển báo", due_on=date(2026, 6, 5))
    services.promise_report(
        promise=kept, by=world.officer_a, outcome=Outcome.KEPT, note="Đã lắp.", on=TODAY
    )
    call_command("remind", today=TODAY.isoformat(), stdout=StringIO())
    assert set(Reminder.objects.values_list("task_id", flat=True)) == {late.task_id}
    assert Notification.objects.filter(user=world.officer_a, title__startswith="Quá hạn").exists()


def test_the_history_says_the_source_and_outcome_in_words(world: World) -> None:
    from danvan.core.audit import history

    p = make(world, source=Source.INSPECTION)
    services.promise_report(
        promise=p, by=world.officer_a, outcome=Outcome.KEPT, note="Xong.", on=TODAY
    )
    lines = [line for e in history(p) for line in e.described()[1]]
    assert ("Nguồn", "Kết luận kiểm tra") in lines
    assert ("Kết quả", "— → Đã thực hiện") in lines
