"""The demo's consultations follow the corrected law (issue #10)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.consultations import services
from danvan.consultations.models import Comment, Consultation
from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.consultations_story import play_consultations

Status = Consultation.Status


@pytest.mark.django_db
@time_machine.travel(date(2026, 6, 15), tick=False)
def test_it_plays_consultations_of_at_least_20_days_as_article_28_2_asks() -> None:
    """Luật THDCCS 2022, Điều 28 khoản 2: every consultation of the story runs at least 20
    days from its publication; its matters are those of Điều 25, its forms those of Điều 26."""
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_consultations(units, today=date(2026, 6, 15))
    items = list(Consultation.objects.select_related("matter").order_by("pk"))
    assert [c.status for c in items] == [Status.OPEN, Status.PUBLISHED, Status.DRAFT, Status.DRAFT]
    for c in items:
        assert c.opens_on and c.closes_on
        minimum = services.minimum_period(c.opens_on)
        assert minimum is not None and c.closes_on >= minimum.until
        assert c.matter is not None and c.channel_codes()
    assert [c.matter.item for c in items] == ["1", "1", "9", "8"]  # type: ignore[union-attr]
    assert items[3].channel_codes() == ["portal", "dialogue"]
    assert set(Comment.objects.values_list("channel_id", flat=True)) <= {"portal", "meeting"}
    play_consultations(units, today=date(2026, 6, 15))  # a second run adds nothing
    assert Consultation.objects.count() == 4
