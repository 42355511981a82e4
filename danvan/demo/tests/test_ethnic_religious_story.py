"""The demo of ethnic and religious work: a Tày respected person of a demo village with two
contacts, a pagoda with its yearly festival, one internal row kept from the readers' lists."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.ethnic_religious_story import play_ethnic_religious
from danvan.ethnic_religious.models import Establishment, KeyPerson

TODAY = date(2026, 12, 5)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_demo_shows_a_respected_person_a_pagoda_and_an_internal_row() -> None:
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_ethnic_religious(units, today=TODAY)

    elder = KeyPerson.objects.get(full_name="Hoàng Văn Thào")
    assert elder.ethnic_group.name in ("Tày", "Nùng") and elder.village.name == "Thôn Đoàn Kết"
    assert elder.contacts.count() == 2
    pagoda = Establishment.objects.get(kind__code="chua")
    festival = pagoda.events.get(lunar="15/1 âm lịch")
    assert festival.outcome and festival.on < TODAY
    assert Establishment.objects.filter(internal=True).count() == 1

    def listing(username: str) -> str:
        client = Client()
        client.force_login(demo_units.user(username))
        url = f"{reverse('ethnic_religious:establishments')}?xa={commune.pk}"
        return client.get(url).content.decode()

    assert "Điểm nhóm sinh hoạt Tin lành" in listing("vhxh")
    assert "Điểm nhóm sinh hoạt Tin lành" not in listing("vhxh_xem")
    assert "Chùa Hồng Phong" in listing("tinh")
