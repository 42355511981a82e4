"""The journey in a real browser: the Front records a voter meeting with two recommendations;
the office gives one to a unit of the commune, which becomes its promise; the chairman publishes
the results and a citizen reads them on a phone-size screen. Screenshots go to
var/screenshots/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.promises.models import Promise
from danvan.testing.browser import Session
from danvan.voters.models import VoterRecommendation

pytestmark = pytest.mark.browser


def test_it_carries_a_voter_meeting_from_the_front_to_a_units_promise(
    live_world: World, desktop: Session, phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    today = timezone.localdate()
    page = desktop.page
    desktop.login(w.front)
    page.goto(desktop.url("/can-bo/cu-tri/"))
    page.get_by_role("link", name="Ghi hội nghị tiếp xúc cử tri").click()
    page.get_by_label("Hình thức tiếp xúc").select_option("before")
    page.get_by_label("Kỳ họp HĐND liên quan").fill("Kỳ họp thứ 5 HĐND xã khóa I")
    page.get_by_label("Ngày khai mạc kỳ họp").fill(str(today + timedelta(days=10)))
    page.get_by_label("Ngày tiếp xúc").fill(str(today - timedelta(days=1)))
    page.get_by_label("Địa điểm").fill("Nhà văn hóa thôn Đoàn Kết")
    page.get_by_label("Thôn Đoàn Kết").check()
    page.get_by_label("Đại biểu HĐND dự (mỗi dòng một người)").fill("Nông Văn An\nHoàng Thị Bích")
    page.get_by_label("Số cử tri dự").fill("86")
    page.get_by_role("button", name="Lưu hội nghị").click()
    expect(page.get_by_text("Đã ghi hội nghị tiếp xúc cử tri")).to_be_visible()
    for content, field in (
        ("Đề nghị lắp đèn chiếu sáng đường trục thôn.", "infrastructure"),
        ("Đề nghị nâng cấp tỉnh lộ qua xã.", "infrastructure"),
    ):
        page.get_by_role("textbox", name="Nội dung kiến nghị").fill(content)
        page.get_by_label("Lĩnh vực").select_option(field)
        page.get_by_label("Thôn", exact=True).select_option(label="Thôn Đoàn Kết")
        page.get_by_role("button", name="Ghi kiến nghị").click()
        expect(page.get_by_text(content)).to_be_visible()
    expect(page.get_by_text("Đã ghi kiến nghị số 2/")).to_be_visible()
    desktop.screenshot(request, "front")
    first = VoterRecommendation.objects.order_by("number").first()
    assert first is not None

    desktop.context.clear_cookies()
    desktop.login(w.officer_b)
    page.goto(desktop.url(f"/can-bo/cu-tri/kien-nghi/{first.pk}/"))
    page.get_by_label("Đơn vị giải quyết").select_option(label=str(w.office_a))
    page.get_by_label("Hạn giải quyết, trả lời cử tri").fill(str(today + timedelta(days=20)))
    page.get_by_role("button", name="Giao giải quyết").click()
    expect(page.get_by_text("Đã giao Phòng Văn hóa - Xã hội giải quyết")).to_be_visible()
    promise = Promise.objects.get()
    assert (promise.owner_unit, promise.due_on) == (w.office_a, today + timedelta(days=20))
    assert promise.source == Promise.Source.VOTERS
    page.get_by_role("link", name=f"Cam kết số {promise.pk}").click()
    expect(page.get_by_text("Đề nghị lắp đèn chiếu sáng đường trục thôn.").first).to_be_visible()
    desktop.screenshot(request, "office")

    desktop.context.clear_cookies()
    desktop.login(w.chairman)
    page.goto(desktop.url(f"/can-bo/cu-tri/tiep-xuc/{first.meeting_id}/"))
    page.get_by_role("button", name="Công bố kết quả trên trang công khai").click()
    expect(page.get_by_text("Đã công bố kết quả trên trang công khai")).to_be_visible()

    phone.page.goto(phone.url("/cu-tri/"))
    expect(phone.page.get_by_text("Đề nghị nâng cấp tỉnh lộ qua xã.")).to_be_visible()
    expect(phone.page.get_by_text("Trả lời: Phòng VH-XH").first).to_be_visible()
    expect(phone.page.get_by_text("Nông Văn An")).to_have_count(0)
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "citizen")
    assert desktop.console.errors == [] and phone.console.errors == []
    assert desktop.console.csp == [] and phone.console.csp == []
