"""Task schedules, progress reports and reminders."""

from datetime import date

import pytest
import time_machine
from django.core import mail

from danvan.conftest import World
from danvan.core.audit import history
from danvan.core.calendar import forget_calendar
from danvan.core.errors import DomainError
from danvan.core.models import CalendarDay, Notification
from danvan.plans import services
from danvan.plans.models import Plan, Recurrence, Reminder, Task, TaskStatus


def _quarterly(world: World, plan: Plan) -> Task:
    return services.task_create(
        plan=plan,
        by=world.chairman,
        title="Báo cáo kết quả tiếp công dân hằng quý",
        lead_unit=world.office_b,
        recurrence=Recurrence.QUARTERLY,
        start_date=date(2026, 4, 10),
        due_date=date(2026, 12, 31),
    )


def test_it_moves_a_deadline_on_a_day_off_to_the_next_working_day(world: World, plan: Plan) -> None:
    # BLDS 2015 Art. 148(5): due Sunday 04/10/2026 → Monday 05/10/2026.
    task = services.task_create(
        plan=plan,
        by=world.chairman,
        title="X",
        lead_unit=world.office_a,
        due_date=date(2026, 10, 4),
    )
    assert task.next_due == date(2026, 10, 5)
    assert task.warn_from == date(2026, 9, 28)  # 5 working days before


def test_it_gives_a_quarterly_task_the_end_of_its_first_unreported_quarter(
    world: World, plan: Plan
) -> None:
    task = _quarterly(world, plan)
    assert task.next_due == date(2026, 6, 30)
    report = services.progress_report_create(
        task=task,
        unit=world.office_b,
        by=world.officer_b,
        text="Quý II: tiếp 12 lượt công dân.",
        percent=25,
    )
    services.report_accept(report=report, by=world.chairman)
    task.refresh_from_db()
    assert task.next_due == date(2026, 9, 30)
    assert task.reports.get().period_end == date(2026, 6, 30)


def test_it_computes_each_status_from_dates_and_reports(world: World, task: Task) -> None:
    assert task.status_on(date(2026, 10, 1)) == TaskStatus.NOT_STARTED
    assert task.status_on(date(2026, 10, 26)) == TaskStatus.DUE_SOON
    assert task.status_on(date(2026, 11, 2)) == TaskStatus.OVERDUE
    with time_machine.travel("2026-10-01 09:00 +0700", tick=False):
        report = services.progress_report_create(
            task=task, unit=world.office_a, by=world.officer_a, text="Đã chuẩn bị", percent=40
        )
        services.report_accept(report=report, by=world.chairman)
    task.refresh_from_db()
    assert task.status_on(date(2026, 10, 1)) == TaskStatus.ON_TRACK
    with time_machine.travel("2026-10-20 09:00 +0700", tick=False):
        report = services.progress_report_create(
            task=task, unit=world.office_a, by=world.officer_a, text="Đã tổ chức", is_final=True
        )
        services.report_accept(report=report, by=world.chairman)
    task.refresh_from_db()
    assert task.status_on(date(2026, 11, 2)) == TaskStatus.DONE and task.percent == 100


def test_it_agrees_in_sql_and_in_python_on_the_status(world: World, task: Task) -> None:
    for today in [date(2026, 10, 1), date(2026, 10, 26), date(2026, 11, 2)]:
        annotated = Task.objects.with_status(today).get(pk=task.pk)
        assert annotated.status_code == task.status_on(today)


def test_it_keeps_contributions_from_moving_the_task(world: World, task: Task) -> None:
    services.progress_report_create(
        task=task,
        unit=world.office_b,
        by=world.officer_b,
        text="Đã chuẩn bị hội trường",
        percent=90,
    )
    task.refresh_from_db()
    assert task.percent == 0 and task.last_report_on is None
    assert Notification.objects.filter(user=world.officer_a).exists()


def test_it_refuses_a_final_report_from_a_coordinating_unit(world: World, task: Task) -> None:
    with pytest.raises(DomainError):
        services.progress_report_create(
            task=task, unit=world.office_b, by=world.officer_b, text="Xong", is_final=True
        )


def test_it_refuses_a_report_from_a_unit_not_on_the_task(world: World, task: Task) -> None:
    with pytest.raises(DomainError):
        services.progress_report_create(
            task=task, unit=world.village, by=world.village_head, text="x"
        )


def test_it_audits_every_change(world: World, task: Task) -> None:
    report = services.progress_report_create(
        task=task, unit=world.office_a, by=world.officer_a, text="x", percent=30
    )
    services.report_accept(report=report, by=world.chairman)
    actions = [e.action for e in history(task)]
    assert actions == ["plans.report_accepted", "plans.progress_reported", "plans.task_created"]
    reported = history(task).get(action="plans.progress_reported")
    assert reported.actor == world.officer_a and reported.changes["report_percent"] == 30
    accepted = history(task).first()
    assert accepted.actor == world.chairman and accepted.changes["percent"] == [0, 30]


def test_it_refuses_a_due_date_before_the_start(world: World, plan: Plan) -> None:
    with pytest.raises(DomainError):
        services.task_create(
            plan=plan,
            by=world.chairman,
            title="X",
            lead_unit=world.office_a,
            start_date=date(2026, 5, 1),
            due_date=date(2026, 4, 1),
        )


def test_it_refuses_a_lead_unit_of_another_commune(world: World, plan: Plan) -> None:
    with pytest.raises(DomainError):
        services.task_create(
            plan=plan,
            by=world.chairman,
            title="X",
            lead_unit=world.other_office,
            due_date=date(2026, 5, 1),
        )


def test_it_recomputes_open_deadlines_when_the_calendar_changes(world: World, task: Task) -> None:
    CalendarDay.objects.create(date=date(2026, 10, 30), kind=CalendarDay.Kind.DAY_OFF, note="Nghỉ")
    forget_calendar()
    assert services.tasks_reschedule_open() == 1
    task.refresh_from_db()
    assert task.next_due == date(2026, 11, 2)
    forget_calendar()


def test_it_cannot_issue_an_empty_plan(world: World, plan: Plan) -> None:
    with pytest.raises(DomainError):
        services.plan_set_status(plan=plan, status=Plan.Status.ISSUED, by=world.chairman)


class TestReminders:
    def test_it_reminds_the_lead_unit_before_the_deadline_once(
        self, world: World, task: Task
    ) -> None:
        sent = services.send_reminders(today=date(2026, 10, 26))
        assert sent == {"before": 1, "overdue": 0, "escalation": 0}
        assert services.send_reminders(today=date(2026, 10, 27)) == {
            "before": 0,
            "overdue": 0,
            "escalation": 0,
        }
        assert Notification.objects.filter(user=world.officer_a).count() == 1
        assert not Notification.objects.filter(user=world.chairman).exists()
        assert any("Sắp đến hạn" in m.subject for m in mail.outbox)

    def test_it_marks_overdue_then_escalates_after_the_set_working_days(
        self, world: World, task: Task
    ) -> None:
        # Due Friday 30/10; overdue from Monday 02/11; escalation after 3 working days → 05/11.
        assert services.send_reminders(today=date(2026, 11, 2))["overdue"] == 1
        assert services.send_reminders(today=date(2026, 11, 4))["escalation"] == 0
        assert services.send_reminders(today=date(2026, 11, 5))["escalation"] == 1
        assert services.send_reminders(today=date(2026, 11, 6)) == {
            "before": 0,
            "overdue": 0,
            "escalation": 0,
        }
        assert (
            Notification.objects.filter(user=world.chairman, title__contains="quá hạn").count() == 1
        )
        assert Reminder.objects.filter(task=task).count() == 2

    def test_it_sends_nothing_for_a_finished_task(self, world: World, task: Task) -> None:
        report = services.progress_report_create(
            task=task, unit=world.office_a, by=world.officer_a, text="Xong", is_final=True
        )
        services.report_accept(report=report, by=world.chairman)
        assert sum(services.send_reminders(today=date(2026, 11, 20)).values()) == 0

    @time_machine.travel("2026-10-26 08:00 +0700", tick=False)
    def test_it_runs_from_the_command_line(self, world: World, task: Task) -> None:
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("remind", stdout=out)
        call_command("remind", stdout=out)
        lines = [line for line in out.getvalue().splitlines() if line.startswith("Kế hoạch")]
        assert lines == [
            "Kế hoạch, nhiệm vụ – sắp đến hạn: 1, quá hạn: 0, báo cáo lãnh đạo: 0",
            "Kế hoạch, nhiệm vụ – sắp đến hạn: 0, quá hạn: 0, báo cáo lãnh đạo: 0",
        ]


def test_it_deletes_a_draft_task_with_its_reports_files(
    world: World, draft_plan: Plan, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.core.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    task = services.task_create(
        plan=draft_plan,
        by=world.chairman,
        title="X",
        lead_unit=world.office_a,
        due_date=date(2026, 12, 1),
    )
    services.progress_report_create(
        task=task,
        unit=world.office_a,
        by=world.officer_a,
        text="x",
        files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    path = Attachment.objects.get().file.path
    services.task_delete(task=task, by=world.chairman)
    assert not Attachment.objects.exists() and not Task.objects.filter(pk=task.pk).exists()
    import os

    assert not os.path.exists(path)


def test_it_refuses_to_delete_a_task_of_an_issued_plan(
    world: World, plan: Plan, task: Task
) -> None:
    assert plan.status == Plan.Status.ISSUED
    with pytest.raises(DomainError):
        services.task_delete(task=task, by=world.chairman)


# --- for the apps that hand tasks to units (supervision, promises) -----------------------------


def test_it_issues_a_standing_plan_with_the_task_another_app_hands_over(world: World) -> None:
    plan = services.plan_create(
        commune=world.commune,
        by=world.chairman,
        issuing_unit=world.commune,
        title="Trả lời kiến nghị của Ban giám sát năm 2026",
        year=2026,
    )
    assert plan.status == Plan.Status.DRAFT
    task = services.task_create_issued(
        plan=plan,
        by=world.chairman,
        title="Giải quyết kiến nghị số 1 của Ban giám sát",
        lead_unit=world.office_a,
        due_date=date(2026, 11, 30),
    )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ISSUED and task.plan_id == plan.pk
    with pytest.raises(DomainError):
        services.task_delete(task=task, by=world.chairman)  # no longer a draft's task


def test_it_reassigns_a_task_keeping_its_coordinating_units(world: World, task: Task) -> None:
    services.task_reassign(task=task, by=world.chairman, lead_unit=world.office_b)
    task.refresh_from_db()
    assert task.lead_unit == world.office_b and task.due_date == date(2026, 10, 30)
    assert set(task.coordinating_units.all()) == {world.front_unit}
    services.task_reassign(task=task, by=None, due_date=date(2026, 12, 4))
    task.refresh_from_db()
    assert task.lead_unit == world.office_b and task.due_date == date(2026, 12, 4)
    assert task.next_due == date(2026, 12, 4)
