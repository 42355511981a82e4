"""The journey in a real browser: the office prepares the yearly dialogue, announces it, records
it (attendance, a question answered on the spot, a commitment); the chairman publishes the
results; the commitment is in the commune's promises (/can-bo/cam-ket/), and a citizen reads the
results on a phone-size screen. Screenshots go to var/screenshots/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.dialogues.models import Dialogue
from danvan.promises.models import Promise
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_the_office_records_a_dialogue_and_its_commitment_reaches_the_people(
    live_world: World, desktop: Session, phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    today = timezone.localdate()
    page = desktop.page
    desktop.login(w.officer_b)
    page.goto(desktop.url("/can-bo/doi-thoai/"))
    expect(page.get_by_text("chưa tổ chức")).to_be_visible()
    page.get_by_role("link", name="Chuẩn bị hội nghị đối thoại").click()
    page.get_by_label("Loại hội nghị").select_option("yearly")
    page.get_by_role("textbox", name="Tên hội nghị").fill(
        f"Hội nghị đối thoại giữa UBND xã với Nhân dân năm {today.year}"
    )
    page.get_by_role("textbox", name="Nội dung trao đổi, đối thoại").fill(
        "Tình hình hoạt động của UBND xã; giao thông nông thôn."
    )
    page.get_by_label("Ngày tổ chức").fill(str(today))
    page.get_by_role("textbox", name="Địa điểm").fill("Hội trường UBND xã")
    page.get_by_role("textbox", name="Chủ trì").fill("Chủ tịch UBND xã")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã tạo Hội nghị đối thoại")).to_be_visible()

    page.get_by_label("Ngày gửi thông báo").fill(str(today - timedelta(days=8)))
    page.get_by_role("textbox", name="Thành phần mời").fill("Các thôn; đại diện hộ dân")
    page.get_by_role("button", name="Ghi thông báo").click()
    expect(page.get_by_text("Đã ghi thông báo hội nghị.")).to_be_visible()

    page.get_by_label("Tổng số người dự").fill("150")
    page.get_by_role("button", name="Ghi số người dự").click()
    expect(page.get_by_text("Đã ghi số người dự hội nghị.")).to_be_visible()

    page.locator("summary", has_text="Ghi ý kiến").click()
    page.get_by_role("textbox", name="Ý kiến, câu hỏi của người dân").fill(
        "Đường thôn Đoàn Kết xuống cấp, khi nào sửa?"
    )
    page.get_by_label("Thôn", exact=True).select_option(label=w.village.name)
    page.get_by_role("textbox", name="Trả lời tại hội nghị").fill("Xã sẽ sửa trong quý tới.")
    page.get_by_role("textbox", name="Người trả lời (chức danh)").fill("Chủ tịch UBND xã")
    page.get_by_role("button", name="Ghi ý kiến").click()
    expect(page.get_by_text("Đã ghi ý kiến 1.")).to_be_visible()

    page.locator("summary", has_text="Ghi cam kết").click()
    page.get_by_label("Ý kiến được cam kết giải quyết (nếu có)").select_option(index=1)
    page.get_by_role("textbox", name="Cam kết (việc sẽ làm)").fill("Sửa đường thôn Đoàn Kết")
    page.get_by_label("Đơn vị thực hiện").select_option(label=str(w.office_a))
    page.get_by_label("Thời hạn").fill(str(today + timedelta(days=60)))
    page.get_by_role("button", name="Ghi cam kết").click()
    expect(page.get_by_text("Đã ghi cam kết")).to_be_visible()
    desktop.screenshot(request, "office")
    promise = Promise.objects.get()
    assert promise.source == Promise.Source.DIALOGUE and promise.owner_unit == w.office_a
    dialogue = Dialogue.objects.get()

    desktop.context.clear_cookies()
    desktop.login(w.chairman)
    page.goto(desktop.url(f"/can-bo/doi-thoai/{dialogue.pk}/"))
    page.get_by_role("textbox", name="Kết quả hội nghị (tóm tắt để công bố)").fill(
        "Hội nghị có 150 người dự; 1 ý kiến, 1 cam kết."
    )
    page.get_by_role("button", name="Công bố kết quả").click()
    expect(page.get_by_text("Đã công bố kết quả hội nghị")).to_be_visible()
    page.goto(desktop.url("/can-bo/cam-ket/"))
    expect(page.get_by_text("Sửa đường thôn Đoàn Kết").first).to_be_visible()
    desktop.screenshot(request, "leader")

    phone.page.goto(phone.url("/doi-thoai/"))
    phone.page.get_by_role("link", name=dialogue.title).click()
    expect(phone.page.get_by_text("Đường thôn Đoàn Kết xuống cấp")).to_be_visible()
    expect(phone.page.get_by_text("Đang thực hiện").first).to_be_visible()
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "citizen")
    assert desktop.console.errors == [] and phone.console.errors == []
    assert desktop.console.csp == [] and phone.console.csp == []
