"""The demo's self-assessment: every criterion scored with links that open pages of the site,
one flagged without evidence, not submitted; a second run adds nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import resolve

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.scorecard_story import play_scorecard
from danvan.scorecard import sheet
from danvan.scorecard.models import Assessment


@pytest.mark.django_db
@time_machine.travel(date(2026, 12, 6), tick=False)
def test_it_plays_a_filled_self_assessment_with_evidence_links() -> None:
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_scorecard(units, today=date(2026, 12, 6))
    a = Assessment.objects.get()
    assert (a.commune, a.year, a.status) == (commune, 2026, "draft")
    result = sheet.result_of(a)
    assert result.unscored == []
    assert [line.code for line in result.missing] == ["4.2"]
    assert (result.total, result.grade) == (Decimal(88), "Hoàn thành tốt nhiệm vụ")
    links = [link for line in result.lines for link in line.links]
    assert len(links) >= 8
    for link in links:
        resolve(link.split("?")[0])
    play_scorecard(units, today=date(2026, 12, 6))
    assert Assessment.objects.count() == 1
