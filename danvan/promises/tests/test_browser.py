"""The journey in a real browser: office A's officer reports a promise kept with its evidence;
a citizen on a 375 px phone finds it on /da-hua-da-lam/ by a search typed without diacritics,
and opens its evidence. Screenshots go to var/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from danvan.conftest import World
from danvan.promises import services
from danvan.promises.models import Promise, Source
from danvan.testing.browser import Session, _session

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 375, "height": 812}


@pytest.fixture
def small_phone(browser: Browser, site: str) -> Iterator[Session]:
    yield from _session(
        browser,
        site,
        "phone",
        viewport=SMALL_PHONE,
        screen=SMALL_PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )


def test_it_carries_a_kept_promise_from_the_unit_to_the_citizens_phone(
    live_world: World, desktop: Session, small_phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    today = timezone.localdate()
    promise = services.promise_create(
        commune=w.commune,
        source=Source.DIALOGUE,
        source_label=f"Hội nghị đối thoại năm {today.year}",
        title="Sửa cầu tràn thôn Đoàn Kết trước mùa mưa",
        content="Gia cố mặt cầu, làm lại lan can.",
        owner_unit=w.office_a,
        village=w.village,
        made_on=today - timedelta(days=30),
        due_on=today + timedelta(days=10),
        by=w.chairman,
    )
    services.promise_create(
        commune=w.commune,
        source=Source.VOTERS,
        source_label="Tiếp xúc cử tri",
        title="Lắp đèn chiếu sáng đường trục xã",
        owner_unit=w.office_b,
        made_on=today - timedelta(days=20),
        due_on=today + timedelta(days=60),
        by=w.chairman,
    )

    page = desktop.page
    desktop.login(w.officer_a)
    page.goto(desktop.url("/can-bo/cam-ket/"))
    page.get_by_label("Chỉ của đơn vị tôi").check()
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_role("link", name="Lắp đèn chiếu sáng")).to_have_count(0)
    page.get_by_role("link", name="Sửa cầu tràn thôn Đoàn Kết trước mùa mưa").click()
    form = page.locator("form", has=page.get_by_role("button", name="Lưu kết quả"))
    form.get_by_label("Đã thực hiện", exact=True).check()
    form.get_by_label("Kết quả thực hiện, nội dung giải trình").fill(
        "Đã gia cố mặt cầu và làm lại lan can, nghiệm thu xong."
    )
    form.get_by_label("Tài liệu, hình ảnh minh chứng").set_input_files(
        {
            "name": "bien-ban-nghiem-thu.pdf",
            "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4\n%%EOF",
        }
    )
    form.get_by_role("button", name="Lưu kết quả").click()
    expect(page.get_by_text("Đã ghi kết quả: Đã thực hiện.")).to_be_visible()
    expect(page.get_by_role("link", name="bien-ban-nghiem-thu.pdf")).to_be_visible()
    desktop.screenshot(request, "officer")
    assert Promise.objects.get(pk=promise.pk).outcome == "kept"

    phone = small_phone.page
    phone.goto(small_phone.url("/da-hua-da-lam/"))
    # Two communes on the install (a province's): the citizen chooses his first.
    phone.get_by_label("Xã, phường", exact=True).select_option(
        label="Xã Hồng Phong (tỉnh Lạng Sơn)"
    )
    phone.get_by_role("button", name="Xem").click()
    phone.get_by_label("Tìm (gõ có dấu hoặc không dấu)").fill("cau tran doan ket")
    phone.get_by_role("button", name="Xem").click()
    expect(phone.get_by_role("link", name="Lắp đèn chiếu sáng")).to_have_count(0)
    card = phone.locator("article", has_text="Sửa cầu tràn thôn Đoàn Kết trước mùa mưa")
    expect(card.get_by_text("Đã thực hiện đúng hạn")).to_be_visible()
    expect(card.get_by_text("Đã gia cố mặt cầu")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways on a phone"
    small_phone.screenshot(request, "citizen")
    card.get_by_role("link", name="Sửa cầu tràn thôn Đoàn Kết trước mùa mưa").click()
    expect(phone.get_by_text("Phòng Văn hóa - Xã hội")).to_be_visible()
    with phone.expect_download() as download:
        phone.get_by_role("link", name="bien-ban-nghiem-thu.pdf").click()
    assert download.value.suggested_filename == "bien-ban-nghiem-thu.pdf"
    assert desktop.console.errors == [] and small_phone.console.errors == []
    assert desktop.console.csp == [] and small_phone.console.csp == []
