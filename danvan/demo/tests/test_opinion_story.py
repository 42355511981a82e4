"""The demo of public opinion (issue 14 item 5), checked as load-demo plays it (after the
petitions, whose pig-farm hotspot an urgent note points at)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.opinion_story import play_opinion
from danvan.demo.petitions_story import play_petitions
from danvan.demo.units import user
from danvan.opinion import selectors, work
from danvan.opinion.models import OpinionNote

TODAY = date(2026, 12, 5)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_demo_shows_a_month_of_notes_with_an_urgent_rising_one_on_a_hotspot() -> None:
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_petitions(units, today=TODAY)
    play_opinion(units, today=TODAY)

    notes = OpinionNote.objects.filter(commune=commune)
    assert notes.count() == 8
    # From several villages and the Front, within four weeks.
    assert (
        notes.filter(reporting_unit__kind="village").values("reporting_unit").distinct().count()
        >= 3
    )
    assert notes.filter(reporting_unit=units["UBMTTQ"]).exists()
    assert all((TODAY - n.noted_on).days <= 28 for n in notes)
    # One handled; one urgent and rising, linked to petitions and to a hotspot that is one.
    assert notes.filter(status=OpinionNote.Status.HANDLED).count() == 1
    farm = notes.get(urgency=OpinionNote.Urgency.URGENT)
    assert farm.trend == OpinionNote.Trend.RISING and farm.petitions.count() == 2
    [hotspot] = selectors.linked_hotspots(notes, commune.pk, TODAY)
    assert hotspot["is_hotspot"] and hotspot["village"] == "Thôn Đoàn Kết"
    # It waits on the chairman.
    assert [i.url for i in work.waiting_on(user("chutich"), today=TODAY)] == [
        farm.get_absolute_url()
    ]
