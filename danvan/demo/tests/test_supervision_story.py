"""The demo's supervision follows the law's answer time limit (issue #10)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.supervision_story import play_supervision
from danvan.supervision.models import Recommendation

TODAY = date(2026, 11, 5)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_every_due_date_is_15_days_from_receipt_articles_40_1_c_and_45_2_c() -> None:
    """Luật THDCCS 2022, Điều 40 khoản 1 điểm c and Điều 45 khoản 2 điểm c: the UBND answers
    within 15 days of receiving the recommendation; the story types no due date of its own."""
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_supervision(units, today=TODAY)
    assigned = Recommendation.objects.exclude(status=Recommendation.Status.SENT)
    assert assigned.count() == 3
    for rec in assigned:
        assert rec.due_from_rule and "Điều 40 khoản 1 điểm c" in rec.due_source
        assert rec.due_on is not None
        received = rec.received_on or rec.sent_on
        assert 15 <= (rec.due_on - received).days <= 17  # a last day off moves on
    timeliness = sorted(r.timeliness(TODAY) for r in assigned)
    assert timeliness == ["late", "on_time", "overdue"]
