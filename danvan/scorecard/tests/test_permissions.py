"""Every URL of the self-assessment requested as every persona.

The tables are the specification (docs/permissions.md, "Tự đánh giá"); how they are read and
checked is in danvan/testing/matrix.py. The office that scores is Văn phòng (officer_b's,
which receives petitions: Access.reception_communes); `draft` is Hồng Phong's 2026 assessment,
`submitted` its 2025 one; `other commune` is the outsider's commune's draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.scorecard.models import Assessment, Score
from danvan.scorecard.tests.conftest import Sc
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
    "scorecard:index":                         (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "scorecard:index[?xa=other commune]":      (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "scorecard:start":                         (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "scorecard:compare":                       (302, 403, 403, 403, 403, 403, 403, 200, 403, 403),
    "scorecard:compare_xlsx":                  (302, 403, 403, 403, 403, 403, 403, 200, 403, 403),
    "scorecard:assessment":                    (302, 200, 200, 200, 200, 200, 200, 403, 404, 200),
    "scorecard:assessment[submitted]":         (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "scorecard:assessment[other commune]":     (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "scorecard:save":                          (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "scorecard:submit":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "scorecard:reopen":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "scorecard:xlsx":                          (302, 200, 200, 200, 200, 200, 200, 403, 404, 200),
    "scorecard:xlsx[submitted]":               (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "scorecard:docx":                          (302, 200, 200, 200, 200, 200, 200, 403, 404, 200),
    "scorecard:docx[submitted]":               (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
})

POST_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "scorecard:start":                         (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "scorecard:save":                          (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "scorecard:submit":                        (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "scorecard:reopen":                        (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    sc: Sc

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


URLS: dict[str, Callable[[Scene], str]] = {
    "scorecard:index": lambda s: _r("scorecard:index"),
    "scorecard:index[?xa=other commune]": lambda s: (
        f"{_r('scorecard:index')}?xa={s.world.other_commune.pk}"
    ),
    "scorecard:start": lambda s: f"{_r('scorecard:start')}?xa={s.world.commune.pk}",
    "scorecard:compare": lambda s: f"{_r('scorecard:compare')}?nam=2025",
    "scorecard:compare_xlsx": lambda s: f"{_r('scorecard:compare_xlsx')}?nam=2025",
    "scorecard:assessment": lambda s: _r("scorecard:assessment", s.sc.draft.pk),
    "scorecard:assessment[submitted]": lambda s: _r("scorecard:assessment", s.sc.submitted.pk),
    "scorecard:assessment[other commune]": lambda s: _r("scorecard:assessment", s.sc.other.pk),
    "scorecard:save": lambda s: _r("scorecard:save", s.sc.draft.pk),
    "scorecard:submit": lambda s: _r("scorecard:submit", s.sc.draft.pk),
    "scorecard:reopen": lambda s: _r("scorecard:reopen", s.sc.submitted.pk),
    "scorecard:xlsx": lambda s: _r("scorecard:xlsx", s.sc.draft.pk),
    "scorecard:xlsx[submitted]": lambda s: _r("scorecard:xlsx", s.sc.submitted.pk),
    "scorecard:docx": lambda s: _r("scorecard:docx", s.sc.draft.pk),
    "scorecard:docx[submitted]": lambda s: _r("scorecard:docx", s.sc.submitted.pk),
}


def _first_criterion(s: Scene) -> int:
    return int(
        Score.objects.filter(assessment=s.sc.draft, criterion__kind="normal")
        .order_by("criterion__position")
        .values_list("criterion_id", flat=True)[0]
    )


def _status(s: Scene, name: str) -> str:
    return Assessment.objects.get(pk=getattr(s.sc, name).pk).status


POST_ACTIONS: dict[str, PostAction] = {
    "scorecard:start": PostAction(
        data=lambda s, p: {"year": 2027, "scorecard": s.sc.card.pk},
        state=lambda s, c: Assessment.objects.count(),
    ),
    "scorecard:save": PostAction(
        data=lambda s, p: {f"p_{_first_criterion(s)}": "2,5"},
        state=lambda s, c: list(Score.objects.order_by("pk").values_list("points", flat=True)),
    ),
    "scorecard:submit": PostAction(
        data=lambda s, p: {},
        state=lambda s, c: _status(s, "draft"),
    ),
    "scorecard:reopen": PostAction(
        data=lambda s, p: {"mo-reason": "Tỉnh đề nghị bổ sung minh chứng tiêu chí 2.1."},
        state=lambda s, c: _status(s, "submitted"),
    ),
}


@pytest.fixture
def scene(world: World, sc: Sc) -> Scene:
    return Scene(world, sc)


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
    return (
        office_file
        if url_name(case) in ("scorecard:xlsx", "scorecard:docx", "scorecard:compare_xlsx")
        else None
    )


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
