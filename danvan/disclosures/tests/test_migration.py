"""Migration 0004: the disclosures registered under the older list of contents moved to the
items of Luật THDCCS 2022 Điều 11; what has no item is marked for an officer to choose."""

from __future__ import annotations

import io
from datetime import date
from importlib import import_module
from types import ModuleType

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.core.models import AuditEntry, DeadlineRule, Notification
from danvan.disclosures.models import Category, Disclosure
from danvan.disclosures.rules import CATEGORY, review
from danvan.disclosures.tests.helpers import disclosure

pytestmark = pytest.mark.django_db


def _migration(name: str) -> ModuleType:
    return import_module(f"danvan.disclosures.migrations.{name}")


def _old_register(world: World) -> dict[int, Disclosure]:
    """Back to the list migration 0002 shipped, one disclosure filed under each old item."""
    _migration("0002_law_as_data").load(apps, None)
    assert Category.objects.get(number=4).short_name == "Thủ tục hành chính"
    return {
        n: disclosure(world, number=n, decided_on=date(2026, 3, 2), title=f"Mục cũ {n}")
        for n in range(1, 15)
    }


def test_it_moves_each_old_item_to_the_laws_item_article_11(world: World) -> None:
    """Old 4 (procedures) → 13, 5 (consultation results) → 11, 7 (funds) → 5, 8 (loans) and 11
    (social security) → 7, 9 (inspections) → 10, 10 (fees) → 12, 13 (duties) → 4; 1–3 and 14
    stay; old 6 (administrative boundaries) and 12 (land, resettlement) have no item of Điều 11:
    filed under 14 and marked, the old words kept."""
    old = _old_register(world)
    DeadlineRule.objects.filter(procedure="cong-khai").update(kind="deadline")
    _migration("0004_law_as_written").forward(apps, None)
    moved = {n: Disclosure.objects.select_related("category").get(pk=d.pk) for n, d in old.items()}
    assert {n: d.category.number for n, d in moved.items()} == {
        1: 1,
        2: 2,
        3: 3,
        4: 13,
        5: 11,
        6: 14,
        7: 5,
        8: 7,
        9: 10,
        10: 12,
        11: 7,
        12: 14,
        13: 4,
        14: 14,
    }
    assert {n for n, d in moved.items() if d.category_to_confirm} == {6, 12}
    assert moved[6].category_before == "6. Đơn vị hành chính, địa giới"
    assert moved[12].category_before == "12. Đất đai, nhà ở tái định cư, hỗ trợ"
    assert Category.objects.get(number=4).name.startswith("Quy chế thực hiện dân chủ")
    kinds = dict(DeadlineRule.objects.filter(procedure="cong-khai").values_list("step", "kind"))
    assert kinds["niem-yet"] == kinds["truyen-thanh"] == "minimum"
    entry = AuditEntry.objects.get(action="disclosures.category_migrated", object_id=old[4].pk)
    assert entry.changes["category"] == [
        "4. Thủ tục hành chính",
        "13. Thủ tục hành chính của xã",
    ]
    assert not AuditEntry.objects.filter(
        action="disclosures.category_migrated", object_id=old[1].pk
    ).exists()  # nothing moved


def test_it_goes_back_to_the_old_list_when_unapplied(world: World) -> None:
    old = _old_register(world)
    _migration("0004_law_as_written").forward(apps, None)
    _migration("0004_law_as_written").backward(apps, None)
    back = {n: Disclosure.objects.get(pk=d.pk).category.number for n, d in old.items()}
    assert back[4] == 4 and back[13] == 13 and back[6] == 6 and back[12] == 12
    assert back[7] == 7 and back[9] == 9
    _migration("0004_law_as_written").forward(apps, None)  # and forward again
    assert Category.objects.get(number=13).short_name == "Thủ tục hành chính của xã"


@time_machine.travel(date(2026, 3, 4), tick=False)
def test_it_warns_until_an_officer_chooses_the_item_article_11(world: World) -> None:
    """The mark is visible on the register, the record, the reminders and the edit page, and
    goes when the officer chooses an item of Điều 11."""
    d = disclosure(world, number=14, decided_on=date(2026, 3, 2), title="Điều chỉnh địa giới")
    Disclosure.objects.filter(pk=d.pk).update(
        category_to_confirm=True, category_before="6. Đơn vị hành chính, địa giới"
    )
    d.refresh_from_db()
    assert [w.kind for w in review(d, date(2026, 3, 4)).warnings] == [CATEGORY]
    c = world.client(world.officer_a)
    page = c.get(reverse("disclosures:index")).content.decode()
    assert "Chọn lại nội dung theo Điều 11" in page and "6. Đơn vị hành chính, địa giới" in page
    record = c.get(reverse("disclosures:detail", args=[d.pk])).content.decode()
    assert "Chọn lại nội dung theo Điều 11" in record and "Chọn nội dung" in record
    sheet = c.get(reverse("disclosures:report_xlsx") + "?quy=2026-Q1")
    ws = load_workbook(io.BytesIO(sheet.content)).active
    cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v]
    assert "Chọn lại nội dung theo Điều 11 (danh mục cũ: 6. Đơn vị hành chính, địa giới)" in cells
    sent = apps.get_app_config("disclosures").send_reminders(today=date(2026, 3, 4))
    assert sent[CATEGORY] == 1
    assert Notification.objects.filter(title__startswith="Chọn lại nội dung").exists()
    edit = c.get(reverse("disclosures:edit", args=[d.pk])).content.decode()
    assert "danh mục cũ" in edit
    assert f'<option value="{d.category_id}" selected' not in edit  # nothing chosen for them
    form = {
        "title": d.title,
        "content": d.content,
        "decided_on": "2026-03-02",
        "responsible_unit": world.office_a.pk,
    }
    refused = c.post(reverse("disclosures:edit", args=[d.pk]), form)
    assert refused.status_code == 400
    assert "bắt buộc" in refused.content.decode()
    form["category"] = Category.objects.get(number=3).pk
    assert c.post(reverse("disclosures:edit", args=[d.pk]), form).status_code == 302
    d.refresh_from_db()
    assert not d.category_to_confirm and d.category.number == 3
    assert review(d, date(2026, 3, 4)).warnings == []
    entry = AuditEntry.objects.filter(action="disclosures.updated").get()
    assert entry.changes["category_to_confirm"] == [True, False]
