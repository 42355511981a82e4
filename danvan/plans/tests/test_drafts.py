"""Issue 12, items 1 and 8: a draft plan counts nowhere until it is issued with its number and
day; the seed imports as duties, each with a lead unit; the review merges, splits and reassigns;
the plan's lead unit keeps it; `danvan plan-import` does what the page does."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, Unit
from danvan.lib import planparse
from danvan.plans import selectors, services
from danvan.plans.importer import plan_import
from danvan.plans.models import Plan, Recurrence, Reminder, Task

SEED = Path(__file__).resolve().parents[2] / "lib" / "tests" / "fixtures" / "hong_phong_2026.txt"
JUNE = "2026-06-01 09:00 +0700"


@pytest.fixture
def seed_units(world: World) -> dict[str, Unit]:
    """The four units section III of the seed names (two are the world's offices) and the Front."""
    hcc = Unit.objects.create(
        kind=Unit.Kind.OFFICE, name="Trung tâm Phục vụ hành chính công", parent=world.commune
    )
    dvci = Unit.objects.create(
        kind=Unit.Kind.OFFICE, name="Trung tâm Dịch vụ công ích", parent=world.commune
    )
    return {
        "vhxh": world.office_a,
        "vp": world.office_b,
        "hcc": hcc,
        "dvci": dvci,
        "front": world.front_unit,
    }


def _counts(world: World, today: date) -> tuple[object, ...]:
    """Every count the issue saw move: the dashboard's, the task list's, the reminders'."""
    board = selectors.dashboard(commune=world.commune, year=2026, today=today)
    listed = world.client(world.chairman).get("/can-bo/nhiem-vu/?scope=all").context["page"]
    return (board["total"], board["overdue_count"], listed.paginator.count)


# --- a draft counts nowhere -------------------------------------------------------------------


@time_machine.travel(JUNE, tick=False)
def test_it_keeps_a_draft_out_of_lists_dashboard_and_reminders(
    world: World, task: Task, draft_plan: Plan
) -> None:
    late = draft_plan.tasks.get()  # due 27/02/2026: overdue on 01/06 if it counted
    today = date(2026, 6, 1)
    assert _counts(world, today) == (1, 0, 1)
    mine = world.client(world.officer_a).get("/can-bo/nhiem-vu/").content.decode()
    assert task.title in mine and late.title not in mine
    assert services.send_reminders(today=today) == {"before": 0, "overdue": 0, "escalation": 0}
    assert not Reminder.objects.exists()
    page = world.client(world.chairman).get(f"/can-bo/ke-hoach/{draft_plan.pk}/").content.decode()
    assert "Chưa ban hành" in page and "Quá hạn" not in page

    services.plan_issue(plan=draft_plan, number="7", issued_on=date(2026, 1, 5), by=None)
    assert _counts(world, today) == (2, 1, 2)
    assert services.send_reminders(today=today)["overdue"] == 1


def test_it_makes_no_progress_report_of_a_draft(world: World, draft_plan: Plan) -> None:
    response = world.client(world.chairman).get(f"/can-bo/ke-hoach/{draft_plan.pk}/bao-cao.docx")
    assert response.status_code == 302
    assert response["Location"] == f"/can-bo/ke-hoach/{draft_plan.pk}/"


@time_machine.travel(JUNE, tick=False)
def test_it_imports_the_seed_as_a_draft_that_changes_no_count(
    world: World, task: Task, seed_units: dict[str, Unit]
) -> None:
    today = date(2026, 6, 1)
    before = _counts(world, today)
    result = plan_import(
        parsed=planparse.parse_text(SEED.read_text(encoding="utf-8")),
        commune=world.commune,
        by=world.chairman,
        default_recurrence=Recurrence.QUARTERLY,
    )
    assert _counts(world, today) == before
    assert services.send_reminders(today=date(2026, 12, 1))["overdue"] == 1  # `task` only
    assert result.plan.tasks.count() >= 35


# --- the seed as duties -----------------------------------------------------------------------


def test_it_gives_every_duty_of_the_seed_a_unit_the_text_names(
    world: World, seed_units: dict[str, Unit]
) -> None:
    result = plan_import(
        parsed=planparse.parse_text(SEED.read_text(encoding="utf-8")),
        commune=world.commune,
        by=world.chairman,
    )
    plan = result.plan
    assert plan.tasks.count() >= 35
    named = {seed_units[k].pk for k in ("vhxh", "vp", "hcc", "dvci")}
    assert set(plan.tasks.values_list("lead_unit", flat=True)) == named
    assert not any("tạm giao" in w for w in result.warnings)
    assert plan.lead_unit == seed_units["vhxh"]
    for path, unit in (("III.3", "vp"), ("III.4", "hcc"), ("III.5", "dvci")):
        assert plan.tasks.get(section__path=path).lead_unit == seed_units[unit]
    ii2 = set(plan.tasks.filter(section__path="II.2").values_list("lead_unit", flat=True))
    assert {seed_units["hcc"].pk, seed_units["vhxh"].pk} <= ii2  # not the whole of II.2 to HCC
    front = plan.tasks.get(description__contains="tích cực chủ động phối hợp với Mặt trận")
    assert seed_units["front"] in front.coordinating_units.all()


def test_it_says_which_duties_it_gave_to_the_plans_lead_for_want_of_a_unit(world: World) -> None:
    result = plan_import(
        parsed=planparse.parse_text(SEED.read_text(encoding="utf-8")),
        commune=world.commune,
        by=world.chairman,
    )
    # The world has no service centres: their duties go to Phòng VH-XH, and a warning says so.
    assert any(
        "“Trung tâm Phục vụ hành chính công” chủ trì nhưng xã không có đơn vị này" in w
        and "tạm giao Phòng VH-XH" in w
        for w in result.warnings
    )
    assert not result.plan.tasks.filter(lead_unit__isnull=True).exists()


# --- issuing ----------------------------------------------------------------------------------


@time_machine.travel(JUNE, tick=False)
def test_it_issues_a_draft_with_its_number_and_day_and_logs_it(
    world: World, draft_plan: Plan
) -> None:
    issued = services.plan_issue(
        plan=draft_plan, number=" 45 ", issued_on=date(2026, 4, 15), by=world.chairman
    )
    assert (issued.status, issued.reference, issued.issued_on) == (
        Plan.Status.ISSUED,
        "45/KH-UBND",
        date(2026, 4, 15),
    )
    entry = AuditEntry.objects.filter(action="plans.plan_issued").get()
    assert entry.actor == world.chairman
    assert entry.changes["number"] == ["", "45"]
    with pytest.raises(DomainError, match="đã ban hành"):
        services.plan_issue(plan=issued, number="46", issued_on=date(2026, 4, 15), by=None)


@time_machine.travel(JUNE, tick=False)
@pytest.mark.parametrize(
    ("number", "day", "message"),
    [
        ("", date(2026, 4, 15), "Số văn bản là phần số"),
        ("45/KH-UBND", date(2026, 4, 15), "Số văn bản là phần số"),
        ("45", date(2026, 6, 2), "không sau hôm nay"),
        ("45", date(1999, 12, 31), "từ năm 2000"),
        ("12", date(2026, 4, 10), "đã dùng cho"),  # the conftest plan's number this year
    ],
)
def test_it_refuses_a_wrong_number_or_day(
    world: World, plan: Plan, draft_plan: Plan, number: str, day: date, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        services.plan_issue(plan=draft_plan, number=number, issued_on=day, by=world.chairman)
    assert Plan.objects.get(pk=draft_plan.pk).status == Plan.Status.DRAFT


def test_it_refuses_to_issue_a_plan_without_tasks(world: World) -> None:
    empty = services.plan_create(
        commune=world.commune, by=world.chairman, issuing_unit=world.commune, title="X", year=2026
    )
    with pytest.raises(DomainError, match="chưa có nhiệm vụ"):
        services.plan_issue(plan=empty, number="1", issued_on=date(2026, 1, 2), by=None)


@time_machine.travel(JUNE, tick=False)
def test_it_shows_the_issue_form_to_leaders_only(world: World, draft_plan: Plan) -> None:
    url = f"/can-bo/ke-hoach/{draft_plan.pk}/ban-hanh/"
    assert world.client(world.chairman).get(url).status_code == 200
    for officer in (world.officer_a, world.officer_b):  # officer A keeps it, yet does not issue
        assert (
            world.client(officer).post(url, {"number": "5", "issued_on": "2026-05-05"}).status_code
            == 403
        )
    response = world.client(world.chairman).post(url, {"number": "5", "issued_on": "2026-07-01"})
    assert response.status_code == 400
    assert "Ngày không được sau hôm nay." in response.content.decode()
    assert Plan.objects.get(pk=draft_plan.pk).status == Plan.Status.DRAFT


# --- the review: merge, split, reassign -------------------------------------------------------


def _duties(world: World, plan: Plan, *texts: str) -> list[Task]:
    return [
        services.task_create(
            plan=plan,
            by=world.chairman,
            title=text[:40],
            description=text,
            lead_unit=world.office_a,
            coordinating_units=[world.front_unit] if i else [world.office_b],
            due_date=date(2026, 12, 31),
        )
        for i, text in enumerate(texts)
    ]


def test_it_merges_duties_of_a_draft(world: World, draft_plan: Plan) -> None:
    first, second = _duties(world, draft_plan, "Tuyên truyền trên loa.", "Tuyên truyền trên mạng.")
    response = world.client(world.officer_a).post(
        f"/can-bo/ke-hoach/{draft_plan.pk}/soat-xet/nhiem-vu/",
        {"action": "merge", "tasks": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert not Task.objects.filter(pk=second.pk).exists()
    first.refresh_from_db()
    assert first.description == "Tuyên truyền trên loa.\nTuyên truyền trên mạng."
    assert set(first.coordinating_units.all()) == {world.office_b, world.front_unit}
    assert AuditEntry.objects.filter(action="plans.tasks_merged", actor=world.officer_a).exists()


def test_it_splits_a_duty_of_a_draft_into_its_sentences(world: World, draft_plan: Plan) -> None:
    (duty,) = _duties(world, draft_plan, "Rà soát quy chế dân chủ. Ban hành quy chế mới của xã.")
    response = world.client(world.chairman).post(
        f"/can-bo/ke-hoach/{draft_plan.pk}/nhiem-vu/{duty.pk}/tach/"
    )
    assert response.status_code == 302
    tasks = list(draft_plan.tasks.filter(description__contains="quy chế").order_by("position"))
    assert [t.description for t in tasks] == [
        "Rà soát quy chế dân chủ.",
        "Ban hành quy chế mới của xã.",
    ]
    assert {t.lead_unit for t in tasks} == {world.office_a}
    assert [list(t.coordinating_units.all()) for t in tasks] == [[world.office_b]] * 2
    with pytest.raises(DomainError, match="chỉ có một câu"):
        services.task_split(task=tasks[0], by=None)


def test_it_reassigns_duties_of_a_draft(world: World, draft_plan: Plan) -> None:
    duties = _duties(world, draft_plan, "Một việc cần làm ở xã.", "Một việc khác cần làm ở xã.")
    response = world.client(world.chairman).post(
        f"/can-bo/ke-hoach/{draft_plan.pk}/soat-xet/nhiem-vu/",
        {
            "action": "reassign",
            "tasks": [t.pk for t in duties],
            "lead_unit": world.office_b.pk,
            "coordinating_units": [world.village.pk],
        },
    )
    assert response.status_code == 302
    for t in duties:
        t.refresh_from_db()
        assert t.lead_unit == world.office_b
        assert list(t.coordinating_units.all()) == [world.village]


def test_it_asks_for_a_unit_to_reassign_to(world: World, draft_plan: Plan) -> None:
    task = draft_plan.tasks.get()
    response = world.client(world.chairman).post(
        f"/can-bo/ke-hoach/{draft_plan.pk}/soat-xet/nhiem-vu/",
        {"action": "reassign", "tasks": [task.pk]},
    )
    assert response.status_code == 400
    assert "Chọn đơn vị chủ trì" in response.content.decode()


def test_it_refuses_the_review_tools_elsewhere(world: World, plan: Plan, task: Task) -> None:
    url = f"/can-bo/ke-hoach/{plan.pk}/soat-xet/nhiem-vu/"
    data = {"action": "reassign", "tasks": [task.pk], "lead_unit": world.office_b.pk}
    assert world.client(world.chairman).get(url).status_code == 405
    assert world.client(world.chairman).post(url, data).status_code == 403  # issued: no draft
    with pytest.raises(DomainError, match="dự thảo"):
        services.tasks_merge(plan=plan, tasks=[task, task], by=None)
    task.refresh_from_db()
    assert task.lead_unit == world.office_a


@pytest.mark.parametrize("persona", ["officer_b", "readonly_a", "front"])
def test_it_refuses_the_review_to_who_does_not_keep_the_plan(
    world: World, draft_plan: Plan, persona: str
) -> None:
    task = draft_plan.tasks.get()
    response = world.client(getattr(world, persona)).post(
        f"/can-bo/ke-hoach/{draft_plan.pk}/soat-xet/nhiem-vu/",
        {"action": "reassign", "tasks": [task.pk], "lead_unit": world.office_b.pk},
    )
    assert response.status_code == 403
    assert Task.objects.get(pk=task.pk).lead_unit == world.office_a


# --- the plan's lead unit keeps it ------------------------------------------------------------


def test_it_lets_the_plans_lead_unit_edit_it_and_add_tasks(world: World, plan: Plan) -> None:
    c = world.client(world.officer_a)
    page = c.get(f"/can-bo/ke-hoach/{plan.pk}/sua/")
    assert page.status_code == 200 and "lead_unit" not in page.context["form"].fields
    response = c.post(
        f"/can-bo/ke-hoach/{plan.pk}/nhiem-vu/them/",
        {
            "title": "Tổ chức hội nghị",
            "lead_unit": world.office_b.pk,
            "recurrence": "once",
            "due_date": "2026-12-01",
        },
    )
    assert response.status_code == 302
    assert plan.tasks.filter(title="Tổ chức hội nghị").exists()
    other = world.client(world.officer_b)
    assert other.get(f"/can-bo/ke-hoach/{plan.pk}/nhiem-vu/them/").status_code == 403
    # Closing is the leaders' step.
    assert c.post(f"/can-bo/ke-hoach/{plan.pk}/trang-thai/closed/").status_code == 403
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.ISSUED


# --- danvan plan-import -----------------------------------------------------------------------


def _command(*args: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("plan-import", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@time_machine.travel(JUNE, tick=False)
def test_it_imports_from_the_command_line_as_the_page_does(
    world: World, seed_units: dict[str, Unit]
) -> None:
    data = _command(str(SEED), "--commune", "06079")
    plan = Plan.objects.get(pk=data["plan_id"])
    assert (data["status"], plan.status) == ("draft", Plan.Status.DRAFT)
    assert data["tasks"] == plan.tasks.count() >= 35
    assert "Số văn bản còn để trống (Số: …/KH-UBND)." in data["warnings"]
    assert plan.lead_unit == seed_units["vhxh"]
    issued = _command(
        str(SEED), "--commune", "06079", "--issue", "--number", "75", "--issued-on", "2026-04-15"
    )
    assert issued["status"] == "issued"
    assert Plan.objects.get(pk=issued["plan_id"]).reference == "75/KH-UBND"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--commune", "99999"], "Không có xã nào mang mã 99999."),
        (["--commune", "06079", "--issue"], "Văn bản chưa có số"),
        (["--commune", "06079", "--issue", "--number", "75"], "chưa có ngày ban hành"),
        (
            ["--commune", "06079", "--issue", "--number", "75", "--issued-on", "15/04/2026"],
            "Ngày không hợp lệ",
        ),
    ],
)
def test_it_refuses_from_the_command_line_in_one_vietnamese_line(
    world: World, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        call_command("plan-import", str(SEED), *args)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    assert not Plan.objects.exists()


def test_it_refuses_a_file_that_is_no_plan(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "anh.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(SystemExit) as exit_:
        call_command("plan-import", str(bad), "--commune", "06079")
    assert exit_.value.code == 2
    assert "không phải văn bản UTF-8" in capsys.readouterr().err
    assert not Plan.objects.exists()


def test_it_links_a_duty_s_footnote_to_the_plan_page(world: World) -> None:
    result = plan_import(
        parsed=planparse.parse_text(SEED.read_text(encoding="utf-8")),
        commune=world.commune,
        by=world.chairman,
    )
    duty = result.plan.tasks.get(description__contains="“Dân vận khéo”[^1]")
    page = world.client(world.chairman).get(f"/can-bo/nhiem-vu/{duty.pk}/").content.decode()
    assert "[^1]" not in page
    href = f"/can-bo/ke-hoach/{result.plan.pk}/#chu-thich-1"
    assert f'<sup><a href="{href}" aria-label="Chú thích 1">1</a></sup>' in page
