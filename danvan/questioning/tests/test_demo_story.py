"""The demo's questioning session: answers at the session and in writing, a pledge kept and one
open, the written answer within the 20 days of the (unverified) rule."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.questioning_story import play_questioning
from danvan.questioning import services
from danvan.questioning.models import CouncilSession, Pledge, Question

TODAY = date(2026, 12, 6)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_story_has_answers_both_ways_and_a_pledge_kept_and_one_open() -> None:
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_questioning(units, today=TODAY)
    modes = sorted(Question.objects.values_list("mode", flat=True))
    assert modes == ["session", "session", "writing"]
    assert not Question.objects.filter(answered_on__isnull=True).exists()
    written = Question.objects.get(mode="writing")
    assert written.due_on is not None and written.answered_on is not None
    assert written.answered_on <= written.due_on
    statuses = sorted(p.promise.status(TODAY) for p in Pledge.objects.all() if p.promise)
    assert statuses == ["kept", "open"]
    session = CouncilSession.objects.get(number=3)
    due = services.report_due(session)
    assert due is not None and due[0] > TODAY
