"""Every URL of dialogues and its public pages, requested as every persona.

The tables are the specification (docs/permissions.md, "Đối thoại"); how they are read and
checked is in danvan/testing/matrix.py. `draft` is to be announced, `announced` waits for its
attendance, `held` has a question and a commitment, `published` is on the portal; `other` is the
other commune's, whose officer (outsider) prepares there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import AuditEntry
from danvan.dialogues.models import Commitment, Dialogue, Question
from danvan.dialogues.tests.conftest import Dia
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
    #                                          anon chair offA  roA offB front vill prov outs admin
    "dialogues:index":                         (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "dialogues:index[?xa=other commune]":      (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "dialogues:create":                        (302, 200, 200, 403, 200, 403, 403, 403, 200, 200),
    "dialogues:create[?xa=hong phong]":        (302, 200, 200, 403, 200, 403, 403, 403, 404, 200),
    "dialogues:detail":                        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "dialogues:detail[other commune]":         (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "dialogues:edit":                          (302, 200, 200, 403, 200, 403, 403, 403, 404, 200),
    "dialogues:announce":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "dialogues:attendance":                    (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "dialogues:question":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "dialogues:commitment":                    (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "dialogues:publish":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "dialogues:minutes":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # The public side: only published results, to everybody.
    "portal:dialogues":                        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:dialogue":                         (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:dialogue[not published]":          (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
})

POST_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "dialogues:create[?xa=hong phong]":        (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "dialogues:edit":                          (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "dialogues:announce":                      (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "dialogues:attendance":                    (302, 302, 302, 403, 302, 302, 403, 403, 404, 302),
    "dialogues:question":                      (302, 302, 302, 403, 302, 302, 403, 403, 404, 302),
    "dialogues:commitment":                    (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "dialogues:publish":                       (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "dialogues:minutes":                       (302, 200, 200, 403, 200, 200, 403, 403, 404, 200),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    dia: Dia

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


URLS: dict[str, Callable[[Scene], str]] = {
    "dialogues:index": lambda s: _r("dialogues:index"),
    "dialogues:index[?xa=other commune]": lambda s: (
        f"{_r('dialogues:index')}?xa={s.world.other_commune.pk}"
    ),
    "dialogues:create": lambda s: _r("dialogues:create"),
    "dialogues:create[?xa=hong phong]": lambda s: (
        f"{_r('dialogues:create')}?xa={s.world.commune.pk}"
    ),
    "dialogues:detail": lambda s: _r("dialogues:detail", s.dia.held.pk),
    "dialogues:detail[other commune]": lambda s: _r("dialogues:detail", s.dia.other.pk),
    "dialogues:edit": lambda s: _r("dialogues:edit", s.dia.draft.pk),
    "dialogues:announce": lambda s: _r("dialogues:announce", s.dia.draft.pk),
    "dialogues:attendance": lambda s: _r("dialogues:attendance", s.dia.announced.pk),
    "dialogues:question": lambda s: _r("dialogues:question", s.dia.held.pk),
    "dialogues:commitment": lambda s: _r("dialogues:commitment", s.dia.held.pk),
    "dialogues:publish": lambda s: _r("dialogues:publish", s.dia.held.pk),
    "dialogues:minutes": lambda s: _r("dialogues:minutes", s.dia.held.pk),
    "portal:dialogues": lambda s: _r("portal:dialogues"),
    "portal:dialogue": lambda s: _r("portal:dialogue", s.dia.published.pk),
    "portal:dialogue[not published]": lambda s: _r("portal:dialogue", s.dia.held.pk),
}


def _d(s: Scene, name: str, *fields: str) -> tuple[Any, ...]:
    d = Dialogue.objects.get(pk=getattr(s.dia, name).pk)
    return tuple(getattr(d, f) for f in fields)


FORM = {
    "kind": "topic",
    "title": "Đối thoại về chuyển đổi cây trồng",
    "topic": "Chuyển đổi cây trồng năm 2027.",
    "held_on": "2026-07-30",
    "place": "Nhà văn hóa thôn Đoàn Kết",
    "chairs": "Phó Chủ tịch UBND xã",
}

POST_ACTIONS: dict[str, PostAction] = {
    "dialogues:create[?xa=hong phong]": PostAction(
        data=lambda s, p: FORM,
        state=lambda s, c: Dialogue.objects.count(),
    ),
    "dialogues:edit": PostAction(
        data=lambda s, p: {**FORM, "co_organiser": s.world.front_unit.pk},
        state=lambda s, c: _d(s, "draft", "title", "held_on"),
    ),
    "dialogues:announce": PostAction(
        data=lambda s, p: {"tb-notice_on": "2026-06-15", "tb-invited": "Các thôn"},
        state=lambda s, c: _d(s, "draft", "status", "notice_on"),
    ),
    "dialogues:attendance": PostAction(
        data=lambda s, p: {"dd-attendance_total": "90", "dd-officials_present": "Chủ tịch"},
        state=lambda s, c: _d(s, "announced", "status", "attendance_total"),
    ),
    "dialogues:question": PostAction(
        data=lambda s, p: {"yk-text": "Khi nào có điện đường?", "yk-village": s.world.village.pk},
        state=lambda s, c: Question.objects.count(),
    ),
    "dialogues:commitment": PostAction(
        data=lambda s, p: {
            "ck-title": "Lắp điện chiếu sáng thôn Đoàn Kết",
            "ck-owner_unit": s.world.office_b.pk,
            "ck-due_on": "2026-12-31",
            "ck-public": "on",
        },
        state=lambda s, c: Commitment.objects.count(),
    ),
    "dialogues:publish": PostAction(
        data=lambda s, p: {"cb-summary": "Hội nghị thành công.", "cb-published_on": "2026-06-15"},
        state=lambda s, c: _d(s, "held", "status", "published_on"),
    ),
    "dialogues:minutes": PostAction(
        data=lambda s, p: {},
        state=lambda s, c: AuditEntry.objects.filter(action="dialogues.minutes_generated").count(),
    ),
}


@pytest.fixture
def scene(world: World, dia: Dia) -> Scene:
    return Scene(world, dia)


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)
    cells = {
        (f"{method} {case}", persona)
        for method, t in (("GET", GET_MATRIX), ("POST", POST_MATRIX))
        for case, row in t.items()
        for persona in row
    }
    assert set(KNOWN_BUGS) <= cells


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
