"""Background jobs in a real browser, as a single commune runs them (DANVAN_JOBS=thread: the web
process's own thread, no worker): the chairman imports a large plan and exports a period of the
audit log; each lands on the progress page, which follows the job by its script (CSP: no inline
script) until the result is there to open or download."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.core.audit import log_action
from danvan.core.models import Job, Notification
from danvan.plans.models import Plan
from danvan.testing.browser import Session
from danvan.testing.jobs import DATABASE

pytestmark = pytest.mark.browser

SEED = (
    Path(__file__).resolve().parents[2]
    / "demo"
    / "fixtures"
    / "ke-hoach-dan-van-chinh-quyen-2026-hong-phong.txt"
)


@pytest.fixture
def in_thread(settings: Any) -> None:
    settings.DANVAN_JOBS = "thread"
    settings.TASKS = DATABASE
    settings.DANVAN_JOBS_SYNC_ROWS = 0  # everything is "large"


def test_the_chairman_follows_a_plan_import_to_its_draft(
    live_world: World, in_thread: None, phone: Session, request: pytest.FixtureRequest
) -> None:
    page = phone.page
    phone.login(live_world.chairman)
    page.goto(phone.url("/can-bo/ke-hoach/nhap/"))
    page.get_by_label("Tệp kế hoạch").set_input_files(SEED)
    with page.expect_navigation():
        page.get_by_role("button", name="Đọc văn bản").click()
    job = Job.objects.get()
    page.wait_for_url(re.compile(rf"/can-bo/viec-nen/{job.pk}/$"))
    open_result = page.get_by_role("link", name="Mở kết quả")
    expect(open_result).to_be_visible()
    expect(page.locator("progress.dv-progress")).to_have_attribute("value", "100")
    expect(page.get_by_text("Đã đọc văn bản thành dự thảo kế hoạch")).to_be_visible()
    phone.screenshot(request, "job-done")
    open_result.click()
    plan = Plan.objects.get()
    page.wait_for_url(re.compile(rf"/can-bo/ke-hoach/{plan.pk}/soat-xet/$"))
    assert plan.tasks.count() > 30
    # The notice is written just after the job's row commits.
    notices = Notification.objects.filter(user=live_world.chairman, title__startswith="Đã xong")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not notices.exists():
        time.sleep(0.1)
    assert notices.exists()
    assert not phone.console.errors, phone.console.errors
    assert not phone.console.csp, phone.console.csp


def test_the_chairman_downloads_an_audit_period_made_in_the_background(
    live_world: World, in_thread: None, desktop: Session
) -> None:
    for n in range(3):
        log_action(live_world.commune, "core.test", by=live_world.chairman, changes={"n": n})
    page = desktop.page
    desktop.login(live_world.chairman)
    page.goto(desktop.url("/can-bo/nhat-ky/"))
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Tải")).click()
    download_button = page.get_by_role("link", name="Tải tệp kết quả")
    expect(download_button).to_be_visible()
    with page.expect_download() as download:
        download_button.click()
    assert download.value.suggested_filename.startswith("nhat-ky-")
    assert not desktop.console.errors, desktop.console.errors
    assert not desktop.console.csp, desktop.console.csp
