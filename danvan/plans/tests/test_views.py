"""Pages of plans and tasks: what works, and what each persona is refused."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import World
from danvan.core.audit import history
from danvan.core.models import Attachment
from danvan.plans import selectors, services
from danvan.plans.models import Plan, ProgressReport, Task

PDF = b"%PDF-1.4\n%minh chung\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def _report_url(task: Task) -> str:
    return f"/can-bo/nhiem-vu/{task.pk}/bao-cao/"


class TestReportProgress:
    def test_it_works_with_an_evidence_file(self, world: World, task: Task) -> None:
        response = world.client(world.officer_a).post(
            _report_url(task),
            {
                "unit": world.office_a.pk,
                "text": "Đã họp chuẩn bị đối thoại",
                "percent": "30",
                "evidence": [SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf")],
            },
        )
        assert response.status_code == 302
        report = ProgressReport.objects.get(task=task)
        task.refresh_from_db()
        assert task.percent == 0 and report.review == ProgressReport.Review.PENDING
        services.report_accept(report=report, by=world.chairman)
        task.refresh_from_db()
        assert task.percent == 30
        assert Attachment.objects.get(owner_id=report.pk).original_name == "bien-ban.pdf"
        assert [e.action for e in history(task)][:2] == [
            "plans.report_accepted",
            "plans.progress_reported",
        ]
        page = world.client(world.readonly_a).get(f"/can-bo/nhiem-vu/{task.pk}/")
        assert "bien-ban.pdf" in page.content.decode()

    def test_it_refuses_get(self, world: World, task: Task) -> None:
        assert world.client(world.officer_a).get(_report_url(task)).status_code == 405

    def test_it_refuses_a_unit_not_on_the_task(self, world: World, task: Task) -> None:
        response = world.client(world.village_head).post(
            _report_url(task), {"unit": world.village.pk, "text": "x"}
        )
        assert response.status_code == 403
        assert not ProgressReport.objects.exists()

    def test_it_refuses_a_read_only_member(self, world: World, task: Task) -> None:
        response = world.client(world.readonly_a).post(
            _report_url(task), {"unit": world.office_a.pk, "text": "x"}
        )
        assert response.status_code == 403

    def test_it_hides_another_communes_task(self, world: World, task: Task) -> None:
        response = world.client(world.outsider).post(
            _report_url(task), {"unit": world.other_office.pk, "text": "x"}
        )
        assert response.status_code == 404

    def test_it_refuses_to_report_for_a_unit_the_user_is_not_in(
        self, world: World, task: Task
    ) -> None:
        # Office B's officer may contribute for office B, not report as office A (the lead).
        response = world.client(world.officer_b).post(
            _report_url(task), {"unit": world.office_a.pk, "text": "x"}
        )
        assert response.status_code == 400
        assert not ProgressReport.objects.exists()

    def test_it_keeps_what_was_typed_on_a_validation_error(self, world: World, task: Task) -> None:
        response = world.client(world.officer_a).post(
            _report_url(task),
            {"unit": world.office_a.pk, "text": "Nội dung dài đã gõ", "percent": "150"},
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert "Nội dung dài đã gõ" in body and "Tiến độ phải từ 0 đến 100%." in body

    def test_it_refuses_a_disguised_upload(self, world: World, task: Task) -> None:
        response = world.client(world.officer_a).post(
            _report_url(task),
            {
                "unit": world.office_a.pk,
                "text": "x",
                "evidence": [SimpleUploadedFile("a.pdf", b"MZ\x90 not a pdf")],
            },
        )
        assert response.status_code == 400
        assert "không đúng định dạng" in response.content.decode()
        assert not ProgressReport.objects.exists()


class TestTaskList:
    def test_it_shows_my_units_tasks(self, world: World, task: Task, other_task: Task) -> None:
        body = world.client(world.officer_b).get("/can-bo/nhiem-vu/").content.decode()
        assert task.title in body and other_task.title not in body  # office B coordinates

    def test_it_finds_without_diacritics(self, world: World, task: Task) -> None:
        body = (
            world.client(world.chairman)
            .get("/can-bo/nhiem-vu/?scope=all&q=DOI THOAI")
            .content.decode()
        )
        assert task.title in body
        body = (
            world.client(world.chairman)
            .get("/can-bo/nhiem-vu/?scope=all&q=ô+nhiễm")
            .content.decode()
        )
        assert task.title not in body

    @time_machine.travel("2026-11-03 09:00 +0700", tick=False)
    def test_it_filters_by_status(self, world: World, task: Task) -> None:
        assert (
            task.title
            in world.client(world.chairman)
            .get("/can-bo/nhiem-vu/?scope=all&status=overdue")
            .content.decode()
        )
        assert (
            task.title
            not in world.client(world.chairman)
            .get("/can-bo/nhiem-vu/?scope=all&status=done")
            .content.decode()
        )

    @time_machine.travel("2026-11-03 09:00 +0700", tick=False)
    def test_its_count_is_of_the_rows_it_lists(self, world: World, plan: Plan, task: Task) -> None:
        """The count above the list (read apart from the rows) under each filter."""
        services.task_create(
            plan=plan,
            by=world.chairman,
            title="Họp dân thôn Đoàn Kết",
            lead_unit=world.office_b,
            due_date=date(2026, 12, 30),
        )

        def listed(user: object, query: str) -> tuple[int, int]:
            response = world.client(user).get(f"/can-bo/nhiem-vu/?{query}")
            page = response.context["page"]
            assert f"{page.paginator.count} nhiệm vụ</p>" in response.content.decode()
            return page.paginator.count, len(page.object_list)

        assert listed(world.chairman, "scope=all") == (2, 2)
        assert listed(world.chairman, "scope=all&status=overdue") == (1, 1)  # due 30/10
        assert listed(world.chairman, "scope=all&status=done") == (0, 0)
        assert listed(world.chairman, "scope=all&q=hop+dan") == (1, 1)
        assert listed(world.chairman, "scope=all&q=hop+dan&status=overdue") == (0, 0)
        assert listed(world.officer_a, "") == (1, 1)  # office A leads one, not the other
        assert listed(world.officer_b, "") == (2, 2)  # leads one, coordinates the other
        assert listed(world.officer_b, "status=overdue&q=doi+thoai") == (1, 1)

    def test_it_survives_nonsense_parameters(self, world: World, task: Task) -> None:
        response = world.client(world.chairman).get(
            "/can-bo/nhiem-vu/?status=<script>&page=abc&scope=x"
        )
        assert response.status_code == 200


class TestPlans:
    def test_it_creates_a_plan_and_a_task(self, world: World) -> None:
        c = world.client(world.chairman)
        response = c.post(
            "/can-bo/ke-hoach/them/",
            {
                "title": "Kế hoạch tiếp công dân 2027",
                "issuing_unit": world.commune.pk,
                "symbol": "KH-UBND",
                "year": "2027",
                "place": "Hồng Phong",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        plan = Plan.objects.get(title="Kế hoạch tiếp công dân 2027")
        response = c.post(
            f"/can-bo/ke-hoach/{plan.pk}/nhiem-vu/them/",
            {
                "title": "Tiếp công dân định kỳ",
                "lead_unit": world.office_b.pk,
                "coordinating_units": [world.front_unit.pk],
                "recurrence": "monthly",
                "start_date": "2027-01-01",
                "due_date": "2027-12-31",
            },
        )
        assert response.status_code == 302
        task = plan.tasks.get()
        assert task.next_due == date(2027, 2, 1)  # 31/01/2027 is a Sunday
        assert list(task.coordinating_units.all()) == [world.front_unit]

    def test_it_refuses_plan_creation_to_an_officer(self, world: World) -> None:
        response = world.client(world.officer_a).post(
            "/can-bo/ke-hoach/them/",
            {"title": "x", "issuing_unit": world.commune.pk, "year": "2027"},
        )
        assert response.status_code == 403

    def test_it_rejects_a_due_date_before_the_start(self, world: World, plan: Plan) -> None:
        response = world.client(world.chairman).post(
            f"/can-bo/ke-hoach/{plan.pk}/nhiem-vu/them/",
            {
                "title": "Giữ nguyên nội dung",
                "lead_unit": world.office_b.pk,
                "recurrence": "once",
                "start_date": "2026-05-01",
                "due_date": "2026-04-01",
            },
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert "không được trước ngày bắt đầu" in body and "Giữ nguyên nội dung" in body

    def test_it_issues_a_plan_and_publishes_it(self, world: World, draft_plan: Plan) -> None:
        anon = world.client(None)
        assert anon.get(f"/ke-hoach/{draft_plan.pk}/").status_code == 404  # a draft is not public
        chairman = world.client(world.chairman)
        # The old button issues nothing: issuing takes a number and a day.
        response = chairman.post(f"/can-bo/ke-hoach/{draft_plan.pk}/trang-thai/issued/")
        assert response["Location"] == f"/can-bo/ke-hoach/{draft_plan.pk}/ban-hanh/"
        assert Plan.objects.get(pk=draft_plan.pk).status == Plan.Status.DRAFT
        response = chairman.post(
            f"/can-bo/ke-hoach/{draft_plan.pk}/ban-hanh/",
            {"number": "45", "issued_on": "2026-04-15"},
        )
        assert response.status_code == 302
        draft_plan.refresh_from_db()
        assert (draft_plan.status, draft_plan.reference, draft_plan.issued_on) == (
            Plan.Status.ISSUED,
            "45/KH-UBND",
            date(2026, 4, 15),
        )
        public = anon.get(f"/ke-hoach/{draft_plan.pk}/").content.decode()
        task = draft_plan.tasks.get()
        assert task.title in public and world.office_a.short_name in public

    def test_it_shows_the_plan_tree_with_rolled_up_progress(self, world: World, plan: Plan) -> None:
        section = services.section_create(
            plan=plan, by=world.chairman, number="II", title="NỘI DUNG"
        )
        for percent in (20, 60):
            t = services.task_create(
                plan=plan,
                by=world.chairman,
                title=f"Việc {percent}",
                lead_unit=world.office_a,
                section=section,
                due_date=date(2026, 12, 1),
            )
            report = services.progress_report_create(
                task=t, unit=world.office_a, by=world.officer_a, text="x", percent=percent
            )
            services.report_accept(report=report, by=world.chairman)
        body = world.client(world.readonly_a).get(f"/can-bo/ke-hoach/{plan.pk}/").content.decode()
        assert "NỘI DUNG" in body and "40%" in body

    def test_it_exports_the_plan(self, world: World, plan: Plan, task: Task) -> None:
        c = world.client(world.readonly_a)
        xlsx = c.get(f"/can-bo/ke-hoach/{plan.pk}/tien-do.xlsx")
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
        docx = c.get(f"/can-bo/ke-hoach/{plan.pk}/bao-cao.docx")
        assert docx.status_code == 200 and docx.content[:2] == b"PK"
        assert (
            world.client(world.outsider).get(f"/can-bo/ke-hoach/{plan.pk}/tien-do.xlsx").status_code
            == 404
        )


class TestDashboard:
    @time_machine.travel("2026-11-03 09:00 +0700", tick=False)
    def test_it_counts_and_lists_overdue_tasks(self, world: World, task: Task) -> None:
        response = world.client(world.chairman).get("/can-bo/tong-quan/?nam=2026")
        data = response.context["data"]
        assert data["total"] == 1 and data["overdue_count"] == 1
        assert [t.pk for t in data["overdue"]] == [task.pk]
        assert "Nhiệm vụ quá hạn (1)" in response.content.decode()

    @time_machine.travel("2026-11-03 09:00 +0700", tick=False)
    def test_its_counts_agree_and_sections_are_the_communes_plans(
        self, world: World, plan: Plan, task: Task
    ) -> None:
        """By status = the sums by lead unit; by section: the commune's own plans of the year
        (a unit's sub-plan counts in the totals, not as a section); nothing overdue, no list."""
        section = services.section_create(plan=plan, by=world.chairman, title="Tuyên truyền")
        services.task_create(
            plan=plan,
            by=world.chairman,
            title="Tuyên truyền trên loa",
            lead_unit=world.office_b,
            section=section,
            due_date=date(2026, 12, 30),
        )
        sub = services.plan_create(
            commune=world.commune,
            by=world.chairman,
            parent=plan,
            issuing_unit=world.office_a,
            title="Kế hoạch triển khai của văn phòng",
            year=2026,
            status=Plan.Status.ISSUED,
        )
        services.task_create(
            plan=sub,
            by=world.chairman,
            title="Họp cơ quan",
            lead_unit=world.office_a,
            due_date=date(2026, 12, 30),
        )
        data = selectors.dashboard(commune=world.commune, year=2026)
        by_status = {code: n for code, _label, n in data["by_status"]}
        assert data["total"] == sum(by_status.values()) == 3 and by_status["overdue"] == 1
        unit_sums = [sum(d["data"][i] for d in data["by_unit"]["datasets"]) for i in range(2)]
        assert sorted(unit_sums) == [1, 2]
        sections = data["by_section"]
        assert sum(sum(d["data"]) for d in sections["datasets"]) == 2  # not the sub-plan's
        assert [t.pk for t in data["overdue"]] == [task.pk]
        Task.objects.filter(pk=task.pk).update(done_on=date(2026, 10, 29))
        calm = selectors.dashboard(commune=world.commune, year=2026)
        assert calm["overdue_count"] == 0 and calm["overdue"] == []
        assert selectors.dashboard(commune=world.commune, year=2025)["total"] == 0

    def test_it_lets_a_province_viewer_pick_a_commune_of_the_province_only(
        self, world: World, task: Task
    ) -> None:
        c = world.client(world.province_viewer)
        assert c.get(f"/can-bo/tong-quan/?xa={world.commune.pk}").status_code == 200
        assert c.get(f"/can-bo/tong-quan/?xa={world.other_commune.pk}").status_code == 404


def test_it_shows_the_plans_history_in_words(world: World, draft_plan: Plan) -> None:
    services.plan_issue(
        plan=draft_plan, number="45", issued_on=date(2026, 4, 15), by=world.chairman
    )
    url = f"/can-bo/ke-hoach/{draft_plan.pk}/"
    body = world.client(world.readonly_a).get(url).content.decode()
    assert "Lịch sử thay đổi của kế hoạch" in body
    assert "Ban hành kế hoạch" in body and "Tạo kế hoạch" in body
