"""The demo's study sessions teach the documents the demo plan cites (the register its import
filled), with the attendance of the units, one waiting on Phòng VH-XH and one to come."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import time_machine

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.study_story import CONFERENCE, play_study
from danvan.lib import planparse
from danvan.plans.importer import plan_import
from danvan.plans.models import Recurrence
from danvan.study.models import StudySession
from danvan.study.work import waiting_on

TODAY = date(2026, 6, 15)
SEED = Path(__file__).parents[1] / "fixtures" / "ke-hoach-dan-van-chinh-quyen-2026-hong-phong.txt"


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_it_plays_the_conference_the_village_session_and_what_comes() -> None:
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    seed = SEED.read_text(encoding="utf-8")
    plan_import(
        parsed=planparse.parse_text(seed),
        commune=commune,
        by=demo_units.user("chutich"),
        source_text=seed,
        default_recurrence=Recurrence.QUARTERLY,
    )
    play_study(units, today=TODAY)
    conference = StudySession.objects.get(title=CONFERENCE)
    assert sorted(str(d) for d in conference.documents.all()) == [
        "Chỉ thị số 33/CT-TTg ngày 26/11/2021",
        "Luật Thực hiện dân chủ ở cơ sở",
        "Nghị định số 59/2023/NĐ-CP ngày 14/08/2023",
    ]
    assert (conference.status, conference.present_total, conference.expected_total) == (
        "held",
        43,
        47,
    )
    assert conference.rate == 91
    statuses = sorted(StudySession.objects.values_list("status", flat=True))
    assert statuses == ["held", "held", "planned", "planned"]
    assert [w.title for w in waiting_on(demo_units.user("vhxh"), today=TODAY)] == [
        "Tập huấn kỹ năng dân vận cho công chức tiếp công dân"
    ]
    play_study(units, today=TODAY)  # a second run adds nothing
    assert StudySession.objects.count() == 4
