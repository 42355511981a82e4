"""The demo's dialogue: published, its commitments kept, on a roadmap, in progress and late."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.dialogues_story import play_dialogues
from danvan.dialogues.models import Commitment, Dialogue
from danvan.dialogues.work import waiting_on

TODAY = date(2026, 11, 5)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_demo_dialogue_has_promises_at_every_status() -> None:
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_dialogues(units, today=TODAY)
    yearly = Dialogue.objects.get(kind=Dialogue.Kind.YEARLY)
    assert yearly.status == Dialogue.Status.PUBLISHED and yearly.held_on.year == 2026
    statuses = sorted(c.promise.status(TODAY) for c in Commitment.objects.select_related("promise"))
    assert statuses == ["kept", "late", "open", "roadmap"]
    assert yearly.questions.count() == 4
    work = waiting_on(demo_units.user("vanphong"), today=TODAY)
    assert [w.kind for w in work] == ["Gửi thông báo hội nghị đối thoại"]
    assert work[0].due == date(2026, 11, 10)  # held 17/11, notice 7 days before
