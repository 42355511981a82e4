"""The village head learns of a meeting in his village (issue 12, item 4): on his phone the
notice is among his notifications and leads to the decision; he then asks for one mail a day."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.core.models import NotificationPreference
from danvan.decisions.tests.conftest import Villages
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_village_head_is_told_of_a_meeting_and_chooses_the_digest(
    live_world: World, villages: Villages, phone: Session, request: pytest.FixtureRequest
) -> None:
    d = villages.decision(1)
    villages.meeting(d, held_on=date(2026, 5, 8))  # by an officer of the commune
    page = phone.page
    phone.login(live_world.village_head)
    page.goto(phone.url("/can-bo/thong-bao/"))
    notice = page.get_by_role("link", name="Thôn Đoàn Kết ngày 08/05/2026", exact=False)
    expect(notice).to_be_visible()
    expect(page.get_by_text("Địa điểm: Nhà văn hóa thôn", exact=False)).to_be_visible()
    phone.screenshot(request, "thong-bao")
    notice.click()
    page.wait_for_url(re.compile(rf"/can-bo/dan-quyet-dinh/{d.pk}/$"))
    expect(page.get_by_role("heading", name="Làm đường bê tông liên thôn")).to_be_visible()

    page.goto(phone.url("/can-bo/thong-bao/"))
    page.get_by_role("link", name="Cài đặt thông báo").click()
    page.wait_for_url(re.compile(r"/can-bo/thong-bao/cai-dat/$"))
    expect(page.get_by_label("Gửi e-mail ngay khi có thông báo")).to_be_checked()
    page.get_by_label("Gộp thành một e-mail mỗi ngày").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu cài đặt thông báo.")).to_be_visible()
    expect(page.get_by_label("Gộp thành một e-mail mỗi ngày")).to_be_checked()
    phone.screenshot(request, "cai-dat")
    pref = NotificationPreference.objects.get(user=live_world.village_head)
    assert pref.email == NotificationPreference.Email.DAILY
    assert phone.console.errors == [] and phone.console.csp == []
