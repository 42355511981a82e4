"""Chasing by hand in a real browser (issue 12, items 3 and 4): the chairman opens an overdue task
and chases its lead unit from the task's page (it offered only "Sửa nhiệm vụ" before); the
officer lands on "Việc của tôi" on her phone, finds the chase among her work, answers it; the
chairman finds the answer through the menu and accepts it. Fixtures: danvan/testing/browser.py.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.core.models import Notification
from danvan.leaders.models import Directive
from danvan.plans import services
from danvan.plans.models import Plan
from danvan.testing.browser import PHONE, Session

pytestmark = pytest.mark.browser

CHASE = "Đề nghị tổ chức ngay buổi đối thoại còn chậm, báo cáo kết quả."
ANSWER = "Đã tổ chức đối thoại tại thôn Đoàn Kết ngày hôm qua, có biên bản kèm theo."


def test_chairman_chases_an_overdue_task_and_the_officer_answers_on_her_phone(
    live_world: World,
    plan: Plan,
    desktop: Session,
    phone: Session,
    request: pytest.FixtureRequest,
) -> None:
    w, today = live_world, timezone.localdate()
    task = services.task_create(
        plan=plan,
        by=w.chairman,
        title="Tổ chức đối thoại giữa Chủ tịch UBND xã với Nhân dân",
        lead_unit=w.office_a,
        start_date=date(today.year, 1, 5),
        due_date=today - timedelta(days=10),
    )
    due = today + timedelta(days=3)

    page = desktop.page
    desktop.login(w.chairman)
    page.goto(desktop.url(f"/can-bo/nhiem-vu/{task.pk}/"))
    expect(page.locator(".dv-facts")).to_contain_text("Quá hạn")
    block = page.get_by_role("region", name="Chỉ đạo, đôn đốc")
    block.get_by_text("Chỉ đạo / đôn đốc").click()
    block.get_by_label("Gửi đơn vị").select_option(label="Phòng Văn hóa - Xã hội")
    block.get_by_label("Nội dung chỉ đạo, đôn đốc").fill(CHASE)
    block.get_by_label("Hạn trả lời").fill((today - timedelta(days=1)).isoformat())
    with page.expect_navigation():
        block.get_by_role("button", name="Gửi").click()  # a past day: refused, nothing lost
    expect(page.get_by_role("alert").filter(has_text="Chưa gửi được")).to_be_visible()
    expect(page.locator("main form")).to_contain_text("Hạn trả lời không được trước hôm nay")
    expect(page.get_by_label("Nội dung chỉ đạo, đôn đốc")).to_have_value(CHASE)
    page.get_by_label("Hạn trả lời").fill(due.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi").click()
    page.wait_for_url(re.compile(rf"/can-bo/nhiem-vu/{task.pk}/#chi-dao$"))
    expect(page.get_by_role("status")).to_contain_text("Đã gửi đôn đốc đến Phòng Văn hóa - Xã hội")
    block = page.get_by_role("region", name="Chỉ đạo, đôn đốc")
    expect(block).to_contain_text(CHASE)
    expect(block).to_contain_text(f"hạn {due:%d/%m/%Y}")
    assert [e for e in desktop.console.errors if "400" not in e] == [], desktop.console.errors
    assert not desktop.console.csp, desktop.console.csp
    desktop.screenshot(request, "chairman-sends")
    d = Directive.objects.get()
    assert Notification.objects.filter(user=w.officer_a, url=d.get_absolute_url()).exists()

    mine = phone.page
    phone.login(w.officer_a)  # an officer lands on "Việc của tôi"
    mine.wait_for_url(re.compile(r"/can-bo/dieu-hanh/viec-cua-toi/$"))
    expect(mine.get_by_role("heading", level=1)).to_have_text("Việc của tôi")
    late = mine.get_by_role("region", name=re.compile("^Quá hạn"))
    expect(late.get_by_role("link", name=task.title)).to_be_visible()  # the overdue task
    soon = mine.get_by_role("region", name=re.compile("^Đến hạn trong"))
    expect(soon).to_contain_text("Trả lời đôn đốc")
    assert mine.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(request, "officer-my-work")
    soon.get_by_role("link", name=task.title).click()
    mine.wait_for_url(re.compile(rf"/can-bo/dieu-hanh/chi-dao/{d.pk}/$"))
    expect(mine.locator(".dv-text").first).to_contain_text(CHASE)
    mine.get_by_label("Nội dung trả lời").fill(ANSWER)
    with mine.expect_navigation():
        mine.get_by_role("button", name="Gửi trả lời").click()
    expect(mine.get_by_role("status")).to_contain_text("Đã gửi trả lời")
    assert not phone.console.errors and not phone.console.csp
    phone.screenshot(request, "officer-answered")

    desktop.menu("Chỉ đạo")
    page.get_by_label("Tình trạng").select_option(label="Đã trả lời, chờ xem xét")
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name=task.title).click()
    expect(page.locator("main")).to_contain_text(ANSWER)
    with page.expect_navigation():
        page.get_by_role("button", name="Chấp nhận, kết thúc").click()
    expect(page.get_by_role("status")).to_contain_text("Đã chấp nhận trả lời")
    expect(page.locator(".dv-facts")).to_contain_text("Đã kết thúc")
    expect(page.locator(".dv-history")).to_contain_text("Trả lời chỉ đạo, đôn đốc")
    desktop.screenshot(request, "chairman-accepts")
    d.refresh_from_db()
    assert (d.status, d.answered_by) == (Directive.Status.CLOSED, w.officer_a)
