"""The journey in a real browser: a board member (the Front's official) records a supervision
with a recommendation; the chairman assigns it and records the published answer; a citizen
reads the answer on a phone-size screen. Screenshots go to var/screenshots/."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.plans.models import Task
from danvan.supervision import services
from danvan.supervision.models import Board, Recommendation, SubjectKind
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_it_carries_a_recommendation_from_the_board_to_the_portal(
    live_world: World, desktop: Session, phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    today = timezone.localdate()
    services.board_create(
        commune=w.commune,
        by=w.front,
        kind=Board.Kind.INSPECTION,
        name="Ban Thanh tra nhân dân xã Hồng Phong",
        organiser=w.front_unit,
        term_start=date(2024, 7, 1),
    )
    page = desktop.page
    desktop.login(w.front)
    page.goto(desktop.url("/can-bo/giam-sat/"))
    page.get_by_role("link", name="Ghi cuộc giám sát").click()
    page.get_by_label("Loại nội dung giám sát").select_option(
        label=str(SubjectKind.objects.first())
    )
    page.get_by_role("textbox", name="Nội dung giám sát").fill(
        "Thi công đường bê tông thôn Đoàn Kết"
    )
    page.get_by_label("Từ ngày").fill(str(today - timedelta(days=2)))
    page.get_by_label("Đến ngày").fill(str(today - timedelta(days=1)))
    page.get_by_label("Hình thức giám sát").select_option("site")
    page.get_by_label("Kết quả giám sát").fill("Mặt đường mỏng hơn thiết kế ở đoạn cuối.")
    page.get_by_role("button", name="Lưu cuộc giám sát").click()
    expect(page.get_by_text("Đã ghi cuộc giám sát")).to_be_visible()
    page.get_by_label("Tóm tắt kiến nghị").fill("Làm lại đoạn mặt đường mỏng")
    page.get_by_role("textbox", name="Nội dung kiến nghị").fill(
        "Đề nghị yêu cầu nhà thầu làm lại 40 m cuối."
    )
    page.get_by_role("button", name="Gửi kiến nghị").click()
    expect(page.get_by_text("Đã gửi kiến nghị số 1/")).to_be_visible()
    desktop.screenshot(request, "board-member")
    rec = Recommendation.objects.get()

    desktop.context.clear_cookies()
    desktop.login(w.chairman)
    page.goto(desktop.url(f"/can-bo/giam-sat/kien-nghi/{rec.pk}/"))
    # The page also offers the leader a directive form with its own due date: fill the assign form's.
    assign = page.locator("form", has=page.get_by_role("button", name="Giao", exact=True))
    assign.get_by_label("Đơn vị chủ trì giải quyết").select_option(label=str(w.office_a))
    assign.get_by_label("Hạn trả lời").fill(str(today + timedelta(days=10)))
    page.get_by_role("button", name="Giao", exact=True).click()
    expect(page.get_by_text("Đã giao Phòng Văn hóa - Xã hội giải quyết")).to_be_visible()
    task = Task.objects.get()
    assert (task.lead_unit, task.due_date) == (w.office_a, today + timedelta(days=10))
    page.get_by_role("textbox", name="Nội dung trả lời").fill(
        "Nhà thầu đã làm lại đoạn đường, nghiệm thu xong."
    )
    page.get_by_role("button", name="Lưu trả lời").click()
    expect(page.get_by_text("Đã ghi nhận trả lời kiến nghị")).to_be_visible()
    desktop.screenshot(request, "leader")

    phone.page.goto(phone.url("/"))
    phone.page.get_by_role("link", name="Làm lại đoạn mặt đường mỏng").click()
    expect(phone.page.get_by_text("Đã trả lời đúng hạn")).to_be_visible()
    expect(phone.page.get_by_text("Nhà thầu đã làm lại đoạn đường")).to_be_visible()
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "citizen")
    assert desktop.console.errors == [] and phone.console.errors == []
    assert desktop.console.csp == [] and phone.console.csp == []
