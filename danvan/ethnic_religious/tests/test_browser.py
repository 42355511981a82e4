"""The journeys in a real browser: on a desktop the office records a contact with a respected
person; on a phone a reader finds a person in the list. Screenshots go to var/screenshots/."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.ethnic_religious import services
from danvan.ethnic_religious.models import Contact, EthnicGroup, KeyPerson, Standing
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def _people(w: World) -> KeyPerson:
    make = {
        "commune": w.commune,
        "by": w.officer_b,
        "village": w.village,
        "standing": Standing.objects.get(code="gia-lang"),
        "recognised_year": timezone.localdate().year - 1,
    }
    services.person_create(
        full_name="Lương Văn Kín",
        ethnic_group=EthnicGroup.objects.get(code="07"),
        internal=True,
        **make,
    )
    return services.person_create(
        full_name="Hoàng Văn Pá", ethnic_group=EthnicGroup.objects.get(code="02"), **make
    )


def test_it_lets_the_office_record_a_contact_on_a_desktop(
    live_world: World, desktop: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    _people(w)
    page = desktop.page
    desktop.login(w.officer_b)
    page.goto(desktop.url("/can-bo/dan-toc-ton-giao/"))
    page.get_by_role("link", name="Hoàng Văn Pá").click()
    expect(page.get_by_text("Chưa ghi lần tiếp xúc nào.")).to_be_visible()
    page.get_by_label("Hình thức").select_option(label="Thăm, tặng quà dịp Tết")
    page.get_by_label("Ý kiến, kiến nghị của người có uy tín").fill("Đề nghị sửa đường vào thôn.")
    page.get_by_role("button", name="Lưu lần tiếp xúc").click()
    expect(page.get_by_text("Chưa lưu được")).to_be_visible()  # no content: refused, kept
    expect(page.get_by_label("Ý kiến, kiến nghị của người có uy tín")).to_have_value(
        "Đề nghị sửa đường vào thôn."
    )
    page.locator("#id_tx-content").fill("Thăm hỏi, tặng quà Tết.")
    page.get_by_role("button", name="Lưu lần tiếp xúc").click()
    expect(page.get_by_text("Đã ghi lần tiếp xúc.")).to_be_visible()
    expect(page.get_by_role("cell", name="Thăm, tặng quà dịp Tết")).to_be_visible()
    contact = Contact.objects.get()
    assert (contact.made_by, contact.raised) == (w.officer_b, "Đề nghị sửa đường vào thôn.")
    desktop.screenshot(request, "office-contact")
    # The refused submission answered 400 on purpose; nothing else went wrong.
    assert [e for e in desktop.console.errors if "status of 400" not in e] == []
    assert desktop.console.csp == []


def test_it_lets_a_reader_search_the_list_on_a_phone(
    live_world: World, phone: Session, request: pytest.FixtureRequest
) -> None:
    w = live_world
    _people(w)
    page = phone.page
    phone.login(w.readonly_a)
    page.goto(phone.url("/can-bo/dan-toc-ton-giao/"))
    expect(page.get_by_text("1 người")).to_be_visible()
    expect(page.get_by_text("Lương Văn Kín")).to_have_count(0)  # internal: not listed
    page.get_by_label("Tìm kiếm").fill("hoang van pa")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_role("link", name="Hoàng Văn Pá")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(request, "reader-list")
    assert phone.console.errors == [] and phone.console.csp == []
