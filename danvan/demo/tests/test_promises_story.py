"""The demo of issue 13 (promises kept): what the issue asks the demo to show, checked on the
stories as load-demo plays them (after the petitions, which a failed mediation comes back as)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.dialogues_story import play_dialogues
from danvan.demo.inspections_story import play_inspections
from danvan.demo.mediation_story import play_mediation
from danvan.demo.petitions_story import play_petitions
from danvan.demo.questioning_story import play_questioning
from danvan.demo.voters_story import play_voters
from danvan.inspections.models import Inspection, Remedy
from danvan.mediation.models import MediationCase
from danvan.promises.models import Promise, Source
from danvan.questioning.models import Pledge
from danvan.voters.models import VoterMeeting, VoterRecommendation

TODAY = date(2026, 12, 5)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_demo_shows_every_kind_of_promise_at_every_step() -> None:
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_petitions(units, today=TODAY)
    for play in (play_dialogues, play_voters, play_questioning, play_inspections, play_mediation):
        play(units, today=TODAY)

    def statuses(source: str) -> list[str]:
        return sorted(p.status(TODAY) for p in Promise.objects.filter(source=source))

    # The 2026 dialogue: commitments in progress and one late.
    dialogue = statuses(Source.DIALOGUE)
    assert dialogue.count("late") == 1 and {"open", "roadmap"} & set(dialogue), dialogue
    # A voter meeting before the year-end session, answered and pending recommendations.
    assert VoterMeeting.objects.filter(kind=VoterMeeting.Kind.BEFORE).exists()
    recs = VoterRecommendation.objects.all()
    assert recs.exclude(outcome="").exists() and recs.filter(outcome="").exists()
    # A questioning session with pledges, each a promise.
    assert Pledge.objects.count() >= 2
    assert len(statuses(Source.QUESTIONING)) == Pledge.objects.count()
    # An inspection of the one-stop centre with remedies, each a promise.
    inspection = Inspection.objects.get(inspected_unit__name__contains="Phục vụ hành chính công")
    remedies = Remedy.objects.filter(finding__inspection=inspection)
    assert remedies.count() >= 2 and all(r.promise_id for r in remedies)
    # Two mediation cases: one kept its agreement, one came back as a petition.
    cases = MediationCase.objects.all()
    assert cases.count() == 2
    assert cases.filter(agreement_kept=MediationCase.Kept.YES).count() == 1
    assert cases.filter(petition__isnull=False).count() == 1
    # Nothing the demo promised routes to a district.
    assert not Promise.objects.filter(owner_unit__name__icontains="huyện").exists()
