"""The demo's disclosures follow Luật THDCCS 2022 Điều 11–13 as written (issue #10)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.disclosures_story import play_disclosures
from danvan.disclosures.models import Disclosure
from danvan.disclosures.rules import CATEGORY, LOUDSPEAKER, SHORT, review_all

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@time_machine.travel(TODAY, tick=False)
def test_it_files_each_story_under_the_laws_item_and_counts_from_the_next_day() -> None:
    """Điều 11: procedures are khoản 13, the democracy regulation khoản 4 (both permanent,
    Điều 13 khoản 2); a fund is khoản 5, credit and poverty policies khoản 7, call-up lists
    khoản 9, fees khoản 12 (7–12 on the loudspeaker, Điều 13 khoản 3). A broadcast of 3 days
    from day 15 runs through day 12 (BLDS 2015 Điều 147); from day 23 to day 21 is short."""
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_disclosures(units, today=TODAY)
    items = {r.disclosure.title: r for r in review_all(Disclosure.objects.all(), TODAY)}
    number = {t: r.disclosure.category.number for t, r in items.items()}
    assert number["Bộ thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã"] == 13
    assert number["Quy chế thực hiện dân chủ ở xã Hồng Phong"] == 4
    assert number["Kế hoạch thu Quỹ phòng, chống thiên tai năm 2026"] == 5
    fees = items["Mức thu phí, lệ phí do UBND xã trực tiếp thu năm 2026"]
    assert fees.warnings == []
    call_up = items["Danh sách công dân đủ điều kiện gọi nhập ngũ năm 2027"]
    assert [w.kind for w in call_up.warnings] == [SHORT]
    poor = items["Kết quả rà soát hộ nghèo, hộ cận nghèo năm 2026"]
    assert {SHORT, LOUDSPEAKER} <= poor.kinds
    assert not any(CATEGORY in r.kinds for r in items.values())
