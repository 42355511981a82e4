"""Every URL of public opinion requested as every persona.

The tables are the specification (docs/permissions.md, "Dư luận xã hội"); how they are read and
checked is in danvan/testing/matrix.py. The village head heads Thôn Đoàn Kết, which reported
`village`; `front` is the Front's note, `handled` office A's (handled, so no longer edited);
`other commune` belongs to the outsider's commune. officer_b works in the office that keeps the
petition book (Văn phòng): with the leaders and the administrator he reads every note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.opinion import services
from danvan.opinion.models import OpinionNote
from danvan.opinion.tests.conftest import Op, source, topic
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
    #                                      anon chair offA  roA offB front vill prov outs admin
    "opinion:index":                       (302, 200, 200, 403, 200, 200, 200, 403, 200, 200),
    "opinion:index[?xa=hong phong]":       (302, 200, 200, 403, 200, 200, 200, 403, 404, 200),
    "opinion:index[?xa=other commune]":    (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "opinion:export":                      (302, 200, 200, 403, 200, 200, 200, 403, 200, 200),
    "opinion:export[?xa=hong phong]":      (302, 200, 200, 403, 200, 200, 200, 403, 404, 200),
    "opinion:create":                      (302, 200, 200, 403, 200, 200, 200, 403, 200, 200),
    "opinion:create[?xa=hong phong]":      (302, 200, 200, 403, 200, 200, 200, 403, 404, 200),
    "opinion:detail":                      (302, 200, 403, 403, 200, 403, 200, 403, 404, 200),
    "opinion:detail[front]":               (302, 200, 403, 403, 200, 200, 403, 403, 404, 200),
    "opinion:detail[handled]":             (302, 200, 200, 403, 200, 403, 403, 403, 404, 200),
    "opinion:detail[other commune]":       (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "opinion:edit":                        (302, 200, 403, 403, 200, 403, 200, 403, 404, 200),
    "opinion:edit[front]":                 (302, 200, 403, 403, 200, 200, 403, 403, 404, 200),
    "opinion:edit[handled]":               (302, 403, 403, 403, 403, 403, 403, 403, 404, 403),
    "opinion:link":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "opinion:unlink":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "opinion:hotspot":                     (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "opinion:handle":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "opinion:month":                       (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "opinion:month[?xa=hong phong]":       (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "opinion:month_docx":                  (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "opinion:month_xlsx":                  (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
})

POST_MATRIX: Matrix = table({
    #                                      anon chair offA  roA offB front vill prov outs admin
    "opinion:create[?xa=hong phong]":      (302, 302, 302, 403, 302, 302, 302, 403, 404, 302),
    "opinion:edit":                        (302, 302, 403, 403, 302, 403, 302, 403, 404, 302),
    "opinion:link":                        (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "opinion:unlink":                      (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "opinion:hotspot":                     (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "opinion:handle":                      (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    op: Op

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


def _xa(name: str, s: Scene, commune: Any = None) -> str:
    return f"{_r(name)}?xa={(commune or s.world.commune).pk}"


def _month(name: str) -> Callable[[Scene], str]:
    return lambda s: f"{_r(name)}?thang=2026-11"


URLS: dict[str, Callable[[Scene], str]] = {
    "opinion:index": lambda s: _r("opinion:index"),
    "opinion:index[?xa=hong phong]": lambda s: _xa("opinion:index", s),
    "opinion:index[?xa=other commune]": lambda s: _xa("opinion:index", s, s.world.other_commune),
    "opinion:export": lambda s: _r("opinion:export"),
    "opinion:export[?xa=hong phong]": lambda s: _xa("opinion:export", s),
    "opinion:create": lambda s: _r("opinion:create"),
    "opinion:create[?xa=hong phong]": lambda s: _xa("opinion:create", s),
    "opinion:detail": lambda s: _r("opinion:detail", s.op.village_note.pk),
    "opinion:detail[front]": lambda s: _r("opinion:detail", s.op.front_note.pk),
    "opinion:detail[handled]": lambda s: _r("opinion:detail", s.op.office_note.pk),
    "opinion:detail[other commune]": lambda s: _r("opinion:detail", s.op.other_commune_note.pk),
    "opinion:edit": lambda s: _r("opinion:edit", s.op.village_note.pk),
    "opinion:edit[front]": lambda s: _r("opinion:edit", s.op.front_note.pk),
    "opinion:edit[handled]": lambda s: _r("opinion:edit", s.op.office_note.pk),
    "opinion:link": lambda s: _r("opinion:link", s.op.village_note.pk),
    "opinion:unlink": lambda s: _r("opinion:unlink", s.op.front_note.pk, s.op.petition.pk),
    "opinion:hotspot": lambda s: _r("opinion:hotspot", s.op.village_note.pk),
    "opinion:handle": lambda s: _r("opinion:handle", s.op.village_note.pk),
    "opinion:month": _month("opinion:month"),
    "opinion:month[?xa=hong phong]": lambda s: f"{_xa('opinion:month', s)}&thang=2026-11",
    "opinion:month_docx": _month("opinion:month_docx"),
    "opinion:month_xlsx": _month("opinion:month_xlsx"),
}


def _note(s: Scene, name: str, *fields: str) -> tuple[Any, ...]:
    note = OpinionNote.objects.get(pk=getattr(s.op, name).pk)
    return tuple(getattr(note, f) for f in fields)


def _reporting(s: Scene, persona: str) -> int:
    w = s.world
    return {"officer_a": w.office_a, "front": w.front_unit}.get(persona, w.village).pk


POST_ACTIONS: dict[str, PostAction] = {
    "opinion:create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "noted_on": "2026-11-20",
            "topic": topic("dat-dai").pk,
            "village": s.world.village.pk,
            "source_kind": source("thon").pk,
            "reporting_unit": _reporting(s, p),
            "content": "Bà con hỏi về cấp giấy chứng nhận quyền sử dụng đất.",
            "urgency": "normal",
            "trend": "new",
        },
        state=lambda s, c: OpinionNote.objects.count(),
    ),
    "opinion:edit": PostAction(
        data=lambda s, p: {
            "noted_on": "2026-11-18",
            "topic": topic("moi-truong").pk,
            "village": s.world.village.pk,
            "source_kind": source("thon").pk,
            "reporting_unit": s.world.village.pk,
            "content": "Bà con đã bớt bức xúc sau khi xã xuống kiểm tra.",
            "urgency": "attention",
            "trend": "falling",
        },
        state=lambda s, c: _note(s, "village_note", "trend", "urgency"),
    ),
    "opinion:link": PostAction(
        data=lambda s, p: {"don-code": "15/2026"},
        state=lambda s, c: list(
            OpinionNote.objects.get(pk=s.op.village_note.pk).petitions.values_list("pk")
        ),
    ),
    "opinion:unlink": PostAction(
        data=lambda s, p: {},
        state=lambda s, c: list(
            OpinionNote.objects.get(pk=s.op.front_note.pk).petitions.values_list("pk")
        ),
    ),
    "opinion:hotspot": PostAction(
        data=lambda s, p: {"dn-hotspot_topic": "environment"},
        state=lambda s, c: _note(s, "village_note", "hotspot_topic"),
    ),
    "opinion:handle": PostAction(
        data=lambda s, p: {"xl-handled_on": "2026-11-20", "xl-handling": "Đã kiểm tra trại lợn."},
        state=lambda s, c: _note(s, "village_note", "status"),
    ),
}


@pytest.fixture
def scene(world: World, op: Op) -> Scene:
    services.note_link_petition(note=op.front_note, by=world.chairman, code="15/2026")
    return Scene(world, op)


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
    name = url_name(case)
    return (
        office_file
        if name in {"opinion:export", "opinion:month_docx", "opinion:month_xlsx"}
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
