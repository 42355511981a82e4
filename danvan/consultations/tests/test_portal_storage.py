"""A citizen's comment when storage fails (issue 11, item 5): the form comes back with what was
written and "Chưa lưu được…", 503, no comment stored and no thanks."""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.db import OperationalError
from django.test import Client

from danvan.consultations import services
from danvan.consultations.models import Comment
from danvan.consultations.tests.conftest import Scene
from danvan.consultations.tests.test_portal import _data, _url
from danvan.core.failsafe import NOT_SAVED
from danvan.testing.storage import read_only_database

WRITTEN = "Đề nghị làm đường bê tông từ nhà văn hóa thôn Đoàn Kết ra quốc lộ."


def _assert_not_saved(response: Any, before: int) -> None:
    html = response.content.decode()
    assert response.status_code == 503, html[:2000]
    assert response["Retry-After"] == "60"
    assert NOT_SAVED in html and WRITTEN in html
    assert "Location" not in response
    assert Comment.objects.count() == before


def test_it_keeps_a_comment_when_the_database_refuses_writes(scene: Scene, settings: Any) -> None:
    settings.DANVAN_PORTAL_MIN_FILL_SECONDS = 0
    c, before = scene.open, Comment.objects.count()
    data = _data(c, general=WRITTEN)
    with read_only_database():
        _assert_not_saved(Client().post(_url(c), data), before)
    # Sent again once the database takes writes: filed, and thanked.
    assert Client().post(_url(c), data).status_code == 302
    assert Comment.objects.filter(text=WRITTEN).count() == 1


def test_it_keeps_a_comment_when_the_disk_is_full(scene: Scene, settings: Any) -> None:
    settings.DANVAN_PORTAL_MIN_FILL_SECONDS = 0
    c, before = scene.open, Comment.objects.count()
    full = OperationalError("database or disk is full")
    with mock.patch.object(services.Comment.objects, "bulk_create", side_effect=full):
        response = Client().post(_url(c), _data(c, general=WRITTEN))
    _assert_not_saved(response, before)
