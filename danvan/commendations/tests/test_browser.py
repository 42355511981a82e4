"""The journey in a real browser: the Front proposes a commendation on a phone; the chairman,
at his desk, grants it into a decision and downloads the decision (.docx) and the certificate
(PDF). Screenshots go to var/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from danvan.commendations.models import Award, Proposal
from danvan.conftest import World
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_the_chairman_grants_a_proposal_and_prints_the_decision_and_the_certificate(
    live_world: World, phone: Session, desktop: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    page = phone.page
    phone.login(w.front)
    page.goto(phone.url("/can-bo/khen-thuong/"))
    expect(page.get_by_text("Chưa có khen thưởng nào trong sổ.")).to_be_visible()
    page.get_by_role("link", name="Lập đề nghị khen thưởng").click()
    page.get_by_label("Tập thể, cá nhân").fill("Tổ hòa giải thôn Đoàn Kết")
    page.get_by_label("Thuộc đơn vị, thôn (nếu có)").select_option(label="Thôn Đoàn Kết")
    page.get_by_label("Khen thưởng về").select_option(label="Hòa giải ở cơ sở")
    page.locator("#id_achievement").fill("Hòa giải thành 12/12 vụ, việc trong năm")
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(
        page.get_by_text("Đã gửi đề nghị khen thưởng Tổ hòa giải thôn Đoàn Kết.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Khen thưởng theo quyết định")).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "front")
    proposal = Proposal.objects.get()
    assert proposal.proposing_unit == w.front_unit

    d = desktop.page
    desktop.login(w.chairman)
    d.goto(desktop.url("/can-bo/khen-thuong/"))
    d.get_by_role("link", name="1 đề nghị chờ xét").click()
    d.get_by_role("link", name="Tổ hòa giải thôn Đoàn Kết").click()
    d.get_by_label("Số quyết định").fill("45/QĐ-UBND")
    d.get_by_label("Người ký", exact=True).fill("Hoàng Văn Chủ")
    d.get_by_role("button", name="Khen thưởng", exact=True).click()
    expect(d.get_by_text("Đã khen thưởng Tổ hòa giải thôn Đoàn Kết")).to_be_visible()
    expect(
        d.get_by_role("heading", name="Điều 1: tập thể, cá nhân được khen thưởng")
    ).to_be_visible()
    with d.expect_download() as docx:
        d.get_by_role("link", name="Tải quyết định (.docx)").click()
    assert docx.value.suggested_filename.endswith(".docx")
    with d.expect_download() as pdf:
        d.get_by_role("link", name="Giấy khen (PDF)").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with open(pdf.value.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    desktop.screenshot(request, "chairman")
    award = Award.objects.get()
    assert award.proposal == proposal and award.decision.number == "45/QĐ-UBND"
    assert Proposal.objects.get().status == Proposal.Status.GRANTED
    assert desktop.console.errors == [] and phone.console.errors == []
    assert desktop.console.csp == [] and phone.console.csp == []
