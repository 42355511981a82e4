"""Every URL of the one-stop register, requested as every persona (danvan/testing/matrix.py).

In this scene office A is the commune's one-stop centre (Unit.one_stop): its officer (offA)
imports and records apology slips, its read-only member (roA) reads; the commune's leaders
(chair, admin) read; every other office, the Front, the village, the province viewer: 403; the
other commune's officer (outs): 404 on Hồng Phong's records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import Unit
from danvan.onestop import services
from danvan.onestop.models import Dossier, DossierImport
from danvan.onestop.tests.files import xlsx
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
    #                                      anon chair offA  roA offB front vill prov outs admin
    "onestop:register":                    (302, 200, 200, 200, 403, 403, 403, 403, 403, 200),
    "onestop:register[?xa=other commune]": (302, 404, 404, 404, 404, 404, 404, 404, 403, 404),
    "onestop:import":                      (302, 403, 200, 403, 403, 403, 403, 403, 403, 403),
    "onestop:import_columns":              (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "onestop:import_result":               (302, 200, 200, 200, 403, 403, 403, 403, 404, 200),
    "onestop:dossier":                     (302, 200, 200, 200, 403, 403, 403, 403, 404, 200),
    # The one-stop system's push (danvan/api/tests/test_onestop.py has its key rows): a
    # session is no key.
    "api:one_stop_dossiers":               (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
})

POST_MATRIX: Matrix = table({
    #                                      anon chair offA  roA offB front vill prov outs admin
    "onestop:import":                      (302, 403, 302, 403, 403, 403, 403, 403, 403, 403),
    "onestop:dossier":                     (302, 403, 302, 403, 403, 403, 403, 403, 404, 403),
    "api:one_stop_dossiers":               (401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}
ON = date(2026, 3, 12)


@dataclass
class Scene:
    world: World
    done: DossierImport
    late: Dossier

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


@pytest.fixture
def scene(world: World) -> Scene:
    Unit.objects.filter(pk=world.office_a.pk).update(one_stop=True)
    done = services.file_import(xlsx(), "thang3.xlsx", commune=world.commune, on=ON, by=None)
    return Scene(world, done, Dossier.objects.get(code="H01.01-260301-0005"))


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


URLS: dict[str, Callable[[Scene], str]] = {
    "onestop:register": lambda s: _r("onestop:register"),
    "onestop:register[?xa=other commune]": lambda s: (
        f"{_r('onestop:register')}?xa={s.world.other_commune.pk}"
    ),
    "onestop:import": lambda s: _r("onestop:import"),
    "onestop:import_columns": lambda s: _r("onestop:import_columns"),
    "onestop:import_result": lambda s: _r("onestop:import_result", s.done.pk),
    "onestop:dossier": lambda s: _r("onestop:dossier", s.late.pk),
    "api:one_stop_dossiers": lambda s: _r("api:one_stop_dossiers"),
}

POST_ACTIONS: dict[str, PostAction] = {
    "onestop:import": PostAction(
        data=lambda s, p: {
            "file": SimpleUploadedFile("thang3.xlsx", xlsx()),
            "on": "2026-03-12",
        },
        state=lambda s, c: DossierImport.objects.count(),
    ),
    "onestop:dossier": PostAction(
        data=lambda s, p: {
            "reason": "Chờ xác minh nguồn gốc đất",
            "new_due_on": "2026-03-20",
            "sent_on": "2026-03-09",
        },
        state=lambda s, c: Dossier.objects.get(pk=s.late.pk).apology_sent_on,
    ),
    "api:one_stop_dossiers": PostAction(
        data=lambda s, p: {"commune": "06079", "dossiers": "[]"},
        state=lambda s, c: DossierImport.objects.count(),
    ),
}


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    expect_get(GET_MATRIX, case, personas, URLS[case](scene), lambda p: scene.client(p), None)


@pytest.mark.parametrize(("case", "personas"), rows(POST_MATRIX, "POST", KNOWN_BUGS))
def test_it_answers_post_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    url = URLS[case](scene)
    expect_post(
        POST_MATRIX, case, personas, url, scene, lambda p: scene.client(p), POST_ACTIONS[case]
    )
