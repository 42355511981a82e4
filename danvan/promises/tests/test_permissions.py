"""Every URL of promises and of their public page, requested as every persona.

The tables are the specification (docs/permissions.md, "Cam kết, lời hứa"); how they are read
and checked is in danvan/testing/matrix.py. `open` is office A's promise to report, `internal`
is office B's, kept and not public; `other` belongs to the other commune (the outsider's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.promises.models import Outcome, Promise
from danvan.promises.tests.conftest import PDF, Proms
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
    #                                         anon chair offA  roA offB front vill prov outs admin
    "promises:list":                          (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "promises:list[?xa=hong phong, filters]": (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "promises:list[?xa=other commune]":       (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "promises:export":                        (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "promises:export[?xa=hong phong]":        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "promises:detail":                        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "promises:detail[internal]":              (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "promises:detail[other commune]":         (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "promises:report":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "promises:visibility":                    (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # The public side: public promises only, to everybody.
    "portal:promises":                        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:promises[?xa=hong phong, search]": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:promise":                         (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:promise[internal]":               (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "portal:promise_file":                    (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:promise_file[internal]":          (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
})

POST_MATRIX: Matrix = table({
    #                                         anon chair offA  roA offB front vill prov outs admin
    "promises:report":                        (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "promises:visibility":                    (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    proms: Proms

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(name, args=args)


URLS: dict[str, Callable[[Scene], str]] = {
    "promises:list": lambda s: _r("promises:list"),
    "promises:list[?xa=hong phong, filters]": lambda s: (
        f"{_r('promises:list')}?xa={s.world.commune.pk}&q=cau&nguon=dialogue&trang-thai=kept"
        f"&thon={s.world.village.pk}&cua-toi=1&page=2"
    ),
    "promises:list[?xa=other commune]": lambda s: (
        f"{_r('promises:list')}?xa={s.world.other_commune.pk}"
    ),
    "promises:export": lambda s: _r("promises:export"),
    "promises:export[?xa=hong phong]": lambda s: (
        f"{_r('promises:export')}?xa={s.world.commune.pk}&trang-thai=late"
    ),
    "promises:detail": lambda s: _r("promises:detail", s.proms.open.pk),
    "promises:detail[internal]": lambda s: _r("promises:detail", s.proms.internal.pk),
    "promises:detail[other commune]": lambda s: _r("promises:detail", s.proms.other.pk),
    "promises:report": lambda s: _r("promises:report", s.proms.open.pk),
    "promises:visibility": lambda s: _r("promises:visibility", s.proms.open.pk),
    "portal:promises": lambda s: _r("portal:promises"),
    "portal:promises[?xa=hong phong, search]": lambda s: (
        f"{_r('portal:promises')}?xa={s.world.commune.pk}&q=cau+tran&trang-thai=kept&page=x"
    ),
    "portal:promise": lambda s: _r("portal:promise", s.proms.kept.pk),
    "portal:promise[internal]": lambda s: _r("portal:promise", s.proms.internal.pk),
    "portal:promise_file": lambda s: _r(
        "portal:promise_file", s.proms.kept.pk, s.proms.evidence.pk
    ),
    "portal:promise_file[internal]": lambda s: _r(
        "portal:promise_file", s.proms.internal.pk, s.proms.internal_file.pk
    ),
}


def _state(s: Scene, *fields: str) -> tuple[Any, ...]:
    p = Promise.objects.get(pk=s.proms.open.pk)
    return tuple(getattr(p, f) for f in fields)


POST_ACTIONS: dict[str, PostAction] = {
    "promises:report": PostAction(
        data=lambda s, p: {
            "kq-outcome": Outcome.KEPT,
            "kq-note": "Đã lắp xong đèn chiếu sáng.",
            "kq-on": "2026-06-12",
        },
        state=lambda s, c: _state(s, "outcome", "outcome_note"),
    ),
    "promises:visibility": PostAction(
        data=lambda s, p: {"ck-public": "0", "ck-reason": "Đang xác minh"},
        state=lambda s, c: _state(s, "public", "internal_reason"),
    ),
}


@pytest.fixture
def scene(world: World, proms: Proms) -> Scene:
    return Scene(world, proms)


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
    if url_name(case) == "promises:export":
        return office_file
    if url_name(case) == "portal:promise_file":
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
