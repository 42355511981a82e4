"""A meeting (a ballot, an online vote) called in a village tells that village's heads
(issue 12, item 4): "a village head learns of a meeting in his village from nobody"."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

import pytest
from django.core import mail

from danvan.conftest import World, _user
from danvan.core.models import Notification, Role, Unit, User
from danvan.decisions import services as decisions
from danvan.decisions.models import CommunityDecision, MatterItem

Capture = Callable[..., AbstractContextManager[Any]]


def told(title_part: str = "") -> set[str]:
    rows = Notification.objects.filter(title__contains=title_part)
    return set(rows.values_list("user__username", flat=True))


@pytest.fixture
def commit(
    django_capture_on_commit_callbacks: Capture,
) -> Callable[[], AbstractContextManager[Any]]:
    """`with commit():` runs what the block leaves for after the commit, as a request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def hoa_binh(world: World) -> tuple[Unit, User]:
    village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Hòa Bình", parent=world.commune
    )
    return village, _user("head_hb", village, Role.VILLAGE_HEAD)


def decision(world: World, villages: list[Unit]) -> CommunityDecision:
    for v in villages:
        decisions.households_set(
            commune=world.commune,
            village=v,
            households=40,
            representatives=40,
            as_of=date(2026, 1, 1),
            source="Rà soát đầu năm",
            by=world.officer_a,
        )
    return decisions.decision_create(
        commune=world.commune,
        item=MatterItem.objects.get(number=1),
        title="Làm đường bê tông liên thôn",
        content="Mỗi hộ góp 500.000 đồng.",
        scope="village" if len(villages) == 1 else "commune",
        villages=villages,
        form="meeting",
        by=world.officer_a,
    )


def meeting(world: World, d: CommunityDecision, village: Unit, by: User) -> None:
    decisions.meeting_create(
        decision=d,
        village=village,
        held_on=date(2026, 5, 8),
        place="Nhà văn hóa thôn",
        notice_on=date(2026, 5, 4),
        convened_by="Trưởng thôn",
        by=by,
    )


def test_a_meeting_tells_the_head_of_that_village_only(
    world: World, hoa_binh: tuple[Unit, User], commit: Callable[[], AbstractContextManager[Any]]
) -> None:
    village, head = hoa_binh
    d = decision(world, [world.village, village])
    Notification.objects.all().delete()
    mail.outbox.clear()
    with commit():
        meeting(world, d, world.village, by=world.officer_a)
    assert told() == {"village_head"}
    n = Notification.objects.get()
    assert "Thôn Đoàn Kết" in n.title and "08/05/2026" in n.title and d.title in n.title
    assert n.url == d.get_absolute_url() and "Nhà văn hóa thôn" in n.body
    assert [m.to for m in mail.outbox] == [["village_head@example.org"]]
    with commit():
        meeting(world, d, village, by=world.officer_a)
    assert told("Thôn Hòa Bình") == {head.username}


def test_a_village_head_who_calls_the_meeting_is_not_told(
    world: World, commit: Callable[[], AbstractContextManager[Any]]
) -> None:
    d = decision(world, [world.village])
    Notification.objects.all().delete()
    with commit():
        meeting(world, d, world.village, by=world.village_head)
    assert told() == set()
