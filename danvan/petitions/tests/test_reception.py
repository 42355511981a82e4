"""The reception register (sổ tiếp công dân): sessions, visits of form 03/TCD, the chairman's week.

Time is frozen on Thursday 05/11/2026 unless a test travels elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import AuditEntry
from danvan.petitions import reception
from danvan.petitions.models import IdentityVault, Petition, ReceptionSession, Visit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 11, 5)


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 11, 5, 9, tzinfo=TZ), tick=False):
        yield


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


VISIT = {
    "visited_on": "2026-11-05",
    "kind": "recommendation",
    "name": "Đinh Văn Sơn",
    "address": "Thôn Đoàn Kết",
    "id_number": "020080001234",
    "content": "Kiến nghị sửa đường bê tông liên thôn bị lún.",
    "people": "1",
    "competent": "on",
    "guidance": "Đã ghi nhận, chuyển Phòng Kinh tế kiểm tra.",
}


# --- who keeps the register -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer_b", "chairman", "admin"])
def test_it_shows_the_register_to_the_reception_office_and_leaders(world: World, who: str) -> None:
    s = session(world)
    c = world.client(getattr(world, who))
    assert c.get(reverse("petitions:sessions")).status_code == 200
    assert c.get(reverse("petitions:session", args=[s.pk])).status_code == 200
    assert c.get(reverse("petitions:register")).status_code == 200


@pytest.mark.parametrize(
    "who", ["officer_a", "readonly_a", "front", "village_head", "province_viewer", "outsider"]
)
def test_it_refuses_the_register_to_everybody_else(world: World, who: str) -> None:
    s = session(world)
    c = world.client(getattr(world, who))
    for url in (
        reverse("petitions:sessions"),
        reverse("petitions:session_create"),
        reverse("petitions:register"),
        reverse("petitions:session", args=[s.pk]),
        reverse("petitions:visit_create", args=[s.pk]),
    ):
        assert c.get(url).status_code == 403, url


def test_it_hides_another_communes_register_from_its_reception_office(world: World) -> None:
    world.other_office.receives_petitions = True
    world.other_office.save()
    s = session(world)
    v = reception.visit_create(
        session=s, by=world.officer_b, visited_on=TODAY, kind="reflection", name="A", content="B"
    )
    c = world.client(world.outsider)
    assert c.get(reverse("petitions:sessions")).status_code == 200
    assert c.get(reverse("petitions:session", args=[s.pk])).status_code == 404
    assert c.get(reverse("petitions:visit", args=[v.pk])).status_code == 404
    assert c.post(reverse("petitions:visit_create", args=[s.pk]), VISIT).status_code == 404
    assert c.get(reverse("petitions:sessions") + f"?xa={world.commune.pk}").status_code == 404
    assert c.get(reverse("petitions:receive") + f"?luot={v.pk}").status_code == 404
    assert Visit.objects.count() == 1


# --- sessions ---------------------------------------------------------------------------------


def test_it_opens_a_session_and_logs_it(world: World) -> None:
    r = world.client(world.officer_b).post(
        reverse("petitions:session_create"),
        {
            "kind": "chairman",
            "held_on": "2026-11-05",
            "host": world.chairman.pk,
            "place": "Trụ sở UBND xã",
        },
    )
    s = ReceptionSession.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("petitions:session", args=[s.pk])
    assert (s.kind, s.host, s.commune) == ("chairman", world.chairman, world.commune)
    assert AuditEntry.objects.filter(
        action="petitions.session_created", object_id=str(s.pk)
    ).exists()


def test_it_refuses_a_chairmans_day_hosted_by_an_officer(world: World) -> None:
    r = world.client(world.officer_b).post(
        reverse("petitions:session_create"),
        {
            "kind": "chairman",
            "held_on": "2026-11-05",
            "host": world.officer_b.pk,
            "place": "Trụ sở",
        },
    )
    assert r.status_code == 400
    assert "phải do lãnh đạo UBND xã chủ trì" in r.content.decode()
    assert not ReceptionSession.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"held_on": "2026-02-30"}, "Ngày không hợp lệ"),
        ({"kind": "secret"}, "lựa chọn hợp lệ"),
        ({"host": "abc"}, "lựa chọn hợp lệ"),
        ({"place": "x" * 1000}, "Tối đa 200"),
    ],
)
def test_it_explains_bad_session_input(world: World, data: dict[str, str], message: str) -> None:
    base = {
        "kind": "regular",
        "held_on": "2026-11-05",
        "host": world.officer_b.pk,
        "place": "Trụ sở",
    }
    r = world.client(world.officer_b).post(reverse("petitions:session_create"), {**base, **data})
    assert r.status_code == 400 and message in r.content.decode()


def test_it_refuses_a_host_from_another_commune(world: World) -> None:
    r = world.client(world.officer_b).post(
        reverse("petitions:session_create"),
        {"kind": "regular", "held_on": "2026-11-05", "host": world.outsider.pk, "place": "Trụ sở"},
    )
    assert r.status_code == 400


# --- the chairman's weekly day (Luật Tiếp công dân 2013, Điều 15(2)(d)) ----------------------------


def test_it_warns_when_the_chairman_has_no_reception_day_this_week(world: World) -> None:
    session(
        world, held_on=date(2026, 10, 29), kind=ReceptionSession.Kind.CHAIRMAN, host=world.chairman
    )
    page = world.client(world.officer_b).get(reverse("petitions:sessions")).content.decode()
    assert "chưa có buổi tiếp công dân định kỳ" in page
    assert "Điều 15" in page
    # Thursday 05/11: Thursday and Friday are left.
    assert "Còn 2 ngày làm việc trong tuần: 05/11, 06/11" in page


def test_it_is_satisfied_by_a_chairmans_day_scheduled_this_week(world: World) -> None:
    session(
        world, held_on=date(2026, 11, 6), kind=ReceptionSession.Kind.CHAIRMAN, host=world.chairman
    )
    page = world.client(world.officer_b).get(reverse("petitions:sessions")).content.decode()
    assert "chưa có buổi tiếp công dân định kỳ" not in page
    assert "Tuần này Chủ tịch tiếp công dân ngày 06/11/2026" in page


def test_a_regular_session_does_not_count_as_the_chairmans_day(world: World) -> None:
    session(world, held_on=TODAY, host=world.chairman)
    assert reception.chairman_week(commune=world.commune, today=TODAY).missing


def test_it_asks_nothing_in_a_week_without_working_days(world: World) -> None:
    # Tết Bính Ngọ: 16–20/02/2026 are days off, the weekend too.
    week = reception.chairman_week(commune=world.commune, today=date(2026, 2, 18))
    assert week.working_days == [] and not week.missing


def test_it_counts_a_make_up_working_saturday(world: World) -> None:
    from danvan.core.calendar import forget_calendar
    from danvan.core.models import CalendarDay

    CalendarDay.objects.create(
        date=date(2026, 11, 7), kind=CalendarDay.Kind.WORKING_DAY, note="Làm bù"
    )
    forget_calendar()
    try:
        week = reception.chairman_week(commune=world.commune, today=TODAY)
        assert week.days_left == [date(2026, 11, 5), date(2026, 11, 6), date(2026, 11, 7)]
    finally:
        forget_calendar()


# --- visits -----------------------------------------------------------------------------------


def test_it_records_a_visit_with_the_columns_of_form_03_tcd(world: World) -> None:
    s = session(world)
    r = world.client(world.officer_b).post(reverse("petitions:visit_create", args=[s.pk]), VISIT)
    assert r.status_code == 302 and r["Location"] == reverse("petitions:session", args=[s.pk])
    v = Visit.objects.get()
    assert (v.name, v.id_number, v.competent, v.commune, v.people) == (
        "Đinh Văn Sơn",
        "020080001234",
        True,
        world.commune,
        1,
    )
    assert not Petition.objects.exists()
    assert AuditEntry.objects.filter(
        action="petitions.visit_recorded", object_id=str(v.pk)
    ).exists()
    for url in (reverse("petitions:session", args=[s.pk]), reverse("petitions:register")):
        assert "Đinh Văn Sơn" in world.client(world.chairman).get(url).content.decode()


def test_the_kept_blank_day_is_the_form_written_afresh(world: World, settings: Any) -> None:
    from danvan.testing.pages import kept_as_fresh

    url = reverse("petitions:session_create")
    regular = kept_as_fresh(world.client(world.officer_b), url, settings)
    chairman = kept_as_fresh(world.client(world.officer_b), f"{url}?loai=chairman", settings)
    assert '<option value="regular" selected>' in regular
    assert '<option value="chairman" selected>' in chairman


def test_a_kept_reception_day_shows_a_line_recorded_since_at_once(world: World) -> None:
    s = session(world)
    url, book = reverse("petitions:session", args=[s.pk]), reverse("petitions:register")
    keeper, chairman = world.client(world.officer_b), world.client(world.chairman)
    assert "Chưa có lượt tiếp nào." in keeper.get(url).content.decode()
    assert "Đinh Văn Sơn" not in keeper.get(book).content.decode()
    r = keeper.post(reverse("petitions:visit_create", args=[s.pk]), VISIT)
    assert r.status_code == 302
    for c in (keeper, chairman):
        page = c.get(url).content.decode()
        assert "Đinh Văn Sơn" in page and "Lượt tiếp (1)" in page
        assert "Đinh Văn Sơn" in c.get(book).content.decode()


def test_it_asks_a_group_for_its_representatives(world: World) -> None:
    s = session(world)
    c = world.client(world.officer_b)
    r = c.post(reverse("petitions:visit_create", args=[s.pk]), {**VISIT, "people": "12"})
    assert r.status_code == 400
    page = r.content.decode()
    assert "phải cử người đại diện" in page and "Kiến nghị sửa đường bê tông" in page
    r = c.post(
        reverse("petitions:visit_create", args=[s.pk]),
        {**VISIT, "people": "12", "representatives": "Đinh Văn Sơn\nLò Thị Mai"},
    )
    assert r.status_code == 302
    v = Visit.objects.get()
    assert v.is_group
    assert "Đoàn đông người" in c.get(reverse("petitions:session", args=[s.pk])).content.decode()


def test_it_keeps_a_denouncer_who_came_in_person_out_of_the_register(world: World) -> None:
    s = session(world)
    r = world.client(world.officer_b).post(
        reverse("petitions:visit_create", args=[s.pk]),
        {
            **VISIT,
            "kind": "denunciation",
            "name": "Vi Văn Kín",
            "address": "Bản Mới",
            "id_number": "020099998888",
            "phone": "0977000111",
            "content": "Tố cáo trưởng thôn lấy tiền hỗ trợ.",
        },
    )
    v = Visit.objects.get()
    p = Petition.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("petitions:detail", args=[p.pk])
    assert (v.name, v.address, v.id_number) == ("Danh tính được bảo vệ", "", "")
    assert (p.source_visit, p.petitioner_name, p.anonymous) == (v, "", False)
    assert IdentityVault.objects.filter(petition=p).exists()
    for url in (
        reverse("petitions:register"),
        reverse("petitions:session", args=[s.pk]),
        reverse("petitions:visit", args=[v.pk]),
        reverse("petitions:detail", args=[p.pk]),
    ):
        page = world.client(world.chairman).get(url).content.decode()
        assert "Vi Văn Kín" not in page and "020099998888" not in page and "0977000111" not in page
        assert "Danh tính được bảo vệ" in page


def test_it_opens_a_petition_from_a_visit_once(world: World) -> None:
    s = session(world)
    v = reception.visit_create(
        session=s,
        by=world.officer_b,
        visited_on=TODAY,
        kind="complaint",
        name="Đinh Văn Sơn",
        address="Thôn Đoàn Kết",
        content="Khiếu nại việc không được hỗ trợ hộ nghèo.",
    )
    c = world.client(world.officer_b)
    url = reverse("petitions:receive") + f"?luot={v.pk}"
    form = c.get(url).content.decode()
    assert "Đinh Văn Sơn" in form and "Khiếu nại việc không được hỗ trợ hộ nghèo." in form
    data = {
        "received_on": "2026-11-05",
        "channel": "in_person",
        "kind": "complaint",
        "topic": "social",
        "subject": "Khiếu nại không được hỗ trợ hộ nghèo",
        "content": v.content,
        "petitioner_name": "Đinh Văn Sơn",
        "signatories": "1",
    }
    r = c.post(url, data)
    p = Petition.objects.get()
    assert r.status_code == 302
    v.refresh_from_db()
    assert (p.source_visit, p.petitioner_name, v.accepted_by) == (
        v,
        "Đinh Văn Sơn",
        f"Vào sổ đơn thư số {p.code}",
    )
    assert AuditEntry.objects.filter(
        action="petitions.visit_opened_petition", object_id=str(v.pk)
    ).exists()
    again = c.post(url, data)
    assert again.status_code == 400
    assert f"đã được vào sổ đơn thư, số {p.code}" in again.content.decode()
    assert Petition.objects.count() == 1


def test_it_refuses_a_petition_dated_before_the_visit(world: World) -> None:
    s = session(world)
    v = reception.visit_create(
        session=s, by=world.officer_b, visited_on=TODAY, kind="reflection", name="A", content="B"
    )
    r = world.client(world.officer_b).post(
        reverse("petitions:receive") + f"?luot={v.pk}",
        {
            "received_on": "2026-11-01",
            "channel": "in_person",
            "kind": "reflection",
            "topic": "other",
            "subject": "B",
            "content": "B",
            "signatories": "1",
        },
    )
    assert r.status_code == 400
    assert "không được trước ngày tiếp công dân" in r.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"visited_on": "05/11/2026x"}, "Ngày không hợp lệ"),
        ({"people": "-3"}, "Số người từ 1 trở lên"),
        ({"people": "1e9"}, "Số người là một số nguyên"),
        ({"name": ""}, "Cần ghi họ tên người đến"),
        ({"content": "\x00\x00"}, "bắt buộc"),
        ({"id_number": "1" * 500}, "Tối đa 20"),
    ],
)
def test_it_explains_bad_visit_input(world: World, data: dict[str, str], message: str) -> None:
    s = session(world)
    r = world.client(world.officer_b).post(
        reverse("petitions:visit_create", args=[s.pk]), {**VISIT, **data}
    )
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not Visit.objects.exists()


def test_the_warning_offers_to_open_the_chairmans_day(world: World) -> None:
    c = world.client(world.officer_b)
    assert "loai=chairman" in c.get(reverse("petitions:sessions")).content.decode()
    page = c.get(reverse("petitions:session_create") + "?loai=chairman").content.decode()
    assert '<option value="chairman" selected>' in page
