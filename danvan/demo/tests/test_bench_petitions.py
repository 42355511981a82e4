"""The petitions benchmark's generator makes cases as the services would: every accepted case,
kiến nghị and phản ánh included, runs its procedure's `giai-quyet` step with a due date."""

from __future__ import annotations

from datetime import date

from danvan.conftest import World
from danvan.demo.bench_petitions import check_deadlines, generate_petitions
from danvan.petitions.models import Petition
from danvan.petitions.services import first_step

FEEDBACK = ("recommendation", "reflection", "mixed")


def test_accepted_feedback_gets_its_step_and_due_date(world: World) -> None:
    generate_petitions([world.commune], 600, seed=3, today=date(2026, 11, 26), say=str)
    accepted = Petition.objects.filter(accepted_on__isnull=False)
    feedback = accepted.filter(kind__in=FEEDBACK)
    assert feedback.count() > 10
    for p in accepted:
        assert p.procedure == first_step(p)[0], p.pk
        assert p.step == "giai-quyet", p.pk
        assert p.step_started_on == p.accepted_on and p.due_on is not None, p.pk
    open_feedback = feedback.filter(status=Petition.Status.ACCEPTED)
    assert open_feedback.exists()
    # The services agree with every due date the generator wrote, feedback included.
    checked, bad = check_deadlines(sample=1000)
    assert checked == Petition.objects.open().exclude(step="").count() and bad == 0
    assert not Petition.objects.open().filter(step="").exists()
