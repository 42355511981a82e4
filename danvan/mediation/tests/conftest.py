"""Records of mediation shared by this app's tests: the team of Thôn Đoàn Kết (whose head is the
`village_head` persona) with cases at each step, a team of another village of Hồng Phong, the
other commune's team and case, and a petition of Hồng Phong to link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine
from django.apps import apps

from danvan.conftest import World
from danvan.core.models import Membership, Role, Unit
from danvan.mediation import services
from danvan.mediation.models import MatterKind, MediationCase, MediationTeam, Mediator

TODAY = date(2026, 6, 15)  # a Monday
PARTIES = "Ông Nông Văn Bình, 52 tuổi, thôn Đoàn Kết; bà Hoàng Thị Lan, 48 tuổi, thôn Đoàn Kết"


@dataclass
class Med:
    team: MediationTeam
    leader: Mediator
    mediator: Mediator
    waiting: MediationCase  # assigned Monday 08/06, not started: due Thursday 11/06 (late)
    started: MediationCase  # started, no outcome
    success: MediationCase  # mediated with an agreement
    other_village: Unit
    other_village_team: MediationTeam
    other_village_case: MediationCase
    other_team: MediationTeam
    other_case: MediationCase
    petition: Any


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def make_petition(commune: Unit, number: int, year: int = 2026) -> Any:
    Petition = apps.get_model("petitions", "Petition")
    return Petition.objects.create(
        commune=commune,
        year=year,
        number=number,
        tracking_code=f"T{commune.pk}{number}{year}"[:12],
        channel="in_person",
        kind="recommendation",
        subject="Tranh chấp ranh giới đất vườn",
        content="Đề nghị giải quyết tranh chấp ranh giới đất vườn.",
        received_on=date(2026, 6, 1),
    )


@pytest.fixture
def med(world: World, frozen: Any) -> Med:
    land = MatterKind.objects.get(code="dat-dai")
    family = MatterKind.objects.get(code="hon-nhan-gia-dinh")
    team = services.team_create(
        commune=world.commune,
        by=world.front,
        name="Tổ hòa giải thôn Đoàn Kết",
        village=world.village,
        decision_number="25/QĐ-UBND",
        decision_date=date(2024, 3, 1),
    )
    leader = services.mediator_add(
        team=team, by=world.front, full_name="Lường Văn Thắng", role=Mediator.Role.LEADER
    )
    mediator = services.mediator_add(
        team=team, by=world.front, full_name="Chu Thị Mai", role=Mediator.Role.MEMBER
    )

    def case(t: MediationTeam, people: list[Mediator], received: date, **kw: Any) -> MediationCase:
        return services.case_create(
            team=t,
            by=world.officer_a,
            received_on=received,
            mediators=people,
            parties=PARTIES,
            matter=kw.pop("matter", land),
            summary="Tranh chấp lối đi chung giữa hai hộ.",
            **kw,
        )

    waiting = case(team, [leader], date(2026, 6, 8))
    started = services.case_start(
        case=case(team, [mediator], date(2026, 6, 12)), by=world.village_head, started_on=TODAY
    )
    success = case(team, [leader, mediator], date(2026, 6, 1), matter=family)
    services.case_start(case=success, by=world.village_head, started_on=date(2026, 6, 2))
    success = services.case_record_outcome(
        case=success,
        by=world.village_head,
        outcome=MediationCase.Outcome.SUCCESS,
        outcome_on=date(2026, 6, 5),
        agreement="Hai hộ thống nhất để lối đi rộng 2 m.",
    )
    other_village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Hòa Bình", parent=world.commune
    )
    other_village_team = services.team_create(
        commune=world.commune,
        by=world.front,
        name="Tổ hòa giải thôn Hòa Bình",
        village=other_village,
    )
    hb = services.mediator_add(
        team=other_village_team, by=world.front, full_name="Vi Văn Hải", role=Mediator.Role.LEADER
    )
    other_village_case = case(other_village_team, [hb], date(2026, 6, 11))
    other_village_unit = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn của xã khác", parent=world.other_commune
    )
    Membership.objects.get_or_create(
        user=world.outsider, unit=world.other_office, role=Role.OFFICER
    )
    other_team = services.team_create(
        commune=world.other_commune,
        by=world.outsider,
        name="Tổ hòa giải xã khác",
        village=other_village_unit,
    )
    om = services.mediator_add(
        team=other_team, by=world.outsider, full_name="Người xã khác", role=Mediator.Role.LEADER
    )
    other_case = services.case_create(
        team=other_team,
        by=world.outsider,
        received_on=date(2026, 6, 11),
        mediators=[om],
        parties="Bên A; bên B",
        matter=land,
        summary="Vụ của xã khác.",
    )
    return Med(
        team=team,
        leader=leader,
        mediator=mediator,
        waiting=waiting,
        started=started,
        success=success,
        other_village=other_village,
        other_village_team=other_village_team,
        other_village_case=other_village_case,
        other_team=other_team,
        other_case=other_case,
        petition=make_petition(world.commune, 15),
    )
