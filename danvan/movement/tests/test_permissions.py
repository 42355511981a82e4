"""Every URL of the movement (officers' pages and the portal's gallery) requested as every
persona.

The tables are the specification (docs/permissions.md, "Dân vận khéo"); how they are read and
checked is in danvan/testing/matrix.py. `registered` is a model of Thôn Đoàn Kết (the village
head's village), `reviewed` an exemplar of the Front, `recognised` a model recognised and
public with a photo; `other commune` records belong to the outsider's commune.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.commendations.models import AwardForm
from danvan.conftest import World
from danvan.movement.models import Practice, RecognitionLevel
from danvan.movement.services import criteria_for
from danvan.movement.tests.conftest import REGISTRATION, Mv
from danvan.testing.matrix import (
    Matrix,
    PostAction,
    check_tables,
    client_of,
    expect_get,
    expect_post,
    office_file,
    rows,
    table,
    url_name,
)

# fmt: off
GET_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "movement:index":                          (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "movement:index[?xa=hong phong]":          (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "movement:register":                       (302, 200, 200, 403, 200, 200, 200, 403, 200, 200),
    "movement:register[?xa=hong phong]":       (302, 200, 200, 403, 200, 200, 200, 403, 404, 200),
    "movement:export":                         (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "movement:export[?xa=hong phong]":         (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "movement:detail":                         (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "movement:detail[recognised]":             (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "movement:detail[other commune]":          (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "movement:follow_up":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "movement:review":                         (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "movement:decide":                         (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "movement:propose":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "movement:award":                          (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "movement:replicate":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "movement:publicity":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "movement:file":                           (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "movement:photo":                          (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "portal:movement":                         (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:movement[?xa, linh-vuc, thon]":        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:movement_detail":                  (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:movement_detail[not recognised]":  (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "portal:movement_photo":                   (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:movement_photo[not public]":       (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
})

POST_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "movement:register[?xa=hong phong]":       (302, 302, 302, 403, 302, 302, 302, 403, 404, 302),
    "movement:follow_up":                      (302, 302, 403, 403, 403, 403, 302, 403, 404, 302),
    "movement:review":                         (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "movement:decide":                         (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "movement:propose":                        (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "movement:award":                          (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "movement:replicate":                      (302, 302, 302, 403, 302, 403, 302, 403, 404, 302),
    "movement:publicity":                      (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    mv: Mv

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


def _xa(name: str, s: Scene) -> str:
    return f"{_r(name)}?xa={s.world.commune.pk}"


URLS: dict[str, Callable[[Scene], str]] = {
    "movement:index": lambda s: _r("movement:index"),
    "movement:index[?xa=hong phong]": lambda s: f"{_xa('movement:index', s)}&q=duong&nam=2026",
    "movement:register": lambda s: _r("movement:register"),
    "movement:register[?xa=hong phong]": lambda s: _xa("movement:register", s),
    "movement:export": lambda s: _r("movement:export"),
    "movement:export[?xa=hong phong]": lambda s: f"{_xa('movement:export', s)}&nam=2026",
    "movement:detail": lambda s: _r("movement:detail", s.mv.registered.pk),
    "movement:detail[recognised]": lambda s: _r("movement:detail", s.mv.recognised.pk),
    "movement:detail[other commune]": lambda s: _r("movement:detail", s.mv.other.pk),
    "movement:follow_up": lambda s: _r("movement:follow_up", s.mv.registered.pk),
    "movement:review": lambda s: _r("movement:review", s.mv.registered.pk),
    "movement:decide": lambda s: _r("movement:decide", s.mv.reviewed.pk),
    "movement:propose": lambda s: _r("movement:propose", s.mv.recognised.pk),
    "movement:award": lambda s: _r("movement:award", s.mv.recognised.pk),
    "movement:replicate": lambda s: _r("movement:replicate", s.mv.recognised.pk),
    "movement:publicity": lambda s: _r("movement:publicity", s.mv.recognised.pk),
    "movement:file": lambda s: _r("movement:file", s.mv.recognised.pk, s.mv.photo_id),
    "movement:photo": lambda s: _r("movement:photo", s.mv.recognised.pk, s.mv.photo_id) + "?w=320",
    "portal:movement": lambda s: _r("portal:movement"),
    "portal:movement[?xa, linh-vuc, thon]": lambda s: (
        f"{_r('portal:movement')}?xa={s.world.commune.pk}&linh-vuc={s.mv.recognised.field_id}"
        f"&thon={s.world.village.pk}"
    ),
    "portal:movement_detail": lambda s: _r("portal:movement_detail", s.mv.recognised.pk),
    "portal:movement_detail[not recognised]": lambda s: _r(
        "portal:movement_detail", s.mv.reviewed.pk
    ),
    "portal:movement_photo": lambda s: _r(
        "portal:movement_photo", s.mv.recognised.pk, s.mv.photo_id
    ),
    "portal:movement_photo[not public]": lambda s: _r(
        "portal:movement_photo", s.mv.reviewed.pk, s.mv.photo_id
    ),
}


def _get(s: Scene, name: str, *fields: str) -> tuple[Any, ...]:
    p = Practice.objects.get(pk=getattr(s.mv, name).pk)
    return tuple(getattr(p, f) for f in fields)


REGISTRANT = {
    "officer_a": "office_a",
    "officer_b": "office_b",
    "front": "front_unit",
}


def _register(s: Scene, persona: str) -> dict[str, Any]:
    unit = getattr(s.world, REGISTRANT.get(persona, "village"))
    return {
        "registrant": unit.pk,
        "kind": "model",
        "name": "Mô hình mới",
        "field": s.mv.registered.field_id,
        "year": 2026,
        "starts_on": "2026-04-01",
        **REGISTRATION,
    }


def _review(s: Scene, persona: str) -> dict[str, Any]:
    return {f"cd-c{c.pk}": 10 for c in criteria_for("model")}


POST_ACTIONS: dict[str, PostAction] = {
    "movement:register[?xa=hong phong]": PostAction(
        data=_register, state=lambda s, c: Practice.objects.count()
    ),
    "movement:follow_up": PostAction(
        data=lambda s, p: {"td-on": "2026-06-15", "td-note": "Đã họp dân bàn cách làm."},
        state=lambda s, c: _get(s, "registered", "status"),
    ),
    "movement:review": PostAction(
        data=_review, state=lambda s, c: _get(s, "registered", "reviews_count", "score")
    ),
    "movement:decide": PostAction(
        data=lambda s, p: {
            "xet-recognised": "1",
            "xet-decision_number": "50/QĐ-UBND",
            "xet-decided_on": "2026-06-15",
        },
        state=lambda s, c: _get(s, "reviewed", "status"),
    ),
    "movement:propose": PostAction(
        data=lambda s, p: {
            "dn-level": RecognitionLevel.objects.get(code="tinh").pk,
            "dn-proposal_number": "12/TTr-UBND",
            "dn-proposed_on": "2026-06-15",
        },
        state=lambda s, c: _get(s, "recognised", "proposed_level_id"),
    ),
    "movement:award": PostAction(
        data=lambda s, p: {
            "kt-form": AwardForm.objects.get(code="giay-khen").pk,
            "kt-decision_number": "60/QĐ-UBND",
            "kt-decided_on": "2026-06-15",
            "kt-achievement": "Thành tích xuất sắc trong phong trào “Dân vận khéo”.",
        },
        state=lambda s, c: _get(s, "recognised", "award_id"),
    ),
    "movement:replicate": PostAction(
        data=lambda s, p: {
            "nr-adopter": "Thôn Hòa Bình",
            "nr-village": s.mv.other_village.pk,
            "nr-since": "2026-06-01",
        },
        state=lambda s, c: s.mv.recognised.replications.count(),
    ),
    "movement:publicity": PostAction(
        data=lambda s, p: {"public": "0"},
        state=lambda s, c: _get(s, "recognised", "public"),
    ),
}


@pytest.fixture
def scene(world: World, mv: Mv) -> Scene:
    return Scene(world, mv)


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)
    cells = {
        (f"{method} {case}", persona)
        for method, t in (("GET", GET_MATRIX), ("POST", POST_MATRIX))
        for case, row in t.items()
        for persona in row
    }
    assert set(KNOWN_BUGS) <= cells


def _body_problem(case: str) -> Callable[[Any], str | None] | None:
    return office_file if url_name(case) == "movement:export" else None


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    expect_get(GET_MATRIX, case, personas, URLS[case](scene), scene.client, _body_problem(case))


@pytest.mark.parametrize(("case", "personas"), rows(POST_MATRIX, "POST", KNOWN_BUGS))
def test_it_answers_post_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    expect_post(
        POST_MATRIX, case, personas, URLS[case](scene), scene, scene.client, POST_ACTIONS[case]
    )
