"""The demo's petitions follow the law as the rows say it (issue #10)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.petitions_story import play_petitions
from danvan.petitions import reception
from danvan.petitions.models import Petition, Visit, VisitIdentity

TODAY = date(2026, 11, 5)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_it_plays_a_group_visit_and_a_forwarded_second_complaint() -> None:
    """Luật Tiếp công dân 2013, Điều 29 (a group of seven names two representatives) and
    Điều 15(2)(d) (the chairman's day each week); Luật Khiếu nại 2011, Điều 18(2): the second
    complaint against the commune chairman's decision is forwarded, never accepted here."""
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_petitions(units, today=TODAY)
    group = Visit.objects.get(people=7)
    assert group.is_group and len(group.representatives.splitlines()) == 2
    second = Petition.objects.get(second_complaint=True)
    assert (second.status, second.due_on) == (Petition.Status.FORWARDED, None)
    assert "Chủ tịch Ủy ban nhân dân tỉnh" in second.outcome
    assert not Petition.objects.filter(outcome__icontains="huyện").exists()
    last_week = reception.chairman_week(commune=commune, today=date(2026, 10, 29))
    assert not last_week.missing


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_it_plays_a_denouncer_at_the_desk_protected() -> None:
    """Luật Tố cáo 2018, Điều 8 khoản 3: the register line names nobody, its text is struck."""
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_petitions(units, today=TODAY)
    line = Visit.objects.get(kind="denunciation")
    assert line.protected and (line.name, line.address) == (Visit.PROTECTED, "")
    assert "mẫu" not in line.guidance and "0987 000 222" not in line.guidance
    assert VisitIdentity.objects.filter(visit=line).exists()
