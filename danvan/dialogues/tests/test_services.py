"""The dialogue's steps, its rules (notice, results) and its refusals in Vietnamese."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.apps import apps
from docx import Document

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, DeadlineRule
from danvan.dialogues import services
from danvan.dialogues.exports import minutes_docx
from danvan.dialogues.models import Dialogue
from danvan.dialogues.tests.conftest import Dia, held, make
from danvan.dialogues.work import waiting_on
from danvan.promises.models import Promise

pytestmark = pytest.mark.django_db


def test_the_rules_ship_unverified_and_an_admin_can_change_them() -> None:
    rows = DeadlineRule.objects.filter(procedure__startswith="doi-thoai-")
    found = {(r.procedure, r.step): r for r in rows}
    assert found["doi-thoai-nhan-dan", "thong-bao"].days == 7
    assert found["doi-thoai-nhan-dan", "thong-bao"].kind == "minimum"
    assert found["doi-thoai-nhan-dan", "cong-bo-ket-qua"].days == 10
    assert found["doi-thoai-khieu-nai", "thong-bao"].days == 5
    assert all(r.source.startswith("CHƯA KIỂM CHỨNG") for r in found.values())
    assert all("huyện" not in r.source and "huyện" not in r.name for r in found.values())


def test_a_notice_seven_days_before_is_in_time_six_is_late(world: World, frozen: Any) -> None:
    d = make(world, held_on=date(2026, 6, 30))
    assert services.latest_notice_day(d) == date(2026, 6, 23)
    services.dialogue_announce(dialogue=d, by=world.officer_b, notice_on=date(2026, 6, 15))
    assert services.notice_warning(d) == ""
    late = make(world, held_on=date(2026, 6, 20))
    late = services.dialogue_announce(
        dialogue=late, by=world.officer_b, notice_on=date(2026, 6, 15)
    )
    assert late.status == Dialogue.Status.ANNOUNCED  # recorded, not refused
    warning = services.notice_warning(late)
    assert "Thông báo chậm" in warning and "22/06/2026" in warning
    assert (
        AuditEntry.objects.filter(action="dialogues.announced")
        .order_by("pk")
        .last()
        .changes["dialogue_notice_late"]
        is True
    )


def test_the_rule_an_admin_changes_moves_the_warning(world: World, frozen: Any) -> None:
    d = make(world, held_on=date(2026, 6, 20))
    d = services.dialogue_announce(dialogue=d, by=world.officer_b, notice_on=date(2026, 6, 15))
    assert services.notice_warning(d)
    DeadlineRule.objects.filter(procedure="doi-thoai-nhan-dan", step="thong-bao").update(days=3)
    from danvan.core.deadlines import forget_rules

    forget_rules()
    assert services.notice_warning(d) == ""


def case(world: World, number: int = 15) -> Any:
    """A complaint case of the commune, made through the app registry (no petitions import)."""
    petition = apps.get_model("petitions", "Petition")
    return petition.objects.create(
        commune=world.commune,
        year=2026,
        number=number,
        tracking_code=f"TEST{number}",
        channel="in_person",
        kind="complaint",
        subject="Khiếu nại quyết định thu hồi đất",
        content="…",
        received_on=date(2026, 6, 1),
    )


def test_a_complaint_dialogue_has_its_own_five_day_notice(world: World, frozen: Any) -> None:
    petition = case(world)
    d = make(world, kind=Dialogue.Kind.COMPLAINT, petition_code=" 15 / 2026 ", co_organiser=None)
    assert d.petition_id == petition.pk
    assert services.earliest_day(d.kind, date(2026, 7, 1))[0] == date(2026, 7, 6)
    assert services.earliest_day(d.kind, date(2026, 6, 1)) is None  # before NĐ 155/2026
    assert services.results_due(d) is None


def test_a_complaint_dialogue_needs_a_case_of_the_commune(world: World, frozen: Any) -> None:
    with pytest.raises(DomainError, match="hồ sơ đơn thư"):
        make(world, kind=Dialogue.Kind.COMPLAINT)
    with pytest.raises(DomainError, match="Không có hồ sơ đơn thư số 99/2026"):
        make(world, kind=Dialogue.Kind.COMPLAINT, petition_code="99/2026")
    with pytest.raises(DomainError, match="dạng số/năm"):
        make(world, kind=Dialogue.Kind.COMPLAINT, petition_code="abc")


def test_the_yearly_conference_is_held_with_the_front(world: World, frozen: Any) -> None:
    with pytest.raises(DomainError, match="Ủy ban MTTQ xã"):
        make(world, co_organiser=None)
    with pytest.raises(DomainError, match="Ủy ban MTTQ của chính xã"):
        make(world, co_organiser=world.office_a)
    with pytest.raises(DomainError, match="không phải thôn"):
        make(world, villages=[world.office_a])
    assert not Dialogue.objects.exists()


def test_the_steps_go_in_order(world: World, frozen: Any) -> None:
    d = make(world, held_on=date(2026, 6, 12))
    with pytest.raises(DomainError, match="thông báo"):
        services.attendance_record(
            dialogue=d, by=world.officer_b, attendance_total=10, officials_present=""
        )
    with pytest.raises(DomainError, match="số người dự"):
        services.question_add(dialogue=d, by=world.officer_b, text="?")
    with pytest.raises(DomainError, match="không được sau hôm nay"):
        services.dialogue_announce(dialogue=d, by=world.officer_b, notice_on=date(2026, 6, 16))
    future = make(world, held_on=date(2026, 6, 30))
    services.dialogue_announce(dialogue=future, by=world.officer_b, notice_on=date(2026, 6, 15))
    with pytest.raises(DomainError, match="Ngày tổ chức hội nghị không được sau hôm nay"):
        services.attendance_record(
            dialogue=future, by=world.officer_b, attendance_total=10, officials_present=""
        )
    with pytest.raises(DomainError, match="Ghi kết quả tổ chức"):
        services.dialogue_publish(
            dialogue=future, by=world.chairman, summary="x", published_on=date(2026, 6, 15)
        )


def test_attendance_by_village_cannot_exceed_the_total(world: World, frozen: Any) -> None:
    d = make(world, held_on=date(2026, 6, 12))
    services.dialogue_announce(dialogue=d, by=world.officer_b, notice_on=date(2026, 6, 1))
    with pytest.raises(DomainError, match="lớn hơn tổng số"):
        services.attendance_record(
            dialogue=d,
            by=world.officer_b,
            attendance_total=10,
            officials_present="",
            village_counts={world.village: 11},
        )
    d.refresh_from_db()
    assert d.status == Dialogue.Status.ANNOUNCED and d.attendance_total is None


def test_a_commitment_is_a_promise_of_the_dialogue(world: World, dia: Dia) -> None:
    promise = Promise.objects.get(pk=dia.commitment.promise_id)
    assert promise.source == Promise.Source.DIALOGUE
    assert promise.owner_unit == world.office_a
    assert promise.due_on == date(2026, 9, 30)
    assert promise.made_on == date(2026, 6, 10)
    assert promise.village == world.village
    assert promise.source_url == dia.held.get_absolute_url()
    # The dialogue's public page answers only once its results are published: no dead link.
    assert promise.public_url == ""
    services.dialogue_publish(
        dialogue=dia.held, by=world.chairman, summary="Kết quả", published_on=date(2026, 6, 15)
    )
    promise.refresh_from_db()
    assert promise.public_url == f"/doi-thoai/{dia.held.pk}/"
    assert world.client(None).get(promise.public_url).status_code == 200
    assert promise.task.lead_unit == world.office_a
    assert promise.status(date(2026, 6, 15)) == "open"
    assert promise.status(date(2026, 10, 1)) == "late"


def test_a_commitment_is_refused_in_vietnamese(world: World, dia: Dia) -> None:
    count = Promise.objects.count()
    with pytest.raises(DomainError, match="trước ngày tổ chức"):
        services.commitment_add(
            dialogue=dia.held,
            by=world.chairman,
            title="x",
            owner_unit=world.office_a,
            due_on=date(2026, 6, 1),
        )
    with pytest.raises(DomainError, match="đơn vị thuộc xã"):
        services.commitment_add(
            dialogue=dia.held,
            by=world.chairman,
            title="x",
            owner_unit=world.other_office,
            due_on=date(2026, 7, 1),
        )
    with pytest.raises(DomainError, match="lý do"):
        services.commitment_add(
            dialogue=dia.held,
            by=world.chairman,
            title="x",
            owner_unit=world.office_a,
            due_on=date(2026, 7, 1),
            public=False,
        )
    with pytest.raises(DomainError, match="đã công bố"):
        services.commitment_add(
            dialogue=dia.published,
            by=world.chairman,
            title="x",
            owner_unit=world.office_a,
            due_on=date(2026, 7, 1),
        )
    assert Promise.objects.count() == count


def test_publishing_closes_the_record(world: World, dia: Dia) -> None:
    assert dia.published.status == Dialogue.Status.PUBLISHED
    with pytest.raises(DomainError, match="đã được công bố"):
        services.dialogue_publish(
            dialogue=dia.published, by=world.chairman, summary="x", published_on=date(2026, 6, 15)
        )
    with pytest.raises(DomainError, match="không sửa"):
        services.dialogue_update(
            dialogue=dia.published,
            by=world.chairman,
            **{
                "kind": "yearly",
                "title": "x",
                "topic": "x",
                "held_on": date(2026, 6, 5),
                "starts_at": None,
                "place": "x",
                "chairs": "x",
                "co_organiser": world.front_unit,
                "villages": [],
                "agenda": "",
                "petition_code": "",
                "invited": "",
            },
        )
    entry = AuditEntry.objects.filter(action="dialogues.published").order_by("pk").last()
    assert entry.changes["dialogue_results_on_time"] is True  # 15/06 within 10 days of 05/06


def test_this_years_conference_is_known(world: World, dia: Dia) -> None:
    found = services.yearly_held(world.commune.pk, 2026)
    assert found is not None and found.held_on == date(2026, 6, 5)
    assert services.yearly_held(world.commune.pk, 2025) is None


def test_the_minutes_hold_the_questions_and_commitments(world: World, dia: Dia) -> None:
    doc = Document(BytesIO(minutes_docx(dia.held)))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "BIÊN BẢN" in text.upper()
    assert "Đường thôn Đoàn Kết xuống cấp" in text
    assert "Nguyễn Văn Hỏi" in text  # the minutes name who asked; they stay inside
    assert "Sửa đường thôn Đoàn Kết" in cells
    assert "120" in text


def test_my_work_lists_the_notice_and_the_results_due(world: World, dia: Dia) -> None:
    items = {(i.kind, i.url): i for i in waiting_on(world.chairman, today=date(2026, 6, 15))}
    notice = items["Gửi thông báo hội nghị đối thoại", dia.draft.get_absolute_url()]
    assert notice.due == date(2026, 6, 23)
    results = items["Công bố kết quả hội nghị đối thoại", dia.held.get_absolute_url()]
    assert results.due == date(2026, 6, 22)  # 10 days after 10/06 is Saturday 20/06: Monday
    assert not waiting_on(world.village_head, today=date(2026, 6, 15))
    assert all(i.commune_id == world.commune.pk for i in items.values())


def test_a_second_held_dialogue_helper(world: World, frozen: Any) -> None:
    d = held(world, make(world, held_on=date(2026, 6, 12)), notice_on=date(2026, 6, 1))
    assert d.status == Dialogue.Status.HELD
    assert d.village_counts.get().people == 80
