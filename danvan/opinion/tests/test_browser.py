"""The journeys in a real browser: on a phone, the village head notes what his village says (and
is refused a day in the future without losing what he typed); on a desktop, the chairman reads
the month's summary, opens the urgent note and marks it handled. Screenshots go to
var/screenshots/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.opinion import services
from danvan.opinion.models import OpinionNote, OpinionTopic, SourceKind
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_a_village_head_notes_what_people_say_on_a_phone(
    live_world: World, phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    page = phone.page
    phone.login(w.village_head)
    page.goto(phone.url("/can-bo/du-luan/"))
    expect(page.get_by_text("Chưa có tin dư luận nào.")).to_be_visible()
    page.get_by_role("link", name="Ghi tin dư luận").click()
    page.get_by_label("Ngày nắm bắt").fill(f"{timezone.localdate() + timedelta(days=3):%Y-%m-%d}")
    page.get_by_label("Lĩnh vực").select_option(label="Môi trường")
    page.get_by_label("Nguồn nắm bắt").select_option(label="Họp dân, hội nghị")
    page.get_by_label("Nội dung dư luận (người dân nói gì)").fill(
        "Bà con bức xúc vì mùi hôi từ trại lợn đầu thôn."
    )
    page.get_by_label("Mức độ").select_option(label="Khẩn cấp")
    page.get_by_label("Xu hướng").select_option(label="Tăng")
    page.get_by_role("button", name="Ghi tin").click()
    expect(page.get_by_text("Ngày không được sau hôm nay.")).to_be_visible()
    expect(page.get_by_label("Nội dung dư luận (người dân nói gì)")).to_have_value(
        "Bà con bức xúc vì mùi hôi từ trại lợn đầu thôn."
    )
    page.get_by_label("Ngày nắm bắt").fill(f"{timezone.localdate():%Y-%m-%d}")
    page.get_by_role("button", name="Ghi tin").click()
    expect(page.get_by_text("Đã ghi tin dư luận.")).to_be_visible()
    expect(page.locator(".dv-facts").get_by_text("Hạn xử lý")).to_be_visible()
    note = OpinionNote.objects.get()
    assert (note.village, note.reporting_unit, note.urgency) == (w.village, w.village, "urgent")
    page.goto(phone.url("/can-bo/du-luan/"))
    expect(page.get_by_text("⚠ Khẩn cấp")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "village-head")
    # The refused form answered 400, as every refused step does; nothing else complained.
    assert [e for e in phone.console.errors if "status of 400" not in e] == []
    assert phone.console.csp == []


def test_a_leader_reads_the_months_summary_on_a_desktop(
    live_world: World, desktop: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    today = timezone.localdate()
    common = {
        "commune": w.commune,
        "noted_on": today,
        "source_kind": SourceKind.objects.get(code="thon"),
    }
    services.note_create(
        by=w.village_head,
        topic=OpinionTopic.objects.get(code="moi-truong"),
        reporting_unit=w.village,
        content="Bà con bức xúc vì mùi hôi từ trại lợn đầu thôn.",
        urgency=OpinionNote.Urgency.URGENT,
        trend=OpinionNote.Trend.RISING,
        **common,
    )
    services.note_create(
        by=w.front,
        topic=OpinionTopic.objects.get(code="an-sinh"),
        reporting_unit=w.front_unit,
        content="Người dân phấn khởi vì trợ cấp được chi đúng hạn.",
        trend=OpinionNote.Trend.STEADY,
        **common,
    )
    page = desktop.page
    desktop.login(w.chairman)
    page.goto(desktop.url("/can-bo/du-luan/"))
    page.get_by_role("link", name="Tổng hợp tháng").click()
    expect(
        page.get_by_role("heading", name=f"Tình hình dư luận xã hội tháng {today:%m/%Y}")
    ).to_be_visible()
    expect(page.get_by_text("Trong tháng có 2 tin dư luận")).to_be_visible()
    expect(page.get_by_role("link", name="Báo cáo gửi Chủ tịch (.docx)")).to_be_visible()
    desktop.screenshot(request, "leader-month")
    page.get_by_role("link", name="Môi trường").click()
    page.get_by_label("Kết quả xử lý").fill(
        "Đã kiểm tra trại lợn, yêu cầu chủ trại xử lý nước thải."
    )
    page.get_by_role("button", name="Đánh dấu đã xử lý").click()
    expect(page.get_by_text("Đã ghi kết quả xử lý.")).to_be_visible()
    assert OpinionNote.objects.filter(status="handled").count() == 1
    assert desktop.console.errors == [] and desktop.console.csp == []
