"""The session read by core.sessions is Django's database session: the same data, none when it
has expired or is unknown (a new one then), and a signed-in officer stays signed in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from danvan.conftest import World
from danvan.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_it_reads_what_was_saved() -> None:
    saved = SessionStore()
    saved["ward"] = "Thôn Nà Phai"
    saved.save()
    read = SessionStore(saved.session_key)
    assert read["ward"] == "Thôn Nà Phai"
    assert read.session_key == saved.session_key


def test_an_expired_or_unknown_session_reads_nothing_and_starts_anew() -> None:
    old = SessionStore()
    old["ward"] = "Thôn Nà Phai"
    old.save()
    Session.objects.filter(pk=old.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    for key in (old.session_key, "k" * 32, "' OR '1'='1"):
        read = SessionStore(key)
        assert "ward" not in read
        assert read.session_key is None


def test_an_officer_stays_signed_in_across_pages(world: World) -> None:
    client = world.client(world.officer_a)
    assert [client.get("/can-bo/nhiem-vu/").status_code for _ in range(2)] == [200, 200]
    client.cookies["sessionid"] = "k" * 32  # a session the server does not know
    assert client.get("/can-bo/nhiem-vu/").status_code == 302
