"""Services and rules of supervision, with the article each rule comes from."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, DeadlineRule, Notification
from danvan.plans.models import Plan, TaskStatus
from danvan.supervision import services
from danvan.supervision.exports import recommendations_xlsx_bytes
from danvan.supervision.models import Board, BoardMember, Recommendation, SubjectKind
from danvan.supervision.reminders import remind_unassigned
from danvan.supervision.tests.conftest import Sup


def answer_rule() -> DeadlineRule:
    """The rule the product ships (migration 0003), as an administrator would edit it."""
    return DeadlineRule.objects.get(procedure="giam-sat", step="tra-loi-kien-nghi")


def test_it_lists_what_the_people_supervise_with_articles_30_and_31(db: None) -> None:
    """Luật THDCCS 2022, Điều 30 (nội dung) và Điều 31 khoản 2 (qua Ban TTND, Ban GSĐTCĐ)."""
    sources = dict(SubjectKind.objects.values_list("code", "source"))
    assert sources["dan-quyet-dinh"].endswith("Điều 30 khoản 1")
    assert sources["chinh-sach"].endswith("Điều 30 khoản 2")
    assert sources["dau-tu"].endswith("Điều 31 khoản 2")


def test_it_turns_a_recommendation_into_a_task_of_the_yearly_plan(world: World, sup: Sup) -> None:
    task = sup.assigned.task
    assert task is not None
    assert (task.lead_unit, task.due_date, task.next_due) == (
        world.office_a,
        date(2026, 6, 30),
        date(2026, 6, 30),
    )
    assert task.plan is not None and task.plan.status == Plan.Status.ISSUED
    assert "2026" in task.plan.title and "kiến nghị" in task.plan.title
    # One plan per commune and year carries every recommendation's task.
    assert sup.answered.task is not None and sup.answered.task.plan_id == task.plan_id
    assert AuditEntry.objects.filter(action="supervision.recommendation_assigned").count() == 2


def test_it_follows_the_task_status_until_the_answer_closes_it(
    world: World, sup: Sup, frozen: Any
) -> None:
    task = sup.assigned.task
    assert task is not None and task.status_on(date(2026, 6, 15)) == TaskStatus.NOT_STARTED
    assert task.status_on(date(2026, 6, 29)) == TaskStatus.DUE_SOON
    assert task.status_on(date(2026, 7, 1)) == TaskStatus.OVERDUE
    answered = sup.answered.task
    assert answered is not None
    answered.refresh_from_db()
    assert answered.done_on == date(2026, 6, 12)


def test_it_ships_the_15_day_answer_rule_of_articles_40_1_c_and_45_2_c(db: None) -> None:
    """Luật THDCCS 2022, Điều 40 khoản 1 điểm c (Ban Thanh tra nhân dân) and Điều 45 khoản 2
    điểm c (Ban Giám sát đầu tư của cộng đồng): "trong thời hạn 15 ngày kể từ ngày nhận được
    kiến nghị" — plain days, a deadline."""
    rule = answer_rule()
    assert (rule.days, rule.unit, rule.kind, rule.effective_from) == (
        15,
        DeadlineRule.Unit.CALENDAR,
        DeadlineRule.Kind.DEADLINE,
        date(2023, 7, 1),
    )
    assert "Điều 40 khoản 1 điểm c" in rule.source and "Điều 45 khoản 2 điểm c" in rule.source


def test_it_takes_the_due_date_from_the_15_days_of_article_40_1_c(world: World, sup: Sup) -> None:
    """Luật THDCCS 2022, Điều 40(1)(c): 15 days from receipt; BLDS 2015 Art. 147 (the day of
    receipt not counted) and Art. 148(5) (a last day off moves to the next working day)."""
    rec = services.recommendation_assign(rec=sup.sent, by=world.chairman, owner_unit=world.office_b)
    # Received the day it was sent, Friday 05/06/2026: day 15 is Saturday 20/06/2026, so the
    # answer is due Monday 22/06/2026.
    assert (rec.due_on, rec.due_from_rule, rec.due_source) == (
        date(2026, 6, 22),
        True,
        answer_rule().source,
    )
    assert rec.task is not None and rec.task.due_date == date(2026, 6, 22)


def test_it_counts_the_15_days_from_the_day_the_ubnd_received_it_art_40_1_c(
    world: World, sup: Sup
) -> None:
    """Luật THDCCS 2022, Điều 40(1)(c) and 45(2)(c): "kể từ ngày nhận được kiến nghị"."""
    rec = services.recommendation_assign(
        rec=sup.sent, by=world.chairman, owner_unit=world.office_b, received_on=date(2026, 6, 8)
    )
    assert (rec.received_on, rec.due_on) == (date(2026, 6, 8), date(2026, 6, 23))
    entry = AuditEntry.objects.filter(action="supervision.recommendation_assigned").first()
    assert entry is not None and entry.changes["received_on"] == "2026-06-08"
    with pytest.raises(DomainError, match="trước ngày gửi"):
        services.recommendation_assign(
            rec=sup.sent, by=world.chairman, owner_unit=world.office_b, received_on=date(2026, 6, 1)
        )
    with pytest.raises(DomainError, match="sau hôm nay"):
        services.recommendation_assign(
            rec=sup.sent,
            by=world.chairman,
            owner_unit=world.office_b,
            received_on=date(2026, 6, 20),
        )


def test_it_applies_the_same_article_to_the_investment_board_art_45_2_c(
    world: World, sup: Sup
) -> None:
    """Luật THDCCS 2022, Điều 45(2)(c): the same 15 days for the Ban Giám sát đầu tư."""
    board = services.board_create(
        commune=world.commune,
        by=world.front,
        kind=Board.Kind.INVESTMENT,
        name="Ban Giám sát đầu tư của cộng đồng xã",
        organiser=world.front_unit,
        term_start=date(2024, 7, 1),
    )
    activity = services.activity_create(
        board=board,
        by=world.front,
        subject_kind=SubjectKind.objects.get(code="dau-tu"),
        subject="Nhà văn hóa thôn",
        started_on=date(2026, 6, 1),
        ended_on=date(2026, 6, 2),
        method="site",
        findings="Chậm tiến độ.",
    )
    rec = services.recommendation_create(
        activity=activity,
        by=world.front,
        title="Đẩy nhanh tiến độ",
        content="Đề nghị đẩy nhanh tiến độ.",
        addressed_to="UBND xã",
        sent_on=date(2026, 6, 9),
    )
    rec = services.recommendation_assign(rec=rec, by=world.chairman, owner_unit=world.office_b)
    assert rec.due_on == date(2026, 6, 24)  # Tuesday 09/06 + 15 days


def test_it_asks_the_leader_for_a_date_when_no_rule_is_in_force(world: World, sup: Sup) -> None:
    answer_rule().delete()  # an administrator removed it
    with pytest.raises(DomainError, match="nhập hạn trả lời"):
        services.recommendation_assign(rec=sup.sent, by=world.chairman, owner_unit=world.office_b)


def test_it_moves_due_dates_from_the_rule_when_the_rule_changes(world: World, sup: Sup) -> None:
    rec = services.recommendation_assign(rec=sup.sent, by=world.chairman, owner_unit=world.office_b)
    rule = answer_rule()
    rule.days = 10
    rule.save()
    from django.apps import apps

    assert apps.get_app_config("supervision").on_rules_changed() == 1  # type: ignore[attr-defined]
    rec.refresh_from_db()
    assert rec.due_on == date(2026, 6, 15)  # Friday 05/06 + 10 days: Monday 15/06
    assert rec.task is not None and rec.task.due_date == date(2026, 6, 15)


def test_it_refuses_impossible_sequences(world: World, sup: Sup) -> None:
    with pytest.raises(DomainError, match="chưa được giao"):
        services.recommendation_answer(
            rec=sup.sent,
            by=world.chairman,
            answer="x",
            answered_on=date(2026, 6, 10),
            answered_by_body="UBND xã",
        )
    with pytest.raises(DomainError, match="trước ngày gửi"):
        services.recommendation_assign(
            rec=sup.sent, by=world.chairman, owner_unit=world.office_b, due_on=date(2026, 1, 1)
        )
    with pytest.raises(DomainError, match="đã được trả lời"):
        services.recommendation_assign(
            rec=sup.answered, by=world.chairman, owner_unit=world.office_b, due_on=date(2026, 7, 1)
        )
    with pytest.raises(DomainError, match="thuộc xã"):
        services.recommendation_assign(
            rec=sup.sent,
            by=world.chairman,
            owner_unit=world.other_office,
            due_on=date(2026, 7, 1),
        )
    with pytest.raises(DomainError, match="sau hôm nay"):
        services.recommendation_create(
            activity=sup.activity,
            by=world.front,
            title="t",
            content="c",
            addressed_to="UBND xã",
            sent_on=date(2026, 6, 16),
        )


def test_it_keeps_a_board_to_the_front_of_its_own_commune(world: World, sup: Sup) -> None:
    with pytest.raises(DomainError, match="MTTQ"):
        services.board_create(
            commune=world.commune,
            by=world.admin,
            kind=Board.Kind.INSPECTION,
            name="Ban sai",
            organiser=world.office_a,
            term_start=date(2026, 1, 1),
        )


def test_it_lets_a_board_member_with_an_account_record(world: World, sup: Sup) -> None:
    from danvan.supervision.access import can_record

    assert not can_record(world.village_head, sup.board)
    services.member_add(
        board=sup.board,
        by=world.front,
        full_name="Mã Văn Nam",
        role=BoardMember.Role.MEMBER,
        term_from=date(2024, 7, 1),
        user=world.village_head,
    )
    assert can_record(world.village_head, sup.board)


def test_it_tells_who_records_on_any_board_as_the_boards_one_by_one_do(
    world: World, sup: Sup
) -> None:
    from danvan.supervision.access import recording_boards, records_any_board

    def both(user: Any) -> list[tuple[bool, bool]]:
        return [
            (records_any_board(user, c.pk), bool(recording_boards(user, c.pk)))
            for c in (world.commune, world.other_commune)
        ]

    people = [
        world.chairman,
        world.officer_a,
        world.readonly_a,
        world.front,
        world.village_head,
        world.province_viewer,
        world.outsider,
        world.admin,
    ]
    for user in people:
        for fast, slow in both(user):
            assert fast == slow, user.username
    assert records_any_board(world.front, world.commune.pk)
    assert not records_any_board(world.village_head, world.commune.pk)
    for term_to, expected in ((date(2025, 12, 31), False), (None, True)):
        BoardMember.objects.filter(user=world.village_head).delete()
        BoardMember.objects.create(
            board=sup.board,
            full_name="Mã Văn Nam",
            role=BoardMember.Role.MEMBER,
            term_from=date(2024, 7, 1),
            term_to=term_to,
            user=world.village_head,
        )
        assert records_any_board(world.village_head, world.commune.pk) is expected
        assert bool(recording_boards(world.village_head, world.commune.pk)) is expected
        assert not records_any_board(world.village_head, world.other_commune.pk)


def test_it_numbers_recommendations_per_commune_and_year(world: World, sup: Sup) -> None:
    assert [r.number for r in (sup.sent, sup.assigned, sup.answered)] == [1, 2, 3]
    assert sup.other_rec.number == 1


def test_it_tells_on_time_late_and_pending() -> None:
    rec = Recommendation(due_on=date(2026, 6, 30), sent_on=date(2026, 6, 1))
    assert rec.timeliness(date(2026, 6, 15)) == "pending"
    assert rec.timeliness(date(2026, 7, 1)) == "overdue"
    rec.answered_on = date(2026, 6, 30)
    assert rec.timeliness(date(2026, 7, 5)) == "on_time"
    rec.answered_on = date(2026, 7, 2)
    assert rec.timeliness(date(2026, 7, 5)) == "late"


def test_it_reminds_the_leaders_once_of_a_recommendation_without_owner(
    world: World, sup: Sup, settings: Any
) -> None:
    settings.DANVAN_ESCALATE_AFTER_DAYS = 3
    assert remind_unassigned(today=date(2026, 6, 15)) == {"unassigned": 2}  # sent + other
    assert remind_unassigned(today=date(2026, 6, 16)) == {"unassigned": 0}
    assert Notification.objects.filter(user=world.chairman).count() == 1


def test_it_exports_the_years_recommendations(world: World, sup: Sup) -> None:
    ws = load_workbook(BytesIO(recommendations_xlsx_bytes(world.commune, 2026))).active
    assert ws is not None
    codes = [ws.cell(row=r, column=1).value for r in range(5, 8)]
    assert codes == ["1/2026", "2/2026", "3/2026"]
    assert ws.cell(row=7, column=12).value == "Đã trả lời đúng hạn"


def test_the_export_names_the_day_received_and_the_article_40_1_c(world: World, sup: Sup) -> None:
    """Luật THDCCS 2022, Điều 40(1)(c): the due date's source is in the export."""
    services.recommendation_assign(
        rec=sup.sent, by=world.chairman, owner_unit=world.office_b, received_on=date(2026, 6, 8)
    )
    ws = load_workbook(BytesIO(recommendations_xlsx_bytes(world.commune, 2026))).active
    assert ws is not None
    assert ws.cell(row=4, column=14).value == "UBND xã nhận ngày"
    assert ws.cell(row=5, column=14).value.date() == date(2026, 6, 8)  # type: ignore[union-attr]
    assert "Điều 40 khoản 1 điểm c" in ws.cell(row=5, column=15).value  # type: ignore[operator]
    assert ws.cell(row=6, column=15).value == "Lãnh đạo ấn định"
    assert "Kiến nghị của xã khác" not in str([c.value for c in ws["D"]])


def test_it_shows_the_published_answer_on_the_portal(world: World, sup: Sup) -> None:
    anon = world.client(None)
    home = anon.get(reverse("portal:home")).content.decode()
    assert "Bổ sung biển báo thi công" in home and "Công khai dự toán" not in home
    body = anon.get(reverse("portal:supervision_detail", args=[sup.answered.pk])).content.decode()
    assert "Đã lắp biển báo ngày 10/6." in body and "Đã trả lời đúng hạn" in body
    for private in (world.front.full_name, world.chairman.full_name, "bien-ban.pdf"):
        assert private not in body
