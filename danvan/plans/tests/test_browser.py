"""The four journeys people make most, in a real browser: officer on a phone, chairman on a desktop,
citizen on a phone. Fixtures (browser, live server, sessions) live in danvan/testing/browser.py.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from playwright.sync_api import Page, expect

from danvan.conftest import World
from danvan.core.models import Attachment
from danvan.plans.models import Plan, ProgressReport, Task, TaskStatus
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n%test\n%%EOF\n"
REPORT_TEXT = "Đã họp chuẩn bị đối thoại với bà con thôn Đoàn Kết; hoàn thành một nửa khối lượng."
WRONG_PERCENT_TEXT = "Đã gửi giấy mời các hộ dân, chờ xác nhận lịch họp."


def _open_task_as_officer(phone: Session, world: World, task: Task) -> Page:
    page = phone.page
    phone.login(world.officer_a)
    phone.menu("Nhiệm vụ")
    page.wait_for_url(re.compile(r"/can-bo/nhiem-vu/$"))
    page.get_by_role("link", name=task.title).click()
    page.wait_for_url(re.compile(rf"/can-bo/nhiem-vu/{task.pk}/$"))
    expect(page.get_by_role("heading", name=task.title)).to_be_visible()
    return page


def test_officer_reports_progress_with_evidence_on_a_phone(
    live_world: World, task: Task, phone: Session, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    evidence = tmp_path / "bien-ban-hop.pdf"
    evidence.write_bytes(PDF)
    page = _open_task_as_officer(phone, live_world, task)

    page.get_by_label("Báo cáo với tư cách").select_option(str(live_world.office_a.pk))
    page.get_by_label("Kết quả thực hiện").fill(REPORT_TEXT)
    page.get_by_label("Tiến độ (%)").fill("50")
    page.get_by_label("Tài liệu minh chứng").set_input_files(evidence)
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi báo cáo").click()

    expect(page.get_by_role("status")).to_have_text(
        "Đã gửi báo cáo; tiến độ được tính khi lãnh đạo UBND chấp nhận."
    )
    report_card = page.locator("article.card").filter(has_text=REPORT_TEXT)
    expect(report_card).to_contain_text("50%")
    file_link = report_card.get_by_role("link", name="bien-ban-hop.pdf")
    expect(file_link).to_be_visible()

    report = ProgressReport.objects.get(task=task)
    assert (report.unit, report.percent, report.text) == (live_world.office_a, 50, REPORT_TEXT)
    attachment = Attachment.objects.get(owner_type__model="progressreport", owner_id=report.pk)
    assert (attachment.original_name, attachment.mime_type) == (
        "bien-ban-hop.pdf",
        "application/pdf",
    )

    with page.expect_download() as info:
        file_link.click()
    download = info.value
    assert download.suggested_filename == "bien-ban-hop.pdf"
    assert Path(download.path()).read_bytes() == PDF
    assert not phone.console.errors, phone.console.errors
    phone.screenshot(request)


def test_officer_sees_a_wrong_percent_explained_and_keeps_the_text(
    live_world: World, task: Task, phone: Session, request: pytest.FixtureRequest
) -> None:
    page = _open_task_as_officer(phone, live_world, task)
    text = page.get_by_label("Kết quả thực hiện")
    percent = page.get_by_label("Tiến độ (%)")
    text.fill(WRONG_PERCENT_TEXT)
    percent.fill("150")

    # The browser checks max="100" first and keeps the form from leaving the page …
    page.get_by_role("button", name="Gửi báo cáo").click()
    assert percent.evaluate("(el) => el.validity.rangeOverflow")
    assert page.url.endswith(f"/can-bo/nhiem-vu/{task.pk}/")

    # … and the server says the same when the browser does not check (old browser, script off).
    submit = page.get_by_role("button", name="Gửi báo cáo")
    page.locator("form").filter(has=submit).evaluate("(form) => { form.noValidate = true; }")
    with page.expect_navigation():
        submit.click()

    expect(page.locator(".dv-error")).to_have_text("Tiến độ phải từ 0 đến 100%.")
    expect(text).to_have_value(WRONG_PERCENT_TEXT)
    expect(percent).to_have_value("150")
    assert not ProgressReport.objects.exists()
    assert not [e for e in phone.console.errors if "400" not in e], phone.console.errors
    phone.screenshot(request)


def test_chairman_follows_the_dashboard_and_downloads_the_reports(
    live_world: World, plan: Plan, task: Task, desktop: Session, request: pytest.FixtureRequest
) -> None:
    page = desktop.page
    desktop.login(live_world.chairman)
    desktop.menu("Tổng quan")
    page.wait_for_url(re.compile(r"/can-bo/tong-quan/"))
    # The dashboard opens on the current year; look at the plan's year whatever today is.
    page.get_by_role("spinbutton", name="Năm").fill(str(plan.year))
    with page.expect_navigation():
        page.get_by_role("button", name="Xem").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(f"năm {plan.year}")
    cards = page.get_by_role("list", name="Số nhiệm vụ theo trạng thái")
    expect(cards.locator(".dv-card").first).to_have_text(re.compile(r"^\s*1\s+nhiệm vụ\s*$"))
    status_card = cards.locator(f".dv-card-{task.status}")
    expect(status_card).to_contain_text(str(TaskStatus(task.status).label).lower())
    expect(status_card.locator(".dv-card-n")).to_have_text("1")

    page.wait_for_function(
        "() => typeof Chart !== 'undefined'"
        " && !!Chart.getChart('chart-section') && !!Chart.getChart('chart-unit')"
    )
    for chart_id in ("chart-section", "chart-unit"):
        box = page.locator(f"#{chart_id}").bounding_box()
        assert box is not None
        assert box["width"] > 0
        assert box["height"] > 0
    drawn = page.evaluate(
        "() => Chart.getChart('chart-unit').data.labels.length"
        " + Chart.getChart('chart-section').data.labels.length"
    )
    assert drawn >= 2
    assert not desktop.console.errors, desktop.console.errors
    assert not desktop.console.csp, desktop.console.csp
    desktop.screenshot(request, "dashboard")

    desktop.menu("Kế hoạch")
    page.wait_for_url(re.compile(r"/can-bo/ke-hoach/$"))
    page.get_by_role("link", name=plan.title).click()
    page.wait_for_url(re.compile(rf"/can-bo/ke-hoach/{plan.pk}/$"))

    with page.expect_download() as docx_info:
        page.get_by_role("link", name="Tải báo cáo (.docx)").click()
    docx_download = docx_info.value
    assert docx_download.suggested_filename.endswith(".docx")
    document = Document(io.BytesIO(Path(docx_download.path()).read_bytes()))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any(task.title in text for text in paragraphs + cells)

    with page.expect_download() as xlsx_info:
        page.get_by_role("link", name="Tải tiến độ (.xlsx)").click()
    xlsx_download = xlsx_info.value
    assert xlsx_download.suggested_filename.endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(Path(xlsx_download.path()).read_bytes()))
    values = [v for row in workbook.active.iter_rows(values_only=True) for v in row]
    assert task.title in values
    assert not desktop.console.errors, desktop.console.errors
    assert not desktop.console.csp, desktop.console.csp
    desktop.screenshot(request)


def test_citizen_checks_an_issued_plan_on_a_phone(
    live_world: World, plan: Plan, task: Task, phone: Session, request: pytest.FixtureRequest
) -> None:
    assert plan.status == Plan.Status.ISSUED  # only an issued plan is public
    page = phone.page
    page.goto(phone.url("/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name=plan.title).click()
    page.wait_for_url(re.compile(rf"/ke-hoach/{plan.pk}/$"))

    expect(page.get_by_role("heading", name=plan.title)).to_be_visible()
    item = page.locator(".dv-tasks li").filter(has_text=task.title)
    expect(item).to_be_visible()
    expect(item.locator(".dv-status")).to_have_text(str(task.status_label))
    expect(page.get_by_role("link", name="Đăng nhập cán bộ")).to_be_visible()

    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= 390, f"page is {scroll_width}px wide on a 390px phone"
    assert not phone.console.errors, phone.console.errors
    assert not phone.console.csp, phone.console.csp
    phone.screenshot(request)
