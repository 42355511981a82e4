"""Every URL of ethnic and religious work requested as every persona.

The tables are the specification (docs/permissions.md, "Dân tộc, tôn giáo"); how they are read
and checked is in danvan/testing/matrix.py. officer_a follows `person`, `pagoda` and `followed
internal` (of Thôn Hòa Bình); `internal` is followed by nobody; the village head heads Thôn Đoàn
Kết; officer_b is the office that receives petitions (the office writes everything); `other
commune` rows are the outsider's commune's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.ethnic_religious.models import (
    Contact,
    ContactKind,
    Establishment,
    Event,
    KeyPerson,
)
from danvan.ethnic_religious.tests.conftest import Er
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
    #                                                      anon chair offA  roA offB front vill prov outs admin
    "ethnic_religious:index":                              (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "ethnic_religious:index[?xa=hong phong]":              (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "ethnic_religious:index[?xa=other commune]":           (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "ethnic_religious:persons_xlsx":                       (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "ethnic_religious:person_create":                      (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "ethnic_religious:person":                             (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "ethnic_religious:person[internal]":                   (302, 200, 404, 404, 200, 404, 404, 404, 404, 200),
    "ethnic_religious:person[followed internal]":          (302, 200, 200, 404, 200, 404, 404, 404, 404, 200),
    "ethnic_religious:person[other village]":              (302, 200, 200, 200, 200, 200, 404, 200, 404, 200),
    "ethnic_religious:person[other commune]":              (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "ethnic_religious:person_edit":                        (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "ethnic_religious:person_edit[internal]":              (302, 200, 404, 404, 200, 404, 404, 404, 404, 200),
    "ethnic_religious:contact_create":                     (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "ethnic_religious:establishments":                     (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "ethnic_religious:establishments_xlsx":                (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "ethnic_religious:establishment_create":               (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "ethnic_religious:establishment":                      (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "ethnic_religious:establishment[internal]":            (302, 200, 404, 404, 200, 404, 404, 404, 404, 200),
    "ethnic_religious:establishment[other commune]":       (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "ethnic_religious:establishment_edit":                 (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "ethnic_religious:event_create":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "ethnic_religious:event_edit":                         (302, 200, 200, 403, 200, 403, 403, 403, 404, 200),
    "ethnic_religious:event_edit[internal]":               (302, 200, 404, 404, 200, 404, 404, 404, 404, 200),
    "ethnic_religious:calendar":                           (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
})

POST_MATRIX: Matrix = table({
    #                                                      anon chair offA  roA offB front vill prov outs admin
    "ethnic_religious:person_create":                      (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "ethnic_religious:person_edit":                        (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "ethnic_religious:contact_create":                     (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "ethnic_religious:establishment_create":               (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "ethnic_religious:establishment_edit":                 (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "ethnic_religious:event_create":                       (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "ethnic_religious:event_edit":                         (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    er: Er
    hidden_event: Event  # an event of the internal establishment

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


def _r(name: str, *args: object) -> str:
    return reverse(f"ethnic_religious:{name}", args=args)


def _hp(name: str, s: Scene) -> str:
    return f"{_r(name)}?xa={s.world.commune.pk}"


URLS: dict[str, Callable[[Scene], str]] = {
    "ethnic_religious:index": lambda s: _r("index"),
    "ethnic_religious:index[?xa=hong phong]": lambda s: _hp("index", s),
    "ethnic_religious:index[?xa=other commune]": lambda s: (
        f"{_r('index')}?xa={s.world.other_commune.pk}"
    ),
    "ethnic_religious:persons_xlsx": lambda s: _hp("persons_xlsx", s),
    "ethnic_religious:person_create": lambda s: _hp("person_create", s),
    "ethnic_religious:person": lambda s: _r("person", s.er.person.pk),
    "ethnic_religious:person[internal]": lambda s: _r("person", s.er.internal.pk),
    "ethnic_religious:person[followed internal]": lambda s: _r("person", s.er.followed_internal.pk),
    "ethnic_religious:person[other village]": lambda s: _r("person", s.er.other_village_person.pk),
    "ethnic_religious:person[other commune]": lambda s: _r("person", s.er.other_person.pk),
    "ethnic_religious:person_edit": lambda s: _r("person_edit", s.er.person.pk),
    "ethnic_religious:person_edit[internal]": lambda s: _r("person_edit", s.er.internal.pk),
    "ethnic_religious:contact_create": lambda s: _r("contact_create", s.er.person.pk),
    "ethnic_religious:establishments": lambda s: _hp("establishments", s),
    "ethnic_religious:establishments_xlsx": lambda s: _hp("establishments_xlsx", s),
    "ethnic_religious:establishment_create": lambda s: _hp("establishment_create", s),
    "ethnic_religious:establishment": lambda s: _r("establishment", s.er.pagoda.pk),
    "ethnic_religious:establishment[internal]": lambda s: _r(
        "establishment", s.er.internal_place.pk
    ),
    "ethnic_religious:establishment[other commune]": lambda s: _r(
        "establishment", s.er.other_place.pk
    ),
    "ethnic_religious:establishment_edit": lambda s: _r("establishment_edit", s.er.pagoda.pk),
    "ethnic_religious:event_create": lambda s: _r("event_create", s.er.pagoda.pk),
    "ethnic_religious:event_edit": lambda s: _r("event_edit", s.er.festival.pk),
    "ethnic_religious:event_edit[internal]": lambda s: _r("event_edit", s.hidden_event.pk),
    "ethnic_religious:calendar": lambda s: _hp("calendar", s),
}


def _person_data(s: Scene, p: str) -> dict[str, Any]:
    person = s.er.person
    return {
        "full_name": "Hoàng Văn Mới",
        "ethnic_group": person.ethnic_group_id,
        "village": person.village_id,
        "standing": person.standing_id,
        "recognised_year": "2024",
    }


def _place_data(s: Scene, p: str) -> dict[str, Any]:
    pagoda = s.er.pagoda
    return {
        "name": "Chùa Mới",
        "kind": pagoda.kind_id,
        "religion": pagoda.religion_id,
        "village": pagoda.village_id,
        "legal_status": "none",
    }


POST_ACTIONS: dict[str, PostAction] = {
    "ethnic_religious:person_create": PostAction(
        data=_person_data, state=lambda s, c: KeyPerson.objects.count()
    ),
    "ethnic_religious:person_edit": PostAction(
        data=lambda s, p: {**_person_data(s, p), "status": "active"},
        state=lambda s, c: KeyPerson.objects.get(pk=s.er.person.pk).full_name,
    ),
    "ethnic_religious:contact_create": PostAction(
        data=lambda s, p: {
            "tx-on": "2026-06-15",
            "tx-kind": ContactKind.objects.get(code="tham-hoi").pk,
            "tx-made_by": s.world.officer_b.pk,
            "tx-content": "Thăm hỏi sức khỏe.",
        },
        state=lambda s, c: Contact.objects.count(),
    ),
    "ethnic_religious:establishment_create": PostAction(
        data=_place_data, state=lambda s, c: Establishment.objects.count()
    ),
    "ethnic_religious:establishment_edit": PostAction(
        data=_place_data,
        state=lambda s, c: Establishment.objects.get(pk=s.er.pagoda.pk).name,
    ),
    "ethnic_religious:event_create": PostAction(
        data=lambda s, p: {"sk-name": "Lễ Phật đản", "sk-on": "2026-05-31"},
        state=lambda s, c: Event.objects.count(),
    ),
    "ethnic_religious:event_edit": PostAction(
        data=lambda s, p: {"name": "Lễ hội chùa đầu xuân", "on": "2026-03-03", "outcome": "Tốt."},
        state=lambda s, c: Event.objects.get(pk=s.er.festival.pk).outcome,
    ),
}


@pytest.fixture
def scene(world: World, er: Er) -> Scene:
    from datetime import date

    from danvan.ethnic_religious import services

    hidden = services.event_create(
        establishment=er.internal_place, by=world.officer_b, name="Nhóm họp", on=date(2026, 5, 3)
    )
    return Scene(world, er, hidden)


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
    return office_file if url_name(case).endswith("_xlsx") else None


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
