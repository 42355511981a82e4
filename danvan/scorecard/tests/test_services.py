"""The rules of the self-assessment: points within their maximum, bonus capped, penalty
deducted, the grade from the bands, evidence flagged, links into the product only, frozen once
submitted, reopened by a leader with a reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry
from danvan.scorecard import services, sheet
from danvan.scorecard.models import Assessment, Criterion, GradeBand, Scorecard
from danvan.scorecard.overview import figures
from danvan.scorecard.tests.conftest import Sc, fill, sample

D = Decimal


def _line(a: Assessment, code: str) -> sheet.Line:
    return next(line for line in sheet.result_of(a).lines if line.code == code)


def _set(a: Assessment, by: Any, code: str, points: str | None, links: list[str] = ()) -> None:  # type: ignore[assignment]
    line = _line(a, code)
    services.scores_save(
        assessment=a,
        by=by,
        entries={
            line.criterion: services.Entry(
                points=None if points is None else D(points), links=list(links)
            )
        },
    )


@pytest.fixture
def draft(world: World, frozen: Any) -> Assessment:
    return services.assessment_start(commune=world.commune, by=world.officer_b, year=2026)


def test_the_sample_scorecard_is_seeded_as_unverified_with_100_points(db: None) -> None:
    card = sample()
    assert not card.verified and "CHƯA KIỂM CHỨNG" in card.source
    normal = Criterion.objects.filter(scorecard=card, kind="normal", children__isnull=True)
    assert sum(c.max_points for c in normal) == 100
    assert list(GradeBand.objects.filter(scorecard=card).values_list("min_points", flat=True)) == [
        90,
        70,
        50,
        0,
    ]


def test_the_total_adds_the_bonus_up_to_its_cap_and_deducts_the_penalty(
    world: World, draft: Assessment
) -> None:
    fill(draft, world.officer_b, points=lambda line: line.max_points - 1)  # 100 - 15 = 85
    result = sheet.result_of(draft)
    assert (result.normal, result.bonus, result.penalty) == (D(85), D(3), D(0))  # T.1 2 + T.2 1
    assert result.grade == "Hoàn thành tốt nhiệm vụ"
    _set(draft, world.officer_b, "T.1", "3")
    _set(draft, world.officer_b, "T.2", "2")
    result = sheet.result_of(draft)
    assert (result.bonus, result.total, result.grade) == (
        D(5),
        D(90),
        "Hoàn thành xuất sắc nhiệm vụ",
    )
    _set(draft, world.officer_b, "Tr.1", "2.5")
    result = sheet.result_of(draft)
    assert (result.penalty, result.total, result.grade) == (
        D("2.5"),
        D("87.5"),
        "Hoàn thành tốt nhiệm vụ",
    )


def test_caps_of_the_scorecard_bound_the_bonus_and_the_total(
    world: World, draft: Assessment
) -> None:
    card = draft.scorecard
    fill(draft, world.officer_b)  # 100 + bonus 5
    assert sheet.result_of(draft).total == D(105)
    card.bonus_cap, card.total_cap = D(1), D(100)
    card.save()
    draft.refresh_from_db()
    result = sheet.result_of(draft)
    assert (result.bonus, result.total) == (D(1), D(100))


def test_a_total_is_never_below_zero_and_the_lowest_band_still_grades(
    world: World, draft: Assessment
) -> None:
    fill(draft, world.officer_b, points=lambda line: D(0))
    _set(draft, world.officer_b, "Tr.1", "5")
    result = sheet.result_of(draft)
    assert (result.total, result.grade) == (D(0), "Không hoàn thành nhiệm vụ")


def test_points_outside_zero_to_the_maximum_are_refused_in_vietnamese(
    world: World, draft: Assessment
) -> None:
    for wrong in ("5.5", "-1"):
        with pytest.raises(DomainError, match=r"Tiêu chí 1.1: điểm từ 0 đến 5"):
            _set(draft, world.officer_b, "1.1", wrong)
    assert _line(draft, "1.1").points is None


def test_a_criterion_scored_without_evidence_is_flagged_a_penalty_or_a_zero_is_not(
    world: World, draft: Assessment
) -> None:
    _set(draft, world.officer_b, "1.1", "5")
    _set(draft, world.officer_b, "1.2", "0")
    _set(draft, world.officer_b, "Tr.1", "2")
    _set(draft, world.officer_b, "2.1", "8", ["/can-bo/tu-danh-gia/"])
    assert [line.code for line in sheet.result_of(draft).missing] == ["1.1"]


def test_links_must_be_pages_of_this_site() -> None:
    assert services.clean_link(" /can-bo/tu-danh-gia/ ") == "/can-bo/tu-danh-gia/"
    assert services.clean_link("http://testserver/can-bo/tu-danh-gia/?nam=2026") == (
        "/can-bo/tu-danh-gia/?nam=2026"
    )
    for wrong in (
        "/khong-co-trang-nay/",
        "https://example.com/can-bo/tu-danh-gia/",
        "javascript:alert(1)",
        "//example.com/can-bo/",
        "can-bo/tu-danh-gia/",
    ):
        with pytest.raises(DomainError, match="không phải đường dẫn tới một trang"):
            services.clean_link(wrong)
    with pytest.raises(DomainError, match="tối đa 10 liên kết"):
        services.clean_links([f"/can-bo/tu-danh-gia/?nam={y}" for y in range(2015, 2026)])


def test_submitting_needs_every_criterion_scored(world: World, draft: Assessment) -> None:
    _set(draft, world.officer_b, "1.1", "5")
    with pytest.raises(DomainError, match=r"Còn 18 tiêu chí chưa chấm điểm \(1.2, 1.3"):
        services.assessment_submit(assessment=draft, by=world.officer_b)
    assert Assessment.objects.get(pk=draft.pk).status == "draft"


def test_a_submitted_assessment_is_frozen_as_it_stood(world: World, draft: Assessment) -> None:
    fill(draft, world.officer_b)
    done = services.assessment_submit(assessment=draft, by=world.officer_b)
    assert (done.total, done.grade, done.missing) == (D(105), "Hoàn thành xuất sắc nhiệm vụ", 0)
    # The province changes its scorecard afterwards: the submitted one says what it said.
    c = Criterion.objects.get(scorecard=draft.scorecard, code="1.1")
    c.text, c.max_points = "Tiêu chí đã sửa", D(2)
    c.save()
    GradeBand.objects.filter(scorecard=draft.scorecard).update(min_points=200)
    result = sheet.result_of(Assessment.objects.get(pk=draft.pk))
    line = next(x for x in result.lines if x.code == "1.1")
    assert result.frozen and line.text.startswith("Ban hành kế hoạch") and line.max_points == 5
    assert (result.total, result.grade) == (D(105), "Hoàn thành xuất sắc nhiệm vụ")
    with pytest.raises(DomainError, match="đã gửi, không sửa được"):
        _set(done, world.officer_b, "1.2", "1")
    with pytest.raises(DomainError, match="đã gửi, không sửa được"):
        services.assessment_submit(assessment=done, by=world.officer_b)


def test_a_leader_reopens_with_a_reason_and_it_is_audited(world: World, sc: Sc) -> None:
    with pytest.raises(DomainError, match="Ghi lý do"):
        services.assessment_reopen(assessment=sc.submitted, by=world.chairman, reason=" ")
    with pytest.raises(DomainError, match="chưa gửi"):
        services.assessment_reopen(assessment=sc.draft, by=world.chairman, reason="Sửa")
    a = services.assessment_reopen(
        assessment=sc.submitted, by=world.chairman, reason="Tỉnh đề nghị bổ sung minh chứng."
    )
    assert (a.status, a.snapshot, a.total, a.grade) == ("draft", {}, None, "")
    actions = list(
        AuditEntry.objects.filter(object_id=str(a.pk), content_type__model="assessment")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "scorecard.started",
        "scorecard.scored",
        "scorecard.submitted",
        "scorecard.reopened",
    ]
    entry = AuditEntry.objects.get(action="scorecard.reopened")
    assert entry.changes["reason"] == "Tỉnh đề nghị bổ sung minh chứng."
    assert entry.changes["total"] == ["105", ""]


def test_a_year_is_started_once_within_the_years_the_scorecard_covers(world: World, sc: Sc) -> None:
    with pytest.raises(DomainError, match="đã có bản tự đánh giá năm 2026"):
        services.assessment_start(commune=world.commune, by=world.officer_b, year=2026)
    with pytest.raises(DomainError, match="từ 2025 đến 2027"):
        services.assessment_start(commune=world.commune, by=world.officer_b, year=2024)
    Scorecard.objects.update(until_year=2026)
    with pytest.raises(DomainError, match="Chưa có bộ tiêu chí áp dụng cho năm 2027"):
        services.assessment_start(commune=world.commune, by=world.officer_b, year=2027)


def test_the_overview_gives_the_years_total_grade_and_missing_evidence(
    world: World, sc: Sc
) -> None:
    part = figures(
        communes=[world.commune.pk],
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        on=date(2027, 1, 15),
    )["scorecard"]
    assert (part["total"], part["done"], part["open"], part["on_time_rate"]) == (1, 1, 0, None)
    assert {e["key"]: e["value"] for e in part["extra"]} == {
        "points": "105",
        "grade": "Hoàn thành xuất sắc nhiệm vụ",
        "missing": 0,
        "absent": 0,
    }
    part = figures(
        communes=[world.commune.pk, world.other_commune.pk],
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        on=date(2027, 1, 15),
    )["scorecard"]
    assert (part["total"], part["done"], part["open"]) == (2, 0, 2)
    # A year without an assessment: the leaders see that the commune has not started one.
    part = figures(
        communes=[world.commune.pk],
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        on=date(2027, 1, 15),
    )["scorecard"]
    assert (part["total"], part["done"]) == (0, 0)
    assert {e["key"]: e["value"] for e in part["extra"]}["absent"] == 1
