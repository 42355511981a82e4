"""The movement's journeys in a real browser, each on a phone and on a desktop: a village head
registers a model; the culture office scores it; the chairman recognises and awards it; a
citizen browses the gallery. Screenshots go to var/screenshots/."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from danvan.commendations.models import AwardForm
from danvan.conftest import World
from danvan.movement import services
from danvan.movement.models import Practice, Status
from danvan.movement.tests.conftest import REGISTRATION, photo, register, score_all
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser

DEVICES = ["phone", "desktop"]


def _session(request: pytest.FixtureRequest, device: str) -> Session:
    return request.getfixturevalue(device)  # type: ignore[no-any-return]


def _fits(s: Session) -> None:
    if s.device == "phone":
        width = s.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the page scrolls sideways on a phone"
    # A refused form answers 400 on purpose; anything else the page complains of is a fault.
    assert [e for e in s.console.errors if "status of 400" not in e] == []
    assert s.console.csp == []


@pytest.mark.parametrize("device", DEVICES)
def test_a_village_head_registers_a_model(
    live_world: World, request: pytest.FixtureRequest, device: str
) -> None:
    w = live_world
    s = _session(request, device)
    page = s.page
    s.login(w.village_head)
    page.goto(s.url("/can-bo/dan-van-kheo/"))
    page.get_by_role("link", name="Đăng ký mô hình, điển hình").click()
    page.get_by_label("Loại").select_option(label="Mô hình")
    page.get_by_label("Tên mô hình, điển hình").fill("Đoàn Kết chung tay làm đường")
    page.get_by_label("Lĩnh vực").select_option(label="Kinh tế")
    labels = dict((name, label) for name, label in services.REGISTRATION)
    for name, text in REGISTRATION.items():
        if name != "outputs":  # left out: refused, then filled in
            page.get_by_label(labels[name]).fill(text)
    page.get_by_role("button", name="Lưu đăng ký").click()
    expect(page.get_by_text("Chưa lưu được", exact=False).first).to_be_visible()
    expect(page.get_by_label(labels["content"])).to_have_value(REGISTRATION["content"])
    page.get_by_label(labels["outputs"]).fill(REGISTRATION["outputs"])
    page.get_by_role("button", name="Lưu đăng ký").click()
    expect(page.get_by_text("Đã đăng ký Mô hình")).to_be_visible()
    p = Practice.objects.get()
    assert (p.registrant, p.village, p.status) == (w.village, w.village, Status.REGISTERED)

    page.get_by_label("Nội dung theo dõi, kết quả đạt được").fill("Đã họp dân, 118/120 hộ đồng ý.")
    page.get_by_label("Ảnh, tài liệu minh chứng").set_input_files(
        [{"name": "hop-dan.jpg", "mimeType": "image/jpeg", "buffer": photo().read()}]
    )
    page.get_by_role("button", name="Lưu theo dõi").click()
    expect(page.get_by_text("Đã ghi kết quả theo dõi")).to_be_visible()
    expect(page.get_by_alt_text("Ảnh minh chứng", exact=False)).to_be_visible()
    _fits(s)
    s.screenshot(request, "village-head-registers")


@pytest.mark.parametrize("device", DEVICES)
def test_the_culture_office_scores_a_model(
    live_world: World, request: pytest.FixtureRequest, device: str
) -> None:
    w = live_world
    p = register(w, w.village_head)
    s = _session(request, device)
    page = s.page
    s.login(w.officer_a)
    page.goto(s.url(p.get_absolute_url()))
    criteria = services.criteria_for(p.kind)
    for c in criteria:
        page.get_by_label(f"{c.name} (tối đa {c.max_points} điểm)").fill(str(c.max_points - 2))
    page.get_by_label(f"{criteria[0].name} (tối đa {criteria[0].max_points} điểm)").fill("99")
    page.get_by_label("Nhận xét").fill("Cách làm hay, dân đồng thuận cao.")
    page.get_by_role("button", name="Lưu phiếu chấm").click()
    expect(page.get_by_text(f"Tối đa {criteria[0].max_points} điểm.")).to_be_visible()
    expect(page.get_by_label("Nhận xét")).to_have_value("Cách làm hay, dân đồng thuận cao.")
    page.get_by_label(f"{criteria[0].name} (tối đa {criteria[0].max_points} điểm)").fill("18")
    page.get_by_role("button", name="Lưu phiếu chấm").click()
    expect(page.get_by_text("Đã lưu phiếu chấm điểm")).to_be_visible()
    p.refresh_from_db()
    assert (p.status, p.reviews_count, p.score) == (Status.REVIEWED, 1, 90)
    _fits(s)
    s.screenshot(request, "culture-office-scores")


@pytest.mark.parametrize("device", DEVICES)
def test_the_chairman_recognises_and_awards_a_model(
    live_world: World, request: pytest.FixtureRequest, device: str
) -> None:
    w = live_world
    p = register(w, w.village_head)
    score_all(p, w.officer_a)
    s = _session(request, device)
    page = s.page
    s.login(w.chairman)
    page.goto(s.url(p.get_absolute_url()))
    page.get_by_label("Kết quả xét").select_option(label="Công nhận cấp xã")
    page.get_by_role("button", name="Lưu kết quả xét").click()
    expect(page.get_by_text("Công nhận: ghi số quyết định công nhận.")).to_be_visible()
    page.get_by_label("Số quyết định công nhận").fill("45/QĐ-UBND")
    page.get_by_role("button", name="Lưu kết quả xét").click()
    expect(page.get_by_text("Đã ghi kết quả xét công nhận")).to_be_visible()

    page.get_by_label("Hình thức khen thưởng").select_option(
        label=AwardForm.objects.get(code="giay-khen").name
    )
    page.get_by_label("Số quyết định khen thưởng").fill("60/QĐ-UBND")
    page.get_by_role("button", name="Ghi khen thưởng").click()
    expect(page.get_by_text("Đã ghi khen thưởng")).to_be_visible()
    expect(page.get_by_role("link", name="Giấy khen (PDF, để in)")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Quyết định (.docx)").click()
    assert download.value.suggested_filename.endswith(".docx")
    p.refresh_from_db()
    assert p.status == Status.RECOGNISED and p.public and p.award is not None
    _fits(s)
    s.screenshot(request, "chairman-awards")


@pytest.mark.parametrize("device", DEVICES)
def test_a_citizen_browses_the_gallery(
    live_world: World, request: pytest.FixtureRequest, device: str
) -> None:
    w = live_world
    p = register(w, w.village_head, name="Tổ tự quản đường làng Đoàn Kết")
    services.follow_up_add(
        practice=p, by=w.village_head, on=date(2026, 5, 1), note="Xong 1 km.", evidence=[photo()]
    )
    score_all(p, w.officer_a)
    services.practice_decide(
        practice=p,
        by=w.chairman,
        recognised=True,
        decided_on=date(2026, 6, 10),
        decision_number="45/QĐ-UBND",
    )
    hidden = register(w, w.village_head, name="Mô hình chưa xét")
    s = _session(request, device)
    page = s.page
    page.goto(s.url("/dan-van-kheo/"))
    page.get_by_label("Xã, phường", exact=True).select_option(str(w.commune.pk))
    page.get_by_role("button", name="Xem").click()
    page.get_by_label("Lĩnh vực").select_option(label="Kinh tế")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_text(hidden.name)).to_have_count(0)
    cover = page.get_by_alt_text(f"Ảnh {p.name}")
    expect(cover).to_have_attribute("loading", "lazy")
    page.get_by_role("link", name=p.name).click()
    expect(page.get_by_role("heading", name=p.name)).to_be_visible()
    expect(page.get_by_text("Quyết định số 45/QĐ-UBND", exact=False)).to_be_visible()
    image = page.get_by_alt_text(f"Ảnh 1 của {p.name}")
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", image.element_handle()) > 0
    _fits(s)
    s.screenshot(request, "citizen-gallery")
