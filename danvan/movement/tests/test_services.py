"""The movement's rules, as its services keep them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from danvan.commendations.models import AwardForm
from danvan.commendations.models import Source as AwardSource
from danvan.conftest import World
from danvan.core.audit import history
from danvan.core.errors import DomainError
from danvan.core.models import Attachment
from danvan.movement import services
from danvan.movement.models import Criterion, Kind, RecognitionLevel, Status
from danvan.movement.overview import figures
from danvan.movement.tests.conftest import Mv, photo, register, score_all


def test_it_registers_a_model_with_what_the_provincial_forms_ask(world: World, mv: Mv) -> None:
    p = mv.registered
    assert (p.status, p.kind, p.year, p.registrant, p.village) == (
        Status.REGISTERED,
        Kind.MODEL,
        2026,
        world.village,
        world.village,
    )
    assert p.registration()[0][0] == "Thực trạng, sự cần thiết (lý do xây dựng)"
    assert "duong" in p.search and "doan ket" in p.search
    assert [e.action for e in history(p)] == ["movement.registered"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": Kind.INDIVIDUAL}, "Điển hình cá nhân: ghi họ và tên"),
        ({"ends_on": date(2026, 1, 1)}, "không được trước ngày bắt đầu"),
        ({"registrant": "other"}, "Đơn vị đăng ký phải là đơn vị của xã này"),
        ({"village": "other"}, "Thôn thực hiện phải là đơn vị của xã này"),
    ],
)
def test_it_refuses_a_registration_that_breaks_a_rule(
    world: World, mv: Mv, change: dict[str, Any], message: str
) -> None:
    for key, value in change.items():
        if value == "other":
            change[key] = world.other_office
    with pytest.raises(DomainError, match=message):
        register(world, world.chairman, **change)


def test_a_follow_up_keeps_its_evidence_and_starts_the_follow_up(world: World, mv: Mv) -> None:
    f = services.follow_up_add(
        practice=mv.registered,
        by=world.village_head,
        on=date(2026, 6, 1),
        note="Đã họp dân bàn cách làm.",
        evidence=[photo("a.jpg"), photo("b.jpg", "red")],
    )
    mv.registered.refresh_from_db()
    assert mv.registered.status == Status.FOLLOWING
    assert Attachment.objects.filter(owner_id=f.pk, mime_type="image/jpeg").count() == 2
    with pytest.raises(DomainError, match="không được sau hôm nay"):
        services.follow_up_add(
            practice=mv.registered, by=world.village_head, on=date(2026, 7, 1), note="Sau."
        )


def test_the_score_is_the_average_of_the_reviewers_totals(world: World, mv: Mv) -> None:
    p = mv.registered
    score_all(p, world.officer_a, 10)  # 10+10+10+10+10 = 50 (a model: five criteria)
    score_all(p, world.officer_b)  # 100
    p.refresh_from_db()
    assert (p.status, p.reviews_count, p.score) == (Status.REVIEWED, 2, Decimal("75.00"))
    # A reviewer scoring again replaces his own review.
    score_all(p, world.officer_a, 20)  # 20+20+20+20+10 = 90
    p.refresh_from_db()
    assert (p.reviews_count, p.score) == (2, Decimal("95.00"))


def test_a_criterion_is_scored_within_its_points(world: World, mv: Mv) -> None:
    criteria = services.criteria_for(Kind.MODEL)
    assert sum(c.max_points for c in criteria) == 100
    assert sum(c.max_points for c in services.criteria_for(Kind.INDIVIDUAL)) == 100
    over = {c.pk: c.max_points for c in criteria} | {criteria[0].pk: criteria[0].max_points + 1}
    with pytest.raises(DomainError, match=f"phải từ 0 đến {criteria[0].max_points}"):
        services.review_write(practice=mv.registered, by=world.officer_a, points=over)
    missing = {c.pk: c.max_points for c in criteria[1:]}
    with pytest.raises(DomainError, match="Chấm điểm tiêu chí"):
        services.review_write(practice=mv.registered, by=world.officer_a, points=missing)


def test_criteria_are_data(world: World, mv: Mv) -> None:
    Criterion.objects.filter(applies_to="models").update(is_active=False)
    assert sum(c.max_points for c in services.criteria_for(Kind.MODEL)) == 80
    assert all(c.source for c in Criterion.objects.all())


def test_recognition_needs_a_review_and_a_decision_number(world: World, mv: Mv) -> None:
    with pytest.raises(DomainError, match="Chưa có phiếu chấm điểm"):
        services.practice_decide(
            practice=mv.registered,
            by=world.chairman,
            recognised=True,
            decided_on=date(2026, 6, 15),
            decision_number="1/QĐ",
        )
    with pytest.raises(DomainError, match="ghi số quyết định"):
        services.practice_decide(
            practice=mv.reviewed, by=world.chairman, recognised=True, decided_on=date(2026, 6, 15)
        )
    with pytest.raises(DomainError, match="ghi lý do"):
        services.practice_decide(
            practice=mv.reviewed, by=world.chairman, recognised=False, decided_on=date(2026, 6, 15)
        )
    p = services.practice_decide(
        practice=mv.reviewed,
        by=world.chairman,
        recognised=False,
        decided_on=date(2026, 6, 15),
        decision_note="Chưa có kết quả kiểm chứng.",
    )
    assert (p.status, p.public, p.level) == (Status.NOT_RECOGNISED, False, None)
    with pytest.raises(DomainError, match="không chấm điểm lại"):
        score_all(p, world.officer_b)


def test_a_recognised_practice_is_at_the_communes_level_and_public(mv: Mv) -> None:
    p = mv.recognised
    assert p.status == Status.RECOGNISED and p.public
    assert p.level is not None and p.level.is_commune and p.decision_number == "45/QĐ-UBND"


def test_there_is_no_district_level(world: World, mv: Mv) -> None:
    assert not RecognitionLevel.objects.filter(name__icontains="huyện").exists()
    commune = RecognitionLevel.objects.get(is_commune=True)
    with pytest.raises(DomainError, match="cấp tỉnh hoặc Trung ương"):
        services.practice_propose(
            practice=mv.recognised,
            by=world.chairman,
            level=commune,
            proposed_on=date(2026, 6, 15),
            proposal_number="1/TTr",
        )
    with pytest.raises(DomainError, match="không còn cấp huyện"):
        services.replication_add(
            practice=mv.recognised,
            by=world.chairman,
            adopter="Xã bạn",
            place="huyện Cao Lộc",
            since=date(2026, 6, 1),
        )


def test_a_recognised_practice_is_proposed_upward(world: World, mv: Mv) -> None:
    with pytest.raises(DomainError, match="đã được xã công nhận"):
        services.practice_propose(
            practice=mv.reviewed,
            by=world.chairman,
            level=RecognitionLevel.objects.get(code="tinh"),
            proposed_on=date(2026, 6, 15),
            proposal_number="1/TTr",
        )
    p = services.practice_propose(
        practice=mv.recognised,
        by=world.chairman,
        level=RecognitionLevel.objects.get(code="tinh"),
        proposed_on=date(2026, 6, 15),
        proposal_number="12/TTr-UBND",
    )
    assert p.proposed_level is not None and p.proposed_level.code == "tinh"


def test_the_award_goes_into_the_commendations_register(world: World, mv: Mv) -> None:
    p = services.practice_award(
        practice=mv.recognised,
        by=world.chairman,
        form=AwardForm.objects.get(code="giay-khen"),
        decision_number="60/QĐ-UBND",
        decided_on=date(2026, 6, 15),
        achievement="Thành tích xuất sắc.",
    )
    assert p.award is not None
    assert (p.award.source, p.award.recipient, p.award.recipient_unit) == (
        AwardSource.MOVEMENT,
        world.village.name,
        world.village,
    )
    assert p.award.source_url == p.get_absolute_url()
    with pytest.raises(DomainError, match="đã được khen thưởng"):
        services.practice_award(
            practice=p,
            by=world.chairman,
            form=AwardForm.objects.get(code="giay-khen"),
            decision_number="61/QĐ-UBND",
            decided_on=date(2026, 6, 15),
            achievement="Lần hai.",
        )
    with pytest.raises(DomainError, match="đã được xã công nhận"):
        services.practice_award(
            practice=mv.reviewed,
            by=world.chairman,
            form=AwardForm.objects.get(code="giay-khen"),
            decision_number="62/QĐ-UBND",
            decided_on=date(2026, 6, 15),
            achievement="Chưa công nhận.",
        )


def test_replication_is_a_models_elsewhere(world: World, mv: Mv) -> None:
    with pytest.raises(DomainError, match="nơi khác"):
        services.replication_add(
            practice=mv.recognised,
            by=world.chairman,
            adopter="Thôn Đoàn Kết",
            village=world.village,
            since=date(2026, 6, 1),
        )
    with pytest.raises(DomainError, match="Chỉ ghi nhân rộng cho mô hình"):
        services.replication_add(
            practice=mv.reviewed,
            by=world.chairman,
            adopter="X",
            place="Xã Tân Thành",
            since=date(2026, 6, 1),
        )
    r = services.replication_add(
        practice=mv.recognised,
        by=world.officer_a,
        adopter="Thôn Hòa Bình",
        village=mv.other_village,
        since=date(2026, 6, 1),
    )
    assert r.where == "Thôn Hòa Bình"


def test_only_a_recognised_practice_is_shown_to_the_public(world: World, mv: Mv) -> None:
    with pytest.raises(DomainError, match="được công nhận mới hiện"):
        services.practice_set_public(practice=mv.reviewed, by=world.officer_a, public=True)
    services.practice_set_public(practice=mv.recognised, by=world.officer_a, public=False)
    from danvan.movement.models import Practice

    assert not Practice.objects.gallery().exists()


def test_the_overview_counts_the_years_practices(world: World, mv: Mv) -> None:
    services.replication_add(
        practice=mv.recognised,
        by=world.officer_a,
        adopter="Thôn Hòa Bình",
        village=mv.other_village,
        since=date(2026, 6, 1),
    )
    part = figures(
        communes=[world.commune.pk],
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        on=date(2026, 6, 15),
    )["movement"]
    extra = {e["key"]: e["value"] for e in part["extra"]}
    assert (part["total"], part["done"], part["late"]) == (3, 1, 0)
    assert extra == {
        "models": 2,
        "exemplars": 1,
        "recognised": 1,
        "proposed": 0,
        "replications": 1,
    }
    village_part = figures(
        communes=[world.commune.pk],
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        on=date(2026, 6, 15),
        villages=[mv.other_village.pk],
    )["movement"]
    assert village_part["total"] == 1


def test_what_waits_on_the_scorers_and_the_leaders(world: World, mv: Mv) -> None:
    from danvan.movement.work import waiting_on

    def kinds(user: Any) -> set[tuple[str, str]]:
        return {(i.kind, i.title) for i in waiting_on(user, today=date(2026, 6, 15))}

    assert kinds(world.officer_b) == {
        ("Chấm điểm", mv.registered.name),
        ("Chấm điểm", mv.reviewed.name),
    }
    assert kinds(world.officer_a) == {("Chấm điểm", mv.registered.name)}
    assert ("Xét công nhận", mv.reviewed.name) in kinds(world.chairman)
    assert kinds(world.village_head) == set() and kinds(world.readonly_a) == set()
