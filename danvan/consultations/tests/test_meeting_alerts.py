"""A consultation gathered at the community's meetings (Luật THDCCS 2022, Điều 26 khoản 1 điểm
b) tells the heads of the villages asked when it opens (issue 12, item 4)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest

from danvan.conftest import World, _user
from danvan.consultations import services
from danvan.consultations.models import PORTAL, Consultation
from danvan.consultations.tests.conftest import make
from danvan.core.models import Notification, Role, Unit, User

Capture = Callable[..., AbstractContextManager[Any]]


def told() -> set[str]:
    return set(Notification.objects.values_list("user__username", flat=True))


@pytest.fixture
def hoa_binh(world: World) -> tuple[Unit, User]:
    village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Hòa Bình", parent=world.commune
    )
    return village, _user("head_hb", village, Role.VILLAGE_HEAD)


def open_it(c: Consultation, by: User, capture: Capture) -> None:
    c.refresh_from_db()
    assert c.opens_on is not None
    with capture(execute=True):
        services.consultation_open(consultation=c, by=by, today=c.opens_on)


def test_the_heads_of_the_villages_asked_are_told(
    world: World, hoa_binh: tuple[Unit, User], django_capture_on_commit_callbacks: Capture
) -> None:
    c = make(world, whole_commune=False, villages=[world.village])
    open_it(c, world.chairman, django_capture_on_commit_callbacks)
    assert told() == {"village_head"}
    n = Notification.objects.get()
    assert c.title in n.title and n.url == c.get_absolute_url()


def test_a_whole_commune_consultation_tells_every_village_head(
    world: World, hoa_binh: tuple[Unit, User], django_capture_on_commit_callbacks: Capture
) -> None:
    other_head = _user(
        "head_other",
        Unit.objects.create(kind=Unit.Kind.VILLAGE, name="Thôn Khác", parent=world.other_commune),
        Role.VILLAGE_HEAD,
    )
    open_it(make(world), world.chairman, django_capture_on_commit_callbacks)
    assert told() == {"village_head", hoa_binh[1].username}
    assert other_head.username not in told()


def test_without_village_meetings_nobody_is_told(
    world: World, hoa_binh: tuple[Unit, User], django_capture_on_commit_callbacks: Capture
) -> None:
    c = make(world)
    c.channels.set(c.channels.filter(code=PORTAL))
    open_it(c, world.chairman, django_capture_on_commit_callbacks)
    assert told() == set()
