"""The services of voters' recommendations: what the office, the Front and the law rely on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, DeadlineRule, Notification
from danvan.promises import services as promises
from danvan.promises.models import Promise
from danvan.voters import reminders, services
from danvan.voters.models import Competence, Outcome, VoterMeeting, VoterRecommendation
from danvan.voters.tests.conftest import TODAY, Vot, meeting_of


def test_it_numbers_recommendations_per_commune_and_year(world: World, vot: Vot) -> None:
    assert [r.number for r in VoterRecommendation.objects.filter(commune=world.commune)] == [
        4,
        3,
        2,
        1,
    ]
    assert vot.other_rec.code == "1/2026"


def test_it_refuses_a_meeting_not_chaired_by_the_communes_front(world: World, vot: Vot) -> None:
    with pytest.raises(DomainError, match="MTTQ"):
        meeting_of(world, chaired_by=world.office_a)


def test_it_refuses_a_meeting_before_a_session_held_after_it(world: World, vot: Vot) -> None:
    with pytest.raises(DomainError, match="trước ngày khai mạc"):
        services.meeting_create(
            commune=world.commune,
            by=world.front,
            kind=VoterMeeting.Kind.BEFORE,
            session_on=date(2026, 6, 1),
            held_on=date(2026, 6, 10),
            place="Nhà văn hóa",
            chaired_by=world.front_unit,
            delegates="Nông Văn An",
            voters_count=10,
        )


def test_it_refuses_a_meeting_in_the_future(world: World, vot: Vot) -> None:
    with pytest.raises(DomainError, match="không được sau hôm nay"):
        services.meeting_create(
            commune=world.commune,
            by=world.front,
            kind=VoterMeeting.Kind.RESIDENCE,
            held_on=TODAY + timedelta(days=1),
            place="Nhà văn hóa",
            chaired_by=world.front_unit,
            delegates="Nông Văn An",
            voters_count=10,
        )


def test_it_makes_an_assigned_recommendation_a_promise_of_the_unit(vot: Vot, world: World) -> None:
    p = vot.assigned.promise
    assert p is not None
    assert p.source == Promise.Source.VOTERS
    assert p.owner_unit == world.office_a and p.due_on == date(2026, 6, 30)
    assert p.source_url == vot.assigned.get_absolute_url()
    assert "Kỳ họp thứ 3" in p.source_label
    # Internal until the leader publishes the meeting's results.
    assert not p.public and p.internal_reason
    assert vot.assigned.state(TODAY) == "open"


def test_it_takes_the_units_report_as_the_answer(vot: Vot, world: World) -> None:
    assert vot.assigned.promise is not None
    promises.promise_report(
        promise=vot.assigned.promise,
        by=world.officer_a,
        outcome=Promise.Outcome.ROADMAP,
        note="Đã lập dự toán, lắp trong quý III.",
        on=TODAY,
        roadmap_due=date(2026, 9, 30),
    )
    rec = VoterRecommendation.objects.select_related("promise").get(pk=vot.assigned.pk)
    assert rec.state(TODAY) == "roadmap"


def test_it_refuses_to_classify_twice(vot: Vot, world: World) -> None:
    with pytest.raises(DomainError, match="đã được chuyển"):
        services.recommendation_assign(
            rec=vot.forwarded, by=world.chairman, owner_unit=world.office_a, due_on=TODAY
        )
    with pytest.raises(DomainError, match="đã được giao"):
        services.recommendation_forward(
            rec=vot.assigned,
            by=world.chairman,
            receiving_body="UBND tỉnh",
            forwarded_on=TODAY,
            chase_on=TODAY + timedelta(days=30),
        )


@pytest.mark.parametrize("body", ["UBND huyện Cao Lộc", "Phòng Tài nguyên huyện", "HUYỆN"])
def test_it_never_forwards_to_a_district(vot: Vot, world: World, body: str) -> None:
    """No district since 01/07/2025 (the two-level local government)."""
    with pytest.raises(DomainError, match="không còn cấp huyện"):
        services.recommendation_forward(
            rec=vot.pending,
            by=world.chairman,
            receiving_body=body,
            forwarded_on=TODAY,
            chase_on=TODAY + timedelta(days=30),
        )
    assert VoterRecommendation.objects.get(pk=vot.pending.pk).competence == Competence.PENDING


def test_it_records_a_forwarded_answer_with_its_roadmap(vot: Vot, world: World) -> None:
    with pytest.raises(DomainError, match="lộ trình"):
        services.recommendation_record_answer(
            rec=vot.forwarded,
            by=world.officer_b,
            answered_on=TODAY,
            answer="Đang bố trí vốn.",
            outcome=Outcome.ROADMAP,
        )
    rec = services.recommendation_record_answer(
        rec=vot.forwarded,
        by=world.officer_b,
        answered_on=TODAY,
        answer="Đã bố trí vốn năm 2027.",
        outcome=Outcome.ROADMAP,
        roadmap_due=date(2027, 12, 31),
    )
    assert rec.state(TODAY) == "roadmap" and rec.roadmap_due == date(2027, 12, 31)
    assert AuditEntry.objects.filter(action="voters.answer_recorded").count() == 1


def test_it_refuses_a_forwarded_answer_for_the_communes_own(vot: Vot, world: World) -> None:
    with pytest.raises(DomainError, match="báo cáo của đơn vị"):
        services.recommendation_record_answer(
            rec=vot.assigned,
            by=world.chairman,
            answered_on=TODAY,
            answer="x",
            outcome=Outcome.KEPT,
        )


def test_it_reminds_the_office_once_when_a_forwarded_answer_is_late(vot: Vot, world: World) -> None:
    assert reminders.remind_forwarded(today=date(2026, 6, 19)) == {"forwarded_unanswered": 0}
    assert reminders.remind_forwarded(today=date(2026, 6, 20)) == {"forwarded_unanswered": 1}
    assert reminders.remind_forwarded(today=date(2026, 6, 21)) == {"forwarded_unanswered": 0}
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert {"officer_b", "chairman"} <= told and "officer_a" not in told
    assert vot.forwarded.state(date(2026, 6, 20)) == "chase"


def test_it_publishes_a_meeting_with_its_promises_and_the_posting_rule(
    vot: Vot, world: World
) -> None:
    """The posting period ships as a rule marked CHƯA KIỂM CHỨNG (docs/legal-rules.md)."""
    rule = DeadlineRule.objects.get(procedure="cu-tri", step="niem-yet-ket-qua")
    assert rule.source.startswith("CHƯA KIỂM CHỨNG") and rule.days == 30
    meeting = services.meeting_publish(meeting=vot.meeting, by=world.chairman)
    assert meeting.posted_until == TODAY + timedelta(days=30)
    assert meeting.posting_source.startswith("CHƯA KIỂM CHỨNG")
    assert Promise.objects.get(pk=vot.assigned.promise_id).public
    # A recommendation assigned after publication is public at once.
    later = services.recommendation_assign(
        rec=vot.pending, by=world.chairman, owner_unit=world.office_b, due_on=date(2026, 7, 31)
    )
    assert later.promise is not None and later.promise.public
    services.meeting_publish(meeting=meeting, by=world.chairman, publish=False)
    assert not Promise.objects.get(pk=vot.assigned.promise_id).public
    with pytest.raises(DomainError, match="chưa được công bố"):
        services.meeting_publish(meeting=meeting, by=world.chairman, publish=False)


def test_it_publishes_without_a_posting_rule_in_force(vot: Vot, world: World) -> None:
    DeadlineRule.objects.filter(procedure="cu-tri").update(effective_to=date(2026, 1, 1))
    from danvan.core.deadlines import forget_rules

    forget_rules()
    meeting = services.meeting_publish(meeting=vot.meeting, by=world.chairman)
    assert meeting.published_at and meeting.posted_until is None
    forget_rules()


def test_it_counts_received_answered_and_pending_for_the_overview(vot: Vot, world: World) -> None:
    from danvan.voters.overview import figures

    services.recommendation_record_answer(
        rec=vot.forwarded,
        by=world.officer_b,
        answered_on=TODAY,
        answer="Đã giải trình.",
        outcome=Outcome.EXPLAINED,
    )
    part = figures(communes=[world.commune.pk], start=date(2026, 1, 1), end=TODAY, on=TODAY)[
        "voters"
    ]
    assert (part["total"], part["done"], part["open"]) == (4, 1, 3)
    extra = {e["key"]: e["value"] for e in part["extra"]}
    assert extra == {"meetings": 1, "unclassified": 2, "forwarded": 1}
    late = figures(
        communes=[world.commune.pk],
        start=date(2026, 1, 1),
        end=date(2026, 7, 31),
        on=date(2026, 7, 1),
    )["voters"]
    assert late["late"] == 1  # office A's promise, due 30/06/2026
    assert late["late_items"][0]["owner"] == world.office_a.label


def test_it_puts_what_waits_on_the_office_in_its_work(vot: Vot, world: World) -> None:
    from danvan.voters.work import waiting_on

    kinds = sorted(i.kind for i in waiting_on(world.officer_b, today=TODAY))
    assert kinds == [
        "Phân loại, giao hoặc chuyển kiến nghị",
        "Phân loại, giao hoặc chuyển kiến nghị",
        "Đôn đốc trả lời kiến nghị đã chuyển",
    ]
    assert waiting_on(world.officer_a, today=TODAY) == []
    assert waiting_on(world.front, today=TODAY) == []
