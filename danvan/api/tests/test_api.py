"""The JSON API: who may read and write what with a key, the error shape, no identity ever."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from danvan.conftest import World
from danvan.core import apikeys
from danvan.petitions import services as petition_services
from danvan.petitions.models import IdentityVault, Petition, PetitionKind
from danvan.plans.models import Plan

DENOUNCER = {"name": "Nguyễn Văn Tốcáo", "address": "Xóm Bí Mật 7", "phone": "0912345678"}


def call(key: str | None, method: str, path: str, **kw: Any) -> Any:
    headers = {"HTTP_X_API_KEY": key} if key else {}
    return getattr(Client(), method)(path, **headers, **kw)


@pytest.fixture
def keys(world: World) -> dict[str, str]:
    out = {}
    for name, unit, write in [
        ("read", world.commune, False),
        ("write", world.commune, True),
        ("other", world.other_commune, True),
        ("province", world.province, False),
        ("revoked", world.commune, True),
    ]:
        key, raw = apikeys.issue(name=name, unit=unit, can_write=write, by=None)
        out[name] = raw
        if name == "revoked":
            apikeys.revoke(key, by=None)
    return out


@pytest.fixture
def denunciation(world: World) -> Petition:
    return petition_services.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel=Petition.Channel.IN_PERSON,
        kind=PetitionKind.DENUNCIATION,
        subject="Tố cáo cán bộ địa chính",
        content="Tôi là Nguyễn Văn Tốcáo, số 0912345678, tố cáo việc thu tiền trái phép.",
        received_on=date(2026, 3, 2),
        identity=DENOUNCER,
    )


def test_a_key_reads_its_commune_only(world: World, keys: dict[str, str], plan: Plan) -> None:
    r = call(keys["read"], "get", "/api/plans")
    assert r.status_code == 200, r.content
    assert [p["id"] for p in r.json()["items"]] == [plan.pk]
    assert call(keys["other"], "get", "/api/plans").json()["items"] == []
    assert call(keys["other"], "get", f"/api/plans/{plan.pk}").status_code == 404
    r = call(keys["other"], "get", "/api/plans", data={"commune": world.commune.code})
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


def test_errors_have_one_shape_in_vietnamese(keys: dict[str, str]) -> None:
    r = call(None, "get", "/api/plans")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert "khóa" in r.json()["error"]["message"]
    r = call(keys["read"], "get", "/api/plans", data={"page": "x"})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"page": "Phải là một số nguyên."}
    r = call(keys["read"], "get", "/api/plans", data={"status": "nope"})
    assert r.status_code == 422 and "status" in r.json()["error"]["fields"]


def test_the_denouncer_is_in_no_answer(
    world: World, keys: dict[str, str], denunciation: Petition
) -> None:
    assert IdentityVault.objects.filter(petition=denunciation).exists()
    bodies = [
        call(keys["read"], "get", "/api/petitions").content,
        call(keys["province"], "get", "/api/petitions").content,
        call(keys["read"], "get", f"/api/petitions/{denunciation.pk}").content,
        call(
            keys["read"],
            "get",
            "/api/overview",
            data={"commune": world.commune.code, "on": "2026-06-30"},
        ).content,
    ]
    for raw in bodies:
        text = raw.decode()
        for secret in (
            "Tốcáo",
            "0912345678",
            "Bí Mật",
            "Tố cáo cán bộ",
            denunciation.tracking_code,
        ):
            assert secret not in text and json.dumps(secret)[1:-1] not in text
    item = call(keys["read"], "get", f"/api/petitions/{denunciation.pk}").json()
    assert item["kind"] == PetitionKind.DENUNCIATION and "subject" not in item


def test_rate_limit_answers_429_with_retry_after(keys: dict[str, str], settings) -> None:  # type: ignore[no-untyped-def]
    settings.DANVAN_API_REQUESTS_PER_MINUTE = 2
    from django.core.cache import cache

    cache.clear()
    codes = [call(keys["read"], "get", "/api/plans").status_code for _ in range(3)]
    assert codes[:2] == [200, 200]
    r = call(keys["read"], "get", "/api/plans")
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(r["Retry-After"]) <= 60
    cache.clear()


@pytest.mark.parametrize("path", ["/api/", "/api/nothing", "/api/tasks/k%0A", "/api/plans/1.5"])
def test_a_path_of_no_operation_answers_the_error_shape(path: str) -> None:
    r = Client().get(path)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_a_method_an_operation_does_not_take_answers_the_error_shape(keys: dict[str, str]) -> None:
    r = call(keys["read"], "delete", "/api/plans")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    assert r["Allow"] == "GET"


def test_updated_since_keeps_what_changed(world: World, keys: dict[str, str], plan: Plan) -> None:
    assert (
        call(
            keys["read"], "get", "/api/plans", data={"updated_since": "2000-01-01T00:00:00Z"}
        ).json()["count"]
        == 1
    )
    assert (
        call(
            keys["read"], "get", "/api/plans", data={"updated_since": "2999-01-01T00:00:00+07:00"}
        ).json()["count"]
        == 0
    )
    r = call(keys["read"], "get", "/api/plans", data={"updated_since": "0001-01-01T00:00:00+23:00"})
    assert r.status_code == 422 and "updated_since" in r.json()["error"]["fields"]
