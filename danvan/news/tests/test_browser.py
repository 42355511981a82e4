"""The journeys in a real browser: the communications centre writes an article with a photo and
publishes it (on a desktop and on a phone), and a citizen reads it on the portal on a phone.
Screenshots go to var/screenshots/."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.news import services
from danvan.news.models import Article
from danvan.news.tests.conftest import jpeg
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def _jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (200, 80, 40)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_centre_publishes_an_article_with_a_photo(
    live_world: World, device: str, request: pytest.FixtureRequest
) -> None:
    w = live_world
    session: Session = request.getfixturevalue(device)
    page = session.page
    session.login(w.officer_a)
    page.goto(session.url("/can-bo/tin-bai/"))
    expect(page.get_by_text("Chưa có tin bài nào.")).to_be_visible()
    page.get_by_role("link", name="Viết tin bài").click()
    page.get_by_label("Loại tin bài").select_option(label="Câu chuyện “Dân vận khéo”")
    page.get_by_label("Tiêu đề").fill("Thôn Đoàn Kết hiến đất làm đường")
    # Bad input first: no summary, a photo without caption; what was typed stays.
    page.get_by_label("Nội dung (mỗi đoạn cách nhau một dòng trống)").fill(
        "Bà con đã hiến 1.200 m² đất.\n\nCon đường dài 2 km."
    )
    page.get_by_label("Ảnh (nếu có)").set_input_files(
        {"name": "duong.jpg", "mimeType": "image/jpeg", "buffer": _jpeg_bytes()}
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Chưa lưu được.")).to_be_visible()
    expect(page.get_by_label("Tiêu đề")).to_have_value("Thôn Đoàn Kết hiến đất làm đường")
    page.get_by_label("Tóm tắt (hiện ở danh sách và trong bản tin RSS)").fill(
        "Câu chuyện Dân vận khéo về con đường mới."
    )
    page.get_by_label("Ảnh (nếu có)").set_input_files(
        {"name": "duong.jpg", "mimeType": "image/jpeg", "buffer": _jpeg_bytes()}
    )
    page.get_by_label("Chú thích ảnh").fill("Con đường mới ở thôn Đoàn Kết")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu bản nháp")).to_be_visible()
    image = page.get_by_role("img", name="Con đường mới ở thôn Đoàn Kết")
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    assert image.evaluate("img => img.naturalWidth") > 0
    page.get_by_role("button", name="Đăng lên cổng thông tin").click()
    expect(page.get_by_text("Đã đăng tin bài lên cổng thông tin.")).to_be_visible()
    a = Article.objects.get()
    assert (a.status, a.kind, a.photos.count()) == ("published", "story", 1)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= (page.viewport_size or {"width": 0})["width"], "the page scrolls sideways"
    session.screenshot(request, "published")
    # The refused form answers 400 on purpose; nothing else may complain.
    assert [e for e in session.console.errors if "status of 400" not in e] == []
    assert session.console.csp == []


def test_a_citizen_reads_the_news_on_a_phone(
    live_world: World, phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    a = services.article_create(
        commune=w.commune,
        by=w.officer_a,
        unit=w.office_a,
        kind=Article.Kind.NOTICE,
        title="Thông báo lịch tiếp công dân tháng 6",
        summary="Lịch tiếp công dân của Chủ tịch UBND xã.",
        body="Chủ tịch UBND xã tiếp công dân vào ngày 15 hằng tháng.\n\nĐịa điểm: trụ sở UBND xã.",
        photo=jpeg(),
        caption="Trụ sở UBND xã",
    )
    services.article_publish(article=a, by=w.officer_a)
    page = phone.page
    page.goto(phone.url(f"/tin-tuc/?xa={w.commune.pk}"))
    page.get_by_role("link", name="Thông báo lịch tiếp công dân tháng 6").click()
    expect(page.get_by_role("heading", name="Thông báo lịch tiếp công dân tháng 6")).to_be_visible()
    expect(page.get_by_text("Địa điểm: trụ sở UBND xã.")).to_be_visible()
    image = page.get_by_role("img", name="Trụ sở UBND xã")
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    assert image.evaluate("img => img.naturalWidth") > 0
    assert image.get_attribute("loading") == "lazy"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "citizen")
    assert phone.console.errors == [] and phone.console.csp == []
