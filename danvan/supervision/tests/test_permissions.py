"""Every URL of supervision and its public pages, requested as every persona.

The tables are the specification (docs/permissions.md, "Giám sát"); how they are read and
checked is in danvan/testing/matrix.py. `sent` waits for an owner, `assigned` is office A's to
answer, `answered` is answered and published; `other` records belong to the other commune,
whose officer (outsider) is also a Front official there.
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
from danvan.supervision.models import Activity, Board, BoardMember, Recommendation
from danvan.supervision.tests.conftest import PDF, Sup, pdf
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
    "supervision:index":                            (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "supervision:index[?xa=other commune]":         (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "supervision:board_create":                     (302, 403, 403, 403, 403, 200, 403, 403, 200, 200),
    "supervision:board_create[?xa=hong phong]":     (302, 403, 403, 403, 403, 200, 403, 403, 404, 200),
    "supervision:board":                            (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "supervision:board[other commune]":             (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "supervision:member_add":                       (302, 403, 403, 403, 403, 200, 403, 403, 404, 200),
    "supervision:activity_create":                  (302, 403, 403, 403, 403, 200, 403, 403, 200, 403),
    "supervision:activity_create[?xa=hong phong]":  (302, 403, 403, 403, 403, 200, 403, 403, 404, 403),
    "supervision:activity":                         (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "supervision:activity[other commune]":          (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "supervision:activity_files":                   (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "supervision:recommendation_create":            (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "supervision:recommendations":                  (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "supervision:recommendation":                   (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "supervision:recommendation[other commune]":    (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "supervision:recommendation_assign":            (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "supervision:recommendation_answer":            (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "supervision:recommendation_publish":           (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "supervision:recommendations_xlsx":             (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "supervision:recommendations_xlsx[?xa=hong phong]": (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    # The public side: only what a leader published, to everybody.
    "portal:supervision":                           (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:supervision_detail":                    (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:supervision_detail[not published]":     (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "portal:supervision_file":                      (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:supervision_file[minutes]":             (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
})

POST_MATRIX: Matrix = table({
    #                                               anon chair offA  roA offB front vill prov outs admin
    "supervision:board_create[?xa=hong phong]":     (302, 403, 403, 403, 403, 302, 403, 403, 404, 302),
    "supervision:member_add":                       (302, 403, 403, 403, 403, 302, 403, 403, 404, 302),
    "supervision:activity_create[?xa=hong phong]":  (302, 403, 403, 403, 403, 302, 403, 403, 404, 403),
    "supervision:activity_files":                   (302, 403, 403, 403, 403, 302, 403, 403, 404, 403),
    "supervision:recommendation_create":            (302, 403, 403, 403, 403, 302, 403, 403, 404, 403),
    "supervision:recommendation_assign":            (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "supervision:recommendation_answer":            (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "supervision:recommendation_publish":           (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    sup: Sup

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


URLS: dict[str, Callable[[Scene], str]] = {
    "supervision:index": lambda s: _r("supervision:index"),
    "supervision:index[?xa=other commune]": lambda s: (
        f"{_r('supervision:index')}?xa={s.world.other_commune.pk}"
    ),
    "supervision:board_create": lambda s: _r("supervision:board_create"),
    "supervision:board_create[?xa=hong phong]": lambda s: (
        f"{_r('supervision:board_create')}?xa={s.world.commune.pk}"
    ),
    "supervision:board": lambda s: _r("supervision:board", s.sup.board.pk),
    "supervision:board[other commune]": lambda s: _r("supervision:board", s.sup.other_board.pk),
    "supervision:member_add": lambda s: _r("supervision:member_add", s.sup.board.pk),
    "supervision:activity_create": lambda s: _r("supervision:activity_create"),
    "supervision:activity_create[?xa=hong phong]": lambda s: (
        f"{_r('supervision:activity_create')}?xa={s.world.commune.pk}"
    ),
    "supervision:activity": lambda s: _r("supervision:activity", s.sup.activity.pk),
    "supervision:activity[other commune]": lambda s: _r(
        "supervision:activity", s.sup.other_activity.pk
    ),
    "supervision:activity_files": lambda s: _r("supervision:activity_files", s.sup.activity.pk),
    "supervision:recommendation_create": lambda s: _r(
        "supervision:recommendation_create", s.sup.activity.pk
    ),
    "supervision:recommendations": lambda s: _r("supervision:recommendations"),
    "supervision:recommendation": lambda s: _r("supervision:recommendation", s.sup.assigned.pk),
    "supervision:recommendation[other commune]": lambda s: _r(
        "supervision:recommendation", s.sup.other_rec.pk
    ),
    "supervision:recommendation_assign": lambda s: _r(
        "supervision:recommendation_assign", s.sup.sent.pk
    ),
    "supervision:recommendation_answer": lambda s: _r(
        "supervision:recommendation_answer", s.sup.assigned.pk
    ),
    "supervision:recommendation_publish": lambda s: _r(
        "supervision:recommendation_publish", s.sup.assigned.pk
    ),
    "supervision:recommendations_xlsx": lambda s: (
        f"{_r('supervision:recommendations_xlsx')}?nam=2026"
    ),
    "supervision:recommendations_xlsx[?xa=hong phong]": lambda s: (
        f"{_r('supervision:recommendations_xlsx')}?nam=2026&xa={s.world.commune.pk}"
    ),
    "portal:supervision": lambda s: _r("portal:supervision"),
    "portal:supervision_detail": lambda s: _r("portal:supervision_detail", s.sup.answered.pk),
    "portal:supervision_detail[not published]": lambda s: _r(
        "portal:supervision_detail", s.sup.assigned.pk
    ),
    "portal:supervision_file": lambda s: _r(
        "portal:supervision_file", s.sup.answered.pk, s.sup.answer_file.pk
    ),
    "portal:supervision_file[minutes]": lambda s: _r(
        "portal:supervision_file",
        s.sup.answered.pk,
        Attachment.objects.get(owner_type__model="activity", owner_id=s.sup.activity.pk).pk,
    ),
}


def _rec(s: Scene, name: str, *fields: str) -> tuple[Any, ...]:
    rec = Recommendation.objects.get(pk=getattr(s.sup, name).pk)
    return tuple(getattr(rec, f) for f in fields)


POST_ACTIONS: dict[str, PostAction] = {
    "supervision:board_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "kind": Board.Kind.INVESTMENT,
            "name": "Ban Giám sát đầu tư của cộng đồng thôn Đoàn Kết",
            "organiser": s.world.front_unit.pk,
            "village": s.world.village.pk,
            "term_start": "2026-01-01",
        },
        state=lambda s, c: Board.objects.count(),
    ),
    "supervision:member_add": PostAction(
        data=lambda s, p: {
            "full_name": "Hoàng Văn Mới",
            "role": "member",
            "term_from": "2026-01-01",
        },
        state=lambda s, c: BoardMember.objects.count(),
    ),
    "supervision:activity_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "board": s.sup.board.pk,
            "subject_kind": s.sup.activity.subject_kind_id,
            "subject": "Chi trả trợ cấp xã hội quý II",
            "started_on": "2026-06-08",
            "ended_on": "2026-06-09",
            "method": "documents",
            "findings": "Chi trả đủ, đúng hạn.",
        },
        state=lambda s, c: Activity.objects.count(),
    ),
    "supervision:activity_files": PostAction(
        data=lambda s, p: {"tep-attachments": pdf("anh-hien-truong.pdf")},
        state=lambda s, c: Attachment.objects.count(),
    ),
    "supervision:recommendation_create": PostAction(
        data=lambda s, p: {
            "kn-title": "Đề nghị nghiệm thu lại đoạn cuối",
            "kn-content": "Đề nghị nghiệm thu lại đoạn cuối tuyến đường.",
            "kn-addressed_to": "Chủ tịch UBND xã",
            "kn-sent_on": "2026-06-10",
        },
        state=lambda s, c: Recommendation.objects.count(),
    ),
    "supervision:recommendation_assign": PostAction(
        data=lambda s, p: {"giao-owner_unit": s.world.office_b.pk, "giao-due_on": "2026-07-10"},
        state=lambda s, c: _rec(s, "sent", "status", "owner_unit_id", "task_id"),
    ),
    "supervision:recommendation_answer": PostAction(
        data=lambda s, p: {
            "tl-answered_by_body": "UBND xã",
            "tl-answered_on": "2026-06-15",
            "tl-answer": "Đã công khai dự toán tại nhà văn hóa thôn.",
            "tl-publish": "on",
        },
        state=lambda s, c: _rec(s, "assigned", "status", "answer"),
    ),
    "supervision:recommendation_publish": PostAction(
        data=lambda s, p: {"cong-khai": "1"},
        state=lambda s, c: _rec(s, "assigned", "published_at"),
    ),
}


@pytest.fixture
def scene(world: World, sup: Sup) -> Scene:
    return Scene(world, sup)


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS | {}, POST_ACTIONS)
    cells = {
        (f"{method} {case}", persona)
        for method, t in (("GET", GET_MATRIX), ("POST", POST_MATRIX))
        for case, row in t.items()
        for persona in row
    }
    assert set(KNOWN_BUGS) <= cells


def _body_problem(case: str) -> Callable[[Any], str | None] | None:
    if url_name(case) == "supervision:recommendations_xlsx":
        return office_file
    if url_name(case) == "portal:supervision_file":
        return lambda r: None if b"".join(r.streaming_content) == PDF else "got another file"
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
