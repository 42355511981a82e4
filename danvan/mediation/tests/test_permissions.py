"""Every URL of mediation requested as every persona.

The tables are the specification (docs/permissions.md, "Hòa giải ở cơ sở"); how they are read
and checked is in danvan/testing/matrix.py. The village head heads Thôn Đoàn Kết, whose team
holds `waiting`, `started` and `success`; `other village` is Thôn Hòa Bình's case; `other
commune` records belong to the outsider's commune, where he is an officer (he manages it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import Unit
from danvan.mediation.models import MediationCase, MediationTeam, Mediator
from danvan.mediation.tests.conftest import Med
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
    "mediation:index":                         (302, 200, 200, 200, 200, 200, 200, 302, 200, 200),
    "mediation:index[?xa=other commune]":      (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "mediation:team_create":                   (302, 200, 200, 403, 200, 200, 403, 403, 200, 200),
    "mediation:team_create[?xa=hong phong]":   (302, 200, 200, 403, 200, 200, 403, 403, 404, 200),
    "mediation:team":                          (302, 200, 200, 200, 200, 200, 200, 403, 404, 200),
    "mediation:team[other commune]":           (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "mediation:mediator_add":                  (302, 200, 200, 403, 200, 200, 403, 403, 404, 200),
    "mediation:mediator_leave":                (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "mediation:cases":                         (302, 200, 200, 403, 200, 200, 200, 403, 200, 200),
    "mediation:cases[?xa=hong phong]":         (302, 200, 200, 403, 200, 200, 200, 403, 404, 200),
    "mediation:case_create":                   (302, 200, 200, 403, 200, 403, 200, 403, 200, 200),
    "mediation:case_create[?xa=hong phong]":   (302, 200, 200, 403, 200, 403, 200, 403, 404, 200),
    "mediation:case":                          (302, 200, 200, 403, 200, 200, 200, 403, 404, 200),
    "mediation:case[other village]":           (302, 200, 200, 403, 200, 200, 403, 403, 404, 200),
    "mediation:case[other commune]":           (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "mediation:case_start":                    (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "mediation:case_outcome":                  (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "mediation:case_kept":                     (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "mediation:case_link":                     (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "mediation:ledger":                        (302, 200, 200, 403, 200, 200, 200, 403, 200, 200),
    "mediation:ledger[?xa=hong phong]":        (302, 200, 200, 403, 200, 200, 200, 403, 404, 200),
    "mediation:figures":                       (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "mediation:figures[?xa=hong phong]":       (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
})

POST_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "mediation:team_create[?xa=hong phong]":   (302, 302, 302, 403, 302, 302, 403, 403, 404, 302),
    "mediation:mediator_add":                  (302, 302, 302, 403, 302, 302, 403, 403, 404, 302),
    "mediation:mediator_leave":                (302, 302, 302, 403, 302, 302, 403, 403, 404, 302),
    "mediation:case_create[?xa=hong phong]":   (302, 302, 302, 403, 302, 403, 302, 403, 404, 302),
    "mediation:case_start":                    (302, 302, 302, 403, 302, 403, 302, 403, 404, 302),
    "mediation:case_outcome":                  (302, 302, 302, 403, 302, 403, 302, 403, 404, 302),
    "mediation:case_kept":                     (302, 302, 302, 403, 302, 403, 302, 403, 404, 302),
    "mediation:case_link":                     (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    med: Med
    free_village: Unit  # a village of Hồng Phong without a team yet

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


def _xa(name: str, s: Scene) -> str:
    return f"{_r(name)}?xa={s.world.commune.pk}"


URLS: dict[str, Callable[[Scene], str]] = {
    "mediation:index": lambda s: _r("mediation:index"),
    "mediation:index[?xa=other commune]": lambda s: (
        f"{_r('mediation:index')}?xa={s.world.other_commune.pk}"
    ),
    "mediation:team_create": lambda s: _r("mediation:team_create"),
    "mediation:team_create[?xa=hong phong]": lambda s: _xa("mediation:team_create", s),
    "mediation:team": lambda s: _r("mediation:team", s.med.team.pk),
    "mediation:team[other commune]": lambda s: _r("mediation:team", s.med.other_team.pk),
    "mediation:mediator_add": lambda s: _r("mediation:mediator_add", s.med.team.pk),
    "mediation:mediator_leave": lambda s: _r(
        "mediation:mediator_leave", s.med.team.pk, s.med.mediator.pk
    ),
    "mediation:cases": lambda s: _r("mediation:cases"),
    "mediation:cases[?xa=hong phong]": lambda s: _xa("mediation:cases", s),
    "mediation:case_create": lambda s: _r("mediation:case_create"),
    "mediation:case_create[?xa=hong phong]": lambda s: _xa("mediation:case_create", s),
    "mediation:case": lambda s: _r("mediation:case", s.med.waiting.pk),
    "mediation:case[other village]": lambda s: _r("mediation:case", s.med.other_village_case.pk),
    "mediation:case[other commune]": lambda s: _r("mediation:case", s.med.other_case.pk),
    "mediation:case_start": lambda s: _r("mediation:case_start", s.med.waiting.pk),
    "mediation:case_outcome": lambda s: _r("mediation:case_outcome", s.med.started.pk),
    "mediation:case_kept": lambda s: _r("mediation:case_kept", s.med.success.pk),
    "mediation:case_link": lambda s: _r("mediation:case_link", s.med.success.pk),
    "mediation:ledger": lambda s: f"{_r('mediation:ledger')}?nam=2026",
    "mediation:ledger[?xa=hong phong]": lambda s: f"{_xa('mediation:ledger', s)}&nam=2026",
    "mediation:figures": lambda s: _r("mediation:figures"),
    "mediation:figures[?xa=hong phong]": lambda s: _xa("mediation:figures", s),
}


def _case(s: Scene, name: str, *fields: str) -> tuple[Any, ...]:
    case = MediationCase.objects.get(pk=getattr(s.med, name).pk)
    return tuple(getattr(case, f) for f in fields)


POST_ACTIONS: dict[str, PostAction] = {
    "mediation:team_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {"name": "Tổ hòa giải thôn Tân Tiến", "village": s.free_village.pk},
        state=lambda s, c: MediationTeam.objects.count(),
    ),
    "mediation:mediator_add": PostAction(
        data=lambda s, p: {"full_name": "Hoàng Văn Mới", "role": Mediator.Role.MEMBER},
        state=lambda s, c: Mediator.objects.count(),
    ),
    "mediation:mediator_leave": PostAction(
        data=lambda s, p: {},
        state=lambda s, c: Mediator.objects.get(pk=s.med.mediator.pk).active,
    ),
    "mediation:case_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "team": s.med.team.pk,
            "received_on": "2026-06-15",
            "mediators": [s.med.leader.pk],
            "parties": "Ông A, 40 tuổi; bà B, 38 tuổi",
            "matter": s.med.waiting.matter_id,
            "summary": "Tranh chấp ranh giới đất vườn.",
        },
        state=lambda s, c: MediationCase.objects.count(),
    ),
    "mediation:case_start": PostAction(
        data=lambda s, p: {
            "bd-started_on": "2026-06-15",
            "bd-start_note": "Các bên hẹn hòa giải sau ngày mùa.",
        },
        state=lambda s, c: _case(s, "waiting", "started_on"),
    ),
    "mediation:case_outcome": PostAction(
        data=lambda s, p: {
            "kq-outcome": "failed",
            "kq-outcome_on": "2026-06-15",
            "kq-agreement": "Bên A yêu cầu bồi thường; bên B không đồng ý.",
        },
        state=lambda s, c: _case(s, "started", "outcome"),
    ),
    "mediation:case_kept": PostAction(
        data=lambda s, p: {"th-agreement_kept": "yes", "th-kept_checked_on": "2026-06-15"},
        state=lambda s, c: _case(s, "success", "agreement_kept"),
    ),
    "mediation:case_link": PostAction(
        data=lambda s, p: {"don-code": "15/2026"},
        state=lambda s, c: _case(s, "success", "petition_id"),
    ),
}


@pytest.fixture
def scene(world: World, med: Med) -> Scene:
    free = Unit.objects.create(kind=Unit.Kind.VILLAGE, name="Thôn Tân Tiến", parent=world.commune)
    return Scene(world, med, free)


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
    return office_file if url_name(case) == "mediation:ledger" else None


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
