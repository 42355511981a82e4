"""Every URL of commendations requested as every persona.

The tables are the specification (docs/permissions.md, "Khen thưởng"); how they are read and
checked is in danvan/testing/matrix.py. Every member of Hồng Phong and the province viewer read
the register; officers, the Front, the village head and the leaders propose; the chairman, the
administrator and the office that keeps the records (officer_b's Văn phòng) decide. The outsider
is an officer of the other commune's office, which keeps no records: he reads and proposes there,
and decides nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.commendations.models import Award, Decision, Proposal
from danvan.commendations.tests.conftest import Com
from danvan.conftest import World
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
    #                                                   anon chair offA  roA offB front vill prov outs admin
    "commendations:index":                              (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "commendations:index[?xa=hong phong]":              (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "commendations:index[?xa=other commune]":           (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "commendations:register_xlsx":                      (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "commendations:register_xlsx[?xa=hong phong]":      (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "commendations:proposals":                          (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "commendations:proposals[?xa=hong phong]":          (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "commendations:proposal_create":                    (302, 200, 200, 403, 200, 200, 200, 403, 200, 200),
    "commendations:proposal_create[?xa=hong phong]":    (302, 200, 200, 403, 200, 200, 200, 403, 404, 200),
    "commendations:proposal":                           (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "commendations:proposal[other commune]":            (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "commendations:proposal_grant":                     (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "commendations:proposal_refuse":                    (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "commendations:decisions":                          (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "commendations:decisions[?xa=hong phong]":          (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "commendations:decision_create":                    (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "commendations:decision_create[?xa=hong phong]":    (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "commendations:decision":                           (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "commendations:decision[other commune]":            (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "commendations:decision_award_add":                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "commendations:decision_docx":                      (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "commendations:decision_docx[province form]":       (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "commendations:certificate":                        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "commendations:certificate[other commune]":         (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "commendations:certificate[province form]":         (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
})

POST_MATRIX: Matrix = table({
    #                                                   anon chair offA  roA offB front vill prov outs admin
    "commendations:proposal_create[?xa=hong phong]":    (302, 302, 302, 403, 302, 302, 302, 403, 404, 302),
    "commendations:proposal_grant":                     (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "commendations:proposal_refuse":                    (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "commendations:decision_create[?xa=hong phong]":    (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "commendations:decision_award_add":                 (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    com: Com

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


def _xa(name: str, s: Scene) -> str:
    return f"{_r(name)}?xa={s.world.commune.pk}"


URLS: dict[str, Callable[[Scene], str]] = {
    "commendations:index": lambda s: _r("commendations:index"),
    "commendations:index[?xa=hong phong]": lambda s: _xa("commendations:index", s),
    "commendations:index[?xa=other commune]": lambda s: (
        f"{_r('commendations:index')}?xa={s.world.other_commune.pk}"
    ),
    "commendations:register_xlsx": lambda s: _r("commendations:register_xlsx"),
    "commendations:register_xlsx[?xa=hong phong]": lambda s: (
        f"{_xa('commendations:register_xlsx', s)}&nam=2026&q=doan+ket"
    ),
    "commendations:proposals": lambda s: _r("commendations:proposals"),
    "commendations:proposals[?xa=hong phong]": lambda s: _xa("commendations:proposals", s),
    "commendations:proposal_create": lambda s: _r("commendations:proposal_create"),
    "commendations:proposal_create[?xa=hong phong]": lambda s: _xa(
        "commendations:proposal_create", s
    ),
    "commendations:proposal": lambda s: _r("commendations:proposal", s.com.pending.pk),
    "commendations:proposal[other commune]": lambda s: _r(
        "commendations:proposal", s.com.other_proposal.pk
    ),
    "commendations:proposal_grant": lambda s: _r("commendations:proposal_grant", s.com.pending.pk),
    "commendations:proposal_refuse": lambda s: _r(
        "commendations:proposal_refuse", s.com.pending.pk
    ),
    "commendations:decisions": lambda s: _r("commendations:decisions"),
    "commendations:decisions[?xa=hong phong]": lambda s: _xa("commendations:decisions", s),
    "commendations:decision_create": lambda s: _r("commendations:decision_create"),
    "commendations:decision_create[?xa=hong phong]": lambda s: _xa(
        "commendations:decision_create", s
    ),
    "commendations:decision": lambda s: _r("commendations:decision", s.com.decision.pk),
    "commendations:decision[other commune]": lambda s: _r(
        "commendations:decision", s.com.other_decision.pk
    ),
    "commendations:decision_award_add": lambda s: _r(
        "commendations:decision_award_add", s.com.decision.pk
    ),
    "commendations:decision_docx": lambda s: _r("commendations:decision_docx", s.com.decision.pk),
    "commendations:decision_docx[province form]": lambda s: _r(
        "commendations:decision_docx", s.com.province_decision.pk
    ),
    "commendations:certificate": lambda s: _r("commendations:certificate", s.com.award.pk),
    "commendations:certificate[other commune]": lambda s: _r(
        "commendations:certificate", s.com.other_award.pk
    ),
    "commendations:certificate[province form]": lambda s: _r(
        "commendations:certificate", s.com.province_award.pk
    ),
}


def _own_unit(s: Scene, persona: str) -> int:
    w = s.world
    units = {
        "chairman": w.commune,
        "admin": w.commune,
        "officer_a": w.office_a,
        "officer_b": w.office_b,
        "front": w.front_unit,
        "village_head": w.village,
    }
    return units.get(persona, w.office_a).pk


POST_ACTIONS: dict[str, PostAction] = {
    "commendations:proposal_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "recipient": "Tổ dân vận thôn Đoàn Kết",
            "recipient_kind": "collective",
            "source": "movement",
            "achievement": "Vận động làm đường",
            "form": s.com.decision.form_id,
            "proposing_unit": _own_unit(s, p),
        },
        state=lambda s, c: Proposal.objects.count(),
    ),
    "commendations:proposal_grant": PostAction(
        data=lambda s, p: {
            "kt-decision_number": "46/QĐ-UBND",
            "kt-decided_on": "2026-06-15",
            "kt-form": s.com.pending.form_id,
            "kt-signer_name": "Hoàng Văn Chủ",
            "kt-signer_title": "Chủ tịch",
        },
        state=lambda s, c: Proposal.objects.get(pk=s.com.pending.pk).status,
    ),
    "commendations:proposal_refuse": PostAction(
        data=lambda s, p: {"kk-reason": "Thành tích chưa tiêu biểu."},
        state=lambda s, c: Proposal.objects.get(pk=s.com.pending.pk).status,
    ),
    "commendations:decision_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "number": "47/QĐ-UBND",
            "signed_on": "2026-06-15",
            "form": s.com.decision.form_id,
            "signer_title": "Chủ tịch",
        },
        state=lambda s, c: Decision.objects.count(),
    ),
    "commendations:decision_award_add": PostAction(
        data=lambda s, p: {
            "kt-recipient": "Bà Chu Thị Mai",
            "kt-recipient_kind": "individual",
            "kt-source": "mediation",
            "kt-achievement": "Hòa giải viên tiêu biểu",
        },
        state=lambda s, c: Award.objects.count(),
    ),
}


@pytest.fixture
def scene(world: World, com: Com) -> Scene:
    return Scene(world, com)


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)
    cells = {
        (f"{method} {case}", persona)
        for method, t in (("GET", GET_MATRIX), ("POST", POST_MATRIX))
        for case, row in t.items()
        for persona in row
    }
    assert set(KNOWN_BUGS) <= cells


def _pdf(response: Any) -> str | None:
    return None if response.content[:5] == b"%PDF-" else "got no PDF"


def _body_problem(case: str) -> Callable[[Any], str | None] | None:
    name = url_name(case)
    if name in ("commendations:register_xlsx", "commendations:decision_docx"):
        return office_file
    return _pdf if name == "commendations:certificate" else None


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
