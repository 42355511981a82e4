"""The journey in a real browser: on a desktop the office scores the criteria left (a bad score
refused and corrected), adds an evidence link and submits; on a phone a reader of the commune
reads the result. Screenshots go to var/screenshots/."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.scorecard import services, sheet
from danvan.scorecard.models import Assessment
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_the_office_scores_and_submits_and_a_reader_reads_it_on_a_phone(
    live_world: World, desktop: Session, phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    d = desktop.page
    desktop.login(w.officer_b)
    d.goto(desktop.url("/can-bo/tu-danh-gia/"))
    expect(d.get_by_text("Chưa có bản tự đánh giá nào.")).to_be_visible()
    d.get_by_role("button", name="Bắt đầu tự đánh giá").click()
    expect(d.get_by_text("Đã bắt đầu bản tự đánh giá năm")).to_be_visible()
    a = Assessment.objects.get()
    # Most criteria were scored earlier; two are left for the page.
    left = {"1.1", "2.1"}
    entries = {
        line.criterion: services.Entry(
            points=Decimal(0) if line.kind == "penalty" else line.max_points - 1,
            links=["/can-bo/tu-danh-gia/"],
        )
        for line in sheet.live(a).lines
        if line.scored and line.code not in left
    }
    services.scores_save(assessment=a, by=w.officer_b, entries=entries)
    d.reload()
    d.get_by_label("Điểm 1.1 (tối đa 5)").fill("7")
    d.get_by_label("Giải trình 1.1").fill("Kế hoạch ban hành ngày 10/01.")
    d.get_by_role("button", name="Lưu điểm tự chấm").click()
    expect(d.get_by_text("Điểm từ 0 đến 5.")).to_be_visible()
    expect(d.get_by_label("Giải trình 1.1")).to_have_value("Kế hoạch ban hành ngày 10/01.")
    d.get_by_label("Điểm 1.1 (tối đa 5)").fill("4,5")
    d.get_by_label("Điểm 2.1 (tối đa 10)").fill("9")
    d.get_by_label("Liên kết minh chứng 2.1").fill("/can-bo/tu-danh-gia/?nam=2026")
    d.get_by_role("button", name="Lưu điểm tự chấm").click()
    expect(d.get_by_text("Đã lưu điểm tự chấm.")).to_be_visible()
    expect(d.get_by_text("1 tiêu chí có điểm nhưng chưa có minh chứng: 1.1")).to_be_visible()
    d.get_by_role("button", name="Gửi bản tự đánh giá").click()
    expect(d.get_by_text("Đã gửi bản tự đánh giá năm")).to_be_visible()
    a.refresh_from_db()
    assert a.status == "submitted" and a.total == Decimal("88.5")  # 85 - 1 + 0.5 + bonus 3 + 1
    desktop.screenshot(request, "submitted")
    # The refused score answers 400 on purpose (the page shown again with its error).
    assert [e for e in desktop.console.errors if "400 (Bad Request)" not in e] == []
    assert desktop.console.csp == []

    p = phone.page
    phone.login(w.readonly_a)
    p.goto(phone.url("/can-bo/tu-danh-gia/"))
    p.get_by_role("link", name=f"Năm {a.year}").click()
    expect(p.locator("#tong-diem")).to_have_text("88,5")
    expect(p.get_by_text("Hoàn thành tốt nhiệm vụ").first).to_be_visible()
    expect(p.get_by_role("button", name="Lưu điểm tự chấm")).to_have_count(0)
    width = p.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "reader")
    assert phone.console.errors == [] and phone.console.csp == []
