"""The journey in a real browser: the one-stop centre's director imports last month's dossiers
from the file the provincial system exports (one row of it unreadable) on a desktop, records the
apology slip of a late dossier, and the chairman reads the register on his phone. Screenshots go
to var/screenshots/."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from danvan.conftest import World
from danvan.demo.onestop_story import month_file, month_rows
from danvan.onestop.models import Dossier, DossierQuerySet
from danvan.onestop.tests.conftest import Centre
from danvan.testing.browser import Session

pytestmark = pytest.mark.browser


def test_the_centre_imports_a_month_and_the_chairman_reads_it_on_a_phone(
    live_world: World,
    centre: Centre,
    desktop: Session,
    phone: Session,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    world, today = live_world, timezone.localdate()
    rows = month_rows(today)
    book = load_workbook(io.BytesIO(month_file(today)))
    sheet = book.active
    assert sheet is not None
    sheet.append([len(rows) + 1, "H20.61-LOI", "Đăng ký khai sinh", "32/13/2026", "", "", "", ""])
    upload = tmp_path / "ho-so-thang.xlsx"
    book.save(upload)

    page = desktop.page
    desktop.login(centre.officer)
    desktop.menu("Một cửa")
    expect(page.get_by_text("Chưa có hồ sơ nào")).to_be_visible()
    page.get_by_role("link", name="Nhập danh sách hồ sơ").first.click()
    page.get_by_label("Tệp danh sách hồ sơ (.xlsx hoặc .csv UTF-8)").set_input_files(str(upload))
    with page.expect_navigation():
        page.get_by_role("button", name="Nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Kết quả nhập"))).to_be_visible()
    # The unreadable row is listed by its number (the title, a blank line and the header first).
    expect(page.get_by_text(f"Dòng {len(rows) + 4}")).to_be_visible()
    assert Dossier.objects.filter(commune=world.commune).count() == len(rows)
    desktop.screenshot(request, "ket-qua-nhap")

    late = (
        Dossier.objects.filter(commune=world.commune)
        .filter(DossierQuerySet.missing_slip_q(today))
        .order_by("due_on")
        .first()
    )
    assert late is not None
    page.goto(desktop.url(f"/can-bo/mot-cua/ho-so/{late.pk}/"))
    page.get_by_label("Lý do chậm trả kết quả").fill("Cần xác minh thêm tại thôn.")
    page.get_by_label("Ngày gửi phiếu xin lỗi").fill((late.due_on - timedelta(days=1)).isoformat())
    page.get_by_label("Ngày hẹn trả mới").fill((late.due_on + timedelta(days=7)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Ghi phiếu")).click()
    late.refresh_from_db()
    assert late.apology_sent_on == late.due_on - timedelta(days=1)

    phone.login(world.chairman)
    phone.page.goto(phone.url("/can-bo/mot-cua/"))
    missing = Dossier.objects.filter(DossierQuerySet.missing_slip_q(today)).count()
    expect(phone.page.get_by_text(f"Quá hạn chưa có phiếu xin lỗi: {missing}")).to_be_visible()
    phone.screenshot(request, "so-mot-cua")
