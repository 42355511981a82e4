"""Services and rules of council questioning, with the article each rule comes from (both time
limits are UNVERIFIED rows of the rule table: docs/legal-rules.md)."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, DeadlineRule, Notification
from danvan.promises.models import Promise
from danvan.questioning import exports, services
from danvan.questioning.models import CouncilSession, PledgeReport, Question
from danvan.questioning.reminders import remind
from danvan.questioning.tests.conftest import Council, ask
from danvan.questioning.work import waiting_on


def rule(step: str) -> DeadlineRule:
    return DeadlineRule.objects.get(procedure="chat-van", step=step)


def test_both_rules_of_article_60_ship_unverified(db: None) -> None:
    """Luật 87/2015/QH13 Điều 60 was read only in a press summary; Điều 60 khoản 7 not at all:
    both rows say so at the start of their source, as docs/legal-rules.md requires."""
    answer, report = rule("tra-loi-van-ban"), rule("bao-cao-loi-hua")
    assert (answer.days, answer.unit, answer.kind) == (20, "calendar", "deadline")
    assert (report.days, report.unit) == (10, "calendar")
    for r in (answer, report):
        assert r.source.startswith(
            "CHƯA KIỂM CHỨNG: Luật Hoạt động giám sát của Quốc hội và HĐND 2015"
        )
        assert "Điều 60" in r.source


def test_a_written_answer_is_due_20_days_from_the_question_article_60(council: Council) -> None:
    # Asked Tuesday 09/06/2026: the 20th day is Monday 29/06/2026 (BLDS 2015 Art. 147: the day
    # of the question is not counted).
    assert council.writing.due_on == date(2026, 6, 29)
    assert council.writing.due_source == rule("tra-loi-van-ban").source
    assert council.answered.due_on is None  # answered at the session: no written limit


def test_a_written_answer_due_on_a_sunday_moves_to_monday_article_60(
    world: World, council: Council
) -> None:
    # Asked Monday 08/06/2026: the 20th day is Sunday 28/06, so Monday 29/06 (BLDS Art. 148(5)).
    q = ask(
        council.session, world.officer_b, world.office_a, Question.Mode.IN_WRITING, date(2026, 6, 8)
    )
    assert q.due_on == date(2026, 6, 29)


def test_a_rule_change_moves_the_answers_still_awaited(council: Council) -> None:
    r = rule("tra-loi-van-ban")
    r.days = 15
    r.save()
    assert services.questions_recompute_open() == 2  # ours and the other commune's
    council.writing.refresh_from_db()
    assert council.writing.due_on == date(2026, 6, 24)
    assert AuditEntry.objects.filter(action="questioning.due_recomputed").count() == 2


def test_a_question_not_answered_at_the_session_goes_to_writing(
    world: World, council: Council
) -> None:
    q = services.question_to_writing(question=council.waiting, by=world.chairman)
    assert (q.mode, q.due_on) == (Question.Mode.IN_WRITING, date(2026, 6, 29))
    with pytest.raises(DomainError, match="đã được chuyển"):
        services.question_to_writing(question=q, by=world.chairman)


@pytest.mark.parametrize(
    ("mode", "asked_on", "message"),
    [
        (Question.Mode.AT_SESSION, date(2026, 6, 5), "trong những ngày họp"),
        (Question.Mode.IN_WRITING, date(2026, 6, 10), "sau ngày bế mạc"),
        (Question.Mode.IN_WRITING, date(2026, 6, 16), "sau hôm nay"),
    ],
)
def test_it_refuses_a_question_on_a_wrong_day(
    world: World, council: Council, mode: str, asked_on: date, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        ask(council.session, world.officer_b, world.office_a, mode, asked_on)


def test_it_refuses_a_respondent_of_another_commune(world: World, council: Council) -> None:
    with pytest.raises(DomainError, match="thuộc xã"):
        ask(
            council.session,
            world.officer_b,
            world.other_office,
            Question.Mode.AT_SESSION,
            date(2026, 6, 8),
        )


def test_it_refuses_a_wrong_session(world: World, council: Council) -> None:
    def make(**kw: Any) -> CouncilSession:
        values = {
            "commune": world.commune,
            "by": world.chairman,
            "term": "khóa I, nhiệm kỳ 2026–2031",
            "number": 9,
            "kind": CouncilSession.Kind.REGULAR,
            "opens_on": date(2026, 12, 10),
            "closes_on": date(2026, 12, 11),
        }
        return services.session_create(**(values | kw))

    with pytest.raises(DomainError, match="Đã có kỳ họp thứ 3"):
        make(number=3)
    with pytest.raises(DomainError, match="bế mạc không được trước"):
        make(closes_on=date(2026, 12, 9))
    with pytest.raises(DomainError, match="14 ngày"):
        make(closes_on=date(2027, 1, 30))


def test_it_refuses_a_wrong_answer(world: World, council: Council) -> None:
    with pytest.raises(DomainError, match="trong những ngày họp"):
        services.question_answer(
            question=council.waiting,
            by=world.chairman,
            answer="Sẽ làm.",
            answered_on=date(2026, 6, 12),
        )
    with pytest.raises(DomainError, match="trước ngày chất vấn"):
        services.question_answer(
            question=council.writing,
            by=world.officer_a,
            answer="Sẽ làm.",
            answered_on=date(2026, 6, 8),
        )
    with pytest.raises(DomainError, match="đã được trả lời"):
        services.question_answer(
            question=council.answered,
            by=world.officer_a,
            answer="Lại.",
            answered_on=date(2026, 6, 9),
        )


def test_a_pledge_is_a_promise_of_the_commune(world: World, council: Council) -> None:
    promise = council.pledge.promise
    assert promise is not None
    assert promise.source == Promise.Source.QUESTIONING
    assert (promise.owner_unit, promise.due_on, promise.made_on) == (
        world.office_a,
        date(2026, 9, 30),
        date(2026, 6, 8),
    )
    assert promise.owner_person == "Trưởng phòng Văn hóa - Xã hội"
    assert "Kỳ họp thứ 3" in promise.source_label
    assert promise.source_url == council.answered.get_absolute_url()
    assert promise.task.lead_unit == world.office_a


def test_it_refuses_a_pledge_before_the_answer_or_to_the_ubnd_itself(
    world: World, council: Council
) -> None:
    with pytest.raises(DomainError, match="trước, rồi ghi lời hứa"):
        services.pledge_create(
            question=council.writing,
            by=world.officer_b,
            title="Sửa nhà văn hóa",
            content="",
            owner_unit=world.office_a,
            due_on=date(2026, 12, 31),
        )
    with pytest.raises(DomainError, match="thuộc xã"):
        services.pledge_create(
            question=council.answered,
            by=world.officer_b,
            title="Sửa nhà văn hóa",
            content="",
            owner_unit=world.commune,
            due_on=date(2026, 12, 31),
        )
    assert Promise.objects.count() == 1


def test_the_report_is_due_10_days_before_the_next_session_article_60_7(council: Council) -> None:
    """Opening Wednesday 22/07/2026 less 10 days is Sunday 12/07: "at the latest", so the working
    day before, Friday 10/07 (the rule is UNVERIFIED: Điều 60 khoản 7 not found)."""
    found = services.report_due(council.session)
    assert found is not None
    assert found[0] == date(2026, 7, 10)
    assert found[1] == rule("bao-cao-loi-hua").source
    assert found[2] == council.following
    assert services.report_due(council.following) is None  # no session after it yet


def test_it_reminds_a_written_answer_once_before_and_once_after(
    world: World, council: Council, frozen: Any
) -> None:
    assert remind(today=date(2026, 6, 15))["answers_soon"] == 0
    # Ours is due 29/06, the other commune's 30/06: each from 5 working days before.
    frozen.move_to(date(2026, 6, 22))
    assert remind(today=date(2026, 6, 22))["answers_soon"] == 1
    assert remind(today=date(2026, 6, 23))["answers_soon"] == 1
    assert remind(today=date(2026, 6, 24))["answers_soon"] == 0
    assert (
        Notification.objects.filter(user=world.officer_a, title__contains="Sắp đến hạn").count()
        == 1
    )
    assert remind(today=date(2026, 6, 30))["answers_late"] == 1
    assert remind(today=date(2026, 7, 1))["answers_late"] == 1
    assert remind(today=date(2026, 7, 2))["answers_late"] == 0
    assert Notification.objects.filter(user=world.officer_a, title__contains="Quá hạn").count() == 1
    assert not Notification.objects.filter(user=world.officer_b).exists()


def test_it_reminds_the_report_until_it_is_filed(
    world: World, council: Council, frozen: Any
) -> None:
    assert remind(today=date(2026, 7, 2))["reports_soon"] == 0
    assert remind(today=date(2026, 7, 3))["reports_soon"] == 1
    assert remind(today=date(2026, 7, 6))["reports_soon"] == 0
    assert Notification.objects.filter(
        user=world.officer_a, title__contains="Báo cáo thực hiện lời hứa"
    ).exists()
    frozen.move_to(date(2026, 7, 11))
    assert remind(today=date(2026, 7, 11))["reports_late"] == 1
    frozen.move_to(date(2026, 7, 1))
    services.report_file(
        session=council.session, unit=world.office_a, by=world.officer_a, on=date(2026, 7, 1)
    )
    report = PledgeReport.objects.get()
    report.reminded_late_on = None
    report.save()
    assert remind(today=date(2026, 7, 12))["reports_late"] == 0


def test_it_refuses_a_report_from_a_unit_that_pledged_nothing(
    world: World, council: Council
) -> None:
    with pytest.raises(DomainError, match="không có lời hứa"):
        services.report_file(
            session=council.session, unit=world.office_b, by=world.officer_b, on=date(2026, 6, 15)
        )
    services.report_file(
        session=council.session, unit=world.office_a, by=world.officer_a, on=date(2026, 6, 15)
    )
    with pytest.raises(DomainError, match="Đã ghi nhận báo cáo"):
        services.report_file(
            session=council.session, unit=world.office_a, by=world.officer_a, on=date(2026, 6, 15)
        )


def test_my_work_lists_the_written_answer_and_the_report(world: World, council: Council) -> None:
    items = waiting_on(world.officer_a, today=date(2026, 6, 15))
    kinds = sorted((i.kind, i.due) for i in items)
    assert kinds == [
        ("Báo cáo thực hiện lời hứa", date(2026, 7, 10)),
        ("Trả lời chất vấn bằng văn bản", date(2026, 6, 29)),
    ]
    assert waiting_on(world.officer_b, today=date(2026, 6, 15)) == []
    services.question_to_writing(question=council.waiting, by=world.chairman)
    assert [i.kind for i in waiting_on(world.chairman, today=date(2026, 6, 15))] == [
        "Trả lời chất vấn bằng văn bản"
    ]


def test_the_report_lists_each_pledge_with_its_promise_status(
    world: World, council: Council
) -> None:
    report = exports.report_for(council.session, world.office_a)
    book = load_workbook(BytesIO(exports.report_xlsx_bytes(report)))
    cells = [str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None]
    assert any("Rà soát quy trình chi trả trợ cấp" in c for c in cells)
    assert "Đang thực hiện" in cells
    doc = Document(BytesIO(exports.docx_response(report, by=world.officer_a).content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    assert "10/07/2026" in text and "Rà soát quy trình chi trả trợ cấp" in text
    assert "BÁO CÁO" in text.upper()


def test_the_council_questions_the_ubnd_and_its_offices_not_the_front(
    world: World, council: Council
) -> None:
    """Luật 87/2015/QH13 Điều 5 khoản 1 điểm đ (not read; as the research note reports it):
    the chairman and members of the UBND and the heads of its offices are questioned."""
    with pytest.raises(DomainError, match="không chất vấn Mặt trận"):
        ask(
            council.session,
            world.officer_b,
            world.front_unit,
            Question.Mode.AT_SESSION,
            date(2026, 6, 8),
        )


def test_danvan_remind_and_my_work_find_the_app(world: World, council: Council) -> None:
    from django.apps import apps

    config = apps.get_app_config("questioning")
    assert set(config.send_reminders(today=date(2026, 6, 15))) == {
        "answers_soon",
        "answers_late",
        "reports_soon",
        "reports_late",
    }
    assert len(config.waiting_on(world.officer_a, today=date(2026, 6, 15))) == 2
    rule("tra-loi-van-ban").delete()
    r = DeadlineRule.objects.create(
        procedure="chat-van",
        step="tra-loi-van-ban",
        name="Trả lời chất vấn bằng văn bản",
        days=10,
        unit="calendar",
        start_event="ngày chất vấn",
        effective_from=date(2016, 7, 1),
        source="Quy chế hoạt động của HĐND xã",
    )
    assert config.on_rules_changed() == 2
    council.writing.refresh_from_db()
    assert (council.writing.due_on, council.writing.due_source) == (date(2026, 6, 19), r.source)
