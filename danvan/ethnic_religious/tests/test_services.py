"""The rules of ethnic and religious work's services: each refusal in Vietnamese, each write
audited; the seeded lists with their sources; the overview part."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from danvan.conftest import World
from danvan.core.audit import history
from danvan.core.errors import DomainError
from danvan.core.models import Unit
from danvan.ethnic_religious import services
from danvan.ethnic_religious.models import (
    ContactKind,
    EstablishmentKind,
    EthnicGroup,
    KeyPerson,
    Religion,
    Standing,
)
from danvan.ethnic_religious.overview import figures
from danvan.ethnic_religious.tests.conftest import Er, person, place


def test_it_seeds_the_54_ethnic_groups_and_every_list_with_its_source(db: None) -> None:
    groups = EthnicGroup.objects.all()
    assert groups.count() == 54
    assert {g.code: g.name for g in groups.filter(code__in=["01", "02", "07", "09"])} == {
        "01": "Kinh",
        "02": "Tày",
        "07": "Nùng",
        "09": "Dao",
    }
    for model in (EthnicGroup, Religion, EstablishmentKind, Standing, ContactKind):
        assert not model.objects.filter(source="").exists(), model
    assert Religion.objects.get(code="tin-nguong-dan-gian").is_belief
    assert not Religion.objects.get(code="phat-giao").is_belief


def _refused(message: str, call: Any, **kw: Any) -> None:
    with pytest.raises(DomainError, match=message):
        call(**kw)


def test_it_refuses_a_person_of_another_communes_village(world: World, er: Er) -> None:
    other = Unit.objects.get(name="Thôn xã khác")
    with pytest.raises(DomainError, match="thôn, tổ dân phố của xã này"):
        services.person_create(
            commune=world.commune,
            by=world.officer_b,
            full_name="Người lạc xã",
            ethnic_group=EthnicGroup.objects.get(code="02"),
            village=other,
            standing=Standing.objects.get(code="gia-lang"),
            recognised_year=2024,
        )


def test_it_refuses_a_follower_from_outside_the_commune(world: World, er: Er) -> None:
    with pytest.raises(DomainError, match="Cán bộ theo dõi phải là người của xã này"):
        person(world, world.village, "Hà Văn Dũng", follower=world.outsider)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"birth_year": 1850}, "Năm sinh phải từ 1900"),
        ({"recognised_year": 2030}, "Năm được công nhận phải từ 2000 đến 2026"),
        ({"recognised_until": 2020}, "không được trước năm được công nhận"),
        ({"decision_number": "", "decision_date": date(2023, 5, 10)}, "Nhập số quyết định"),
        ({"decision_date": date(2026, 7, 1)}, "Ngày quyết định công nhận"),
    ],
)
def test_it_refuses_impossible_years_and_decisions(
    world: World, er: Er, fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        person(world, world.village, "Hà Văn Dũng", **fields)


def test_it_ends_a_recognition_only_with_a_day_and_a_reason(world: World, er: Er) -> None:
    with pytest.raises(DomainError, match="Ghi ngày và lý do"):
        services.person_update(person=er.person, by=world.chairman, status="ended")
    p = services.person_update(
        person=er.person,
        by=world.chairman,
        status=KeyPerson.Status.ENDED,
        ended_on=date(2026, 6, 1),
        end_reason="Chuyển đi nơi khác.",
    )
    assert p.status == "ended"
    entry = history(p).filter(action="ethnic_religious.person_updated").get()
    assert entry.changes["status"] == ["active", "ended"]
    assert entry.actor == world.chairman


def test_it_refuses_an_edit_that_changes_nothing(world: World, er: Er) -> None:
    with pytest.raises(DomainError, match="Không có gì thay đổi"):
        services.person_update(person=er.person, by=world.chairman, full_name="Hoàng Văn Pá")


def test_it_audits_a_contact_on_the_persons_history(world: World, er: Er) -> None:
    actions = list(history(er.person).values_list("action", flat=True))
    assert sorted(actions) == [
        "ethnic_religious.contact_recorded",
        "ethnic_religious.person_created",
    ]


def test_it_refuses_a_contact_made_by_someone_outside_the_commune(world: World, er: Er) -> None:
    with pytest.raises(DomainError, match="Người thực hiện phải là người của xã này"):
        services.contact_record(
            person=er.person,
            by=world.officer_b,
            on=date(2026, 6, 1),
            kind=ContactKind.objects.get(code="gap-mat"),
            made_by=world.outsider,
            content="Gặp mặt.",
        )


def test_it_refuses_a_second_establishment_of_the_same_name_in_a_village(
    world: World, er: Er
) -> None:
    with pytest.raises(DomainError, match="đã có cơ sở “chùa đoàn kết”"):
        place(world, world.village, "chùa đoàn kết")
    place(world, er.other_village, "Chùa Đoàn Kết")  # another village may


def test_it_refuses_an_event_notified_after_it_or_an_outcome_before_it(
    world: World, er: Er
) -> None:
    with pytest.raises(DomainError, match="phải trước ngày diễn ra"):
        services.event_create(
            establishment=er.pagoda,
            by=world.officer_b,
            name="Lễ Vu Lan",
            on=date(2026, 6, 1),
            notified_on=date(2026, 6, 10),
        )
    with pytest.raises(DomainError, match="Chỉ ghi kết quả sau khi sự kiện đã diễn ra"):
        services.event_create(
            establishment=er.pagoda,
            by=world.officer_b,
            name="Lễ Vu Lan",
            on=date(2026, 8, 27),
            outcome="Tốt.",
        )


def test_it_counts_contacts_events_and_persons_in_the_overview(world: World, er: Er) -> None:
    part = figures(
        communes=[world.commune.pk],
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        on=date(2026, 6, 15),
    )["ethnic_religious"]
    assert (part["total"], part["done"], part["late"], part["on_time_rate"]) == (1, 1, 0, None)
    extra = {e["key"]: e["value"] for e in part["extra"]}
    # Four persons (two internal count too: counts carry no name); one contacted in 2026.
    assert extra == {"events": 1, "persons": 4, "not_contacted": 3, "establishments": 2}
    village = figures(
        communes=[world.commune.pk],
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        on=date(2026, 6, 15),
        villages=[er.other_village.pk],
    )["ethnic_religious"]
    assert village["total"] == 0
    assert {e["key"]: e["value"] for e in village["extra"]}["persons"] == 2
    assert (
        figures(
            communes=[world.commune.pk],
            start=date(2026, 1, 1),
            end=date(2026, 12, 31),
            on=date(2026, 6, 15),
            units=[world.office_a.pk],
        )
        == {}
    )
