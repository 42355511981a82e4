"""The officer's journey in a real browser: receive a denunciation, accept it, extend it (complex),
resolve it; then every officer page at phone and desktop width, without console or CSP errors.
Screenshots go to var/screenshots/.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from danvan.conftest import World
from danvan.petitions import reception, services
from danvan.petitions.models import (
    IdentityVault,
    Petition,
    PetitionEvent,
    ReceptionSession,
)
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


DENOUNCER = "Hoàng Thị Bảo Mật"
SUBJECT = "Tố cáo cán bộ địa chính thu tiền khi cấp sổ đỏ"


def _step(page: Page, title: str) -> None:
    """Open one step's panel (a <details>) on the case page."""
    panel = page.locator("details", has=page.locator("summary", has_text=title))
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()


def test_officer_receives_accepts_extends_and_resolves_a_petition(
    live_world: World, phone: Session, desktop: Session, request: pytest.FixtureRequest
) -> None:
    world = live_world
    page = phone.page
    phone.login(world.officer_b)
    page.goto(phone.url("/can-bo/don-thu/"))
    expect(page.get_by_role("heading", name="Sổ đơn thư")).to_be_visible()
    page.get_by_role("link", name="Tiếp nhận đơn").click()
    page.wait_for_url(re.compile(r"/can-bo/don-thu/tiep-nhan/$"))

    page.get_by_label("Kênh tiếp nhận").select_option("post")
    page.get_by_label("Loại đơn").select_option("denunciation")
    page.get_by_label("Lĩnh vực").select_option("land")
    page.get_by_label("Tóm tắt nội dung").fill(SUBJECT)
    page.get_by_label("Nội dung đơn").fill(
        "Cán bộ địa chính yêu cầu nộp 2 triệu đồng khi làm thủ tục."
    )
    page.get_by_label("Thôn, tổ dân phố").select_option(str(world.village.pk))
    page.get_by_label("Họ tên người gửi").fill(DENOUNCER)
    page.get_by_label("Điện thoại").fill("0912000999")
    phone.screenshot(request, "1-tiep-nhan")
    with page.expect_navigation():
        page.get_by_role("button", name="Vào sổ đơn thư").click()

    p = Petition.objects.get()
    expect(page.get_by_role("status")).to_have_text(f"Đã vào sổ đơn số {p.code}.")
    expect(page.get_by_text("Danh tính được bảo vệ", exact=True)).to_be_visible()
    assert DENOUNCER not in page.content()
    assert IdentityVault.objects.filter(petition=p).exists()

    _step(page, "Phân loại")
    page.get_by_label("Thuộc thẩm quyền của xã").check()
    page.get_by_label("Đủ điều kiện thụ lý").check()
    page.get_by_label("Vụ việc phức tạp").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu phân loại").click()
    expect(page.get_by_role("status")).to_have_text("Đã cập nhật phân loại đơn.")

    today = timezone.localdate()
    _step(page, "Thụ lý")
    page.get_by_label("Ngày thụ lý").fill(today.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Thụ lý đơn").click()
    p.refresh_from_db()
    assert p.status == "accepted" and p.due_on is not None
    expect(page.get_by_role("status")).to_have_text(
        f"Đã thụ lý đơn; hạn giải quyết {p.due_on:%d/%m/%Y}."
    )
    first_due = p.due_on
    page.get_by_text("Cách tính hạn").click()
    expect(page.get_by_text("Căn cứ: Luật Tố cáo 2018", exact=False)).to_be_visible()
    phone.screenshot(request, "2-da-thu-ly")

    _step(page, "Gia hạn giải quyết")
    extend = page.locator("#buoc-gia-han")
    extend.get_by_label("Lý do").fill("Vụ việc phức tạp, cần xác minh tại nhiều hộ.")
    with page.expect_navigation():
        extend.get_by_role("button", name="Gia hạn").click()
    p.refresh_from_db()
    assert p.extensions == 1 and p.due_on > first_due
    expect(page.get_by_role("status")).to_have_text(f"Đã gia hạn; hạn mới {p.due_on:%d/%m/%Y}.")

    # The desk drafts the conclusion; the case waits for the chairman's signature.
    _step(page, "Trình kết quả giải quyết")
    page.get_by_label("Kết luận, quyết định giải quyết").fill(
        "Kết luận nội dung tố cáo đúng một phần."
    )
    page.get_by_label("Căn cứ pháp lý").fill("Luật Tố cáo năm 2018")
    page.get_by_label("Trả lời công khai cho người gửi").fill("Đã có kết luận nội dung tố cáo.")
    with page.expect_navigation():
        page.get_by_role("button", name="Trình lãnh đạo ký duyệt").click()
    expect(page.get_by_role("status")).to_have_text(
        "Đã trình lãnh đạo UBND xã ký duyệt kết quả giải quyết."
    )
    expect(page.get_by_text("Dự thảo kết quả chờ lãnh đạo ký duyệt")).to_be_visible()
    p.refresh_from_db()
    assert p.status == "proposed"
    phone.screenshot(request, "3-cho-ky-duyet")

    # The chairman, at his desk, reads the draft and signs it.
    chair = desktop.page
    desktop.login(world.chairman)
    chair.goto(desktop.url(f"/can-bo/don-thu/{p.pk}/"))
    expect(chair.locator("#du-thao")).to_contain_text("Kết luận nội dung tố cáo đúng một phần.")
    _step(chair, "Ký duyệt kết quả giải quyết")
    with chair.expect_navigation():
        chair.get_by_role("button", name="Ký duyệt", exact=True).click()
    expect(chair.get_by_role("status")).to_have_text("Đã ký duyệt kết quả giải quyết.")
    p.refresh_from_db()
    assert (p.status, p.closed_on_time, p.signed_off_by) == ("resolved", True, world.chairman)
    assert list(PetitionEvent.objects.filter(petition=p).values_list("kind", flat=True)) == [
        "received",
        "accepted",
        "extended",
        "proposed",
        "resolved",
    ]
    timeline = chair.locator("ol.dv-history").first
    for label in ("Tiếp nhận đơn", "Thụ lý", "Gia hạn giải quyết", "Quyết định, kết luận"):
        expect(timeline).to_contain_text(label)
    with chair.expect_download() as letter:
        chair.get_by_role("link", name="Văn bản trả lời người gửi (.docx)").click()
    assert letter.value.suggested_filename == f"tra-loi-don-{p.number}-{p.year}.docx"
    assert DENOUNCER not in chair.content()
    desktop.screenshot(request, "4-da-ky-duyet")
    for session in (phone, desktop):
        assert not session.console.errors, session.console.errors
        assert not session.console.csp, session.console.csp


def test_officer_sees_a_refused_step_explained_and_keeps_the_text(
    live_world: World, phone: Session, request: pytest.FixtureRequest
) -> None:
    world = live_world
    p = services.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel="in_person",
        kind="complaint",
        subject="Khiếu nại về mức bồi thường",
        content="Đề nghị xem xét lại.",
        received_on=timezone.localdate(),
        identity={"name": "Lê Văn Bình"},
    )
    page = phone.page
    phone.login(world.officer_b)
    page.goto(phone.url(f"/can-bo/don-thu/{p.pk}/"))
    _step(page, "Hướng dẫn, chuyển, trả, lưu đơn")
    route = page.locator("#buoc-xu-ly")
    route.get_by_label("Cách xử lý").select_option("information")
    route.get_by_label("Nội dung").fill("Chuyển sang xử lý như thông tin.")
    with page.expect_navigation():
        route.get_by_role("button", name="Kết thúc xử lý đơn").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Chỉ tố cáo nặc danh mới được xử lý như thông tin."
    )
    route = page.locator("#buoc-xu-ly")
    expect(route.get_by_label("Nội dung")).to_have_value("Chuyển sang xử lý như thông tin.")
    p.refresh_from_db()
    assert p.status == "received"
    # The refused step answers 400 on purpose; nothing else may complain.
    assert not [e for e in phone.console.errors if "status of 400" not in e], phone.console.errors
    phone.screenshot(request)


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_every_officer_page_renders_cleanly(
    live_world: World, device: str, request: pytest.FixtureRequest
) -> None:
    world = live_world
    s: Session = request.getfixturevalue(device)
    today = timezone.localdate()
    session = reception.session_create(
        commune=world.commune,
        by=world.officer_b,
        kind=ReceptionSession.Kind.REGULAR,
        held_on=today,
        host=world.officer_b,
    )
    visit = reception.visit_create(
        session=session,
        by=world.officer_b,
        visited_on=today,
        kind="recommendation",
        name="Đinh Văn Sơn",
        address="Thôn Đoàn Kết",
        content="Kiến nghị sửa đường bê tông liên thôn bị lún, nứt sau mưa lũ.",
        people=7,
        representatives="Đinh Văn Sơn\nLò Thị Mai",
    )
    p = services.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel="post",
        kind="complaint",
        subject="Khiếu nại quyết định thu hồi đất làm đường",
        content="Gia đình chưa được bồi thường.",
        received_on=today - timedelta(days=40),
        identity={"name": "Lê Thị Hoa"},
        village=world.village,
    )
    services.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel="portal",
        kind="denunciation",
        subject="Tố cáo việc thu tiền trái phép",
        content="x",
        received_on=today - timedelta(days=3),
        identity={"name": DENOUNCER},
    )
    s.login(world.officer_b)
    pages = {
        "danh-sach": "/can-bo/don-thu/",
        "tiep-nhan": "/can-bo/don-thu/tiep-nhan/",
        "ho-so": f"/can-bo/don-thu/{p.pk}/",
        "buoi-tiep": "/can-bo/don-thu/tiep-cong-dan/",
        "mo-buoi-tiep": "/can-bo/don-thu/tiep-cong-dan/them/",
        "mot-buoi": f"/can-bo/don-thu/tiep-cong-dan/{session.pk}/",
        "ghi-luot": f"/can-bo/don-thu/tiep-cong-dan/{session.pk}/them-luot/",
        "luot-tiep": f"/can-bo/don-thu/tiep-cong-dan/luot/{visit.pk}/",
        "so-tiep": "/can-bo/don-thu/tiep-cong-dan/so/",
        "thong-ke": "/can-bo/don-thu/thong-ke/",
    }
    for name, path in pages.items():
        response = s.page.goto(s.url(path))
        assert response is not None and response.status == 200, path
        assert DENOUNCER not in s.page.content()
        s.screenshot(request, name)
    assert not s.console.errors, s.console.errors
    assert not s.console.csp, s.console.csp
