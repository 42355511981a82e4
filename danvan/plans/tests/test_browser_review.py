"""The review of progress in a real browser (issue 12): the chairman finds the reports waiting for
him from his dashboard, returns one with a comment and accepts the next; the officer reads the
comment on her phone. Fixtures (browser, live server, sessions) live in danvan/testing/browser.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.plans import services
from danvan.plans.models import ProgressReport, Task
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser

COMMENT = "Chưa có số người dân tham dự; đề nghị bổ sung biên bản họp."


def test_chairman_returns_then_accepts_and_the_officer_reads_why(
    live_world: World, task: Task, desktop: Session, phone: Session, request: pytest.FixtureRequest
) -> None:
    first = services.progress_report_create(
        task=task, unit=live_world.office_a, by=live_world.officer_a, text="Đã họp", percent=50
    )
    page = desktop.page
    desktop.login(live_world.chairman)
    desktop.menu("Tổng quan")
    page.get_by_role("link", name="1 báo cáo tiến độ chờ bạn duyệt").click()
    page.wait_for_url(re.compile(r"/can-bo/nhiem-vu/cho-duyet/$"))
    page.get_by_role("link", name=task.title).click()
    page.wait_for_url(re.compile(rf"/can-bo/nhiem-vu/{task.pk}/"))

    card = page.locator(f"#bao-cao-{first.pk}")
    expect(card).to_contain_text("Chờ duyệt")
    with page.expect_navigation():
        card.get_by_role("button", name="Trả lại").click()  # no comment: refused, kept on page
    expect(page.get_by_role("alert")).to_contain_text("Cần ghi rõ lý do trả lại báo cáo.")
    card = page.locator(f"#bao-cao-{first.pk}")
    card.get_by_label("Nhận xét (bắt buộc khi trả lại)").fill(COMMENT)
    with page.expect_navigation():
        card.get_by_role("button", name="Trả lại").click()
    expect(page.get_by_role("status")).to_contain_text("Đã trả lại báo cáo")
    expect(card).to_contain_text("Đã trả lại")
    expect(card).to_contain_text(COMMENT)
    expect(card.get_by_role("button", name="Chấp nhận")).to_have_count(0)

    second = services.progress_report_create(
        task=task, unit=live_world.office_a, by=live_world.officer_a, text="Đã bổ sung", percent=60
    )
    page.reload()
    with page.expect_navigation():
        page.locator(f"#bao-cao-{second.pk}").get_by_role("button", name="Chấp nhận").click()
    expect(page.get_by_role("status")).to_contain_text("tiến độ nhiệm vụ đã được cập nhật")
    expect(page.locator(".dv-facts")).to_contain_text("60%")
    expect(page.locator(".dv-history")).to_contain_text("Chấp nhận báo cáo tiến độ")
    # The refused return answered 400, as a refused form does; nothing else went wrong.
    assert [e for e in desktop.console.errors if "400" not in e] == [], desktop.console.errors
    assert not desktop.console.csp, desktop.console.csp
    desktop.screenshot(request, "chairman")

    phone.login(live_world.officer_a)
    phone.page.goto(phone.url(f"/can-bo/nhiem-vu/{task.pk}/#bao-cao-{first.pk}"))
    expect(phone.page.locator(f"#bao-cao-{first.pk}")).to_contain_text(COMMENT)
    expect(phone.page.get_by_role("button", name="Chấp nhận")).to_have_count(0)
    assert ProgressReport.objects.get(pk=second.pk).reviewed_by == live_world.chairman
    assert not phone.console.errors, phone.console.errors
    phone.screenshot(request, "officer")
