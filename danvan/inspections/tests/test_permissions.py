"""Every URL of inspections and its public pages, requested as every persona.

The tables are the specification (docs/permissions.md, "Kiểm tra"); how they are read and
checked is in danvan/testing/matrix.py. Office A (officer_a, readonly_a) is the inspected unit;
officer_b is an officer of the office (Văn phòng, the unit that receives petitions), which keeps
the inspections with the leaders; `planned` is not started, `concluded` is concluded and public
with office A's remedy, `internal` is concluded and kept internal; `other` is the other
commune's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.inspections.models import Finding, Inspection, InspectionPlan, Measure, Remedy
from danvan.inspections.tests.conftest import Insp
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
    #                                                anon chair offA  roA offB front vill prov outs admin
    "inspections:index":                             (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "inspections:index[?xa=other commune]":          (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "inspections:plan_create":                       (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "inspections:plan_create[?xa=hong phong]":       (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "inspections:plan":                              (302, 200, 403, 403, 200, 200, 403, 200, 404, 200),
    "inspections:inspection_create":                 (302, 200, 403, 403, 200, 403, 403, 403, 403, 200),
    "inspections:inspection_create[?xa=hong phong]": (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "inspections:inspection":                        (302, 200, 200, 200, 200, 200, 403, 200, 404, 200),
    "inspections:inspection[published]":             (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "inspections:inspection[internal]":              (302, 200, 200, 200, 200, 200, 403, 200, 404, 200),
    "inspections:inspection[other commune]":         (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "inspections:finding_add":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "inspections:conclude":                          (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "inspections:remedy_add":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "inspections:recheck":                           (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "inspections:set_public":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "inspections:conclusion_docx":                   (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "inspections:conclusion_docx[not concluded]":    (302, 404, 404, 404, 404, 404, 403, 404, 404, 404),
    "inspections:register_xlsx":                     (302, 200, 403, 403, 200, 200, 403, 200, 403, 200),
    "inspections:register_xlsx[?xa=hong phong]":     (302, 200, 403, 403, 200, 200, 403, 200, 404, 200),
    "inspections:measures":                          (302, 200, 403, 403, 200, 403, 403, 200, 403, 200),
    "inspections:measures[?xa=hong phong]":          (302, 200, 403, 403, 200, 403, 403, 200, 404, 200),
    # The public side: concluded and public inspections only, to everybody.
    "portal:inspections":                            (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:inspection_detail":                      (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:inspection_detail[internal]":            (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "portal:inspection_detail[not concluded]":       (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
})

POST_MATRIX: Matrix = table({
    #                                                anon chair offA  roA offB front vill prov outs admin
    "inspections:plan_create[?xa=hong phong]":       (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "inspections:inspection_create[?xa=hong phong]": (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "inspections:finding_add":                       (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "inspections:conclude":                          (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "inspections:remedy_add":                        (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "inspections:recheck":                           (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "inspections:set_public":                        (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "inspections:measures[?xa=hong phong]":          (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    insp: Insp

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


def _hp(name: str) -> Callable[[Scene], str]:
    return lambda s: f"{_r(name)}?xa={s.world.commune.pk}"


URLS: dict[str, Callable[[Scene], str]] = {
    "inspections:index": lambda s: _r("inspections:index"),
    "inspections:index[?xa=other commune]": lambda s: (
        f"{_r('inspections:index')}?xa={s.world.other_commune.pk}"
    ),
    "inspections:plan_create": lambda s: _r("inspections:plan_create"),
    "inspections:plan_create[?xa=hong phong]": _hp("inspections:plan_create"),
    "inspections:plan": lambda s: _r("inspections:plan", s.insp.plan.pk),
    "inspections:inspection_create": lambda s: _r("inspections:inspection_create"),
    "inspections:inspection_create[?xa=hong phong]": _hp("inspections:inspection_create"),
    "inspections:inspection": lambda s: _r("inspections:inspection", s.insp.planned.pk),
    "inspections:inspection[published]": lambda s: _r(
        "inspections:inspection", s.insp.concluded.pk
    ),
    "inspections:inspection[internal]": lambda s: _r("inspections:inspection", s.insp.internal.pk),
    "inspections:inspection[other commune]": lambda s: _r(
        "inspections:inspection", s.insp.other.pk
    ),
    "inspections:finding_add": lambda s: _r("inspections:finding_add", s.insp.planned.pk),
    "inspections:conclude": lambda s: _r("inspections:conclude", s.insp.planned.pk),
    "inspections:remedy_add": lambda s: _r("inspections:remedy_add", s.insp.concluded.pk),
    "inspections:recheck": lambda s: _r("inspections:recheck", s.insp.concluded.pk),
    "inspections:set_public": lambda s: _r("inspections:set_public", s.insp.concluded.pk),
    "inspections:conclusion_docx": lambda s: _r("inspections:conclusion_docx", s.insp.concluded.pk),
    "inspections:conclusion_docx[not concluded]": lambda s: _r(
        "inspections:conclusion_docx", s.insp.planned.pk
    ),
    "inspections:register_xlsx": lambda s: f"{_r('inspections:register_xlsx')}?nam=2026",
    "inspections:register_xlsx[?xa=hong phong]": lambda s: (
        f"{_r('inspections:register_xlsx')}?nam=2026&xa={s.world.commune.pk}"
    ),
    "inspections:measures": lambda s: _r("inspections:measures"),
    "inspections:measures[?xa=hong phong]": _hp("inspections:measures"),
    "portal:inspections": lambda s: _r("portal:inspections"),
    "portal:inspection_detail": lambda s: _r("portal:inspection_detail", s.insp.concluded.pk),
    "portal:inspection_detail[internal]": lambda s: _r(
        "portal:inspection_detail", s.insp.internal.pk
    ),
    "portal:inspection_detail[not concluded]": lambda s: _r(
        "portal:inspection_detail", s.insp.planned.pk
    ),
}


def _insp(s: Scene, name: str, *fields: str) -> tuple[Any, ...]:
    i = Inspection.objects.get(pk=getattr(s.insp, name).pk)
    return tuple(getattr(i, f) for f in fields)


POST_ACTIONS: dict[str, PostAction] = {
    "inspections:plan_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "year": "2026",
            "number": "30/KH-UBND",
            "title": "Kế hoạch kiểm tra công vụ 6 tháng cuối năm 2026",
            "issued_on": "2026-06-10",
        },
        state=lambda s, c: InspectionPlan.objects.count(),
    ),
    "inspections:inspection_create[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "subject_kind": s.insp.concluded.subject_kind_id,
            "title": "Kiểm tra đột xuất việc chấp hành giờ làm việc",
            "inspected_unit": s.world.office_a.pk,
            "planned_from": "2026-06-16",
            "planned_to": "2026-06-16",
        },
        state=lambda s, c: Inspection.objects.count(),
    ),
    "inspections:finding_add": PostAction(
        data=lambda s, p: {"ph-text": "Một công chức đến muộn.", "ph-severity": "minor"},
        state=lambda s, c: Finding.objects.count(),
    ),
    "inspections:conclude": PostAction(
        data=lambda s, p: {
            "kl-done_on": "2026-06-12",
            "kl-concluded_on": "2026-06-15",
            "kl-conclusion": "Đơn vị chấp hành tốt.",
            "kl-public": "on",
        },
        state=lambda s, c: _insp(s, "planned", "status", "concluded_on"),
    ),
    "inspections:remedy_add": PostAction(
        data=lambda s, p: {
            "kp-finding": s.insp.finding.pk,
            "kp-owner_unit": s.world.office_a.pk,
            "kp-measure": "Niêm yết lại quy trình tiếp nhận hồ sơ.",
            "kp-due_on": "2026-07-15",
        },
        state=lambda s, c: Remedy.objects.count(),
    ),
    "inspections:recheck": PostAction(
        data=lambda s, p: {
            "pt-rechecked_on": "2026-06-15",
            "pt-note": "Đã lập phiếu xin lỗi.",
            f"pt-r{s.insp.remedy.pk}": "done",
        },
        state=lambda s, c: _insp(s, "concluded", "status", "rechecked_on"),
    ),
    "inspections:set_public": PostAction(
        data=lambda s, p: {"cong-khai": "0", "ck-reason": "Đang xem xét trách nhiệm cá nhân"},
        state=lambda s, c: _insp(s, "concluded", "public"),
    ),
    "inspections:measures[?xa=hong phong]": PostAction(
        data=lambda s, p: {
            "kind": s.insp.measure.kind_id,
            "subject": "Phòng Văn hóa - Xã hội",
            "decision_number": "21/QĐ-UBND",
            "decision_on": "2026-06-15",
            "reason": "Hoàn thành tốt nhiệm vụ.",
        },
        state=lambda s, c: Measure.objects.count(),
    ),
}


@pytest.fixture
def scene(world: World, insp: Insp) -> Scene:
    return Scene(world, insp)


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
    if url_name(case) in ("inspections:register_xlsx", "inspections:conclusion_docx"):
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
