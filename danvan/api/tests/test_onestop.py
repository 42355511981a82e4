"""The one-stop system's push (`POST /api/one-stop/dossiers`): the import of the page and the
command, answered with the same counts; read keys, other communes' keys and no key refused;
rows that cannot be read reported with their place and reason, never dropped."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.api.tests.calls import headers
from danvan.conftest import World
from danvan.core.models import AuditEntry
from danvan.onestop.models import Dossier

URL = "/api/one-stop/dossiers"
DOSSIERS: list[dict[str, Any]] = [
    {"code": "H01-1", "procedure": "Chứng thực", "received_on": "2026-03-01",
     "due_on": "2026-03-05", "returned_on": "2026-03-04", "status": "Đã trả kết quả",
     "satisfaction": "Hài lòng"},
    {"code": "H01-2", "received_on": "02/03/2026 08:15", "due_on": "06/03/2026",
     "returned_on": "06/03/2026"},
    {"code": "H01-3", "received_on": "2026-03-02", "due_on": "2026-03-05",
     "returned_on": "2026-03-09"},
    {"code": "H01-4", "received_on": "2026-03-03", "due_on": "2026-03-20"},
    {"code": "H01-5", "received_on": "2026-03-01", "due_on": "2026-03-10", "returned_on": None},
]  # fmt: skip


def push(key: str | None, commune: str = "06079", **extra: Any) -> Any:
    body = {"commune": commune, "on": "2026-03-12", "dossiers": DOSSIERS, **extra}
    return Client().post(URL, data=body, content_type="application/json", **headers(key))


def test_a_push_is_imported_and_answered_with_the_commands_counts(
    world: World, keys: dict[str, str]
) -> None:
    r = push(keys["write"])
    assert r.status_code == 200, r.content
    out = r.json()
    assert {k: out[k] for k in ("total", "early", "on_time", "late", "in_progress",
                                "in_progress_overdue", "unreadable")} == {
        "total": 5, "early": 1, "on_time": 1, "late": 1, "in_progress": 1,
        "in_progress_overdue": 1, "unreadable": [],
    }  # fmt: skip
    assert Dossier.objects.filter(commune=world.commune).count() == 5
    entry = AuditEntry.objects.get(action="api.onestop_imported")
    assert entry.changes["api_system"] == "write" and entry.commune_id == world.commune.pk
    again = push(keys["write"]).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 5)


def test_bad_rows_are_reported_with_their_place_and_reason(
    world: World, keys: dict[str, str]
) -> None:
    bad = [{"code": "", "received_on": "2026-03-01", "due_on": "2026-03-05"},
           {"code": "X", "received_on": "2026-03-01", "due_on": "31/02/2026"},
           {"code": "H01-1", "received_on": "2026-03-01", "due_on": "2026-03-05"}]  # fmt: skip
    r = push(keys["write"], dossiers=DOSSIERS + bad)
    assert r.status_code == 200
    out = r.json()
    assert out["total"] == 5 and out["unreadable"] == [6, 7, 8]
    reasons = {x["row"]: x["reason"] for x in out["reasons"]}
    assert reasons[6] == "Thiếu mã hồ sơ" and "không có thật" in reasons[7]
    assert reasons[8] == "Trùng mã hồ sơ H01-1 với dòng 1"


@pytest.mark.parametrize(
    ("who", "commune", "status"),
    [
        ("none", "06079", 401),
        ("garbage", "06079", 401),
        ("revoked", "06079", 401),
        ("read", "06079", 403),
        ("province", "06079", 403),
        ("other", "06079", 404),
        ("write", "13927", 404),
        ("province_write", "06079", 200),
        ("write", "06079", 200),
    ],
)
def test_write_rows(
    world: World, keys: dict[str, str], who: str, commune: str, status: int
) -> None:
    r = push(keys[who], commune)
    assert r.status_code == status, r.content
    assert Dossier.objects.exists() == (status == 200)
    if status != 200:
        assert r.json()["error"]["message"]


def test_a_body_that_is_no_list_of_dossiers_is_refused_in_one_shape(
    world: World, keys: dict[str, str]
) -> None:
    r = push(keys["write"], dossiers="khong")
    assert r.status_code == 422 and "dossiers" in r.json()["error"]["fields"]
    assert not Dossier.objects.exists()


def test_it_is_documented(db: None) -> None:
    doc = Client().get("/api/openapi.json").json()
    operation = doc["paths"]["/api/one-stop/dossiers"]["post"]
    assert "200" in operation["responses"] and "403" in operation["responses"]
