"""A citizen sends a petition from a phone, keeps the receipt and follows the case by its code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from danvan.conftest import World
from danvan.core.models import Attachment, Unit
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n%test\n%%EOF\n"
SUBJECT = "Nước thải từ xưởng chế biến chảy ra suối"
CONTENT = "Từ đầu tháng, nước thải màu đen chảy ra suối đầu thôn, cá chết nhiều, mùi hôi."


def assert_fits(session: Session) -> None:
    page = session.page
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.viewport_size or {"width": 0}
    assert width <= viewport["width"], f"{page.url} is {width}px wide on a {viewport}px screen"
    assert not session.console.errors, session.console.errors
    assert not session.console.csp, session.console.csp


def fill_petition(page: Page, world: World, attachment: Path | None = None) -> None:
    page.get_by_label("Gửi đến UBND xã, phường").select_option(str(world.commune.pk))
    page.get_by_role("radio", name=re.compile(r"^Phản ánh")).check()
    page.get_by_label("Lĩnh vực").select_option("environment")
    page.get_by_label("Thôn, tổ dân phố nơi xảy ra sự việc").select_option(str(world.village.pk))
    page.get_by_label("Tóm tắt nội dung").fill(SUBJECT)
    page.get_by_role("textbox", name="Nội dung", exact=True).fill(CONTENT)
    if attachment:
        page.get_by_label("Tài liệu, hình ảnh kèm theo").set_input_files(attachment)
    page.get_by_label("Họ và tên").fill("Lường Văn Dũng")
    page.get_by_label("Số điện thoại").fill("0987 654 321")
    page.get_by_label(re.compile("^Tôi cam đoan")).check()


def test_citizen_sends_and_tracks_a_petition_on_a_phone(
    live_world: World,
    phone: Session,
    tmp_path: Path,
    settings: Any,
    request: pytest.FixtureRequest,
) -> None:
    settings.DANVAN_PORTAL_MIN_FILL_SECONDS = 0  # a robot fills the form in a blink
    photo = tmp_path / "anh-suoi.pdf"
    photo.write_bytes(PDF)
    page = phone.page
    page.goto(phone.url("/"))
    assert_fits(phone)
    phone.screenshot(request, "home")
    page.locator("main").get_by_role("link", name="Gửi phản ánh, kiến nghị").click()
    page.wait_for_url(re.compile(r"/gui-don/$"))
    fill_petition(page, live_world, photo)
    assert_fits(phone)
    phone.screenshot(request, "form")

    with page.expect_navigation():
        page.get_by_role("button", name="Gửi đơn").click()
    page.wait_for_url(re.compile(r"/don/[A-Z2-9]{10}/bien-nhan/$"))
    petition = Petition.objects.get()
    code = petition.tracking_code
    expect(page.get_by_role("heading", name="Biên nhận đơn")).to_be_visible()
    expect(page.locator("#ma-tra-cuu")).to_have_text(f"{code[:5]} {code[5:]}")
    expect(page.get_by_role("img", name="Mã QR dẫn đến trang theo dõi đơn")).to_be_visible()
    expect(page.get_by_text(petition.code, exact=False).first).to_be_visible()
    assert petition.channel == Petition.Channel.PORTAL
    assert (
        Attachment.objects.filter(owner_type__model="petition", owner_id=petition.pk).count() == 1
    )
    assert_fits(phone)
    phone.screenshot(request, "receipt")

    # Later, from the home page, by the code as a person types it.
    page.goto(phone.url("/"))
    page.locator("main").get_by_role("link", name="Tra cứu đơn").click()
    page.wait_for_url(re.compile(r"/tra-cuu/$"))
    page.get_by_label("Mã tra cứu").fill(f"{code[:5].lower()} {code[5:]}")
    assert_fits(phone)
    phone.screenshot(request, "lookup")
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(re.compile(rf"/don/{code}/$"))
    expect(page.get_by_role("status")).to_contain_text("Mới tiếp nhận")
    expect(page.get_by_text(SUBJECT)).to_be_visible()
    assert "Lường Văn Dũng" not in page.content()

    services.petition_accept(
        petition=petition, by=live_world.officer_b, accepted_on=timezone.localdate()
    )
    page.reload()
    expect(page.get_by_role("status")).to_contain_text("Đã thụ lý")
    expect(page.locator(".dv-history")).to_contain_text("Thụ lý đơn")
    assert str(live_world.officer_b) not in page.content()
    assert_fits(phone)
    phone.screenshot(request, "status")


def test_citizen_pages_on_a_desktop(
    live_world: World,
    desktop: Session,
    settings: Any,
    request: pytest.FixtureRequest,
) -> None:
    settings.DANVAN_PORTAL_MIN_FILL_SECONDS = 0
    elsewhere = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Bản Chắt", parent=live_world.other_commune
    )
    page = desktop.page
    page.goto(desktop.url("/gui-don/"))
    village = page.get_by_label("Thôn, tổ dân phố nơi xảy ra sự việc")
    # Only the chosen commune's villages can be picked.
    page.get_by_label("Gửi đến UBND xã, phường").select_option(str(live_world.other_commune.pk))
    expect(village.locator(f'option[value="{live_world.village.pk}"]')).to_be_disabled()
    expect(village.locator(f'option[value="{elsewhere.pk}"]')).to_be_enabled()
    fill_petition(page, live_world)
    expect(village.locator(f'option[value="{elsewhere.pk}"]')).to_be_disabled()
    assert_fits(desktop)
    desktop.screenshot(request, "form")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi đơn").click()
    expect(page.get_by_role("heading", name="Biên nhận đơn")).to_be_visible()
    assert_fits(desktop)
    desktop.screenshot(request, "receipt")

    page.get_by_role("link", name="Xem tình trạng đơn").click()
    expect(page.get_by_role("status")).to_contain_text("Mới tiếp nhận")
    assert_fits(desktop)
    desktop.screenshot(request, "status")

    page.goto(desktop.url("/don/ABCDEFGHJK/"))
    expect(page.get_by_role("heading", name="Không tìm thấy đơn")).to_be_visible()
    desktop.console.errors.clear()  # the 404 status itself is logged by Chromium
    desktop.screenshot(request, "not-found")


def test_citizen_sees_what_to_fix_and_keeps_the_text_on_a_phone(
    live_world: World,
    phone: Session,
    settings: Any,
    request: pytest.FixtureRequest,
) -> None:
    settings.DANVAN_PORTAL_MIN_FILL_SECONDS = 0
    page = phone.page
    page.goto(phone.url("/gui-don/"))
    fill_petition(page, live_world)
    page.get_by_role("radio", name=re.compile(r"^Khiếu nại")).check()
    page.get_by_label("Họ và tên").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi đơn").click()

    expect(page.get_by_role("alert")).to_contain_text("Đơn chưa gửi được")
    expect(page.locator("#id_name_error")).to_contain_text("Luật Khiếu nại 2011, Điều 8")
    expect(page.get_by_label("Tóm tắt nội dung")).to_have_value(SUBJECT)
    expect(page.get_by_role("textbox", name="Nội dung", exact=True)).to_have_value(CONTENT)
    expect(page.get_by_role("radio", name=re.compile(r"^Khiếu nại"))).to_be_checked()
    assert not Petition.objects.exists()
    phone.console.errors[:] = [e for e in phone.console.errors if "400" not in e]
    assert_fits(phone)
    phone.screenshot(request)

    page.get_by_label("Họ và tên").fill("Lường Văn Dũng")
    page.get_by_label("Địa chỉ").fill("Thôn Đoàn Kết")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi đơn").click()
    expect(page.get_by_role("heading", name="Biên nhận đơn")).to_be_visible()
    assert Petition.objects.get().petitioner_name == "Lường Văn Dũng"


def test_citizen_tells_two_communes_apart_and_the_villages_follow(
    live_world: World, phone: Session, request: pytest.FixtureRequest
) -> None:
    world = live_world
    ninh_binh = Unit.objects.create(kind=Unit.Kind.PROVINCE, name="Tỉnh Ninh Bình", code="37")
    Unit.objects.filter(pk=world.other_commune.pk).update(name="Xã Hồng Phong", parent=ninh_binh)
    elsewhere = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Bản Chắt", parent=world.other_commune
    )
    page = phone.page
    page.goto(phone.url("/gui-don/"))
    commune = page.get_by_label("Gửi đến UBND xã, phường")
    village = page.get_by_label("Thôn, tổ dân phố nơi xảy ra sự việc")
    note = page.locator("#thon-ghi-chu")
    expect(commune.locator("option", has_text="Xã Hồng Phong (tỉnh Lạng Sơn)")).to_have_count(1)
    expect(commune.locator("option", has_text="Xã Hồng Phong (tỉnh Ninh Bình)")).to_have_count(1)
    # A village picked first picks its commune, and says so.
    village.select_option(str(world.village.pk))
    expect(commune).to_have_value(str(world.commune.pk))
    expect(note).to_have_text("Đã chọn Xã Hồng Phong (tỉnh Lạng Sơn), nơi có Thôn Đoàn Kết.")
    # The other Hồng Phong: the village is cleared with a note naming both, not silently.
    commune.select_option(str(world.other_commune.pk))
    expect(village).to_have_value("")
    expect(note).to_have_text(
        "Thôn Đoàn Kết thuộc Xã Hồng Phong (tỉnh Lạng Sơn), không thuộc Xã Hồng Phong "
        "(tỉnh Ninh Bình): vui lòng chọn lại thôn, tổ dân phố."
    )
    expect(village.locator(f'option[value="{elsewhere.pk}"]')).to_be_enabled()
    expect(village.locator(f'option[value="{world.village.pk}"]')).to_be_disabled()
    assert_fits(phone)
    phone.screenshot(request, "doi-xa")
    village.select_option(str(elsewhere.pk))
    expect(note).to_have_text("")
