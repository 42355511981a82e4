"""Issue 12's journey of a plan, in a real browser: an officer of the plan's lead unit imports the
seed on a desktop, merges two duties in the review; the chairman issues it with its number and
day on a phone; only then do its duties reach the task list."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.core.models import Unit
from danvan.plans.models import Plan
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parents[2] / "lib" / "tests" / "fixtures" / "hong_phong_2026.txt"


def test_lead_unit_imports_and_reviews_then_the_chairman_issues(
    live_world: World,
    desktop: Session,
    phone: Session,
    request: pytest.FixtureRequest,
) -> None:
    for name in ("Trung tâm Phục vụ hành chính công", "Trung tâm Dịch vụ công ích"):
        Unit.objects.create(kind=Unit.Kind.OFFICE, name=name, parent=live_world.commune)
    page = desktop.page
    desktop.login(live_world.officer_a)  # Phòng VH-XH, which III.2 charges with the plan
    page.goto(desktop.url("/can-bo/ke-hoach/"))
    page.get_by_role("link", name="Nhập từ văn bản").click()
    page.get_by_label("Tệp kế hoạch").set_input_files(SEED)
    with page.expect_navigation():
        page.get_by_role("button", name="Đọc văn bản").click()
    plan = Plan.objects.get()
    page.wait_for_url(re.compile(rf"/can-bo/ke-hoach/{plan.pk}/soat-xet/$"))
    expect(page.get_by_text("Đã đọc văn bản thành dự thảo kế hoạch")).to_be_visible()
    tasks = plan.tasks.count()
    assert tasks >= 35 and plan.lead_unit == live_world.office_a

    first, second = plan.tasks.order_by("position")[:2]
    page.locator(f"#chon-{first.pk}").check()
    page.locator(f"#chon-{second.pk}").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gộp các nhiệm vụ đã chọn").click()
    expect(page.get_by_text("Đã gộp các nhiệm vụ đã chọn.")).to_be_visible()
    assert plan.tasks.count() == tasks - 1
    expect(page.locator('sup a[href="#chu-thich-3"]').first).to_be_attached()
    # The officer keeps the draft but does not issue it, and it is in nobody's list yet.
    expect(page.get_by_role("link", name="Ban hành (số, ngày)")).to_have_count(0)
    desktop.screenshot(request, "review")
    page.goto(desktop.url("/can-bo/nhiem-vu/"))
    expect(page.get_by_text(first.title[:40])).to_have_count(0)
    assert not desktop.console.errors, desktop.console.errors
    assert not desktop.console.csp, desktop.console.csp

    mobile = phone.page
    phone.login(live_world.chairman)
    mobile.goto(phone.url(f"/can-bo/ke-hoach/{plan.pk}/"))
    mobile.get_by_role("link", name="Ban hành kế hoạch").click()
    mobile.locator("#id_number").fill("75")
    mobile.locator("#id_issued_on").fill("2026-04-15")
    with mobile.expect_navigation():
        mobile.get_by_role("button", name="Ban hành").click()
    expect(mobile.get_by_text("Đã ban hành Kế hoạch số 75/KH-UBND")).to_be_visible()
    plan.refresh_from_db()
    assert (plan.status, plan.number, plan.issued_on) == ("issued", "75", date(2026, 4, 15))
    width = mobile.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide on a 390px phone"
    assert not phone.console.errors, phone.console.errors
    phone.screenshot(request, "issued")

    page.goto(desktop.url("/can-bo/nhiem-vu/"))
    expect(page.get_by_role("link", name=first.title[:40]).first).to_be_visible()
