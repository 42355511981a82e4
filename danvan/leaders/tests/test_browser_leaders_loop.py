"""Issue 12's journeys on the demo (`danvan load-demo`), as its four people live them: the
chairman on his desk computer (the overview's late work and whose it is, a directive on an
overdue duty, his signature on a petition's answer and its letter, a progress report accepted),
the officer of the plan's lead unit on her phone ("Việc của tôi" with his late chase, her answer,
a progress report with a percent), the petition desk (a portal petition's notice, the case given
to a handler of the unit) and the village head on his phone (the meeting called in his village).
Each persona's pages are also shot at the other width. Fixtures: danvan/testing/browser.py.
"""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from danvan.core.models import Notification, Unit, User
from danvan.decisions.models import Meeting
from danvan.demo.leaders_story import CHASE_TEXT, MEETING_TITLE, PROPOSED_SUBJECT
from danvan.demo.units import DEMO_PASSWORD
from danvan.leaders.models import Directive
from danvan.petitions import services as petitions
from danvan.petitions.models import Petition, PetitionKind
from danvan.plans.models import ProgressReport, Task
from danvan.testing.browser import DESKTOP, PHONE, Session

pytestmark = pytest.mark.browser

DIRECTIVE = "Đề nghị Phòng Văn hóa - Xã hội hoàn thành nhiệm vụ, báo cáo tiến độ có số liệu."
ANSWER = "Phòng đã họp triển khai, sẽ gửi báo cáo quý III kèm số liệu trong tuần này."
REPORT = "Đã tổ chức 3 buổi tuyên truyền tại 3 thôn, 240 lượt người tham dự."
PORTAL_SUBJECT = "Đèn đường thôn Tân Tiến hỏng nhiều tuần"


@pytest.fixture
def demo(site: str) -> str:
    """The demo, loaded on the live server's database as `danvan load-demo` loads it."""
    call_command("load-demo", stdout=StringIO())
    return site


def _login(s: Session, username: str) -> None:
    """Sign in through the real form with the demo's password."""
    s.context.clear_cookies()
    page = s.page
    page.goto(s.url("/dang-nhap/"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()
    assert "/dang-nhap/" not in page.url, "login failed"


def _step(page: Page, title: str) -> None:
    """Open one step's panel (a <details>) on a petition's page."""
    panel = page.locator("details", has=page.locator("summary", has_text=title))
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()


def _fits(s: Session) -> None:
    """Nothing wider than the screen (charts redraw to a new width a moment after a resize)."""
    width = (s.page.viewport_size or DESKTOP)["width"]
    # A function, not a bare expression: Playwright would eval the latter, which the CSP refuses.
    s.page.wait_for_function(
        "(w) => document.documentElement.scrollWidth <= w", arg=width, timeout=3000
    )


def _both_widths(s: Session, request: pytest.FixtureRequest, step: str) -> None:
    """Shoot the page at this session's width, then at the other one, and come back."""
    mine: ViewportSize = {**(PHONE if s.device == "phone" else DESKTOP)}  # type: ignore[typeddict-item]
    other: ViewportSize = {**(DESKTOP if s.device == "phone" else PHONE)}  # type: ignore[typeddict-item]
    _fits(s)
    s.screenshot(request, step)
    s.page.set_viewport_size(other)
    _fits(s)
    device, s.device = s.device, "desktop" if s.device == "phone" else "phone"
    s.screenshot(request, step)
    s.device = device
    s.page.set_viewport_size(mine)


def _menu(s: Session, name: str) -> None:
    """Follow a main menu link whose name starts with `name` (a badge may follow it)."""
    toggler = s.page.get_by_role("button", name="Menu")
    if toggler.is_visible():
        toggler.click()
    nav = s.page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("link", name=re.compile(rf"^{re.escape(name)}\b")).first.click()


def _clean(*sessions: Session) -> None:
    for s in sessions:
        assert not s.console.errors, s.console.errors
        assert not s.console.csp, s.console.csp


def test_the_chairman_runs_the_commune_from_the_overview(
    demo: str, desktop: Session, request: pytest.FixtureRequest
) -> None:
    today = timezone.localdate()
    page = desktop.page
    _login(desktop, "chutich")
    page.wait_for_url(re.compile(r"/can-bo/dieu-hanh/tong-quan/$"))  # a leader lands here
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tổng quan điều hành")
    # What is late and whose: his own late chase, on Phòng VH-XH, and the plan's late duties.
    chases = page.get_by_role("region", name="Chỉ đạo, đôn đốc")
    expect(chases.locator(".dv-ov-late-box dd")).to_have_text("1")
    expect(chases.locator(".dv-ov-latelist")).to_contain_text("Văn hóa - Xã hội")
    duties = page.get_by_role("region", name="Kế hoạch, nhiệm vụ")
    expect(duties.locator(".dv-ov-latelist li").first).to_contain_text("· hạn")
    _both_widths(desktop, request, "1-tong-quan")

    # A directive on an overdue duty of Phòng VH-XH, from the duty's page.
    chase = Directive.objects.get(text=CHASE_TEXT)
    task = Task.objects.get(pk=chase.target_id)
    page.goto(desktop.url(task.get_absolute_url()))
    expect(page.locator(".dv-facts")).to_contain_text("Quá hạn")
    block = page.get_by_role("region", name="Chỉ đạo, đôn đốc")
    expect(block).to_contain_text(CHASE_TEXT)  # the earlier chase, shown on the item
    block.get_by_text("Chỉ đạo / đôn đốc").click()
    block.get_by_label("Gửi đơn vị").select_option(label="Phòng Văn hóa - Xã hội")
    block.get_by_label("Nội dung chỉ đạo, đôn đốc").fill(DIRECTIVE)
    block.get_by_label("Hạn trả lời").fill((today + timedelta(days=5)).isoformat())
    with page.expect_navigation():
        block.get_by_role("button", name="Gửi").click()
    expect(page.get_by_role("status")).to_contain_text("Phòng Văn hóa - Xã hội")
    assert Directive.objects.filter(text=DIRECTIVE, to_unit__name="Phòng Văn hóa - Xã hội").exists()
    _both_widths(desktop, request, "2-chi-dao")

    # The petition waiting for his signature, from "Việc của tôi"; he signs, the letter is his.
    desktop.menu("Việc của tôi")
    page.get_by_role("link", name=re.compile(re.escape(PROPOSED_SUBJECT))).click()
    page.wait_for_url(re.compile(r"/can-bo/don-thu/\d+/$"))
    expect(page.get_by_text("Dự thảo kết quả chờ lãnh đạo ký duyệt")).to_be_visible()
    _step(page, "Ký duyệt kết quả giải quyết")
    with page.expect_navigation():
        page.get_by_role("button", name="Ký duyệt", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Đã ký duyệt kết quả giải quyết.")
    p = Petition.objects.get(subject=PROPOSED_SUBJECT)
    assert (p.status, p.signed_off_by_id) == ("resolved", User.objects.get(username="chutich").pk)
    with page.expect_download() as letter:
        page.get_by_role("link", name="Văn bản trả lời người gửi (.docx)").click()
    assert letter.value.suggested_filename == f"tra-loi-don-{p.number}-{p.year}.docx"
    _both_widths(desktop, request, "3-da-ky")

    # A progress report waiting for him: accepted from the review list.
    page.goto(desktop.url("/can-bo/nhiem-vu/cho-duyet/"))
    page.locator("main a[href^='/can-bo/nhiem-vu/']").first.click()
    page.wait_for_url(re.compile(r"/can-bo/nhiem-vu/\d+/"))
    task_id = int(re.findall(r"/nhiem-vu/(\d+)/", page.url)[0])
    pending = ProgressReport.objects.pending().filter(task_id=task_id).order_by("pk")
    report = pending.first()
    assert report is not None
    card = page.locator(f"#bao-cao-{report.pk}")
    expect(card).to_contain_text("Chờ duyệt")
    with page.expect_navigation():
        card.get_by_role("button", name="Chấp nhận").click()
    expect(page.get_by_role("status")).to_contain_text("tiến độ nhiệm vụ đã được cập nhật")
    report.refresh_from_db()
    assert (report.review, report.reviewed_by.username) == ("accepted", "chutich")  # type: ignore[union-attr]
    _both_widths(desktop, request, "4-duyet-bao-cao")
    _clean(desktop)


def test_the_officer_of_the_lead_unit_answers_and_reports_on_her_phone(
    demo: str, phone: Session, request: pytest.FixtureRequest
) -> None:
    page = phone.page
    _login(phone, "vhxh")
    page.wait_for_url(re.compile(r"/can-bo/dieu-hanh/viec-cua-toi/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Việc của tôi")
    chase = Directive.objects.get(text=CHASE_TEXT)
    late = page.get_by_role("region", name=re.compile("^Quá hạn"))
    expect(late.locator(f"a[href='{chase.get_absolute_url()}']")).to_be_visible()
    _both_widths(phone, request, "1-viec-cua-toi")

    late.locator(f"a[href='{chase.get_absolute_url()}']").click()
    page.wait_for_url(re.compile(rf"/can-bo/dieu-hanh/chi-dao/{chase.pk}/$"))
    expect(page.locator(".dv-facts")).to_contain_text("Quá hạn trả lời")
    page.get_by_label("Nội dung trả lời").fill(ANSWER)
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi trả lời")
    chase.refresh_from_db()
    assert (chase.status, chase.answer) == (Directive.Status.ANSWERED, ANSWER)
    _both_widths(phone, request, "2-tra-loi")

    # The duty it was about: her report with a percent waits for the leader's review.
    task = Task.objects.get(pk=chase.target_id)
    page.goto(phone.url(task.get_absolute_url()))
    page.get_by_label("Kết quả thực hiện").fill(REPORT)
    page.get_by_label("Tiến độ (%)").fill("45")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_role("status")).to_be_visible()
    report = ProgressReport.objects.get(task=task, text=REPORT)
    assert (report.percent, report.review) == (45, ProgressReport.Review.PENDING)
    expect(page.locator(f"#bao-cao-{report.pk}")).to_contain_text("Chờ duyệt")
    expect(page.locator(".dv-facts")).to_contain_text("Quá hạn")  # nothing cleared until accepted
    _both_widths(phone, request, "3-bao-cao")
    _clean(phone)


def test_the_petition_desk_is_told_of_a_portal_petition_and_assigns_it(
    demo: str, desktop: Session, request: pytest.FixtureRequest
) -> None:
    commune = Unit.objects.get(code="06079", kind=Unit.Kind.COMMUNE)
    p = petitions.petition_receive(  # as the portal files it (danvan/portal/petitions.py)
        commune=commune,
        by=None,
        channel=Petition.Channel.PORTAL,
        kind=PetitionKind.REFLECTION,
        topic=Petition.Topic.CONSTRUCTION,
        subject=PORTAL_SUBJECT,
        content="Ba cột đèn ở đầu thôn không sáng, buổi tối đi lại nguy hiểm.",
        village=Unit.objects.get(name="Thôn Tân Tiến"),
        received_on=timezone.localdate(),
        identity={"name": "Vi Văn Khánh", "phone": "0912345678"},
    )
    desk = User.objects.get(username="vanphong")
    assert Notification.objects.filter(user=desk, url=p.get_absolute_url()).exists()

    page = desktop.page
    _login(desktop, "vanphong")
    _menu(desktop, "Thông báo")
    page.get_by_role("link", name=re.compile(re.escape(PORTAL_SUBJECT))).first.click()
    page.wait_for_url(re.compile(rf"/can-bo/don-thu/{p.pk}/$"))
    _step(page, "Giao xử lý")
    page.get_by_label("Người xử lý").select_option(
        label="Hoàng Thị Dung – Trưởng phòng Văn hóa - Xã hội"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Giao", exact=True).click()
    expect(page.get_by_role("status")).to_be_visible()
    p.refresh_from_db()
    assert (p.handler.username, p.handling_unit.name) == (  # type: ignore[union-attr]
        "vhxh",
        "Phòng Văn hóa - Xã hội",
    )
    assert Notification.objects.filter(user__username="vhxh", url=p.get_absolute_url()).exists()
    _both_widths(desktop, request, "giao-don")
    _clean(desktop)


def test_the_village_head_finds_the_meeting_in_his_village_on_his_phone(
    demo: str, phone: Session, request: pytest.FixtureRequest
) -> None:
    meeting = Meeting.objects.get(decision__title=MEETING_TITLE)
    page = phone.page
    _login(phone, "truongthon")
    page.wait_for_url(re.compile(r"/can-bo/dieu-hanh/viec-cua-toi/$"))
    link = page.get_by_role("link", name=re.compile(re.escape(MEETING_TITLE)))
    expect(link).to_be_visible()
    _both_widths(phone, request, "1-viec-cua-toi")
    link.click()
    page.wait_for_url(re.compile(rf"/can-bo/dan-quyet-dinh/{meeting.decision_id}/"))
    expect(page.locator("main")).to_contain_text("Nhà văn hóa thôn Đoàn Kết")
    expect(page.locator("main")).to_contain_text(f"{meeting.held_on:%d/%m/%Y}")
    _both_widths(phone, request, "2-cuoc-hop")
    _menu(phone, "Thông báo")
    expect(page.locator("main")).to_contain_text(MEETING_TITLE)
    _clean(phone)
