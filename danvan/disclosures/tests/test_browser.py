"""The journey: an officer registers a disclosure, records two channels (the commune office's
notice board with a photo as proof, and the portal); a citizen reads it on a phone and downloads
its document without an account. Screenshots go to var/screenshots/."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.disclosures.models import Disclosure
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
TITLE = "Dự toán thu, chi ngân sách xã năm 2026"


def test_officer_posts_on_two_channels_and_a_citizen_reads_it_on_a_phone(
    live_world: World,
    desktop: Session,
    phone: Session,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    world = live_world
    page = desktop.page
    desktop.login(world.officer_a)
    desktop.menu("Dân chủ cơ sở")
    expect(page.get_by_role("heading", name=re.compile("Sổ công khai thông tin"))).to_be_visible()
    expect(page.get_by_text("Chưa có nội dung công khai nào")).to_be_visible()
    page.get_by_role("link", name="Vào sổ nội dung công khai").click()

    decided = timezone.localdate() - timedelta(days=3)
    page.get_by_label("Nội dung phải công khai (Điều 11)").select_option(
        label="2. Ngân sách, tài chính của xã"
    )
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Nội dung công khai").fill("Dự toán thu ngân sách và dự toán chi năm 2026.")
    page.get_by_label("Ngày ban hành, phê duyệt văn bản").fill(decided.isoformat())
    document = tmp_path / "nghi-quyet.pdf"
    document.write_bytes(b"%PDF-1.4\n%%EOF")
    page.get_by_label("Tên tài liệu đính kèm").fill("Nghị quyết dự toán")
    page.get_by_label("Tài liệu (văn bản được công khai)").set_input_files(str(document))
    with page.expect_navigation():
        page.get_by_role("button", name="Vào sổ").click()
    d = Disclosure.objects.get()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Chưa ghi nhận việc công khai nào")).to_be_visible()

    photo = tmp_path / "anh-niem-yet.png"
    photo.write_bytes(PNG)
    for name, proof in (
        ("Niêm yết tại trụ sở UBND xã", photo),
        ("Cổng thông tin điện tử của xã", None),
    ):
        page.locator("summary", has_text="Ghi nhận công khai").click()
        page.get_by_label("Hình thức công khai").select_option(label=name)
        page.get_by_label("Ngày bắt đầu").fill(timezone.localdate().isoformat())
        if proof:
            page.get_by_label("Người thực hiện niêm yết, thông báo").fill("Văn phòng UBND xã")
            page.get_by_label("Minh chứng (ảnh chụp, biên bản niêm yết)").set_input_files(
                str(proof)
            )
        with page.expect_navigation():
            page.get_by_role("button", name="Ghi nhận", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text(f"Đã ghi nhận: {name}.")
    expect(page.get_by_role("link", name="anh-niem-yet.png")).to_be_visible()
    expect(page.get_by_text("Việc công khai đúng thời điểm")).to_be_visible()
    desktop.screenshot(request, "1-can-bo")
    assert d.postings.count() == 2
    assert desktop.console.errors == [] and desktop.console.csp == []

    citizen = phone.page
    citizen.goto(phone.url("/"))
    citizen.get_by_role("link", name=TITLE).click()
    expect(citizen.get_by_role("heading", name=TITLE)).to_be_visible()
    assert (
        "anh-niem-yet" not in citizen.content()
        and world.officer_a.full_name not in citizen.content()
    )
    width = citizen.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "2-nguoi-dan")
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="Nghị quyết dự toán").click()
    assert Path(download.value.path()).read_bytes() == b"%PDF-1.4\n%%EOF"
    assert phone.console.errors == [] and phone.console.csp == []
