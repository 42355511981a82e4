"""The leaders' loop's pages, requested as every persona (danvan/testing/matrix.py explains the
tables; docs/permissions.md, "Tổng quan điều hành", says who sees what).

The overview answers every member of a commune (each sees the slice of his seat: the commune,
his units, his village) and the province viewer (the comparison of the province's communes);
another commune's overview is hidden (404); a period that is no date is refused (400).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.testing.matrix import Matrix, check_tables, client_of, expect_get, rows, table

# fmt: off
GET_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "leaders:overview":                        (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "leaders:overview[?xa=hong phong]":        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "leaders:overview[?xa=other commune]":     (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "leaders:overview[a month]":               (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "leaders:overview[bad dates]":             (302, 400, 400, 400, 400, 400, 400, 400, 400, 400),
})
# fmt: on

POST_MATRIX: Matrix = {}
KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


@pytest.fixture
def scene(world: World) -> Scene:
    return Scene(world)


def _overview(query: Callable[[Scene], str]) -> Callable[[Scene], str]:
    return lambda s: f"{reverse('leaders:overview')}?{query(s)}"


URLS: dict[str, Callable[[Scene], str]] = {
    "leaders:overview": lambda s: reverse("leaders:overview"),
    "leaders:overview[?xa=hong phong]": _overview(lambda s: f"xa={s.world.commune.pk}"),
    "leaders:overview[?xa=other commune]": _overview(lambda s: f"xa={s.world.other_commune.pk}"),
    "leaders:overview[a month]": _overview(lambda s: "nam=2026&ky=thang-3"),
    "leaders:overview[bad dates]": _overview(lambda s: "tu=31/02/2026&den=hom-qua"),
}


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, {})


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    expect_get(GET_MATRIX, case, personas, URLS[case](scene), scene.client)
