"""Permission rows of the JSON API: every endpoint, every kind of key, and every persona.

A session is no key: every persona of the site's permission matrix (danvan/testing/matrix.py),
signed in or not, the operator included, gets 401 from every operation; only the description
and its docs are open. The table below is this app's row set for the matrix's coverage check
(plans/tests/test_permission_matrix.py); the key rows follow it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from danvan.api.tests.calls import get, post_petition, post_plan
from danvan.api.tests.records import Records
from danvan.conftest import World
from danvan.core.models import AuditEntry
from danvan.plans.models import Plan
from danvan.testing.matrix import PERSONAS, Matrix, PostAction, check_tables, client_of, table

ALL_200 = (200,) * 10
ALL_401 = (401,) * 10
ALL_404 = (404,) * 10
# fmt: off
GET_MATRIX: Matrix = table({
    "api:openapi-json": ALL_200,
    "api:openapi-view": ALL_200,
    "api:api-root": ALL_404,
    "api:unknown": ALL_404,
    "api:plans": ALL_401,
    "api:plan": ALL_401,
    "api:plans_import": (405,) * 10,
    "api:tasks": ALL_401,
    "api:task": ALL_401,
    "api:petitions": ALL_401,
    "api:petitions_forward": ALL_401,
    "api:petition": ALL_401,
    "api:disclosures": ALL_401,
    "api:disclosure": ALL_401,
    "api:consultations": ALL_401,
    "api:consultation": ALL_401,
    "api:decisions": ALL_401,
    "api:decision": ALL_401,
    "api:recommendations": ALL_401,
    "api:recommendation": ALL_401,
    "api:overview": ALL_401,
})
POST_MATRIX: Matrix = table({
    "api:plans_import": ALL_401,
    "api:petitions_forward": ALL_401,
})
# fmt: on


def _r(name: str, **kwargs: int) -> str:
    return reverse(name, kwargs=kwargs)


URLS: dict[str, Callable[[Records], str]] = {
    "api:openapi-json": lambda r: _r("api:openapi-json"),
    "api:openapi-view": lambda r: _r("api:openapi-view"),
    "api:api-root": lambda r: _r("api:api-root"),
    "api:unknown": lambda r: "/api/khong-co/",
    "api:plans": lambda r: _r("api:plans"),
    "api:plan": lambda r: _r("api:plan", plan_id=r.plan.pk),
    "api:plans_import": lambda r: _r("api:plans_import"),
    "api:tasks": lambda r: _r("api:tasks"),
    "api:task": lambda r: _r("api:task", task_id=r.task.pk),
    "api:petitions": lambda r: _r("api:petitions"),
    "api:petitions_forward": lambda r: _r("api:petitions_forward"),
    "api:petition": lambda r: _r("api:petition", petition_id=r.petition.pk),
    "api:disclosures": lambda r: _r("api:disclosures"),
    "api:disclosure": lambda r: _r("api:disclosure", disclosure_id=r.disclosure.pk),
    "api:consultations": lambda r: _r("api:consultations"),
    "api:consultation": lambda r: _r("api:consultation", consultation_id=r.consultation.pk),
    "api:decisions": lambda r: _r("api:decisions"),
    "api:decision": lambda r: _r("api:decision", decision_id=r.decision.pk),
    "api:recommendations": lambda r: _r("api:recommendations"),
    "api:recommendation": lambda r: _r("api:recommendation", recommendation_id=r.recommendation.pk),
    "api:overview": lambda r: _r("api:overview") + "?commune=06079",
}
POST_ACTIONS: dict[str, PostAction] = {
    "api:plans_import": PostAction(
        data=lambda s, p: {"commune": "06079"}, state=lambda s, c: Plan.objects.count()
    ),
    "api:petitions_forward": PostAction(
        data=lambda s, p: {"commune": "06079"}, state=lambda s, c: AuditEntry.objects.count()
    ),
}


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)


@pytest.mark.parametrize("case", list(GET_MATRIX))
def test_a_session_is_no_key(world: World, records: Records, case: str) -> None:
    """Every persona and the operator, by GET and (for the writes) by POST: the table's status,
    nothing written."""
    url = URLS[case](records)
    personas = {**GET_MATRIX[case], "operator": GET_MATRIX[case]["chairman"]}
    for persona, status in personas.items():
        client = client_of(world, persona) if persona in PERSONAS else world.client(world.operator)
        before = (AuditEntry.objects.count(), Plan.objects.count())
        assert client.get(url).status_code == status, (case, persona)
        if case in POST_MATRIX:
            data = POST_ACTIONS[case].data(records, persona)
            assert client.post(url, data).status_code == POST_MATRIX[case].get(persona, 401)
        assert (AuditEntry.objects.count(), Plan.objects.count()) == before, (case, persona)


# Reads: the personas' commune (06079) belongs to the province (20); the other commune does not.
READ_ROWS = [
    ("none", 401),
    ("garbage", 401),
    ("revoked", 401),
    ("other", 404),  # detail pages and the overview; its lists are empty
    ("read", 200),
    ("write", 200),
    ("province", 200),
]


@pytest.mark.parametrize(("who", "status"), READ_ROWS)
def test_read_rows(
    world: World, keys: dict[str, str], records: Records, who: str, status: int
) -> None:
    for path, needs in records.paths().items():
        data = {"commune": world.commune.code} if needs else {}
        r = get(keys[who], path, **data)
        is_list = not path.split("/")[-1].isdigit() and not needs
        expected = 200 if (who == "other" and is_list) else status
        assert r.status_code == expected, (path, who, r.content)
        body = r.json()
        if expected != 200:
            assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
        elif is_list:
            ids = [i["commune_id"] for i in body["items"]]
            assert ids == ([] if who == "other" else [world.commune.pk]), (path, who)


def test_the_other_communes_own_key_reads_its_own(
    world: World, keys: dict[str, str], records: Records
) -> None:
    r = get(keys["other"], "/api/overview", commune=world.other_commune.code)
    assert r.status_code == 200
    assert r.json()["commune"]["code"] == world.other_commune.code


WRITE_ROWS = [
    ("none", 401),
    ("garbage", 401),
    ("revoked", 401),
    ("read", 403),
    ("province", 403),
    ("other", 404),
    ("write", 201),
    ("province_write", 201),
]


@pytest.mark.parametrize(("who", "status"), WRITE_ROWS)
def test_write_rows(world: World, keys: dict[str, str], who: str, status: int) -> None:
    plans_before = Plan.objects.count()
    r = post_plan(keys[who], world.commune.code)
    assert r.status_code == status, r.content
    r2 = post_petition(keys[who], world.commune.code)
    assert r2.status_code == status, r2.content
    assert Plan.objects.count() == plans_before + (1 if status == 201 else 0)
    if status != 201:
        assert set(r.json()["error"]) == {"code", "message", "fields"}
