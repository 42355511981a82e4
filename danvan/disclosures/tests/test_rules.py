"""Each legal rule of disclosure, with its article (Luật THDCCS 2022 = Luật số 10/2022/QH15)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.apps import apps

from danvan.conftest import World
from danvan.core.calendar import forget_calendar
from danvan.core.models import CalendarDay, DeadlineRule
from danvan.disclosures import services
from danvan.disclosures.models import Category, Channel
from danvan.disclosures.rules import (
    LATE,
    LOUDSPEAKER,
    PROOF,
    SHORT,
    STALE,
    law_in_force,
    review,
)
from danvan.disclosures.tests.helpers import channel, disclosure, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    """The work calendar is cached per process: each test starts from the database's."""
    forget_calendar()
    yield
    forget_calendar()


def test_it_ships_the_14_contents_of_article_11_in_the_laws_words_with_article_13() -> None:
    """Điều 11 khoản 1–14 as the law writes them (the old list had other items 4–13);
    Điều 13 khoản 2: khoản 1–3, 5–12 posted at least 30 days, khoản 4 and 13 permanently;
    khoản 14 in neither list; Điều 13 khoản 3: khoản 7–12 on the loudspeaker."""
    cats = {c.number: c for c in Category.objects.all()}
    assert sorted(cats) == list(range(1, 15))
    assert {n for n, c in cats.items() if c.permanent} == {4, 13}
    assert {n for n, c in cats.items() if c.minimum_posting} == {1, 2, 3, *range(5, 13)}
    assert {n for n, c in cats.items() if c.loudspeaker} == set(range(7, 13))
    assert all(
        c.source.startswith(f"Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11 khoản {n};")
        for n, c in cats.items()
    )
    assert cats[4].name.startswith("Quy chế thực hiện dân chủ ở xã, phường, thị trấn; nhiệm vụ")
    assert cats[5].name.startswith("Việc quản lý và sử dụng các loại quỹ")
    assert cats[6].name.startswith("Tình hình đầu tư xây dựng, mua sắm") and "tài sản công" in (
        cats[6].name
    )
    assert "tín dụng" in cats[7].name and "an sinh xã hội" in cats[7].name
    assert "thiên tai, dịch bệnh" in cats[8].name and "bệnh hiểm nghèo" in cats[8].name
    assert cats[9].name.startswith("Số lượng, đối tượng, tiêu chuẩn gọi nhập ngũ")
    assert "tham nhũng" in cats[10].name and "tín nhiệm" in cats[10].name
    assert cats[11].name.startswith("Kế hoạch lấy ý kiến Nhân dân")
    assert cats[12].name.startswith("Đối tượng, mức thu các loại phí, lệ phí")
    assert cats[13].name.startswith("Các thủ tục hành chính")
    assert all("\u00ad" not in c.name and "\xa0" not in c.name for c in cats.values())
    assert "Điều 13 khoản 2 đoạn 2" in cats[13].source and "Điều 13 khoản 3" in cats[9].source
    assert Channel.objects.filter(kind=Channel.Kind.PORTAL).count() == 1


def test_it_makes_the_posting_and_broadcast_minimum_periods_article_13() -> None:
    """Điều 13 khoản 2 and 3 ("ít nhất"): periods that must run in full, never moved; the
    start of disclosure (Điều 12 khoản 3, "chậm nhất") stays a deadline."""
    kinds = dict(DeadlineRule.objects.filter(procedure="cong-khai").values_list("step", "kind"))
    assert kinds == {"bat-dau": "deadline", "niem-yet": "minimum", "truyen-thanh": "minimum"}


def test_it_prints_the_contents_in_force_for_the_law_command_article_11_13() -> None:
    """`danvan law`: every item of Điều 11 with its posting (Điều 13 khoản 2) and broadcast
    (Điều 13 khoản 3), exactly the keys others script against."""
    rows = law_in_force(date(2026, 3, 1))["disclosure_contents"]
    assert [r["item"] for r in rows] == list(range(1, 15))
    assert all(set(r) == {"item", "title", "posting", "loudspeaker_days", "source"} for r in rows)
    by_item = {r["item"]: r for r in rows}
    assert {n for n, r in by_item.items() if r["posting"] == "permanent"} == {4, 13}
    assert {n for n, r in by_item.items() if r["posting"] == "at-least-30-days"} == {
        1,
        2,
        3,
        *range(5, 13),
    }
    assert by_item[14]["posting"] is None  # Điều 13 khoản 2 does not list khoản 14
    assert {n for n, r in by_item.items() if r["loudspeaker_days"] == 3} == set(range(7, 13))
    assert {r["loudspeaker_days"] for n, r in by_item.items() if not 7 <= n <= 12} == {None}
    assert by_item[9]["title"].startswith("Số lượng, đối tượng, tiêu chuẩn gọi nhập ngũ")
    assert by_item[9]["source"].startswith("Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11 khoản 9")
    assert apps.get_app_config("disclosures").law_in_force(date(2026, 3, 1)) == {
        "disclosure_contents": rows
    }


def test_it_starts_within_5_working_days_skipping_a_holiday_article_12_3(world: World) -> None:
    """Điều 12 khoản 3: 5 working days from the day after the decision (BLDS Điều 147).
    Decided Wed 26/08/2026; Mon 31/08 (swapped), Tue 01/09 and Wed 02/09 are the National Day
    holiday, weekends are skipped: Thu 27, Fri 28, Thu 03/09, Fri 04/09, Mon 07/09."""
    d = disclosure(world, decided_on=date(2026, 8, 26))
    assert d.start_due == date(2026, 9, 7)
    assert "Điều 12 khoản 3" in d.start_due_explained


def test_it_takes_an_administrators_extra_day_off_into_account_article_12_3(world: World) -> None:
    CalendarDay.objects.create(date=date(2026, 9, 3), kind="off", note="Nghỉ bù")
    forget_calendar()
    d = disclosure(world, decided_on=date(2026, 8, 26))
    assert d.start_due == date(2026, 9, 8)


def test_it_applies_a_sector_laws_own_limit_with_its_basis(world: World) -> None:
    """Điều 12 khoản 3 "trừ trường hợp pháp luật có quy định khác"."""
    d = disclosure(
        world,
        decided_on=date(2026, 3, 2),
        start_days_override=3,
        override_basis="Luật Đất đai 2024, Điều 87",
    )
    assert d.start_due == date(2026, 3, 5)
    assert "Luật Đất đai 2024" in d.start_due_explained


@time_machine.travel(date(2026, 3, 20), tick=False)
def test_it_warns_when_posting_started_late_article_12_3(world: World) -> None:
    d = disclosure(world, decided_on=date(2026, 3, 2))  # due Mon 09/03
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=date(2026, 3, 10),
        proof=pdf(),
    )
    result = review(d, date(2026, 3, 20))
    assert [w.kind for w in result.warnings] == [LATE]
    assert result.postings[0].late


@time_machine.travel(date(2026, 3, 10), tick=False)
def test_it_warns_when_nothing_was_posted_by_the_deadline_article_12_3(world: World) -> None:
    d = disclosure(world, decided_on=date(2026, 3, 2))
    assert review(d, date(2026, 3, 9)).warnings == []
    assert [w.kind for w in review(d, date(2026, 3, 10)).warnings] == [LATE]


@time_machine.travel(date(2026, 5, 1), tick=False)
def test_it_needs_30_days_kể_từ_the_posting_day_article_13_2_blds_147(world: World) -> None:
    """Điều 13 khoản 2: "ít nhất là 30 ngày liên tục kể từ ngày niêm yết"; BLDS 2015 Điều 147:
    the day of posting is not counted. Posted 01/03/2026, it must hang through 31/03/2026:
    taken down on 30/03 it ran 29 days (the app used to count 01/03 and accept 30/03)."""
    d = disclosure(world, decided_on=date(2026, 3, 1))
    p = services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=date(2026, 3, 1),
        end_on=date(2026, 3, 30),
        proof=pdf(),
    )
    result = review(d, date(2026, 5, 1))
    check = result.postings[0]
    assert check.days == 29 and check.short and check.runs_until == date(2026, 3, 31)
    assert [w.kind for w in result.warnings] == [SHORT]
    assert "Điều 13 khoản 2" in result.warnings[0].text
    assert "31/03/2026" in result.warnings[0].text
    services.posting_update(posting=p, by=world.officer_a, end_on=date(2026, 3, 31))
    result = review(d, date(2026, 5, 1))
    assert result.warnings == [] and result.postings[0].days == 30


@time_machine.travel(date(2026, 5, 1), tick=False)
def test_it_never_moves_the_end_of_a_posting_to_a_working_day_article_13_2(world: World) -> None:
    """Điều 13 khoản 2 is a minimum period: posted Fri 27/02/2026, 30 days run through Sun
    29/03/2026; a deadline would have moved to Mon 30/03, a minimum does not."""
    d = disclosure(world, decided_on=date(2026, 2, 27))
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=date(2026, 2, 27),
        end_on=date(2026, 3, 29),
        proof=pdf(),
    )
    result = review(d, date(2026, 5, 1))
    assert result.postings[0].runs_until == date(2026, 3, 29)
    assert result.warnings == []


@time_machine.travel(date(2026, 5, 1), tick=False)
def test_it_asks_no_minimum_of_item_14_which_article_13_2_does_not_list(world: World) -> None:
    """Điều 13 khoản 2 lists khoản 1–3, 5–12 (30 days) and 4, 13 (permanent), not khoản 14."""
    d = disclosure(world, number=14, decided_on=date(2026, 3, 2))
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=date(2026, 3, 3),
        end_on=date(2026, 3, 10),
        proof=pdf(),
    )
    result = review(d, date(2026, 5, 1))
    assert result.warnings == [] and result.postings[0].minimum is None


@time_machine.travel(date(2026, 5, 1), tick=False)
def test_it_reads_the_minimum_from_the_rule_table_article_13_2(world: World) -> None:
    """A legal officer changes the row; the check follows without code (20 days from 02/03
    run through 22/03, BLDS 2015 Điều 147)."""
    DeadlineRule.objects.filter(procedure="cong-khai", step="niem-yet").update(days=20)
    d = disclosure(world, decided_on=date(2026, 3, 1))
    p = services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=date(2026, 3, 2),
        end_on=date(2026, 3, 21),
        proof=pdf(),
    )
    assert [w.kind for w in review(d, date(2026, 5, 1)).warnings] == [SHORT]
    services.posting_update(posting=p, by=world.officer_a, end_on=date(2026, 3, 22))
    assert review(d, date(2026, 5, 1)).warnings == []


@time_machine.travel(date(2026, 5, 1), tick=False)
def test_it_needs_3_consecutive_days_on_the_loudspeaker_for_7_to_12_article_13_3(
    world: World,
) -> None:
    """Điều 13 khoản 3: categories 7–12 broadcast at least 3 consecutive days, the first day not
    counted (BLDS 2015 Điều 147): from 03/03 through 06/03."""
    d = disclosure(world, number=7, decided_on=date(2026, 3, 2))
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=date(2026, 3, 3),
        end_on=date(2026, 4, 10),
        proof=pdf(),
    )
    assert [w.kind for w in review(d, date(2026, 5, 1)).warnings] == [LOUDSPEAKER]
    p = services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("truyen-thanh-xa"),
        start_on=date(2026, 3, 3),
        end_on=date(2026, 3, 5),
        proof=pdf("so-phat-thanh.pdf"),
    )
    result = review(d, date(2026, 5, 1))
    assert [w.kind for w in result.warnings] == [SHORT]
    assert "Điều 13 khoản 3" in result.warnings[0].text
    services.posting_update(posting=p, by=world.officer_a, end_on=date(2026, 3, 6))
    assert review(d, date(2026, 5, 1)).warnings == []


@time_machine.travel(date(2026, 5, 1), tick=False)
@pytest.mark.parametrize("number", [2, 5, 6, 13, 14])
def test_it_asks_no_loudspeaker_of_categories_outside_7_to_12_article_13_3(
    world: World, number: int
) -> None:
    """Old items 7 and 13 went on the loudspeaker; the law's 5 (funds) and 13 (procedures) do not."""
    d = disclosure(world, number=number, decided_on=date(2026, 3, 2))
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=date(2026, 3, 3),
        end_on=None if number == 13 else date(2026, 4, 10),
        proof=pdf(),
    )
    assert review(d, date(2026, 5, 1)).warnings == []


@time_machine.travel(date(2026, 9, 1), tick=False)
def test_it_keeps_categories_4_and_13_posted_permanently_and_current_article_13(
    world: World,
) -> None:
    """Điều 13: khoản 4 and 13 of Điều 11 are posted permanently, kept current: no end date,
    no 30-day minimum, a warning when not reviewed within the category's period (90 days)."""
    d = disclosure(world, number=4, decided_on=date(2026, 3, 2))
    board = channel("tru-so-ubnd")
    with pytest.raises(services.DomainError, match="thường xuyên"):
        services.posting_add(
            disclosure=d,
            by=world.officer_a,
            channel=board,
            start_on=date(2026, 3, 3),
            end_on=date(2026, 3, 10),
        )
    services.posting_add(
        disclosure=d, by=world.officer_a, channel=board, start_on=date(2026, 3, 3), proof=pdf()
    )
    assert review(d, date(2026, 6, 1)).warnings == []  # 90 days from 03/03 end on 01/06
    assert [w.kind for w in review(d, date(2026, 6, 2)).warnings] == [STALE]
    services.disclosure_review(disclosure=d, by=world.officer_a, on=date(2026, 8, 1))
    assert review(d, date(2026, 9, 1)).warnings == []


@time_machine.travel(date(2026, 3, 10), tick=False)
def test_it_warns_of_a_started_posting_without_proof(world: World) -> None:
    d = disclosure(world, decided_on=date(2026, 3, 2))
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("nha-van-hoa-thon"),
        village=world.village,
        start_on=date(2026, 3, 3),
    )
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("cong-thong-tin"),
        start_on=date(2026, 3, 3),
    )
    result = review(d, date(2026, 3, 10))
    assert [w.kind for w in result.warnings] == [PROOF]  # the portal needs none
    assert "Thôn Đoàn Kết" in result.warnings[0].text


def test_it_recomputes_open_start_deadlines_when_the_calendar_changes(world: World) -> None:
    d = disclosure(world, decided_on=date(2026, 8, 26))
    assert d.start_due == date(2026, 9, 7)
    CalendarDay.objects.create(date=date(2026, 9, 3), kind="off", note="Nghỉ bù")
    forget_calendar()
    assert apps.get_app_config("disclosures").on_calendar_changed() == 1
    d.refresh_from_db()
    assert d.start_due == date(2026, 9, 8)
