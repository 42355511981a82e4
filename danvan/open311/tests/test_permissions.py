"""Every URL of Open311, requested as every persona (danvan/testing/matrix.py).

GeoReport v2 is public: every persona, signed in or not, reads the same services and the same
public requests, and nobody reads a hidden case (a denunciation, a complaint). A session is no
key: a POST without api_key is refused to every persona, officers included, and changes
nothing. What each kind of key may do is in test_post.py (none, unknown, revoked, read-only,
another commune's, the commune's, the province's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.open311.tests.conftest import Book
from danvan.petitions.models import Petition
from danvan.testing.matrix import (
    Matrix,
    PostAction,
    check_tables,
    client_of,
    expect_get,
    expect_post,
    rows,
    table,
)

# fmt: off
GET_MATRIX: Matrix = table({
    #                                   anon chair offA  roA offB front vill prov outs admin
    "open311:index":                    (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:discovery":                (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:services":                 (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:service":                  (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:service[complaint]":       (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "open311:requests":                 (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:request":                  (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "open311:request[denunciation]":    (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "open311:request[complaint]":       (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "open311:unknown":                  (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
})
POST_MATRIX: Matrix = table({
    "open311:requests":                 (403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
})
# fmt: on
KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    book: Book

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, **kwargs: str) -> str:
    return reverse(name, kwargs=kwargs)


URLS: dict[str, Callable[[Scene], str]] = {
    "open311:index": lambda s: _r("open311:index"),
    "open311:discovery": lambda s: _r("open311:discovery", fmt="xml"),
    "open311:services": lambda s: _r("open311:services", fmt="json"),
    "open311:service": lambda s: _r("open311:service", code="reflection-other", fmt="xml"),
    "open311:service[complaint]": lambda s: _r(
        "open311:service", code="complaint-other", fmt="json"
    ),
    "open311:requests": lambda s: _r("open311:requests", fmt="json"),
    "open311:request": lambda s: _r("open311:request", pk=str(s.book.open.pk), fmt="json"),
    "open311:request[denunciation]": lambda s: _r(
        "open311:request", pk=str(s.book.denunciation.pk), fmt="json"
    ),
    "open311:request[complaint]": lambda s: _r(
        "open311:request", pk=str(s.book.complaint.pk), fmt="xml"
    ),
    "open311:unknown": lambda s: _r("open311:unknown", rest="tokens/1.json"),
}
POST_ACTIONS: dict[str, PostAction] = {
    "open311:requests": PostAction(
        data=lambda s, p: {
            "jurisdiction_id": "06079",
            "service_code": "reflection-other",
            "description": "Đèn đường ở ngã ba thôn Đoàn Kết không sáng.",
            "attribute[cam_doan]": "dong_y",
        },
        state=lambda s, c: Petition.objects.count(),
    ),
}


@pytest.fixture
def scene(world: World, book: Book) -> Scene:
    return Scene(world, book)


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    expect_get(GET_MATRIX, case, personas, URLS[case](scene), scene.client)


@pytest.mark.parametrize(("case", "personas"), rows(POST_MATRIX, "POST", KNOWN_BUGS))
def test_it_answers_post_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    url = URLS[case](scene)
    expect_post(POST_MATRIX, case, personas, url, scene, scene.client, POST_ACTIONS[case])
