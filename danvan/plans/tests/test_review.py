"""Progress that is checked (issue 12, item 2): a report states its period and its percent, a
leader (for the lead unit's reports) or the lead unit (for contributions) accepts or returns it,
and only accepted reports of the lead unit move the task."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.core.access import get_access
from danvan.core.audit import history
from danvan.core.errors import DomainError
from danvan.core.models import Membership, Notification, Role, User
from danvan.plans import services
from danvan.plans.access import can_review, reviewable_reports
from danvan.plans.models import Plan, ProgressReport, Recurrence, Task, TaskStatus

OCT_10 = "2026-10-10 09:00 +0700"


def _quarterly(world: World, plan: Plan) -> Task:
    """Office B reports each quarter from Q2 (started 10/04/2026) to 31/12/2026."""
    return services.task_create(
        plan=plan,
        by=world.chairman,
        title="Báo cáo kết quả tiếp công dân hằng quý",
        lead_unit=world.office_b,
        coordinating_units=[world.office_a],
        recurrence=Recurrence.QUARTERLY,
        start_date=date(2026, 4, 10),
        due_date=date(2026, 12, 31),
    )


def _report(task: Task, user: User, **fields: object) -> ProgressReport:
    unit = fields.pop("unit", task.lead_unit)
    text = str(fields.pop("text", "Đã thực hiện"))
    return services.progress_report_create(
        task=task,
        unit=unit,  # type: ignore[arg-type]
        by=user,
        text=text,
        **fields,  # type: ignore[arg-type]
    )


def _accept_url(report: ProgressReport) -> str:
    return reverse("plans:report_accept", args=[report.pk])


def _return_url(report: ProgressReport) -> str:
    return reverse("plans:report_return", args=[report.pk])


def _task(task: Task) -> Task:
    return Task.objects.with_status().get(pk=task.pk)


# --- the finding ---------------------------------------------------------------------------


class TestTextOnlyNotes:
    """ "Any text report clears 'quá hạn': two notes without a percentage, a minute apart, moved
    an overdue task to 'đang thực hiện' at 40 %." (issue 12)"""

    def test_it_leaves_an_overdue_recurring_task_overdue_at_its_percent(
        self, world: World, plan: Plan
    ) -> None:
        task = _quarterly(world, plan)
        with time_machine.travel("2026-07-03 09:00 +0700", tick=False):
            q2 = _report(task, world.officer_b, percent=40, period_end=date(2026, 6, 30))
            services.report_accept(report=q2, by=world.chairman)
        with time_machine.travel(OCT_10, tick=False) as clock:
            assert _task(task).status == TaskStatus.OVERDUE  # Q3 (to 30/09) not reported
            officer_b = world.client(world.officer_b)
            for text in ("Đang tổng hợp số liệu quý III.", "Sẽ gửi báo cáo sau."):
                response = officer_b.post(
                    reverse("plans:task_report", args=[task.pk]),
                    {"unit": world.office_b.pk, "text": text, "period_end": "2026-09-30"},
                )
                assert response.status_code == 302
                clock.shift(60)
            task = _task(task)
            assert task.status == TaskStatus.OVERDUE
            assert task.percent == 40 and task.next_due == date(2026, 9, 30)
        assert task.reports.filter(review=ProgressReport.Review.NOTE).count() == 2
        # Notes wait for nobody.
        assert not reviewable_reports(get_access(world.chairman), world.chairman).exists()

    @time_machine.travel("2026-11-03 09:00 +0700", tick=False)
    def test_it_leaves_an_overdue_one_off_task_overdue(self, world: World, task: Task) -> None:
        for text in ("Đang chuẩn bị.", "Vẫn đang chuẩn bị."):
            _report(task, world.officer_a, text=text)
        task = _task(task)
        assert task.status == TaskStatus.OVERDUE and task.percent == 0


# --- a pending report changes nothing; accepting moves the task -----------------------------


class TestAccept:
    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_changes_nothing_while_a_report_waits(self, world: World, task: Task) -> None:
        report = _report(task, world.officer_a, percent=60)
        task = _task(task)
        assert report.review == ProgressReport.Review.PENDING
        assert (task.percent, task.last_report_on, task.status) == (
            0,
            None,
            TaskStatus.NOT_STARTED,
        )
        # It waits in the leaders' list.
        listed = reviewable_reports(get_access(world.chairman), world.chairman)
        assert list(listed) == [report]

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_moves_the_percent_and_status_when_a_leader_accepts(
        self, world: World, task: Task
    ) -> None:
        report = _report(task, world.officer_a, percent=60)
        response = world.client(world.chairman).post(_accept_url(report), {"comment": "Tốt"})
        assert response.status_code == 302
        assert response["Location"].endswith(f"#bao-cao-{report.pk}")
        task = _task(task)
        assert (task.percent, task.last_report_on, task.status) == (
            60,
            date(2026, 10, 1),
            TaskStatus.ON_TRACK,
        )
        report.refresh_from_db()
        assert (report.review, report.reviewed_by, report.review_comment) == (
            ProgressReport.Review.ACCEPTED,
            world.chairman,
            "Tốt",
        )
        entry = history(task).get(action="plans.report_accepted")
        assert entry.actor == world.chairman
        assert entry.changes["percent"] == [0, 60] and entry.changes["comment"] == "Tốt"

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_finishes_the_task_only_when_the_final_report_is_accepted(
        self, world: World, task: Task
    ) -> None:
        report = _report(task, world.officer_a, is_final=True)
        assert _task(task).done_on is None
        services.report_accept(report=report, by=world.chairman)
        task = _task(task)
        assert task.status == TaskStatus.DONE and task.done_on == date(2026, 10, 1)
        assert task.percent == 100

    def test_it_clears_a_recurring_period_only_when_accepted(
        self, world: World, plan: Plan
    ) -> None:
        task = _quarterly(world, plan)
        with time_machine.travel("2026-07-03 09:00 +0700", tick=False):
            report = _report(task, world.officer_b, percent=30)
            assert report.period_end == date(2026, 6, 30)  # the first quarter not reported
            assert _task(task).next_due == date(2026, 6, 30)
            services.report_accept(report=report, by=world.chairman)
            assert _task(task).next_due == date(2026, 9, 30)

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_shows_who_accepted_what_in_the_history(self, world: World, task: Task) -> None:
        report = _report(task, world.officer_a, percent=60)
        world.client(world.chairman).post(_accept_url(report), {"comment": "Đạt yêu cầu"})
        page = world.client(world.readonly_a).get(reverse("plans:task", args=[task.pk]))
        body = page.content.decode()
        assert "Chấp nhận báo cáo tiến độ" in body and "Đạt yêu cầu" in body
        assert "Đã chấp nhận" in body and str(world.chairman) in body


# --- returning ---------------------------------------------------------------------------------


class TestReturn:
    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_clears_nothing_and_the_reporter_reads_the_comment(
        self, world: World, task: Task
    ) -> None:
        report = _report(task, world.officer_a, percent=80)
        comment = "Chưa có số liệu người dân tham dự; đề nghị bổ sung biên bản."
        response = world.client(world.chairman).post(_return_url(report), {"comment": comment})
        assert response.status_code == 302
        task = _task(task)
        assert (task.percent, task.last_report_on, task.status) == (
            0,
            None,
            TaskStatus.NOT_STARTED,
        )
        report.refresh_from_db()
        assert report.review == ProgressReport.Review.RETURNED
        note = Notification.objects.get(user=world.officer_a, title__contains="trả lại")
        assert note.body == comment
        officer = world.client(world.officer_a)
        assert comment in officer.get(reverse("plans:task", args=[task.pk])).content.decode()
        assert comment in officer.get(reverse("plans:report_reviews")).content.decode()
        assert history(task).get(action="plans.report_returned").actor == world.chairman

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_asks_for_a_comment(self, world: World, task: Task) -> None:
        report = _report(task, world.officer_a, percent=80)
        response = world.client(world.chairman).post(_return_url(report), {"comment": "  "})
        assert response.status_code == 400
        assert "Cần ghi rõ lý do trả lại báo cáo." in response.content.decode()
        report.refresh_from_db()
        assert report.review == ProgressReport.Review.PENDING
        with pytest.raises(DomainError):
            services.report_return(report=report, by=world.chairman, comment="")

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_reviews_a_report_once(self, world: World, task: Task) -> None:
        report = _report(task, world.officer_a, percent=80)
        services.report_return(report=report, by=world.chairman, comment="Bổ sung")
        response = world.client(world.chairman).post(_accept_url(report), {})
        assert response.status_code == 400
        assert "không chờ duyệt" in response.content.decode()
        report.refresh_from_db()
        assert report.review == ProgressReport.Review.RETURNED


# --- who reviews ------------------------------------------------------------------------------


@pytest.fixture
def vice(world: World) -> User:
    """A vice-chairman who also holds an officer's seat in office A (the task's lead unit)."""
    user = User.objects.create_user("vice", "vice@example.org", "x", full_name="Phó Chủ Tịch")
    Membership.objects.create(user=user, unit=world.commune, role=Role.LEADER)
    Membership.objects.create(user=user, unit=world.office_a, role=Role.OFFICER)
    return user


class TestWhoReviews:
    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_refuses_a_review_of_ones_own_report(
        self, world: World, task: Task, vice: User
    ) -> None:
        report = _report(task, vice, percent=50)
        assert world.client(vice).post(_accept_url(report), {}).status_code == 403
        with pytest.raises(DomainError):
            services.report_accept(report=report, by=vice)
        assert reviewable_reports(get_access(vice), vice).count() == 0
        # Another leader may.
        assert world.client(world.chairman).post(_accept_url(report), {}).status_code == 302

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_refuses_the_lead_unit_its_own_progress(self, world: World, task: Task) -> None:
        report = _report(task, world.officer_a, percent=50)
        colleague = User.objects.create_user("colleague", full_name="Đồng Nghiệp")
        Membership.objects.create(user=colleague, unit=world.office_a, role=Role.OFFICER)
        for user in (colleague, world.officer_b, world.front, world.readonly_a, world.admin):
            response = world.client(user).post(_accept_url(report), {})
            assert response.status_code == 403, user
            response = world.client(user).post(_return_url(report), {"comment": "Không đạt"})
            assert response.status_code == 403, user
        assert world.client(world.outsider).post(_accept_url(report), {}).status_code == 404
        report.refresh_from_db()
        assert report.review == ProgressReport.Review.PENDING

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_lets_the_lead_unit_review_a_contribution(self, world: World, task: Task) -> None:
        contribution = _report(task, world.front, unit=world.front_unit, percent=100)
        assert Notification.objects.get(user=world.officer_a).title.startswith(
            "Ủy ban MTTQ xã đã gửi phần phối hợp (chờ duyệt)"
        )
        # Another coordinating unit may not.
        assert world.client(world.officer_b).post(_accept_url(contribution), {}).status_code == 403
        response = world.client(world.officer_a).post(_accept_url(contribution), {})
        assert response.status_code == 302
        contribution.refresh_from_db()
        assert contribution.review == ProgressReport.Review.ACCEPTED
        # A contribution stays a contribution: the task does not move.
        task = _task(task)
        assert (task.percent, task.last_report_on) == (0, None)

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_refuses_get(self, world: World, task: Task) -> None:
        report = _report(task, world.officer_a, percent=50)
        chairman = world.client(world.chairman)
        assert chairman.get(_accept_url(report)).status_code == 405
        assert chairman.get(_return_url(report)).status_code == 405

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_says_the_same_in_python_and_in_sql(
        self, world: World, task: Task, vice: User
    ) -> None:
        reports = [
            _report(task, world.officer_a, percent=10),
            _report(task, vice, percent=20),
            _report(task, world.officer_b, unit=world.office_b, percent=30),
            _report(task, world.front, unit=world.front_unit, percent=40),
        ]
        users = [world.chairman, vice, world.officer_a, world.officer_b, world.front]
        users += [world.readonly_a, world.admin, world.outsider, world.province_viewer]
        for user in users:
            access = get_access(user)
            listed = set(reviewable_reports(access, user).values_list("pk", flat=True))
            may = {r.pk for r in reports if can_review(access, user, r, task)}
            assert listed == may, user.username


# --- the lists and the form ----------------------------------------------------------------


class TestPages:
    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_the_kept_task_page_shows_a_report_sent_since_and_who_reviews_it(
        self, world: World, task: Task
    ) -> None:
        url = reverse("plans:task", args=[task.pk])
        assert "Báo cáo mới nhất" not in world.client(world.chairman).get(url).content.decode()
        _report(task, world.officer_a, percent=40, text="Báo cáo mới nhất")
        for user, reviews in ((world.chairman, True), (world.readonly_a, False)):
            body = world.client(user).get(url).content.decode()
            assert "Báo cáo mới nhất" in body
            assert (reverse("plans:report_accept", args=[task.reports.get().pk]) in body) is reviews

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_a_kept_list_shows_a_report_sent_since(self, world: World, task: Task) -> None:
        client = world.client(world.chairman)
        url = reverse("plans:report_reviews")
        assert "0 báo cáo chờ bạn duyệt" in client.get(url).content.decode()
        assert "0 báo cáo chờ bạn duyệt" in client.get(url).content.decode()  # as kept
        _report(task, world.officer_a, percent=50, text="Báo cáo chủ trì")
        assert "1 báo cáo chờ bạn duyệt" in client.get(url).content.decode()

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_lists_what_waits_for_each_reviewer(self, world: World, task: Task) -> None:
        lead = _report(task, world.officer_a, percent=50, text="Báo cáo chủ trì")
        contribution = _report(
            task, world.officer_b, unit=world.office_b, percent=70, text="Phần phối hợp"
        )

        def listed(client: Client) -> list[int]:
            response = client.get(reverse("plans:report_reviews"))
            assert response.status_code == 200
            return [r.pk for r in response.context["page"].object_list]

        assert sorted(listed(world.client(world.chairman))) == sorted([lead.pk, contribution.pk])
        assert listed(world.client(world.officer_a)) == [contribution.pk]
        assert listed(world.client(world.officer_b)) == []
        for user in (world.readonly_a, world.province_viewer):
            assert world.client(user).get(reverse("plans:report_reviews")).status_code == 403
        dashboard = world.client(world.chairman).get(reverse("plans:dashboard") + "?nam=2026")
        assert dashboard.context["to_review"] == 2
        assert "2 báo cáo tiến độ chờ bạn duyệt" in dashboard.content.decode()

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_lists_nothing_of_a_draft_plan(self, world: World, draft_plan: Plan) -> None:
        duty = services.task_create(
            plan=draft_plan,
            by=world.chairman,
            title="Nhiệm vụ của dự thảo",
            lead_unit=world.office_a,
            due_date=date(2026, 12, 1),
        )
        _report(duty, world.officer_a, percent=10)
        assert not reviewable_reports(get_access(world.chairman), world.chairman).exists()

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_shows_the_review_buttons_only_to_whom_may(self, world: World, task: Task) -> None:
        report = _report(task, world.officer_a, percent=50)
        url = reverse("plans:task", args=[task.pk])
        button = _accept_url(report)
        assert button in world.client(world.chairman).get(url).content.decode()
        for user in (world.officer_a, world.officer_b, world.readonly_a):
            assert button not in world.client(user).get(url).content.decode()

    def test_it_offers_a_recurring_tasks_periods_begun_and_refuses_another(
        self, world: World, plan: Plan
    ) -> None:
        task = _quarterly(world, plan)
        with time_machine.travel("2026-08-01 09:00 +0700", tick=False):
            page = world.client(world.officer_b).get(reverse("plans:task", args=[task.pk]))
            choices = [value for value, _ in page.context["form"].fields["period_end"].choices]
            assert choices == ["2026-06-30", "2026-09-30"]
            assert page.context["form"].fields["period_end"].initial == "2026-06-30"
            assert "Quý III/2026 (01/07–30/09/2026)" in page.content.decode()
            response = world.client(world.officer_b).post(
                reverse("plans:task_report", args=[task.pk]),
                {
                    "unit": world.office_b.pk,
                    "text": "x",
                    "percent": "10",
                    "period_end": "2026-12-31",
                },
            )
            assert response.status_code == 400
            with pytest.raises(DomainError):
                _report(task, world.officer_b, percent=10, period_end=date(2026, 12, 31))
        assert not task.reports.exists()

    @time_machine.travel("2026-10-01 09:00 +0700", tick=False)
    def test_it_refuses_a_one_off_report_stated_after_its_day(
        self, world: World, task: Task
    ) -> None:
        with pytest.raises(DomainError):
            _report(task, world.officer_a, percent=10, period_end=date(2026, 10, 2))
        report = _report(task, world.officer_a, percent=10)
        assert report.period_end == date(2026, 10, 1)


def test_it_keeps_counting_the_reports_made_before_review(world: World, task: Task) -> None:
    """Migration 0004: every report stored before review existed becomes accepted (it was
    counted when sent, and stays counted)."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("danvan.plans.migrations.0004_progressreport_review")
    with time_machine.travel("2026-10-01 09:00 +0700", tick=False):
        old = [_report(task, world.officer_a, percent=p) for p in (20, None)]
    migration.accept_existing_reports(apps, None)
    assert {r.review for r in ProgressReport.objects.filter(pk__in=[o.pk for o in old])} == {
        ProgressReport.Review.ACCEPTED
    }
