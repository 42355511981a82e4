"""The journeys in a real browser. On a desktop the office (Văn phòng HĐND và UBND) plans a
session teaching a law of the register, records it held and the attendance of the units (a bad
number refused, what was typed kept); on a phone a read-only member finds it in the list.
Screenshots go to var/screenshots/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.plans.models import LegalDocument
from danvan.study.models import StudySession
from danvan.study.tests.conftest import session
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_the_office_records_a_held_session_with_attendance_on_a_desktop(
    live_world: World, desktop: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    law = LegalDocument.objects.create(
        doc_type="Luật", number="10/2022/QH15", title="Thực hiện dân chủ ở cơ sở"
    )
    today = timezone.localdate()
    page = desktop.page
    desktop.login(w.officer_b)
    page.goto(desktop.url("/can-bo/hoc-tap/"))
    expect(page.get_by_text("Không có buổi học tập, tuyên truyền nào")).to_be_visible()
    page.get_by_role("link", name="Lập kế hoạch buổi mới").click()
    page.get_by_label("Tên buổi học tập, tuyên truyền").fill(
        "Hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở"
    )
    page.get_by_label("Hình thức").select_option(label="Phổ biến, giáo dục pháp luật")
    page.get_by_label("Đối tượng").select_option(label="Cán bộ, công chức, viên chức")
    page.get_by_label("Đơn vị tổ chức").select_option(label="Văn phòng HĐND và UBND xã")
    page.get_by_label("Báo cáo viên").fill("Lê Văn Cường")
    page.get_by_label("Địa điểm").fill("Hội trường UBND xã")
    page.get_by_label("Ngày dự kiến").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Văn bản được học tập, phổ biến").select_option(value=str(law.pk))
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lập kế hoạch buổi")).to_be_visible()
    expect(page.get_by_role("link", name="Luật số 10/2022/QH15")).to_be_visible()

    page.get_by_role("button", name="Ghi đã tổ chức").click()
    expect(page.get_by_text("Tiếp theo: ghi điểm danh các đơn vị")).to_be_visible()
    page.get_by_role("link", name="Ghi điểm danh").click()
    office = page.get_by_role("group", name="Phòng Văn hóa - Xã hội")
    office.get_by_label("Số được triệu tập").fill("12")
    office.get_by_label("Số có mặt").fill("13")
    office.get_by_label("Lý do vắng").fill("01 đồng chí đi công tác")
    own = page.get_by_role("group", name="Văn phòng HĐND và UBND xã")
    own.get_by_label("Số được triệu tập").fill("8")
    own.get_by_label("Số có mặt").fill("8")
    page.get_by_role("button", name="Lưu điểm danh").click()
    expect(page.get_by_text("Số có mặt không được lớn hơn số được triệu tập.")).to_be_visible()
    expect(office.get_by_label("Lý do vắng")).to_have_value("01 đồng chí đi công tác")
    office.get_by_label("Số có mặt").fill("11")
    page.get_by_role("button", name="Lưu điểm danh").click()
    expect(page.get_by_text("Đã lưu điểm danh.")).to_be_visible()
    expect(page.get_by_text("95%")).to_be_visible()  # 19 of 20
    s = StudySession.objects.get()
    assert (s.status, s.present_total, s.expected_total, s.created_by) == (
        "held",
        19,
        20,
        w.officer_b,
    )
    desktop.screenshot(request, "office-attendance")
    # The refused attendance answered 400, as a refused form does; nothing else failed.
    assert [e for e in desktop.console.errors if "400" not in e] == []
    assert desktop.console.csp == []


def test_a_reader_finds_a_session_in_the_list_on_a_phone(
    live_world: World, phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    today = timezone.localdate()
    session(w, w.office_a, today + timedelta(days=10), title="Tuyên truyền Chỉ thị 33/CT-TTg")
    session(w, w.office_a, today + timedelta(days=3), title="Tập huấn tiếp công dân")
    page = phone.page
    phone.login(w.readonly_a)
    page.goto(phone.url("/can-bo/hoc-tap/"))
    expect(page.get_by_role("link", name="Học tập", exact=True)).to_be_visible()
    page.get_by_label("Tìm kiếm").fill("chi thi")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_role("link", name="Tuyên truyền Chỉ thị 33/CT-TTg")).to_be_visible()
    expect(page.get_by_text("Tập huấn tiếp công dân")).to_have_count(0)
    expect(page.get_by_role("link", name="Lập kế hoạch buổi mới")).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "reader-list")
    page.get_by_role("link", name="Tuyên truyền Chỉ thị 33/CT-TTg").click()
    expect(page.get_by_role("heading", name="Tuyên truyền Chỉ thị 33/CT-TTg")).to_be_visible()
    assert phone.console.errors == [] and phone.console.csp == []
