"""Every URL of study sessions requested as every persona.

The tables are the specification (docs/permissions.md, "Học tập, tuyên truyền"); how they are
read and checked is in danvan/testing/matrix.py. officer_a's Phòng VH-XH organises `held` and
`planned`; officer_b's office receives petitions (it plans and records every session); the
Front plans its own; `other commune` is the outsider's commune, where he is an officer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import Attachment
from danvan.study.models import StudySession
from danvan.study.tests.conftest import St, pdf
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
    #                                    anon chair offA  roA offB front vill prov outs admin
    "study:index":                       (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "study:index[?xa=other commune]":    (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "study:export":                      (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "study:export[?xa=other commune]":   (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "study:create":                      (302, 200, 200, 403, 200, 200, 403, 403, 200, 200),
    "study:create[?xa=hong phong]":      (302, 200, 200, 403, 200, 200, 403, 403, 404, 200),
    "study:detail":                      (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "study:detail[other commune]":       (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "study:edit":                        (302, 200, 200, 403, 200, 403, 403, 403, 404, 200),
    "study:held":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "study:cancel":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "study:materials":                   (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "study:photo":                       (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "study:attendance":                  (302, 200, 200, 403, 200, 403, 403, 403, 404, 200),
    "study:attendance[planned]":         (302, 403, 403, 403, 403, 403, 403, 403, 404, 403),
    "study:document":                    (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "study:document[?xa=other commune]": (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "study:summary":                     (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "study:summary_xlsx":                (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "study:summary_xlsx[?xa=hong phong]":(302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
})

POST_MATRIX: Matrix = table({
    #                                    anon chair offA  roA offB front vill prov outs admin
    "study:create[?xa=hong phong]":      (302, 302, 302, 403, 302, 302, 403, 403, 404, 302),
    "study:edit":                        (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "study:held":                        (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "study:cancel":                      (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "study:materials":                   (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "study:attendance":                  (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    st: St

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


def _xa(name: str, s: Scene, *args: object, other: bool = False) -> str:
    commune = s.world.other_commune if other else s.world.commune
    return f"{_r(name, *args)}?xa={commune.pk}"


URLS: dict[str, Callable[[Scene], str]] = {
    "study:index": lambda s: _r("study:index"),
    "study:index[?xa=other commune]": lambda s: _xa("study:index", s, other=True),
    "study:export": lambda s: f"{_r('study:export')}?nam=2026",
    "study:export[?xa=other commune]": lambda s: _xa("study:export", s, other=True),
    "study:create": lambda s: _r("study:create"),
    "study:create[?xa=hong phong]": lambda s: _xa("study:create", s),
    "study:detail": lambda s: _r("study:detail", s.st.held.pk),
    "study:detail[other commune]": lambda s: _r("study:detail", s.st.other.pk),
    "study:edit": lambda s: _r("study:edit", s.st.planned.pk),
    "study:held": lambda s: _r("study:held", s.st.planned.pk),
    "study:cancel": lambda s: _r("study:cancel", s.st.planned.pk),
    "study:materials": lambda s: _r("study:materials", s.st.held.pk),
    "study:photo": lambda s: f"{_r('study:photo', s.st.held.pk, s.st.photo.pk)}?w=320",
    "study:attendance": lambda s: _r("study:attendance", s.st.held.pk),
    "study:attendance[planned]": lambda s: _r("study:attendance", s.st.planned.pk),
    "study:document": lambda s: _r("study:document", s.st.law.pk),
    "study:document[?xa=other commune]": lambda s: _xa(
        "study:document", s, s.st.law.pk, other=True
    ),
    "study:summary": lambda s: _r("study:summary"),
    "study:summary_xlsx": lambda s: f"{_r('study:summary_xlsx')}?nam=2026",
    "study:summary_xlsx[?xa=hong phong]": lambda s: _xa("study:summary_xlsx", s),
}


def _session(s: Scene, name: str, *fields: str) -> tuple[Any, ...]:
    found = StudySession.objects.get(pk=getattr(s.st, name).pk)
    return tuple(getattr(found, f) for f in fields)


def _organiser(s: Scene, persona: str) -> int:
    units = {"officer_b": s.world.office_b, "front": s.world.front_unit}
    return units.get(persona, s.world.office_a).pk


def _attendance(s: Scene, p: str) -> dict[str, Any]:
    w = s.world
    units = sorted([w.office_a, w.office_b, w.front_unit], key=lambda u: (u.kind, u.name))
    data: dict[str, Any] = {"dd-TOTAL_FORMS": len(units), "dd-INITIAL_FORMS": len(units)}
    for i, u in enumerate(units):
        data[f"dd-{i}-unit"] = u.pk
        data[f"dd-{i}-expected"] = 10 if u == w.office_a else ""
        data[f"dd-{i}-present"] = 9 if u == w.office_a else ""
    return data


POST_ACTIONS: dict[str, PostAction] = {
    "study:create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "title": "Phổ biến Luật Thực hiện dân chủ ở cơ sở",
            "kind": "law",
            "audience": "officials",
            "organiser": _organiser(s, p),
            "place": "Hội trường UBND xã",
            "planned_on": "20/07/2026",
            "documents": [s.st.law.pk],
        },
        state=lambda s, c: StudySession.objects.count(),
    ),
    "study:edit": PostAction(
        data=lambda s, p: {
            "title": "Tuyên truyền Chỉ thị 33/CT-TTg tại thôn",
            "kind": "outreach",
            "audience": "villagers",
            "organiser": s.world.office_a.pk,
            "place": "Nhà văn hóa thôn Đoàn Kết",
            "planned_on": "25/06/2026",
            "village": s.world.village.pk,
            "documents": [s.st.directive.pk],
        },
        state=lambda s, c: _session(s, "planned", "title", "place"),
    ),
    "study:held": PostAction(
        data=lambda s, p: {"tc-held_on": "15/06/2026"},
        state=lambda s, c: _session(s, "planned", "status"),
    ),
    "study:cancel": PostAction(
        data=lambda s, p: {"huy-reason": "Trùng lịch tiếp xúc cử tri"},
        state=lambda s, c: _session(s, "planned", "status"),
    ),
    "study:materials": PostAction(
        data=lambda s, p: {"tl-uploads": pdf()},
        state=lambda s, c: Attachment.objects.count(),
    ),
    "study:attendance": PostAction(
        data=_attendance,
        state=lambda s, c: _session(s, "held", "present_total", "expected_total"),
    ),
}


@pytest.fixture
def scene(world: World, st: St) -> Scene:
    return Scene(world, st)


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)


def _body_problem(case: str) -> Callable[[Any], str | None] | None:
    return office_file if url_name(case) in ("study:export", "study:summary_xlsx") else None


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
