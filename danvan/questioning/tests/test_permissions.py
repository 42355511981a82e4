"""Every URL of council questioning and its public pages, requested as every persona.

The tables are the specification (docs/permissions.md, "Chất vấn"); how they are read and
checked is in danvan/testing/matrix.py. officer_b is the office (Văn phòng HĐND và UBND) that
keeps the sessions; office A (officer_a) is the respondent of `answered` and `writing`; `other`
records belong to the other commune, whose officer is outsider.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.questioning.models import CouncilSession, Pledge, PledgeReport, Question
from danvan.questioning.tests.conftest import Council
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
    #                                               anon chair offA  roA offB front vill prov outs admin
    "questioning:index":                            (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "questioning:index[?xa=other commune]":         (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "questioning:mine":                             (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "questioning:session_create":                   (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "questioning:session_create[?xa=hong phong]":   (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "questioning:session":                          (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "questioning:session[other commune]":           (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "questioning:question_create":                  (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "questioning:question":                         (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "questioning:question[other commune]":          (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "questioning:question_answer":                  (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "questioning:question_to_writing":              (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "questioning:pledge_create":                    (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "questioning:report_docx":                      (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "questioning:report_docx[no pledge]":           (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "questioning:report_xlsx":                      (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "questioning:report_file":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # The public side: sessions, questions, answers and public pledges, to everybody.
    "portal:questioning":                           (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:questioning_session":                   (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:questioning_session[missing]":          (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
})

POST_MATRIX: Matrix = table({
    #                                               anon chair offA  roA offB front vill prov outs admin
    "questioning:session_create[?xa=hong phong]":   (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "questioning:question_create":                  (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "questioning:question_answer":                  (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "questioning:question_to_writing":              (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "questioning:pledge_create":                    (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "questioning:report_file":                      (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    council: Council

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


URLS: dict[str, Callable[[Scene], str]] = {
    "questioning:index": lambda s: _r("questioning:index"),
    "questioning:index[?xa=other commune]": lambda s: (
        f"{_r('questioning:index')}?xa={s.world.other_commune.pk}"
    ),
    "questioning:mine": lambda s: _r("questioning:mine"),
    "questioning:session_create": lambda s: _r("questioning:session_create"),
    "questioning:session_create[?xa=hong phong]": lambda s: (
        f"{_r('questioning:session_create')}?xa={s.world.commune.pk}"
    ),
    "questioning:session": lambda s: _r("questioning:session", s.council.session.pk),
    "questioning:session[other commune]": lambda s: _r(
        "questioning:session", s.council.other_session.pk
    ),
    "questioning:question_create": lambda s: _r(
        "questioning:question_create", s.council.session.pk
    ),
    "questioning:question": lambda s: _r("questioning:question", s.council.writing.pk),
    "questioning:question[other commune]": lambda s: _r(
        "questioning:question", s.council.other_question.pk
    ),
    "questioning:question_answer": lambda s: _r(
        "questioning:question_answer", s.council.writing.pk
    ),
    "questioning:question_to_writing": lambda s: _r(
        "questioning:question_to_writing", s.council.waiting.pk
    ),
    "questioning:pledge_create": lambda s: _r("questioning:pledge_create", s.council.answered.pk),
    "questioning:report_docx": lambda s: _r(
        "questioning:report_docx", s.council.session.pk, s.world.office_a.pk
    ),
    "questioning:report_docx[no pledge]": lambda s: _r(
        "questioning:report_docx", s.council.session.pk, s.world.office_b.pk
    ),
    "questioning:report_xlsx": lambda s: _r(
        "questioning:report_xlsx", s.council.session.pk, s.world.office_a.pk
    ),
    "questioning:report_file": lambda s: _r(
        "questioning:report_file", s.council.session.pk, s.world.office_a.pk
    ),
    "portal:questioning": lambda s: _r("portal:questioning"),
    "portal:questioning_session": lambda s: _r("portal:questioning_session", s.council.session.pk),
    "portal:questioning_session[missing]": lambda s: _r("portal:questioning_session", 99999),
}


def _question(s: Scene, name: str, *fields: str) -> tuple[Any, ...]:
    q = Question.objects.get(pk=getattr(s.council, name).pk)
    return tuple(getattr(q, f) for f in fields)


POST_ACTIONS: dict[str, PostAction] = {
    "questioning:session_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "term": "khóa I, nhiệm kỳ 2026–2031",
            "number": "5",
            "kind": "regular",
            "opens_on": "2026-12-15",
            "closes_on": "2026-12-16",
        },
        state=lambda s, c: CouncilSession.objects.count(),
    ),
    "questioning:question_create": PostAction(
        data=lambda s, p: {
            "delegate": "Vy Văn Sơn",
            "respondent_unit": s.world.office_a.pk,
            "respondent_title": "Trưởng phòng Văn hóa - Xã hội",
            "content": "Khi nào sửa xong nhà văn hóa?",
            "asked_on": "2026-06-09",
            "mode": "writing",
        },
        state=lambda s, c: Question.objects.count(),
    ),
    "questioning:question_answer": PostAction(
        data=lambda s, p: {
            "tl-answered_on": "2026-06-15",
            "tl-answer": "Phòng đã lập dự toán, khởi công tháng 8.",
        },
        state=lambda s, c: _question(s, "writing", "answered_on", "answer"),
    ),
    "questioning:question_to_writing": PostAction(
        data=lambda s, p: {},
        state=lambda s, c: _question(s, "waiting", "mode", "due_on"),
    ),
    "questioning:pledge_create": PostAction(
        data=lambda s, p: {
            "lh-title": "Chi trả đúng hạn từ quý III",
            "lh-owner_unit": s.world.office_a.pk,
            "lh-due_on": "2026-10-31",
            "lh-public": "on",
        },
        state=lambda s, c: Pledge.objects.count(),
    ),
    "questioning:report_file": PostAction(
        data=lambda s, p: {f"bc{s.world.office_a.pk}-on": "2026-06-15"},
        state=lambda s, c: list(PledgeReport.objects.values_list("filed_on", flat=True)),
    ),
}


@pytest.fixture
def scene(world: World, council: Council) -> Scene:
    return Scene(world, council)


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
    if url_name(case) in ("questioning:report_docx", "questioning:report_xlsx"):
        return office_file
    return None


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    expect_get(
        GET_MATRIX,
        case,
        personas,
        URLS[case](scene),
        lambda p: scene.client(p),
        _body_problem(case),
    )


@pytest.mark.parametrize(("case", "personas"), rows(POST_MATRIX, "POST", KNOWN_BUGS))
def test_it_answers_post_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    url = URLS[case](scene)
    expect_post(
        POST_MATRIX, case, personas, url, scene, lambda p: scene.client(p), POST_ACTIONS[case]
    )
