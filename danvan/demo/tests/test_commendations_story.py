"""The demo of commendations (issue 14): what the issue asks the demo to show, checked on the
stories as load-demo plays them (the inspection's commendation comes through inspections)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.commendations.models import Award, Decision, Proposal, RecipientKind, Source
from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.commendations_story import DECISION, play_commendations
from danvan.demo.inspections_story import play_inspections
from danvan.demo.mediation_story import play_mediation
from danvan.demo.petitions_story import play_petitions

TODAY = date(2026, 12, 5)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_demo_shows_a_decision_its_certificates_and_a_pending_proposal() -> None:
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_petitions(units, today=TODAY)
    for play in (play_inspections, play_mediation, play_commendations):
        play(units, today=TODAY)

    # The chairman's decision: two collectives and one person, for the movement, mediation
    # and after the inspection of the one-stop centre; one of them granted on a proposal.
    decision = Decision.objects.get(commune=commune, number=DECISION)
    assert decision.signer_name == "Nguyễn Văn An"
    awards = decision.awards.all()
    assert sorted(a.recipient_kind for a in awards) == [
        RecipientKind.COLLECTIVE,
        RecipientKind.COLLECTIVE,
        RecipientKind.INDIVIDUAL,
    ]
    assert {a.source for a in awards} == {Source.MOVEMENT, Source.MEDIATION, Source.INSPECTION}
    assert awards.filter(proposal__isnull=False).count() == 1
    assert all(a.source_url for a in awards if a.source != Source.MOVEMENT)
    # The inspections story's Giấy khen entered the register through measure_record.
    assert Award.objects.filter(source=Source.INSPECTION, decision__number="25/QĐ-UBND").exists()
    # A proposal waits for the leaders.
    pending = Proposal.objects.get(status=Proposal.Status.PENDING)
    assert pending.recipient == "Chi hội Phụ nữ thôn Tân Tiến"
    # Nothing in the register is a district's.
    assert not Award.objects.filter(decision__form__issuer__icontains="huyện").exists()
