"""The demo's village decisions follow the corrected law (issue #10)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.core.divisions import ensure_commune
from danvan.decisions.models import CommunityDecision
from danvan.demo import units as demo_units
from danvan.demo.decisions_story import play_decisions

Status = CommunityDecision.Status


@pytest.mark.django_db
@time_machine.travel(date(2026, 6, 15), tick=False)
def test_it_plays_the_decisions_as_art_21_writes_them() -> None:
    """Luật THDCCS 2022, Điều 21: item 1 in effect from its vote, item 3 recognised by the People's
    Committee, item 2 commune-wide counted in villages, item 5 waiting for the Front."""
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_decisions(units, today=date(2026, 6, 15))
    by_item = {d.item.number: d for d in CommunityDecision.objects.select_related("item")}
    lane, rules, fund, board = by_item[1], by_item[3], by_item[2], by_item[5]
    assert (lane.status, lane.effective_on, lane.recognised_on) == (
        Status.IN_EFFECT,
        lane.voted_until,
        None,
    )
    assert (rules.status, rules.effective_on) == (Status.RECOGNISED, rules.recognised_on)
    assert fund.outcome == CommunityDecision.Outcome.INCOMPLETE
    assert board.status == Status.SENT and board.recognise_due is not None
    assert set(CommunityDecision.objects.public()) == {lane, rules}
    play_decisions(units, today=date(2026, 6, 15))  # a second run adds nothing
    assert CommunityDecision.objects.count() == 4
