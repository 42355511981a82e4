"""Reminders on petitions' deadlines: before, overdue, escalation; each sent once.

A complaint received Monday 26/10/2026 must be accepted within 10 working days (Luật Khiếu nại
2011, Điều 27), by Monday 09/11. DANVAN_REMIND_BEFORE_DAYS = 5 and DANVAN_ESCALATE_AFTER_DAYS = 3.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danvan.conftest import World
from danvan.core.models import AuditEntry, Notification, User
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionKind
from danvan.petitions.reminders import send_petition_reminders

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DUE = date(2026, 11, 9)


@pytest.fixture(autouse=True)
def _policy(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DANVAN_REMIND_BEFORE_DAYS = 5
    settings.DANVAN_ESCALATE_AFTER_DAYS = 3


def run(day: date) -> dict[str, int]:
    with time_machine.travel(datetime(day.year, day.month, day.day, 6, tzinfo=TZ), tick=False):
        return send_petition_reminders(today=day)


def complaint(world: World, **extra: object) -> Petition:
    fields: dict[str, object] = {
        "commune": world.commune,
        "by": world.officer_b,
        "channel": Petition.Channel.POST,
        "kind": PetitionKind.COMPLAINT,
        "subject": "Khiếu nại mức hỗ trợ giải phóng mặt bằng",
        "content": "Đề nghị xem xét lại.",
        "received_on": date(2026, 10, 26),
        "identity": {"name": "Lê Văn Khải"},
    }
    fields.update(extra)
    return services.petition_receive(**fields)  # type: ignore[arg-type]


def inbox(user: User) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_it_is_quiet_before_the_warning_window(world: World) -> None:
    p = complaint(world)
    assert p.due_on == DUE
    assert run(date(2026, 10, 30)) == {"before": 0, "overdue": 0, "escalation": 0}
    assert not Notification.objects.exists()


def test_it_warns_the_reception_office_five_working_days_before_an_unassigned_due_date(
    world: World,
) -> None:
    complaint(world)
    assert run(date(2026, 11, 2)) == {"before": 1, "overdue": 0, "escalation": 0}
    assert inbox(world.officer_b) == [
        "Sắp đến hạn 09/11/2026 – đơn số 1/2026: Khiếu nại mức hỗ trợ giải phóng mặt bằng"
    ]
    assert inbox(world.officer_a) == [] and inbox(world.chairman) == []


def test_it_sends_each_reminder_once_however_often_it_runs(world: World) -> None:
    p = complaint(world)
    run(date(2026, 11, 2))
    assert run(date(2026, 11, 2)) == {"before": 0, "overdue": 0, "escalation": 0}
    assert run(date(2026, 11, 5)) == {"before": 0, "overdue": 0, "escalation": 0}
    assert run(date(2026, 11, 10)) == {"before": 0, "overdue": 1, "escalation": 0}
    assert run(date(2026, 11, 10)) == {"before": 0, "overdue": 0, "escalation": 0}
    assert run(date(2026, 11, 13)) == {"before": 0, "overdue": 0, "escalation": 1}
    assert run(date(2026, 11, 16)) == {"before": 0, "overdue": 0, "escalation": 0}
    assert len(inbox(world.officer_b)) == 2 and len(inbox(world.chairman)) == 1
    sent = AuditEntry.objects.filter(object_id=str(p.pk), action__startswith="petitions.reminder_")
    assert sorted((e.action, e.changes["due"]) for e in sent) == [
        ("petitions.reminder_before", "2026-11-09"),
        ("petitions.reminder_escalation", "2026-11-09"),
        ("petitions.reminder_overdue", "2026-11-09"),
    ]


def test_it_warns_the_handler_only_once_a_case_is_assigned(world: World) -> None:
    p = complaint(world)
    services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_a, unit=world.office_a
    )
    run(date(2026, 11, 2))
    assert len(inbox(world.officer_a)) == 1 and inbox(world.officer_b) == []


def test_it_escalates_to_the_leaders_only_after_three_working_days_overdue(world: World) -> None:
    complaint(world)
    # 09/11 due; 10, 11, 12/11 are one to three working days late: not yet.
    assert run(date(2026, 11, 12))["escalation"] == 0
    assert run(date(2026, 11, 13)) == {"before": 0, "overdue": 0, "escalation": 1}
    assert inbox(world.chairman) == [
        "Quá hạn 4 ngày làm việc (Chưa giao người xử lý) – đơn số 1/2026: Khiếu nại mức hỗ trợ "
        "giải phóng mặt bằng"
    ]


def test_it_skips_paused_and_closed_cases(world: World) -> None:
    paused = complaint(world)
    services.petition_accept(petition=paused, by=world.officer_b, accepted_on=date(2026, 10, 27))
    services.petition_pause(
        petition=paused, by=world.officer_b, on=date(2026, 10, 28), reason="Chờ giám định"
    )
    closed = complaint(world)
    services.petition_route(
        petition=closed, by=world.officer_b, outcome="filed", on=date(2026, 10, 27)
    )
    assert run(date(2026, 12, 30)) == {"before": 0, "overdue": 0, "escalation": 0}


def test_a_new_due_date_starts_a_new_round(world: World) -> None:
    p = complaint(
        world,
        kind=PetitionKind.DENUNCIATION,
        subject="Tố cáo cán bộ",
        received_on=date(2026, 10, 1),
    )
    services.petition_classify(
        petition=p, by=world.officer_b, competent=True, conditions_met=True, complex=True
    )
    services.petition_accept(petition=p, by=world.officer_b, accepted_on=date(2026, 10, 5))
    assert run(date(2026, 10, 29)) == {"before": 1, "overdue": 0, "escalation": 0}
    services.petition_extend(
        petition=p, by=world.officer_b, on=date(2026, 10, 30), reason="Phức tạp"
    )
    p.refresh_from_db()
    assert p.due_on == date(2026, 12, 4)
    assert run(date(2026, 11, 2)) == {"before": 0, "overdue": 0, "escalation": 0}
    assert run(date(2026, 11, 30)) == {"before": 1, "overdue": 0, "escalation": 0}


def test_it_never_names_a_denouncer_in_a_reminder(world: World) -> None:
    complaint(
        world,
        kind=PetitionKind.DENUNCIATION,
        identity={"name": "Người Tố Cáo Bí Mật"},
        received_on=date(2026, 10, 1),
    )
    run(date(2026, 11, 20))
    texts = " ".join(f"{n.title} {n.body}" for n in Notification.objects.all())
    assert texts and "Người Tố Cáo Bí Mật" not in texts
