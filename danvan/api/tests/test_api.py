"""The JSON API: who may read and write what with a key, the error shape, no identity ever."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from danvan.api.tests.calls import get, headers, post_petition
from danvan.api.tests.records import SECRETS, denunciation
from danvan.conftest import World
from danvan.petitions.models import IdentityVault, PetitionKind
from danvan.plans.models import Plan


def test_a_key_reads_its_commune_only(world: World, keys: dict[str, str], plan: Plan) -> None:
    r = get(keys["read"], "/api/plans")
    assert r.status_code == 200, r.content
    assert [p["id"] for p in r.json()["items"]] == [plan.pk]
    assert get(keys["other"], "/api/plans").json()["items"] == []
    assert get(keys["other"], f"/api/plans/{plan.pk}").status_code == 404
    r = get(keys["other"], "/api/plans", commune=world.commune.code)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


def test_errors_have_one_shape_in_vietnamese(keys: dict[str, str]) -> None:
    r = get(None, "/api/plans")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert "khóa" in r.json()["error"]["message"]
    r = get(keys["read"], "/api/plans", page="x")
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"page": "Phải là một số nguyên."}
    r = get(keys["read"], "/api/plans", status="nope")
    assert r.status_code == 422 and "status" in r.json()["error"]["fields"]


def test_the_denouncer_is_in_no_answer(world: World, keys: dict[str, str]) -> None:
    sealed = denunciation(world)
    assert IdentityVault.objects.filter(petition=sealed).exists()
    bodies = [
        get(keys["read"], "/api/petitions").content,
        get(keys["province"], "/api/petitions").content,
        get(keys["read"], f"/api/petitions/{sealed.pk}").content,
        get(keys["read"], "/api/overview", commune=world.commune.code, on="2026-06-30").content,
    ]
    for raw in bodies:
        text = raw.decode()
        for secret in (*SECRETS, sealed.tracking_code):
            assert secret not in text and json.dumps(secret)[1:-1] not in text
    item = get(keys["read"], f"/api/petitions/{sealed.pk}").json()
    assert item["kind"] == PetitionKind.DENUNCIATION and "subject" not in item


def test_rate_limit_answers_429_with_retry_after(keys: dict[str, str], settings) -> None:  # type: ignore[no-untyped-def]
    settings.DANVAN_API_REQUESTS_PER_MINUTE = 2
    from django.core.cache import cache

    cache.clear()
    assert [get(keys["read"], "/api/plans").status_code for _ in range(2)] == [200, 200]
    r = get(keys["read"], "/api/plans")
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(r["Retry-After"]) <= 60
    cache.clear()


@pytest.mark.parametrize("path", ["/api/", "/api/nothing", "/api/tasks/k%0A", "/api/plans/1.5"])
def test_a_path_of_no_operation_answers_the_error_shape(path: str) -> None:
    r = Client().get(path)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_a_method_an_operation_does_not_take_answers_the_error_shape(keys: dict[str, str]) -> None:
    r = Client().delete("/api/plans", **headers(keys["read"]))
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    assert r["Allow"] == "GET"


def test_updated_since_keeps_what_changed(world: World, keys: dict[str, str], plan: Plan) -> None:
    assert (
        get(keys["read"], "/api/plans", updated_since="2000-01-01T00:00:00Z").json()["count"] == 1
    )
    assert (
        get(keys["read"], "/api/plans", updated_since="2999-01-01T00:00:00+07:00").json()["count"]
        == 0
    )
    r = get(keys["read"], "/api/plans", updated_since="0001-01-01T00:00:00+23:00")
    assert r.status_code == 422 and "updated_since" in r.json()["error"]["fields"]


def test_a_commune_code_that_cannot_be_one_is_not_found(keys: dict[str, str]) -> None:
    """A NUL, which PostgreSQL refuses even in a comparison, is a 404 as on SQLite, not a 503."""
    for path in ("/api/plans", "/api/overview"):
        r = get(keys["read"], path, commune="06\x00079")
        assert r.status_code == 404 and r.json()["error"]["fields"] == {
            "commune": "Không có trong phạm vi."
        }
    assert post_petition(keys["write"], "06\x00079").status_code == 404
