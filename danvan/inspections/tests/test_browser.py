"""The journey in a real browser: the office (an officer of Văn phòng HĐND và UBND) records an
unplanned inspection of the one-stop centre, a finding, the conclusion and a remedy; the centre's
officer finds the inspection and its remedy, and opens the promise to report on it; a citizen reads
the published result on a phone. Screenshots go to var/screenshots/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.conftest import PASSWORD, World
from danvan.core.models import Membership, Role, Unit, User
from danvan.inspections.models import Inspection, Remedy
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_it_carries_an_inspection_from_the_office_to_the_inspected_centre(
    live_world: World, desktop: Session, phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    today = timezone.localdate()
    centre = Unit.objects.create(
        kind=Unit.Kind.OFFICE,
        name="Trung tâm Phục vụ hành chính công",
        parent=w.commune,
        one_stop=True,
    )
    clerk = User.objects.create_user("motcua", "motcua@example.org", PASSWORD, full_name="Một Cửa")
    Membership.objects.create(user=clerk, unit=centre, role=Role.OFFICER)

    page = desktop.page
    desktop.login(w.officer_b)
    page.goto(desktop.url("/can-bo/kiem-tra/"))
    page.get_by_role("link", name="Thêm cuộc kiểm tra").click()
    page.get_by_label("Loại nội dung kiểm tra").select_option(
        label="Kỷ luật, kỷ cương hành chính (Chỉ thị 26/CT-TTg)"
    )
    page.get_by_role("textbox", name="Nội dung kiểm tra").fill(
        "Việc chấp hành giờ làm việc, tiếp nhận và trả hồ sơ đúng hẹn"
    )
    page.get_by_label("Đơn vị được kiểm tra").select_option(label=centre.name)
    page.get_by_label("Dự kiến từ ngày").fill(str(today - timedelta(days=3)))
    page.get_by_label("Dự kiến đến ngày").fill(str(today - timedelta(days=2)))
    page.get_by_label("Đoàn kiểm tra").fill("Trưởng đoàn: Phó Chủ tịch UBND xã")
    page.get_by_role("button", name="Lưu cuộc kiểm tra").click()
    expect(page.get_by_text("Đã lưu cuộc kiểm tra")).to_be_visible()

    page.get_by_text("Ghi nội dung phát hiện", exact=True).click()
    page.get_by_role("textbox", name="Nội dung phát hiện").fill(
        "2 hồ sơ trả chậm chưa có phiếu xin lỗi, hẹn lại ngày trả kết quả."
    )
    page.get_by_label("Mức độ").select_option(label="Hạn chế, thiếu sót phải khắc phục")
    page.get_by_role("button", name="Ghi phát hiện").click()
    expect(page.get_by_text("Đã ghi nội dung phát hiện số 1")).to_be_visible()

    page.get_by_label("Ngày kết thúc kiểm tra").fill(str(today - timedelta(days=2)))
    page.get_by_label("Số kết luận").fill("07/KL-UBND")
    page.get_by_role("textbox", name="Nội dung kết luận").fill(
        "Trung tâm chấp hành tốt giờ làm việc; còn hồ sơ trả chậm chưa có phiếu xin lỗi."
    )
    page.get_by_role("button", name="Lưu kết luận").click()
    expect(page.get_by_text("Đã ghi kết luận kiểm tra")).to_be_visible()

    remedy_form = page.locator("form", has=page.get_by_role("button", name="Giao khắc phục"))
    remedy_form.get_by_label("Đơn vị thực hiện").select_option(label=centre.name)
    remedy_form.get_by_role("textbox", name="Biện pháp khắc phục").fill(
        "Lập phiếu xin lỗi cho hồ sơ trả chậm; rà soát sổ theo dõi hồ sơ."
    )
    remedy_form.get_by_label("Hạn khắc phục").fill(str(today + timedelta(days=15)))
    page.get_by_role("button", name="Giao khắc phục").click()
    expect(page.get_by_text(f"Đã giao {centre.name} khắc phục")).to_be_visible()
    desktop.screenshot(request, "office")
    inspection = Inspection.objects.get()
    remedy = Remedy.objects.get()
    assert (inspection.inspected_unit, inspection.status) == (centre, "concluded")
    assert remedy.promise is not None and remedy.promise.owner_unit == centre

    desktop.context.clear_cookies()
    desktop.login(clerk)
    page.goto(desktop.url("/can-bo/kiem-tra/"))
    page.get_by_role("link", name="Việc chấp hành giờ làm việc").click()
    expect(page.get_by_text("Lập phiếu xin lỗi cho hồ sơ trả chậm")).to_be_visible()
    expect(page.get_by_text("Đang thực hiện")).to_be_visible()
    expect(page.get_by_role("button", name="Giao khắc phục")).to_have_count(0)
    page.get_by_role("link", name="báo cáo, theo dõi khắc phục").click()
    expect(page).to_have_url(desktop.url(f"/can-bo/cam-ket/{remedy.promise.pk}/"))
    desktop.screenshot(request, "centre")

    # A citizen on a phone reads the published result: the remedy and its status, no names.
    phone.page.goto(phone.url("/kiem-tra/"))
    phone.page.get_by_role("link", name="Việc chấp hành giờ làm việc").click()
    expect(phone.page.get_by_text("Lập phiếu xin lỗi cho hồ sơ trả chậm")).to_be_visible()
    expect(phone.page.get_by_text("Đang thực hiện")).to_be_visible()
    expect(phone.page.get_by_text("Trưởng đoàn")).to_have_count(0)
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "citizen")
    assert desktop.console.errors == [] and phone.console.errors == []
    assert desktop.console.csp == [] and phone.console.csp == []
