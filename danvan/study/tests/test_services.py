"""The rules of study sessions: who organises, held and cancelled, attendance within the called
number, the audit of every change."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.conftest import World
from danvan.core.audit import history
from danvan.core.errors import DomainError
from danvan.core.models import Unit
from danvan.study import services
from danvan.study.models import StudySession
from danvan.study.services import AttendanceRow
from danvan.study.tests.conftest import St, session

Status = StudySession.Status


def test_it_plans_a_session_with_its_documents_and_audits_it(world: World, st: St) -> None:
    assert list(st.held.documents.all()) == [st.law]
    assert st.held.documents_count == 1
    entry = history(st.planned).first()
    assert entry is not None and entry.action == "study.created"
    assert "luat thuc hien dan chu" in st.held.search_text


def test_it_refuses_an_organiser_of_another_commune_or_a_village(world: World, st: St) -> None:
    with pytest.raises(DomainError, match="Đơn vị tổ chức"):
        session(world, world.other_office, date(2026, 7, 1))
    with pytest.raises(DomainError, match="Đơn vị tổ chức"):
        session(world, world.village, date(2026, 7, 1))
    other_village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn xã khác", parent=world.other_commune
    )
    with pytest.raises(DomainError, match="thôn"):
        session(world, world.office_a, date(2026, 7, 1), village=other_village)


def test_held_is_not_after_today_and_only_once(world: World, st: St) -> None:
    with pytest.raises(DomainError, match="không được sau hôm nay"):
        services.session_mark_held(
            session=st.planned, by=world.officer_a, held_on=date(2026, 6, 16)
        )
    with pytest.raises(DomainError, match="đã tổ chức"):
        services.session_mark_held(session=st.held, by=world.officer_a, held_on=date(2026, 6, 10))


def test_a_cancelled_session_needs_a_reason_and_is_closed(world: World, st: St) -> None:
    with pytest.raises(DomainError, match="lý do"):
        services.session_cancel(session=st.late, by=world.officer_b, reason="  ")
    s = services.session_cancel(session=st.late, by=world.officer_b, reason="Trùng lịch họp")
    assert (s.status, s.cancelled_on, s.cancel_reason) == (
        Status.CANCELLED,
        date(2026, 6, 15),
        "Trùng lịch họp",
    )
    with pytest.raises(DomainError, match="hủy"):
        services.session_update(session=s, by=world.officer_b, title="Khác")
    with pytest.raises(DomainError, match="hủy"):
        services.session_mark_held(session=s, by=world.officer_b, held_on=date(2026, 6, 12))


def test_attendance_adds_up_and_rates_over_called_units(world: World, st: St) -> None:
    assert (st.held.expected_total, st.held.present_total, st.held.rate) == (20, 18, 90)
    village_session = session(
        world, world.office_a, date(2026, 6, 11), village=world.village, audience="villagers"
    )
    services.session_mark_held(
        session=village_session, by=world.chairman, held_on=date(2026, 6, 11)
    )
    s = services.attendance_record(
        session=village_session,
        by=world.chairman,
        rows=[
            AttendanceRow(world.village, None, 65),
            AttendanceRow(world.office_a, 2, 2),
            AttendanceRow(world.office_b, None, None),
        ],
    )
    assert (s.present_total, s.expected_total, s.rate) == (67, 2, 100)
    assert s.attendances.count() == 2


def test_attendance_refuses_more_present_than_called_and_keeps_the_old(
    world: World, st: St
) -> None:
    with pytest.raises(DomainError, match=r"Phòng Văn hóa - Xã hội: số có mặt \(13\)"):
        services.attendance_record(
            session=st.held, by=world.officer_a, rows=[AttendanceRow(world.office_a, 12, 13)]
        )
    with pytest.raises(DomainError, match="số được triệu tập"):
        services.attendance_record(
            session=st.held, by=world.officer_a, rows=[AttendanceRow(world.office_a, None, 3)]
        )
    with pytest.raises(DomainError, match="sau khi đã ghi"):
        services.attendance_record(
            session=st.planned, by=world.officer_a, rows=[AttendanceRow(world.office_a, 3, 3)]
        )
    st.held.refresh_from_db()
    assert st.held.present_total == 18


def test_an_edit_logs_what_changed(world: World, st: St) -> None:
    s = services.session_update(
        session=st.planned,
        by=world.officer_a,
        title=st.planned.title,
        place="Nhà văn hóa thôn Đoàn Kết",
        documents=[st.directive, st.law],
    )
    entry = history(s).first()
    assert entry is not None and entry.action == "study.updated"
    assert set(entry.changes) == {"place", "documents"}
    assert s.documents_count == 2
    with pytest.raises(DomainError, match="Không có thay đổi"):
        services.session_update(
            session=s, by=world.officer_a, place=s.place, documents=[st.directive, st.law]
        )
