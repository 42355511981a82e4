"""The reception and complaint rules that are rows (LawRule), with the article each checks, and
what the end of the district level (01/07/2025) changes for the commune.

Time is frozen on Thursday 05/11/2026 unless a test travels elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.conftest import World
from danvan.core.calendar import forget_calendar, work_calendar
from danvan.core.deadlines import due
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, CalendarDay
from danvan.petitions import reception, rules, services
from danvan.petitions.models import (
    LawRule,
    Petition,
    PetitionEvent,
    PetitionKind,
    ReceptionSession,
    Visit,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 11, 5)
Code = LawRule.Code


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    rules.forget_rules()
    with time_machine.travel(datetime(2026, 11, 5, 9, tzinfo=TZ), tick=False):
        yield
    rules.forget_rules()


def row(code: str) -> LawRule:
    return LawRule.objects.get(code=code)


def session(world: World, **extra: object) -> ReceptionSession:
    fields: dict[str, object] = {
        "commune": world.commune,
        "by": world.officer_b,
        "kind": ReceptionSession.Kind.REGULAR,
        "held_on": TODAY,
        "host": world.officer_b,
    }
    fields.update(extra)
    return reception.session_create(**fields)  # type: ignore[arg-type]


def visit(world: World, people: int, representatives: str = "") -> Visit:
    return reception.visit_create(
        session=session(world),
        by=world.officer_b,
        visited_on=TODAY,
        kind=PetitionKind.RECOMMENDATION,
        name="Đinh Văn Sơn",
        content="Kiến nghị sửa đường bê tông liên thôn.",
        people=people,
        representatives=representatives,
    )


def names(n: int) -> str:
    return "\n".join(f"Người đại diện {i}" for i in range(1, n + 1))


# --- the rows and their sources ---------------------------------------------------------------


def test_it_ships_the_group_rule_of_luat_tiep_cong_dan_2013_article_29(db: None) -> None:
    """Luật Tiếp công dân 2013, Điều 29: from five to ten people one or two representatives,
    more than ten at most five."""
    values = {c: row(c).number for c in (Code.GROUP_SIZE, Code.SMALL_GROUP_UP_TO)}
    values |= {
        c: row(c).number
        for c in (Code.SMALL_GROUP_REPRESENTATIVES, Code.LARGE_GROUP_REPRESENTATIVES)
    }
    assert values == {
        Code.GROUP_SIZE: 5,
        Code.SMALL_GROUP_UP_TO: 10,
        Code.SMALL_GROUP_REPRESENTATIVES: 2,
        Code.LARGE_GROUP_REPRESENTATIVES: 5,
    }
    assert all("Luật Tiếp công dân 2013" in row(c).source for c in values)
    assert all("Điều 29" in row(c).source and row(c).verified for c in values)


def test_it_ships_the_chairmans_day_a_week_of_article_15_2_d(db: None) -> None:
    """Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d: at least one day a week."""
    rule = row(Code.CHAIRMAN_DAYS)
    assert (rule.number, rule.verified) == (1, True)
    assert rule.source.endswith("Điều 15 khoản 2 điểm d")


def test_it_ships_the_second_complaint_body_unverified_and_never_a_district(db: None) -> None:
    """Luật Khiếu nại 2011, Điều 18 khoản 2 gave the second instance to the district chairman;
    no district since 01/07/2025, and the text naming the body that replaced it was not read."""
    rule = row(Code.SECOND_COMPLAINT_BODY)
    assert rule.verified is False and rule.source.startswith("CHƯA KIỂM CHỨNG")
    assert rule.effective_from == date(2025, 7, 1)
    assert "huyện" not in rule.body.lower()
    rule.body = "Chủ tịch UBND huyện Cao Lộc"
    with pytest.raises(ValidationError, match="không còn cấp huyện"):
        rule.full_clean()


def test_it_prints_the_rows_in_force_for_danvan_law(db: None) -> None:
    found = rules.law_in_force(TODAY)["petition_rules"]
    by_code = {r["code"]: r for r in found}
    assert by_code["doan-dong-nguoi"]["number"] == 5
    assert by_code["khieu-nai-lan-2"]["verified"] is False
    assert set(by_code["chu-tich-tiep-moi-tuan"]) == {
        "code",
        "name",
        "number",
        "body",
        "verified",
        "source",
        "effective_from",
        "effective_to",
    }
    # Nothing about a second complaint before the district level ended.
    assert "khieu-nai-lan-2" not in {
        r["code"] for r in rules.law_in_force(date(2025, 6, 30))["petition_rules"]
    }


# --- the group of five (Luật Tiếp công dân 2013, Điều 29) -------------------------------------


def test_four_people_need_no_representative_art_29(world: World) -> None:
    assert not visit(world, 4).is_group


def test_five_people_must_name_representatives_art_29(world: World) -> None:
    with pytest.raises(DomainError, match="Đoàn từ 5 người trở lên phải cử người đại diện"):
        visit(world, 5)
    assert Visit.objects.count() == 0
    assert visit(world, 5, names(2)).is_group


@pytest.mark.parametrize(("people", "allowed"), [(5, 2), (10, 2), (11, 5), (40, 5)])
def test_it_caps_the_representatives_of_article_29(world: World, people: int, allowed: int) -> None:
    """Luật TCD 2013, Điều 29: 5–10 people → one or two; more than ten → at most five."""
    assert visit(world, people, names(allowed)).representatives.count("\n") == allowed - 1
    with pytest.raises(DomainError, match=f"cử không quá {allowed} người đại diện"):
        visit(world, people, names(allowed + 1))


def test_an_administrator_changes_the_group_rule_without_code_art_29(world: World) -> None:
    rule = row(Code.GROUP_SIZE)
    rule.number = 3
    rule.save()
    with pytest.raises(DomainError, match="Đoàn từ 3 người"):
        visit(world, 3)


def test_the_visit_page_refuses_too_many_representatives_in_vietnamese(world: World) -> None:
    s = session(world)
    r = world.client(world.officer_b).post(
        reverse("petitions:visit_create", args=[s.pk]),
        {
            "visited_on": "2026-11-05",
            "kind": "recommendation",
            "name": "Đinh Văn Sơn",
            "content": "Kiến nghị sửa đường bê tông liên thôn bị lún.",
            "people": "7",
            "representatives": names(3),
            "competent": "on",
        },
    )
    page = r.content.decode()
    assert r.status_code == 400 and "Đoàn 7 người cử không quá 2 người đại diện" in page
    assert "Kiến nghị sửa đường bê tông" in page and Visit.objects.count() == 0
    form = world.client(world.officer_b).get(reverse("petitions:visit_create", args=[s.pk]))
    assert "trên 10 người không quá 5 người" in form.content.decode()


# --- the chairman's day (Luật Tiếp công dân 2013, Điều 15(2)(d)) ------------------------------


def test_the_chairmans_week_reads_its_days_from_the_row_art_15_2_d(world: World) -> None:
    session(world, kind=ReceptionSession.Kind.CHAIRMAN, host=world.chairman)
    week = reception.chairman_week(commune=world.commune, today=TODAY)
    assert (week.required, week.missing) == (1, False)
    rule = row(Code.CHAIRMAN_DAYS)
    rule.number = 2  # a province that asks more of its chairmen
    rule.save()
    week = reception.chairman_week(commune=world.commune, today=TODAY)
    assert (week.required, week.held_days, week.missing) == (2, 1, True)
    page = world.client(world.chairman).get(reverse("petitions:sessions")).content.decode()
    assert "chưa có đủ 2 buổi" in page and "Điều 15 khoản 2 điểm d" in page


# --- a second-instance complaint is not the commune's case ------------------------------------


def second_complaint(world: World, **extra: object) -> Petition:
    fields: dict[str, object] = {
        "commune": world.commune,
        "by": world.officer_b,
        "channel": Petition.Channel.POST,
        "kind": PetitionKind.COMPLAINT,
        "second_complaint": True,
        "subject": "Khiếu nại lần hai quyết định giải quyết khiếu nại của Chủ tịch UBND xã",
        "content": "Không đồng ý với quyết định giải quyết khiếu nại lần đầu.",
        "received_on": date(2026, 11, 3),
        "identity": {"name": "Lê Thị Hoa"},
    }
    fields.update(extra)
    return services.petition_receive(**fields)  # type: ignore[arg-type]


def test_a_second_complaint_is_forwarded_not_accepted_luat_khieu_nai_art_18(
    world: World,
) -> None:
    """Luật Khiếu nại 2011, Điều 18 khoản 2: the second instance against the commune
    chairman's decision was the district chairman's; with no district since 01/07/2025 it goes
    to the body an administrator sets, never to a 'huyện', and the commune runs no deadline."""
    p = second_complaint(world)
    assert (p.status, p.competent, p.closed_on, p.due_on, p.procedure) == (
        Petition.Status.FORWARDED,
        False,
        date(2026, 11, 3),
        None,
        "",
    )
    assert "chuyển đơn đến Chủ tịch Ủy ban nhân dân tỉnh" in p.outcome
    assert "huyện" not in p.outcome and "CHƯA KIỂM CHỨNG" not in p.outcome
    kinds = list(p.events.values_list("kind", "public"))
    assert kinds == [(PetitionEvent.Kind.RECEIVED, True), (PetitionEvent.Kind.FORWARDED, True)]
    entry = AuditEntry.objects.get(action="petitions.forwarded", object_id=str(p.pk))
    assert entry.changes["forwarded_to"] == "Chủ tịch Ủy ban nhân dân tỉnh"
    assert entry.changes["source"].startswith("CHƯA KIỂM CHỨNG")
    assert not Petition.objects.open().filter(pk=p.pk).exists()


def test_the_competent_body_is_the_row_an_administrator_sets(world: World) -> None:
    rule = row(Code.SECOND_COMPLAINT_BODY)
    rule.body = "Thanh tra tỉnh Lạng Sơn"
    rule.save()
    assert "chuyển đơn đến Thanh tra tỉnh Lạng Sơn" in second_complaint(world).outcome


def test_without_a_competent_body_the_intake_is_refused_and_nothing_saved(world: World) -> None:
    row(Code.SECOND_COMPLAINT_BODY).delete()
    with pytest.raises(DomainError, match="quản trị viên cần thêm"):
        second_complaint(world)
    assert Petition.objects.count() == 0


def test_an_old_second_complaint_still_open_cannot_be_accepted(world: World) -> None:
    """One received before this rule (status received, a khieu-nai-lan-2 deadline running)."""
    p = second_complaint(world)
    Petition.objects.filter(pk=p.pk).update(status=Petition.Status.RECEIVED, closed_on=None)
    p.refresh_from_db()
    with pytest.raises(DomainError, match="không thụ lý, chuyển đơn đến Chủ tịch Ủy ban"):
        services.petition_accept(petition=p, by=world.chairman, accepted_on=TODAY)
    p = services.petition_route(
        petition=p, by=world.chairman, outcome=Petition.Status.FORWARDED, on=TODAY
    )
    assert p.outcome == "Chuyển đơn đến Chủ tịch Ủy ban nhân dân tỉnh."


def test_the_intake_page_says_where_a_second_complaint_goes(world: World) -> None:
    c = world.client(world.officer_b)
    form = c.get(reverse("petitions:receive")).content.decode()
    assert "ghi là đã chuyển đến Chủ tịch Ủy ban nhân dân tỉnh" in form
    r = c.post(
        reverse("petitions:receive"),
        {
            "received_on": "2026-11-05",
            "channel": "in_person",
            "kind": "complaint",
            "second_complaint": "on",
            "topic": "land",
            "subject": "Khiếu nại lần hai về thu hồi đất",
            "content": "Không đồng ý quyết định giải quyết lần đầu.",
            "petitioner_name": "Hoàng Văn Nam",
            "signatories": "1",
        },
    )
    p = Petition.objects.get()
    assert r.status_code == 302 and p.status == Petition.Status.FORWARDED
    page = c.get(reverse("petitions:detail", args=[p.pk])).content.decode()
    assert "Đã chuyển đơn" in page and "Chủ tịch Ủy ban nhân dân tỉnh" in page


# --- 24/11: an administrator's calendar day ---------------------------------------------------


def test_an_administrator_can_make_24_11_a_working_day_with_a_calendar_day(db: None) -> None:
    """No law text read makes 24/11 (Ngày Văn hóa Việt Nam) a public holiday (Bộ luật Lao
    động 2019, Điều 112 lists none); the `holidays` package has it from 2026. A CalendarDay
    of kind 'working day' overrides it, and deadlines follow."""
    forget_calendar()
    day = date(2026, 11, 24)  # a Tuesday
    off = work_calendar().reason_off(day)
    start = date(2026, 11, 23)
    before, _rule = due("khieu-nai-lan-1", "thu-ly", start)
    CalendarDay.objects.create(
        date=day, kind=CalendarDay.Kind.WORKING_DAY, note="Không có văn bản quy định ngày nghỉ"
    )
    forget_calendar()
    try:
        assert work_calendar().is_working_day(day)
        after, _rule = due("khieu-nai-lan-1", "thu-ly", start)
        # The library's holiday gone, the 10 working days from Monday 23/11 end a day sooner.
        assert (off, before.due, after.due) == (
            "Ngày Văn hóa Việt Nam",
            date(2026, 12, 8),
            date(2026, 12, 7),
        )
    finally:
        forget_calendar()
