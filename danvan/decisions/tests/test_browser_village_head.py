"""The village head's journey on a phone: enter the paper tally of his village, see the decision
follow the threshold of Luật THDCCS 2022 Điều 21, correct it, and see it pass."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.decisions.models import CommunityDecision
from danvan.decisions.tests.conftest import PNG, Villages
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_village_head_enters_a_tally_and_the_decision_follows_the_threshold(
    live_world: World, villages: Villages, phone: Session, request: pytest.FixtureRequest
) -> None:
    d = villages.decision(1)  # contributions: at least 2/3 of the village's 50 households
    villages.meeting(d, held_on=date(2026, 5, 8))
    page = phone.page
    phone.login(live_world.village_head)
    page.goto(phone.url(f"/can-bo/dan-quyet-dinh/{d.pk}/"))
    expect(page.get_by_role("heading", name="Làm đường bê tông liên thôn")).to_be_visible()
    page.get_by_role("link", name="Nhập kết quả Thôn Đoàn Kết").click()
    page.wait_for_url(re.compile(r"/cuoc-hop/\d+/ket-qua/$"))
    expect(page.get_by_text("50 hộ", exact=False).first).to_be_visible()

    page.get_by_label("Số hộ có đại diện tham gia").fill("45")
    page.get_by_label("Số hộ tán thành").fill("33")
    page.get_by_label("Số hộ không tán thành").fill("20")
    page.get_by_label("Số phiếu không hợp lệ, để trống").fill("0")
    page.get_by_label("Ảnh biên bản có chữ ký").set_input_files(
        files=[{"name": "bien-ban.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_role("button", name="Lưu kết quả").click()
    # 33 + 20 > 45: refused, what was typed is kept.
    expect(page.get_by_text("lớn hơn số hộ tham gia (45)")).to_be_visible()
    expect(page.get_by_label("Số hộ tán thành")).to_have_value("33")

    page.get_by_label("Số hộ không tán thành").fill("12")
    page.get_by_label("Ảnh biên bản có chữ ký").set_input_files(
        files=[{"name": "bien-ban.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_role("button", name="Lưu kết quả").click()
    page.wait_for_url(re.compile(rf"/can-bo/dan-quyet-dinh/{d.pk}/$"))
    expect(page.get_by_text("33/50 hộ đồng ý = 66% < 2/3 → không thông qua").first).to_be_visible()
    d.refresh_from_db()
    assert d.outcome == CommunityDecision.Outcome.REJECTED
    phone.screenshot(request, "khong-thong-qua")

    page.get_by_role("link", name="Sửa kết quả Thôn Đoàn Kết").click()
    page.get_by_label("Số hộ tán thành").fill("34")
    page.get_by_label("Số hộ không tán thành").fill("11")
    page.get_by_role("button", name="Lưu kết quả đã sửa").click()
    page.wait_for_url(re.compile(rf"/can-bo/dan-quyet-dinh/{d.pk}/$"))
    expect(page.get_by_text("34/50 hộ đồng ý = 68% ≥ 2/3 → thông qua").first).to_be_visible()
    d.refresh_from_db()
    assert d.outcome == CommunityDecision.Outcome.PASSED
    assert d.send_due == date(2026, 5, 15)
    phone.screenshot(request, "thong-qua")

    # Another village's tally is not his to enter.
    other = villages.decision(1, scope="commune", title="Đường trục xã")
    meeting = villages.meeting(other, villages.hoa_binh)
    response = page.goto(phone.url(f"/can-bo/dan-quyet-dinh/cuoc-hop/{meeting.pk}/ket-qua/"))
    assert response is not None and response.status == 403
    # The refused form (400) and the other village (403) are the only errors the page reports.
    unexpected = [
        e for e in phone.console.errors if "status of 400" not in e and "status of 403" not in e
    ]
    assert unexpected == [] and phone.console.csp == []
