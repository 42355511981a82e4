"""A citizen comments on a draft on a phone-size screen; then an officer sees the comment."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.consultations.tests.conftest import make
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser

COMMENT = "Đề nghị ưu tiên đường vào trường tiểu học, mùa mưa trẻ em đi lại rất khó."


def _fits(session: Session) -> None:
    page = session.page
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= (page.viewport_size or {"width": 0})["width"], f"{page.url} is {width}px wide"
    assert not session.console.errors, session.console.errors
    assert not session.console.csp, session.console.csp


def test_citizen_comments_on_a_draft_on_a_phone_and_an_officer_sees_it(
    live_world: World,
    phone: Session,
    desktop: Session,
    settings: Any,
    request: pytest.FixtureRequest,
) -> None:
    settings.DANVAN_PORTAL_MIN_FILL_SECONDS = 0
    c = make(live_world, open_it=True)
    page = phone.page
    page.goto(phone.url("/"))
    page.get_by_role("link", name=c.title).first.click()
    page.wait_for_url(re.compile(rf"/lay-y-kien/{c.pk}/$"))
    _fits(phone)
    expect(page.get_by_role("heading", name="Điều 2. Giao thông")).to_be_visible()
    page.get_by_label("Ý kiến của bạn về Điều 2. Giao thông").fill(COMMENT)
    page.get_by_label("Thôn, tổ dân phố nơi bạn sống").select_option(label="Thôn Đoàn Kết")
    page.get_by_label("Họ và tên").fill("Lường Văn Dũng")
    phone.screenshot(request, "form")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_role("status")).to_contain_text("Ý kiến của bạn đã được ghi nhận")
    _fits(phone)
    phone.screenshot(request, "thanks")

    officer = desktop.page
    desktop.login(live_world.officer_a)
    officer.goto(desktop.url(f"/can-bo/lay-y-kien/{c.pk}/"))
    expect(officer.get_by_role("row", name=re.compile("Điều 2. Giao thông 1 1"))).to_be_visible()
    officer.get_by_role("link", name="Trả lời, gộp nhóm ý kiến").click()
    card = officer.locator("article", has_text=COMMENT)
    expect(card).to_contain_text("Thôn Đoàn Kết")
    expect(card).to_contain_text("Lường Văn Dũng")
    expect(card).to_contain_text("Chưa trả lời")
    desktop.screenshot(request, "officer")
    assert not desktop.console.errors and not desktop.console.csp
