"""Records of ethnic and religious work shared by this app's tests: in Hồng Phong, a respected
person of Thôn Đoàn Kết (whose head is the `village_head` persona) followed by officer_a, an
internal one followed by nobody, one of another village; a pagoda with its festival and an
internal establishment; the same in the other commune."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine

from danvan.conftest import World
from danvan.core.models import Membership, Role, Unit
from danvan.ethnic_religious import services
from danvan.ethnic_religious.models import (
    ContactKind,
    Establishment,
    EstablishmentKind,
    EthnicGroup,
    Event,
    KeyPerson,
    Religion,
    Standing,
)

TODAY = date(2026, 6, 15)


@dataclass
class Er:
    person: KeyPerson  # Thôn Đoàn Kết, followed by officer_a, one contact this year
    internal: KeyPerson  # Thôn Đoàn Kết, internal, followed by nobody
    followed_internal: KeyPerson  # internal, followed by officer_a
    other_village: Unit
    other_village_person: KeyPerson
    pagoda: Establishment  # Thôn Đoàn Kết, followed by officer_a
    festival: Event
    internal_place: Establishment  # internal, Thôn Đoàn Kết
    other_person: KeyPerson  # the other commune's
    other_place: Establishment


def group(code: str) -> EthnicGroup:
    return EthnicGroup.objects.get(code=code)


TAY, NUNG, KINH = "02", "07", "01"


def person(world: World, village: Unit, name: str, **kw: Any) -> KeyPerson:
    by = kw.pop("by", world.officer_b)
    data: dict[str, Any] = {
        "full_name": name,
        "birth_year": 1955,
        "ethnic_group": group(kw.pop("ethnic", TAY)),
        "village": village,
        "standing": Standing.objects.get(code="gia-lang"),
        "recognised_year": 2023,
        "decision_number": "125/QĐ-UBND",
        "decision_date": date(2023, 5, 10),
        "recognised_until": 2027,
        "phone": "0912345678",
    }
    data.update(kw)
    return services.person_create(commune=village.commune, by=by, **data)


def place(world: World, village: Unit, name: str, **kw: Any) -> Establishment:
    data: dict[str, Any] = {
        "name": name,
        "kind": EstablishmentKind.objects.get(code="chua"),
        "religion": Religion.objects.get(code="phat-giao"),
        "village": village,
        "address": "Thôn Đoàn Kết",
        "representative": "Sư thầy Thích Minh Tâm",
        "legal_status": Establishment.Legal.REGISTERED,
    }
    data.update(kw)
    return services.establishment_create(commune=village.commune, by=world.officer_b, **data)


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def er(world: World, frozen: Any) -> Er:
    p = person(world, world.village, "Hoàng Văn Pá", follower=world.officer_a)
    services.contact_record(
        person=p,
        by=world.officer_a,
        on=date(2026, 2, 10),
        kind=ContactKind.objects.get(code="tang-qua-tet"),
        made_by=world.officer_a,
        content="Thăm, tặng quà Tết Bính Ngọ.",
        raised="Đề nghị sửa đường vào thôn.",
    )
    other_village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Hòa Bình", parent=world.commune
    )
    pagoda = place(world, world.village, "Chùa Đoàn Kết", follower=world.officer_a)
    festival = services.event_create(
        establishment=pagoda,
        by=world.officer_b,
        name="Lễ hội chùa đầu xuân",
        on=date(2026, 3, 3),
        lunar="15/1 âm lịch",
        expected=500,
        notified_on=date(2026, 2, 10),
    )
    other_unit = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn xã khác", parent=world.other_commune
    )
    Membership.objects.get_or_create(
        user=world.outsider, unit=world.other_office, role=Role.OFFICER
    )
    return Er(
        person=p,
        internal=person(world, world.village, "Lương Văn Kín", internal=True, ethnic=NUNG),
        followed_internal=person(
            world, other_village, "Vi Thị Theo", internal=True, follower=world.officer_a
        ),
        other_village=other_village,
        other_village_person=person(world, other_village, "Nông Thị Hòa", ethnic=NUNG),
        pagoda=pagoda,
        festival=festival,
        internal_place=place(
            world,
            world.village,
            "Điểm nhóm Tin lành",
            internal=True,
            kind=EstablishmentKind.objects.get(code="khac"),
            religion=Religion.objects.get(code="tin-lanh"),
            legal_status=Establishment.Legal.NONE,
        ),
        other_person=services.person_create(
            commune=world.other_commune,
            by=world.outsider,
            full_name="Người xã khác",
            ethnic_group=group(KINH),
            village=other_unit,
            standing=Standing.objects.get(code="nhan-si"),
            recognised_year=2024,
        ),
        other_place=services.establishment_create(
            commune=world.other_commune,
            by=world.outsider,
            name="Đền xã khác",
            kind=EstablishmentKind.objects.get(code="den"),
            religion=Religion.objects.get(code="tin-nguong-dan-gian"),
            village=other_unit,
        ),
    )
