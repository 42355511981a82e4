"""The journey in a real browser: the office (Văn phòng HĐND và UBND) records a session of the
council with a question to be answered in writing; the questioned unit answers it; the office
records the pledge in the answer; a citizen reads it on a phone. Screenshots go to
var/screenshots/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.questioning.models import Pledge, Question
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_it_carries_a_question_from_the_session_to_a_pledge_on_the_portal(
    live_world: World, desktop: Session, phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    today = timezone.localdate()
    page = desktop.page
    desktop.login(w.officer_b)
    page.goto(desktop.url("/can-bo/chat-van/"))
    page.get_by_role("link", name="Ghi kỳ họp").click()
    page.get_by_label("Kỳ họp thứ").fill("3")
    page.get_by_label("Loại kỳ họp").select_option("regular")
    page.get_by_label("Ngày khai mạc").fill(str(today - timedelta(days=1)))
    page.get_by_label("Ngày bế mạc").fill(str(today))
    page.get_by_role("button", name="Lưu kỳ họp").click()
    expect(page.get_by_text("Đã ghi Kỳ họp thứ 3")).to_be_visible()
    page.get_by_role("link", name="Ghi chất vấn").click()
    page.get_by_label("Đại biểu chất vấn (họ và tên)").fill("Lăng Thị Hoa")
    page.get_by_label("Cơ quan bị chất vấn").select_option(label=str(w.office_a))
    page.get_by_label("Người bị chất vấn (chức danh)").fill("Trưởng phòng Văn hóa - Xã hội")
    page.get_by_role("textbox", name="Nội dung chất vấn").fill(
        "Bao giờ sửa xong nhà văn hóa thôn Đoàn Kết?"
    )
    page.get_by_label("Ngày chất vấn").fill(str(today - timedelta(days=1)))
    page.get_by_label("Hình thức trả lời").select_option("writing")
    page.get_by_role("button", name="Lưu chất vấn").click()
    expect(page.get_by_text("Đã ghi chất vấn số 1")).to_be_visible()
    question = Question.objects.get()
    # 20 days from the question (chat-van/tra-loi-van-ban), a last day off moved on.
    assert question.due_on is not None
    assert 20 <= (question.due_on - question.asked_on).days <= 24
    desktop.screenshot(request, "office")

    desktop.context.clear_cookies()
    desktop.login(w.officer_a)
    page.goto(desktop.url("/can-bo/chat-van/cua-toi/"))
    page.get_by_role("link", name="Bao giờ sửa xong nhà văn hóa").click()
    page.get_by_role("textbox", name="Nội dung trả lời").fill(
        "Phòng đã lập dự toán; khởi công trong tháng tới, xong trước Tết."
    )
    page.get_by_role("button", name="Lưu trả lời").click()
    expect(page.get_by_text("Đã ghi nhận trả lời chất vấn")).to_be_visible()
    expect(page.get_by_text("Đã trả lời", exact=True)).to_be_visible()
    desktop.screenshot(request, "respondent")

    desktop.context.clear_cookies()
    desktop.login(w.officer_b)
    page.goto(desktop.url(f"/can-bo/chat-van/chat-van/{question.pk}/"))
    page.get_by_label("Lời hứa (tóm tắt)").fill("Sửa xong nhà văn hóa thôn Đoàn Kết")
    page.get_by_label("Đơn vị thực hiện").select_option(label=str(w.office_a))
    page.get_by_label("Hạn thực hiện").fill(str(today + timedelta(days=60)))
    page.get_by_role("button", name="Lưu lời hứa").click()
    expect(page.get_by_text("Đã ghi lời hứa")).to_be_visible()
    pledge = Pledge.objects.get()
    assert pledge.promise is not None and pledge.promise.owner_unit == w.office_a

    phone.page.goto(phone.url("/chat-van/"))
    phone.page.get_by_role("link", name="Kỳ họp thứ 3").click()
    expect(phone.page.get_by_text("Sửa xong nhà văn hóa thôn Đoàn Kết", exact=True)).to_be_visible()
    expect(phone.page.get_by_text("Đang thực hiện", exact=True)).to_be_visible()
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "citizen")
    assert desktop.console.errors == [] and phone.console.errors == []
    assert desktop.console.csp == [] and phone.console.csp == []
