"""The leaders' overview in a real browser (issue 12, item 6): the chairman lands on it on his
phone (390 px) and reads what is late and whose with its chart; the province viewer compares
the communes on a desktop and opens one. Fixtures live in danvan/testing/browser.py.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.plans import services
from danvan.plans.models import Plan
from danvan.testing.browser import PHONE, Session

pytestmark = pytest.mark.browser


def test_chairman_reads_the_overview_on_a_phone(
    live_world: World, plan: Plan, phone: Session, request: pytest.FixtureRequest
) -> None:
    today = timezone.localdate()
    services.task_create(
        plan=plan,
        by=live_world.chairman,
        title="Báo cáo sơ kết công tác dân vận",
        lead_unit=live_world.office_b,
        start_date=date(today.year, 1, 5),
        due_date=today - timedelta(days=10),
    )
    page = phone.page
    phone.login(live_world.chairman)  # a leader lands on the overview
    page.wait_for_url(re.compile(r"/can-bo/dieu-hanh/tong-quan/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan điều hành – Xã Hồng Phong")
    part = page.get_by_role("region", name="Kế hoạch, nhiệm vụ")
    expect(part.locator(".dv-ov-late-box dd")).to_have_text("1")
    expect(part.get_by_role("link", name="Báo cáo sơ kết công tác dân vận")).to_be_visible()
    expect(part).to_contain_text("VP · hạn")
    # The chart is drawn (Chart.js sizes the canvas), inside the phone's width.
    page.wait_for_function(
        "() => { const c = document.querySelector('canvas[data-part=plan]');"
        " return c && c.width > 0 && c.getBoundingClientRect().width <= 390; }"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.console.errors == [] and phone.console.csp == []
    phone.screenshot(request)
    part.get_by_role("link", name="Báo cáo sơ kết công tác dân vận").click()
    page.wait_for_url(re.compile(r"/can-bo/nhiem-vu/\d+/$"))


def test_province_viewer_compares_the_communes_and_opens_one(
    live_world: World, plan: Plan, desktop: Session, request: pytest.FixtureRequest
) -> None:
    cache.clear()  # the comparison is kept a few minutes per process
    page = desktop.page
    desktop.login(live_world.province_viewer)
    page.wait_for_url(re.compile(r"/can-bo/dieu-hanh/tong-quan/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("So sánh các xã")
    page.get_by_label("Xếp theo").select_option(label="Đơn thư")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem").click()
    expect(page.get_by_role("columnheader", name="Hạng")).to_be_visible()
    desktop.screenshot(request, "compare")
    page.get_by_role("link", name="Xã Hồng Phong").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan điều hành – Xã Hồng Phong")
    expect(page.get_by_text("Toàn xã")).to_be_visible()
    assert desktop.console.errors == [] and desktop.console.csp == []
    desktop.screenshot(request, "commune")
