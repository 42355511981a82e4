"""The journey in a real browser, on a phone: the village head records a case brought to his
village's team, its start and its outcome. Screenshots go to var/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.mediation import services
from danvan.mediation.models import MediationCase, Mediator
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_it_lets_a_village_head_record_a_case_and_its_outcome_on_a_phone(
    live_world: World, phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    team = services.team_create(
        commune=w.commune, by=w.front, name="Tổ hòa giải thôn Đoàn Kết", village=w.village
    )
    services.mediator_add(
        team=team, by=w.front, full_name="Lường Văn Thắng", role=Mediator.Role.LEADER
    )
    page = phone.page
    phone.login(w.village_head)
    page.goto(phone.url("/can-bo/hoa-giai/"))
    page.get_by_role("link", name="Ghi vụ, việc").click()
    page.get_by_label("Lường Văn Thắng").check()
    page.get_by_label("Các bên (họ tên, tuổi, địa chỉ)").fill(
        "Ông Nông Văn Bình, 52 tuổi; bà Hoàng Thị Lan, 48 tuổi; thôn Đoàn Kết"
    )
    page.get_by_label("Loại vụ, việc").select_option(label="Đất đai")
    page.get_by_label("Nội dung chủ yếu của vụ, việc").fill("Tranh chấp lối đi chung giữa hai hộ.")
    page.get_by_role("button", name="Lưu vụ, việc").click()
    expect(page.get_by_text("Đã ghi vụ, việc số 1/")).to_be_visible()
    expect(page.get_by_text("Ông Nông Văn Bình, 52 tuổi")).to_be_visible()

    page.get_by_role("button", name="Ghi ngày bắt đầu").click()
    expect(page.get_by_text("Đã ghi ngày bắt đầu hòa giải")).to_be_visible()

    page.get_by_role("combobox", name="Kết quả", exact=True).select_option(label="Hòa giải thành")
    page.get_by_label("Thỏa thuận của các bên (hoặc yêu cầu của mỗi bên)").fill(
        "Hai hộ thống nhất để lối đi rộng 2 m."
    )
    page.get_by_role("button", name="Lưu kết quả").click()
    expect(page.get_by_text("Đã ghi kết quả hòa giải")).to_be_visible()
    expect(page.get_by_role("heading", name="Kiểm tra việc thực hiện thỏa thuận")).to_be_visible()
    case = MediationCase.objects.get()
    assert (case.outcome, case.agreement) == ("success", "Hai hộ thống nhất để lối đi rộng 2 m.")
    assert case.started_on is not None and case.created_by == w.village_head
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "village-head")
    assert phone.console.errors == [] and phone.console.csp == []
