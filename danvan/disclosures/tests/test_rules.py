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
from danvan.disclosures.rules import LATE, LOUDSPEAKER, PROOF, SHORT, STALE, review
from danvan.disclosures.tests.helpers import channel, disclosure, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    """The work calendar is cached per process: each test starts from the database's."""
    forget_calendar()
    yield
    forget_calendar()


def test_it_ships_the_14_categories_of_article_11_with_their_flags() -> None:
    """Điều 11 khoản 1–14; Điều 13: khoản 4 and 13 permanent, 7–12 on the loudspeaker."""
    cats = {c.number: c for c in Category.objects.all()}
    assert sorted(cats) == list(range(1, 15))
    assert {n for n, c in cats.items() if c.permanent} == {4, 13}
    assert {n for n, c in cats.items() if c.loudspeaker} == set(range(7, 13))
    assert all(c.source.endswith(f"Điều 11 khoản {n}") for n, c in cats.items())
    assert Channel.objects.filter(kind=Channel.Kind.PORTAL).count() == 1


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
def test_it_needs_30_consecutive_days_on_a_notice_board_article_13_2(world: World) -> None:
    """Điều 13 khoản 2: at least 30 consecutive days; 01/03 to 30/03 is 30 days, to 29/03 is not."""
    d = disclosure(world, decided_on=date(2026, 3, 1))
    p = services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=date(2026, 3, 2),
        end_on=date(2026, 3, 30),
        proof=pdf(),
    )
    result = review(d, date(2026, 5, 1))
    assert result.postings[0].days == 29 and result.postings[0].short
    assert [w.kind for w in result.warnings] == [SHORT]
    assert "Điều 13 khoản 2" in result.warnings[0].text
    services.posting_update(posting=p, by=world.officer_a, end_on=date(2026, 3, 31))
    assert review(d, date(2026, 5, 1)).warnings == []


@time_machine.travel(date(2026, 5, 1), tick=False)
def test_it_reads_the_minimum_from_the_rule_table(world: World) -> None:
    """A legal officer changes the row; the check follows without code."""
    DeadlineRule.objects.filter(procedure="cong-khai", step="niem-yet").update(days=20)
    d = disclosure(world, decided_on=date(2026, 3, 1))
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=date(2026, 3, 2),
        end_on=date(2026, 3, 21),
        proof=pdf(),
    )
    assert review(d, date(2026, 5, 1)).warnings == []


@time_machine.travel(date(2026, 5, 1), tick=False)
def test_it_needs_3_consecutive_days_on_the_loudspeaker_for_7_to_12_article_13_3(
    world: World,
) -> None:
    """Điều 13 khoản 3: categories 7–12 broadcast at least 3 consecutive days."""
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
        end_on=date(2026, 3, 4),
        proof=pdf("so-phat-thanh.pdf"),
    )
    result = review(d, date(2026, 5, 1))
    assert [w.kind for w in result.warnings] == [SHORT]
    assert "Điều 13 khoản 3" in result.warnings[0].text
    services.posting_update(posting=p, by=world.officer_a, end_on=date(2026, 3, 5))
    assert review(d, date(2026, 5, 1)).warnings == []


@time_machine.travel(date(2026, 5, 1), tick=False)
def test_it_asks_no_loudspeaker_of_categories_outside_7_to_12_article_13_3(world: World) -> None:
    d = disclosure(world, number=2, decided_on=date(2026, 3, 2))
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=date(2026, 3, 3),
        end_on=date(2026, 4, 10),
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
