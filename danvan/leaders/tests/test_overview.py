"""Issue 12, item 6: one overview for leaders across every app (leaders.overview.compose, the
page, `danvan overview`), checked against data whose every number is known.

Today is Monday 15/06/2026; the period is the year 2026 unless a test says otherwise.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from danvan.conftest import World
from danvan.consultations.models import Consultation
from danvan.core.figures import CORE_KEYS, counts
from danvan.core.models import Unit, User
from danvan.decisions.models import CommunityDecision, MatterItem
from danvan.disclosures.models import Category, Channel, Disclosure, Posting
from danvan.leaders.overview import SECTIONS, compose
from danvan.petitions.models import Petition, ReceptionSession
from danvan.plans import services as plan_services
from danvan.plans.models import Plan, Recurrence, Task
from danvan.supervision.models import Activity, Board, Recommendation, SubjectKind

TODAY = date(2026, 6, 15)
NOW = "2026-06-15 09:00 +0700"
Status = Petition.Status


def petition(world: World, n: int, received: date, **fields: Any) -> Petition:
    fields.setdefault("commune", world.commune)
    return Petition.objects.create(
        year=received.year,
        number=n,
        tracking_code=f"T{n:09d}",
        channel=Petition.Channel.POST,
        kind=fields.pop("kind", "complaint"),
        subject=f"Đơn thử số {n}",
        content="…",
        received_on=received,
        **fields,
    )


@dataclass
class Book:
    open_late: Petition
    done_late: Petition


@pytest.fixture
def book(world: World) -> Book:
    """Five petitions of the period (one carried over from 2025), one outside it, one of
    another commune: 1 late and open, 1 closed on time, 1 closed late, 1 paused past its due
    day (its clock stopped), 1 open and not yet due."""
    v, a, b = world.village, world.office_a, world.office_b
    petition(world, 1, date(2026, 2, 1), status=Status.RESOLVED, village=v, handling_unit=a,
             due_on=date(2026, 3, 1), closed_on=date(2026, 2, 20), closed_on_time=True)  # fmt: skip
    open_late = petition(world, 2, date(2026, 3, 1), status=Status.ACCEPTED, village=v,
                         handling_unit=a, handler=world.officer_a, due_on=date(2026, 5, 1))  # fmt: skip
    petition(world, 3, date(2026, 4, 1), status=Status.PAUSED, due_on=date(2026, 5, 1))
    petition(world, 4, date(2025, 11, 1), status=Status.ACCEPTED, due_on=date(2026, 7, 1))
    petition(world, 5, date(2025, 10, 1), status=Status.RESOLVED, closed_on=date(2025, 12, 1),
             closed_on_time=True)  # fmt: skip
    done_late = petition(world, 6, date(2026, 5, 1), kind="reflection", status=Status.RESOLVED,
                         village=v, handling_unit=b, due_on=date(2026, 5, 20),
                         closed_on=date(2026, 6, 1), closed_on_time=False)  # fmt: skip
    petition(world, 7, date(2026, 3, 1), commune=world.other_commune, status=Status.ACCEPTED,
             due_on=date(2026, 4, 1))  # fmt: skip
    return Book(open_late=open_late, done_late=done_late)


def year(world: World, **scope: Any) -> dict[str, dict[str, Any]]:
    """The commune's overview of 2026 as it stands today (every part, or a slice)."""
    return compose(
        communes=[world.commune.pk], start=date(2026, 1, 1), end=date(2026, 12, 31), on=TODAY,
        **scope,
    )  # fmt: skip


def core(part: dict[str, Any]) -> dict[str, Any]:
    return {k: part[k] for k in (*CORE_KEYS, "on_time_rate", "small")}


# --- the rate ---------------------------------------------------------------------------------


def test_it_counts_open_overdue_items_in_the_rate_and_marks_small_samples() -> None:
    # 3 done on time, 1 done late, 2 open and late: 3 / (4 + 2), not 3 / 4.
    row = counts({"done": 4, "done_on_time": 3, "late": 2})
    assert (row["on_time_rate"], row["small"]) == (50, False)
    few = counts({"done": 2, "done_on_time": 2, "late": 1})
    assert (few["on_time_rate"], few["small"]) == (67, True)
    assert counts({})["on_time_rate"] is None
    assert counts({"done": 9, "done_on_time": 9}, rated=False)["on_time_rate"] is None


# --- each app's numbers -----------------------------------------------------------------------


def test_a_late_open_petition_counts_in_late_and_lowers_the_rate(world: World, book: Book) -> None:
    part = year(world)["petitions"]
    assert core(part) == {
        "total": 5, "new": 4, "carried": 1, "open": 3, "late": 1, "done": 2,
        "done_on_time": 1, "done_late": 1, "on_time_rate": 33, "small": True,
    }  # fmt: skip
    assert [(i["title"], i["owner"], i["due"], i["days_late"]) for i in part["late_items"]] == [
        ("Đơn 2/2026: Đơn thử số 2", "Officer_A", "2026-05-01", 45)
    ]
    extra = {e["key"]: e["value"] for e in part["extra"]}
    assert (extra["complaint"], extra["reflection"]) == (3, 1)  # received in 2026
    months = {m["month"]: (m["new"], m["done"], m["late"]) for m in part["by_month"]}
    assert months["2026-02"] == (1, 1, 0)
    assert months["2026-05"] == (1, 0, 2)  # due in May: no. 2 still open, no. 6 closed late
    assert months["2026-06"] == (0, 1, 0)
    assert list(months) == [f"2026-{m:02d}" for m in range(1, 7)]  # up to today


def test_closing_the_late_petition_on_time_raises_the_rate(world: World, book: Book) -> None:
    before = year(world)["petitions"]["on_time_rate"]
    Petition.objects.filter(pk=book.open_late.pk).update(
        status=Status.RESOLVED, closed_on=date(2026, 4, 30), closed_on_time=True
    )
    after = year(world)["petitions"]
    assert (before, after["on_time_rate"], after["late"]) == (33, 67, 0)


def test_it_judges_the_figures_on_the_day_asked(world: World, book: Book) -> None:
    """On 15/04/2026 no. 2 was open and not yet due, no. 6 not yet received."""
    part = compose(
        communes=[world.commune.pk], start=date(2026, 1, 1), end=date(2026, 12, 31),
        on=date(2026, 4, 15),
    )["petitions"]  # fmt: skip
    assert (part["total"], part["late"], part["done"]) == (4, 0, 1)


def test_a_draft_plans_tasks_count_nowhere(world: World, draft_plan: Plan, plan: Plan) -> None:
    plan_services.task_create(
        plan=plan, by=world.chairman, title="Báo cáo quý I", lead_unit=world.office_b,
        recurrence=Recurrence.ONCE, start_date=date(2026, 1, 5), due_date=date(2026, 5, 29),
    )  # fmt: skip
    done = plan_services.task_create(
        plan=plan, by=world.chairman, title="Hội nghị triển khai", lead_unit=world.office_a,
        recurrence=Recurrence.ONCE, start_date=date(2026, 1, 5), due_date=date(2026, 3, 31),
    )  # fmt: skip
    Task.objects.filter(pk=done.pk).update(done_on=date(2026, 3, 20), next_due=None)
    part = year(world)["plan"]
    # The draft's duty (due 27/02/2026) would be a third task, late since February.
    assert core(part) == {
        "total": 2, "new": 2, "carried": 0, "open": 1, "late": 1, "done": 1,
        "done_on_time": 1, "done_late": 0, "on_time_rate": 50, "small": True,
    }  # fmt: skip
    assert [(i["title"], i["owner"]) for i in part["late_items"]] == [("Báo cáo quý I", "VP")]
    with time_machine.travel(NOW, tick=False):
        plan_services.plan_issue(
            plan=draft_plan, number="15", issued_on=date(2026, 1, 5), by=world.chairman
        )
    assert year(world)["plan"]["late"] == 2


def test_disclosures_count_the_first_posting_against_the_start_deadline(world: World) -> None:
    board = Channel.objects.get(slug="tru-so-ubnd")
    village_board = Channel.objects.get(slug="nha-van-hoa-thon")
    category = Category.objects.get(number=1)

    def disclosure(title: str, decided: date, due: date) -> Disclosure:
        return Disclosure.objects.create(
            commune=world.commune, category=category, title=title, content="…",
            decided_on=decided, start_due=due, responsible_unit=world.office_b,
        )  # fmt: skip

    on_time = disclosure("Dự toán ngân sách", date(2026, 3, 2), date(2026, 3, 9))
    Posting.objects.create(disclosure=on_time, channel=board, start_on=date(2026, 3, 5))
    disclosure("Quy hoạch sử dụng đất", date(2026, 5, 4), date(2026, 5, 11))  # never posted
    late = disclosure("Mức thu quỹ", date(2026, 6, 1), date(2026, 6, 8))
    Posting.objects.create(
        disclosure=late, channel=village_board, village=world.village, start_on=date(2026, 6, 10)
    )
    part = year(world)["disclosures"]
    assert (part["total"], part["done"], part["done_on_time"], part["late"]) == (3, 2, 1, 1)
    assert part["on_time_rate"] == 33
    assert [(i["title"], i["owner"]) for i in part["late_items"]] == [
        ("Quy hoạch sử dụng đất", "VP")
    ]
    village = year(world, villages=[world.village.pk])
    assert core(village["disclosures"])["total"] == 1
    assert village["disclosures"]["done_late"] == 1


def test_reception_counts_the_chairmans_weeks(world: World) -> None:
    """June 2026 up to Monday 15/06: the week of 01/06 kept (a day on 03/06), the week of 08/06
    missed, the week of 15/06 still running (Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d)."""
    ReceptionSession.objects.create(
        commune=world.commune, kind=ReceptionSession.Kind.CHAIRMAN, held_on=date(2026, 6, 3),
        host=world.chairman,
    )  # fmt: skip
    part = compose(communes=[world.commune.pk], start=date(2026, 6, 1), end=date(2026, 6, 30),
                   on=TODAY)["reception"]  # fmt: skip
    assert (part["total"], part["done"], part["late"], part["open"]) == (3, 1, 1, 2)
    assert [i["due"] for i in part["late_items"]] == ["2026-06-14"]
    assert "Điều 15 khoản 2 điểm d" in part["note"]
    assert {e["key"]: e["value"] for e in part["extra"]}["sessions"] == 1


def test_supervision_decisions_and_consultations(world: World) -> None:
    kind = SubjectKind.objects.first()
    assert kind is not None
    board = Board.objects.create(
        commune=world.commune, kind=Board.Kind.INSPECTION, name="Ban TTND xã",
        organiser=world.front_unit, term_start=date(2024, 1, 1),
    )  # fmt: skip
    activity = Activity.objects.create(
        commune=world.commune, board=board, subject_kind=kind, subject="Đường thôn",
        started_on=date(2026, 3, 20), ended_on=date(2026, 3, 25), method="site", findings="…",
        created_by=world.front,
    )  # fmt: skip

    def recommendation(n: int, received: date, due: date, **fields: Any) -> None:
        Recommendation.objects.create(
            commune=world.commune, activity=activity, year=2026, number=n, title=f"Kiến nghị {n}",
            content="…", addressed_to="UBND xã", sent_on=received, received_on=received,
            due_on=due, created_by=world.front, **fields,
        )  # fmt: skip

    recommendation(1, date(2026, 4, 1), date(2026, 4, 16), answered_on=date(2026, 4, 10))
    recommendation(2, date(2026, 5, 1), date(2026, 5, 16), owner_unit=world.office_a)

    def decision(title: str, **fields: Any) -> CommunityDecision:
        d = CommunityDecision.objects.create(
            commune=world.commune, item=MatterItem.objects.get(number=4), title=title,
            content="…", scope="village", form="meeting", **fields,
        )  # fmt: skip
        d.villages.add(world.village)
        return d

    S = CommunityDecision.Status
    decision("Chưa gửi biên bản", status=S.VOTING, voted_until=date(2026, 5, 4),
             send_due=date(2026, 5, 11))  # fmt: skip
    decision("Đã công nhận", status=S.RECOGNISED, voted_until=date(2026, 3, 2),
             send_due=date(2026, 3, 9), sent_on=date(2026, 3, 5), recognise_due=date(2026, 3, 12),
             recognised_on=date(2026, 3, 10), outcome="passed")  # fmt: skip
    Consultation.objects.create(
        commune=world.commune, title="Dự thảo quy chế", lead_unit=world.office_a,
        opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 25), published_on=date(2026, 4, 1),
        status=Consultation.Status.PUBLISHED,
    )  # fmt: skip
    Consultation.objects.create(
        commune=world.commune, title="Dự thảo hương ước", lead_unit=world.office_a,
        opens_on=date(2026, 6, 1), closes_on=date(2026, 6, 30), status=Consultation.Status.OPEN,
    )  # fmt: skip
    parts = year(world)
    sup, dec, con = parts["supervision"], parts["decisions"], parts["consultations"]
    assert (sup["total"], sup["done_on_time"], sup["late"], sup["on_time_rate"]) == (2, 1, 1, 50)
    assert [(i["title"], i["owner"]) for i in sup["late_items"]] == [
        ("Kiến nghị số 2/2026: Kiến nghị 2", "Phòng VH-XH")
    ]
    assert (dec["total"], dec["done_on_time"], dec["late"]) == (2, 1, 1)
    assert [i["owner"] for i in dec["late_items"]] == ["Trưởng thôn: gửi biên bản"]
    assert {e["key"]: e["value"] for e in dec["extra"]}["passed"] == 1
    # The law sets no time for publishing the result: nothing late, no rate, and it says so.
    assert (con["total"], con["done"], con["late"], con["on_time_rate"]) == (2, 1, 0, None)
    assert "Điều 28" in con["note"]


# --- slices and permissions -------------------------------------------------------------------


def test_each_unit_and_village_sees_its_slice(world: World, book: Book) -> None:
    def part(**scope: Any) -> dict[str, Any]:
        return year(world, **scope)

    office_a = part(units=[world.office_a.pk], viewer=world.officer_a)
    assert (office_a["petitions"]["total"], office_a["petitions"]["late"]) == (2, 1)
    assert len(office_a["petitions"]["late_items"]) == 1  # his unit's case: he may open it
    assert "reception" not in office_a  # the register is the desk's
    desk = part(units=[world.office_b.pk], viewer=world.officer_b)
    assert desk["petitions"]["total"] == 5 and "reception" in desk  # it keeps the book
    village = part(villages=[world.village.pk], viewer=world.village_head)
    assert (village["petitions"]["total"], village["petitions"]["late"]) == (3, 1)
    assert village["petitions"]["late_items"] == []  # counts only: he opens no petition
    assert "reception" not in village and "decisions" in village


def _page(user: User, query: str = "") -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.get(reverse("leaders:overview") + query)


@time_machine.travel(NOW, tick=False)
def test_the_page_shows_each_persona_its_slice(world: World, book: Book) -> None:
    chairman = _page(world.chairman)
    assert chairman.context["scope"].label == "Toàn xã"
    assert chairman.context["parts"]["petitions"]["late"] == 1
    body = chairman.content.decode()
    assert "Đơn 2/2026: Đơn thử số 2" in body and "trễ 45 ngày" in body
    assert 'id="overview-months"' in body and "<script>" not in body  # data, no inline script
    officer = _page(world.officer_a)
    assert officer.context["scope"].label == "Đơn vị: Phòng VH-XH"
    head = _page(world.village_head).content.decode()
    assert "Thôn Đoàn Kết" in head
    assert "Đơn thử số 2" not in head  # a petition's subject is not his to read
    assert "Nội dung các việc này chỉ người có trách nhiệm xử lý mới xem được." in head


@time_machine.travel(NOW, tick=False)
def test_the_province_viewer_compares_communes_fairly(world: World, book: Book) -> None:
    cache.clear()  # the comparison is kept a few minutes per process
    second = Unit.objects.create(
        kind=Unit.Kind.COMMUNE, name="Xã Bắc Sơn", code="06080", parent=world.province
    )
    for n in range(10, 16):  # six cases closed on time: a rate that can be ranked
        petition(world, n, date(2026, 2, 1), commune=second, status=Status.RESOLVED,
                 due_on=date(2026, 3, 1), closed_on=date(2026, 2, 10), closed_on_time=True)  # fmt: skip
    page = _page(world.province_viewer, "?xep=petitions")
    assert page.status_code == 200
    rows = {r["name"]: r for r in page.context["rows"]}
    assert set(rows) == {"Xã Hồng Phong", "Xã Bắc Sơn"}
    assert [r["name"] for r in page.context["rows"]] == ["Xã Bắc Sơn", "Xã Hồng Phong"]
    assert rows["Xã Bắc Sơn"]["rank"] == 1 and "rank" not in rows["Xã Hồng Phong"]
    body = page.content.decode()
    assert "n &lt; 5</span> (33%)" in body  # Hồng Phong: 3 rated cases, shown, not ranked
    assert "tính lúc 09:00" in body  # when it was counted (it is kept a few minutes)
    petition(world, 20, date(2026, 6, 1), commune=second, status=Status.ACCEPTED,
             due_on=date(2026, 6, 10))  # fmt: skip
    kept = _page(world.province_viewer, "?xep=petitions").context["rows"]
    assert {r["name"]: r["line"][1][1]["late"] for r in kept}["Xã Bắc Sơn"] == 0
    cache.clear()
    fresh = _page(world.province_viewer, "?xep=petitions").context["rows"]
    assert {r["name"]: r["line"][1][1]["late"] for r in fresh}["Xã Bắc Sơn"] == 1
    one = _page(world.province_viewer, f"?xa={world.commune.pk}")
    assert one.context["scope"].label == "Toàn xã"
    assert one.context["parts"]["petitions"]["late_items"] == []  # statistics only


@time_machine.travel(NOW, tick=False)
def test_bad_periods_are_refused_in_vietnamese(world: World) -> None:
    cases = {
        "?tu=31/02/2026&den=30/06/2026": "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm.",
        "?tu=30/06/2026&den=01/01/2026": "“Đến ngày” không được trước “Từ ngày”.",
        "?tu=01/01/2026": "Nhập cả “Từ ngày” và “Đến ngày”, hoặc để trống cả hai.",
        "?nam=99999": "Năm phải từ 2000 đến 2100.",
        "?ky=quy-5": "Kỳ không hợp lệ: chọn cả năm, 6 tháng hoặc một tháng.",
        "?tu=01/01/2020&den=31/12/2026": "Khoảng thời gian dài nhất là 3 năm.",
    }
    for query, message in cases.items():
        response = _page(world.chairman, query)
        assert response.status_code == 400, query
        assert message in response.content.decode(), query
    ok = _page(world.chairman, "?tu=01/01/2026&den=30/06/2026")
    assert ok.status_code == 200
    assert ok.context["period_label"] == "từ 01/01/2026 đến 30/06/2026"
    assert _page(world.chairman, "?nam=2026&ky=6-thang-dau").context["end"] == date(2026, 6, 30)


# --- the command --------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_the_command_prints_the_keys_and_the_pages_numbers(world: World, book: Book) -> None:
    out = io.StringIO()
    call_command("overview", "--commune", "06079", "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert set(printed) == {"commune", "on", "start", "end", *SECTIONS}
    assert (printed["start"], printed["end"], printed["on"]) == (
        "2026-01-01",
        "2026-06-15",
        "2026-06-15",
    )
    page = _page(world.chairman, "?tu=01/01/2026&den=15/06/2026").context["parts"]
    for key in page:
        shown = page[key]
        assert core(printed[key]) == core(shown), key
        assert printed[key]["extra"] == shown["extra"], key
        assert printed[key]["by_month"] == [
            {k: m[k] for k in ("month", "new", "done", "late")} for m in shown["by_month"]
        ], key
        assert [i["title"] for i in printed[key]["late_items"]] == [
            i["title"] for i in shown["late_items"]
        ], key
    assert printed["petitions"]["late"] == 1
    text = io.StringIO()
    call_command("overview", "--commune", "06079", "--on", "2026-06-15", stdout=text)
    assert "Đơn thư: 5 đơn (mới 4, kỳ trước chuyển sang 1)" in text.getvalue()


def test_the_command_refuses_an_unknown_commune(world: World) -> None:
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("overview", "--commune", "99999", stderr=err)
    assert exit_.value.code == 2
    assert err.getvalue().strip() == "Không có xã nào mang mã 99999."


@time_machine.travel(NOW, tick=False)
def test_the_page_keeps_its_figures_until_the_communes_records_change(
    world: World, book: Book
) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danvan.core.audit import log_action

    client = Client()
    client.force_login(world.chairman)
    url = reverse("leaders:overview")

    def late() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            parts = client.get(url).context["parts"]
        return parts["petitions"]["late"], len(queries)

    counted, first = late()
    again, kept = late()
    assert counted == again == 1 and kept < first - 10  # counted once, then kept
    # Another commune's write keeps it; a write of this commune (every service logs an entry)
    # has it counted again, in the same request.
    other = petition(world, 8, date(2026, 3, 1), commune=world.other_commune)
    log_action(other, "petition.receive", by=world.chairman)
    assert late() == (1, kept)
    Petition.objects.filter(pk=book.open_late.pk).update(
        status=Status.RESOLVED, closed_on=TODAY, closed_on_time=False
    )
    log_action(book.open_late, "petition.resolve", by=world.officer_a)
    now_late, recounted = late()
    assert now_late == 0 and recounted > kept


@time_machine.travel(NOW, tick=False)
def test_a_write_counts_again_only_the_parts_of_the_apps_it_touched(
    world: World, book: Book, task: Task
) -> None:
    """Each app's parts are kept by the newest entry of that app's records (and of core's):
    after a petition's write the petitions' part is counted again and the plan's is not, and
    the other way round; a unit's change (core) has every part counted again; the voters'
    part reads the promises' records, so a promise's write counts it again."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danvan.core.audit import log_action

    client = Client()
    client.force_login(world.chairman)
    url = reverse("leaders:overview")

    def read() -> tuple[dict[str, Any], str]:
        with CaptureQueriesContext(connection) as queries:
            parts = client.get(url).context["parts"]
        return parts, " ".join(q["sql"] for q in queries.captured_queries)

    counted, sql = read()
    assert counted["plan"]["total"] == 1 and "plans_task" in sql and "voters_" in sql
    assert "petitions_petition" not in read()[1]  # kept

    Petition.objects.filter(pk=book.open_late.pk).update(
        status=Status.RESOLVED, closed_on=TODAY, closed_on_time=False
    )
    log_action(book.open_late, "petition.resolve", by=world.officer_a)
    parts, sql = read()
    assert parts["petitions"]["late"] == 0 and parts["plan"] == counted["plan"]
    assert "petitions_petition" in sql and "plans_task" not in sql and "voters_" not in sql

    Task.objects.filter(pk=task.pk).update(title="Đổi tên nhiệm vụ")
    log_action(task, "plans.task_updated", by=world.chairman)
    sql = read()[1]
    assert "plans_task" in sql and "petitions_petition" not in sql

    world.office_a.name = "Phòng Văn hóa - Xã hội (mới)"
    world.office_a.save()
    log_action(world.office_a, "core.unit_updated", by=world.admin)
    sql = read()[1]
    assert "plans_task" in sql and "petitions_petition" in sql and "voters_" in sql

    from danvan.promises import services as promises
    from danvan.promises.models import Source

    promises.promise_create(
        commune=world.commune, source=Source.DIALOGUE, source_label="Hội nghị đối thoại",
        owner_unit=world.office_a, made_on=date(2026, 3, 12), due_on=date(2026, 9, 30),
        by=world.chairman, title="Làm lại đường vào thôn",
    )  # fmt: skip
    sql = read()[1]
    assert "promises_promise" in sql and "voters_" in sql  # the voters' part reads promises
    assert "dialogues_" not in sql and "petitions_petition" not in sql


def test_a_value_kept_by_apps_moves_with_their_writes_and_cores_only(world: World) -> None:
    """`kept(apps=…)`: a value that reads the plans' records is counted again after a write of
    a plan's record or of a unit (core), an entry without a commune counting for every
    commune; a write of the petitions' app, or of another commune, leaves it kept."""
    from danvan.core.audit import log_action
    from danvan.core.cache import kept

    counted: list[int] = []

    def read() -> None:
        kept(
            "test:apps", world.commune.pk, lambda: counted.append(1) or len(counted), apps=["plans"]
        )

    plan = Plan(commune=world.commune, pk=1, year=2026, title="Kế hoạch dân vận")  # not saved:
    petition = Petition(commune=world.commune, pk=1)  # the entries are what counts
    read()
    read()
    assert len(counted) == 1
    log_action(petition, "petitions.received", by=world.admin)
    read()
    log_action(plan, "plans.plan_created", by=world.admin, commune=world.other_commune)
    read()
    assert len(counted) == 1
    log_action(plan, "plans.plan_created", by=world.admin)
    read()
    assert len(counted) == 2
    log_action(world.office_a, "units.renamed", by=world.admin, commune=world.commune)
    read()
    assert len(counted) == 3
    log_action(plan, "plans.plan_created", by=world.admin, commune=None)
    read()
    assert len(counted) == 4
