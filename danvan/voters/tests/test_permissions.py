"""Every URL of voters and its public pages, requested as every persona.

The tables are the specification (docs/permissions.md, "Kiến nghị cử tri"); how they are read
and checked is in danvan/testing/matrix.py. `pending` waits to be classified, `assigned` is office
A's promise, `forwarded` went to the province; `elsewhere` is of another village than the village
head's; `other` records belong to the other commune, whose officer (outsider) is also a Front
official there. The other commune's meeting is published; Hồng Phong's is not.
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
from danvan.voters import services
from danvan.voters.models import VoterMeeting, VoterRecommendation
from danvan.voters.tests.conftest import Vot, pdf

# fmt: off
GET_MATRIX: Matrix = table({
    #                                               anon chair offA  roA offB front vill prov outs admin
    "voters:meetings":                              (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "voters:meetings[?xa=other commune]":           (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "voters:meeting_create":                        (302, 200, 403, 403, 200, 200, 403, 403, 200, 200),
    "voters:meeting_create[?xa=hong phong]":        (302, 200, 403, 403, 200, 200, 403, 403, 404, 200),
    "voters:meeting":                               (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "voters:meeting[other commune]":                (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "voters:meeting_files":                         (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "voters:recommendation_create":                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "voters:meeting_publish":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "voters:recommendations":                       (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "voters:recommendation":                        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "voters:recommendation[other village]":         (302, 200, 200, 200, 200, 200, 404, 200, 404, 200),
    "voters:recommendation[other commune]":         (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "voters:recommendation_correct":                (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "voters:recommendation_assign":                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "voters:recommendation_forward":                (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "voters:recommendation_answer":                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "voters:recommendations_xlsx":                  (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "voters:recommendations_xlsx[?xa=hong phong]":  (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "voters:report_docx":                           (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "voters:report_docx[?xa=hong phong]":           (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    # The public side: only what a leader published, to everybody.
    "portal:voters":                                (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:voters_meeting":                        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:voters_meeting[not published]":         (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
})

POST_MATRIX: Matrix = table({
    #                                               anon chair offA  roA offB front vill prov outs admin
    "voters:meeting_create[?xa=hong phong]":        (302, 302, 403, 403, 302, 302, 403, 403, 404, 302),
    "voters:meeting_files":                         (302, 302, 403, 403, 302, 302, 403, 403, 404, 302),
    "voters:recommendation_create":                 (302, 302, 403, 403, 302, 302, 403, 403, 404, 302),
    "voters:meeting_publish":                       (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    # Those who record a meeting correct what they wrote down, the Front included.
    "voters:recommendation_correct":                (302, 302, 403, 403, 302, 302, 403, 403, 404, 302),
    "voters:recommendation_assign":                 (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "voters:recommendation_forward":                (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "voters:recommendation_answer":                 (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    vot: Vot

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


def _hp(name: str, s: Scene, rest: str = "") -> str:
    return f"{_r(name)}?xa={s.world.commune.pk}{rest}"


URLS: dict[str, Callable[[Scene], str]] = {
    "voters:meetings": lambda s: _r("voters:meetings"),
    "voters:meetings[?xa=other commune]": lambda s: (
        f"{_r('voters:meetings')}?xa={s.world.other_commune.pk}"
    ),
    "voters:meeting_create": lambda s: _r("voters:meeting_create"),
    "voters:meeting_create[?xa=hong phong]": lambda s: _hp("voters:meeting_create", s),
    "voters:meeting": lambda s: _r("voters:meeting", s.vot.meeting.pk),
    "voters:meeting[other commune]": lambda s: _r("voters:meeting", s.vot.other_meeting.pk),
    "voters:meeting_files": lambda s: _r("voters:meeting_files", s.vot.meeting.pk),
    "voters:recommendation_create": lambda s: _r("voters:recommendation_create", s.vot.meeting.pk),
    "voters:meeting_publish": lambda s: _r("voters:meeting_publish", s.vot.meeting.pk),
    "voters:recommendations": lambda s: _r("voters:recommendations"),
    "voters:recommendation": lambda s: _r("voters:recommendation", s.vot.pending.pk),
    "voters:recommendation[other village]": lambda s: _r(
        "voters:recommendation", s.vot.elsewhere.pk
    ),
    "voters:recommendation[other commune]": lambda s: _r(
        "voters:recommendation", s.vot.other_rec.pk
    ),
    "voters:recommendation_correct": lambda s: _r(
        "voters:recommendation_correct", s.vot.pending.pk
    ),
    "voters:recommendation_assign": lambda s: _r("voters:recommendation_assign", s.vot.pending.pk),
    "voters:recommendation_forward": lambda s: _r(
        "voters:recommendation_forward", s.vot.pending.pk
    ),
    "voters:recommendation_answer": lambda s: _r(
        "voters:recommendation_answer", s.vot.forwarded.pk
    ),
    "voters:recommendations_xlsx": lambda s: f"{_r('voters:recommendations_xlsx')}?nam=2026",
    "voters:recommendations_xlsx[?xa=hong phong]": lambda s: _hp(
        "voters:recommendations_xlsx", s, "&nam=2026"
    ),
    "voters:report_docx": lambda s: f"{_r('voters:report_docx')}?nam=2026",
    "voters:report_docx[?xa=hong phong]": lambda s: _hp("voters:report_docx", s, "&nam=2026"),
    "portal:voters": lambda s: _r("portal:voters"),
    "portal:voters_meeting": lambda s: _r("portal:voters_meeting", s.vot.other_meeting.pk),
    "portal:voters_meeting[not published]": lambda s: _r("portal:voters_meeting", s.vot.meeting.pk),
}


def _rec(s: Scene, name: str, *fields: str) -> tuple[Any, ...]:
    rec = VoterRecommendation.objects.get(pk=getattr(s.vot, name).pk)
    return tuple(getattr(rec, f) for f in fields)


POST_ACTIONS: dict[str, PostAction] = {
    "voters:meeting_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "kind": VoterMeeting.Kind.RESIDENCE,
            "held_on": "2026-06-12",
            "place": "Nhà văn hóa thôn Đoàn Kết",
            "chaired_by": s.world.front_unit.pk,
            "delegates": "Nông Văn An",
            "voters_count": "50",
        },
        state=lambda s, c: VoterMeeting.objects.count(),
    ),
    "voters:meeting_files": PostAction(
        data=lambda s, p: {"tep-attachments": pdf("bien-ban-2.pdf")},
        state=lambda s, c: Attachment.objects.count(),
    ),
    "voters:recommendation_create": PostAction(
        data=lambda s, p: {
            "kn-content": "Đề nghị xây cầu tràn qua suối.",
            "kn-field": "infrastructure",
            "kn-village": s.world.village.pk,
        },
        state=lambda s, c: VoterRecommendation.objects.count(),
    ),
    "voters:meeting_publish": PostAction(
        data=lambda s, p: {"cong-bo": "1"},
        state=lambda s, c: VoterMeeting.objects.get(pk=s.vot.meeting.pk).published_at,
    ),
    "voters:recommendation_correct": PostAction(
        data=lambda s, p: {
            "sua-content": "Đề nghị sửa đoạn đường bị sạt lở ở km 3.",
            "sua-field": "infrastructure",
            "sua-village": s.world.village.pk,
        },
        state=lambda s, c: _rec(s, "pending", "content", "field"),
    ),
    "voters:recommendation_assign": PostAction(
        data=lambda s, p: {"giao-owner_unit": s.world.office_b.pk, "giao-due_on": "2026-07-10"},
        state=lambda s, c: _rec(s, "pending", "competence", "promise_id"),
    ),
    "voters:recommendation_forward": PostAction(
        data=lambda s, p: {
            "chuyen-receiving_body": "UBND tỉnh",
            "chuyen-forwarded_on": "2026-06-15",
            "chuyen-chase_on": "2026-07-15",
        },
        state=lambda s, c: _rec(s, "pending", "competence", "receiving_body"),
    ),
    "voters:recommendation_answer": PostAction(
        data=lambda s, p: {
            "tl-answered_on": "2026-06-15",
            "tl-outcome": "explained",
            "tl-answer": "Tỉnh lộ đã có trong kế hoạch đầu tư công trung hạn.",
        },
        state=lambda s, c: _rec(s, "forwarded", "outcome", "answer"),
    ),
}


@pytest.fixture
def scene(world: World, vot: Vot) -> Scene:
    services.meeting_publish(meeting=vot.other_meeting, by=world.outsider)
    return Scene(world, vot)


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
    if url_name(case) in ("voters:recommendations_xlsx", "voters:report_docx"):
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
