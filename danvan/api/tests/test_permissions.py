"""Permission rows of the JSON API: every endpoint, every kind of key."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.api.tests.records import Records, build
from danvan.conftest import World
from danvan.core import apikeys
from danvan.plans.models import Plan, Task

PLAN_TEXT = (
    "ỦY BAN NHÂN DÂN\nXÃ HỒNG PHONG\nSố: 12/KH-UBND\n\nHồng Phong, ngày 10 tháng 3 năm 2026\n\n"
    "KẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm 2026\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao hiệu quả.\n\n"
    "II. NHIỆM VỤ\n1. Tổ chức đối thoại với Nhân dân. Phòng Văn hóa - Xã hội chủ trì.\n"
    "2. Công khai thủ tục hành chính. Văn phòng HĐND và UBND xã chủ trì.\n"
)


@pytest.fixture
def keys(world: World) -> dict[str, str]:
    out = {}
    for name, unit, write in [
        ("read", world.commune, False),
        ("write", world.commune, True),
        ("other", world.other_commune, True),
        ("province", world.province, False),
        ("province_write", world.province, True),
        ("revoked", world.commune, True),
    ]:
        key, raw = apikeys.issue(name=name, unit=unit, can_write=write, by=None)
        out[name] = raw
        if name == "revoked":
            apikeys.revoke(key, by=None)
    out["none"] = ""
    out["garbage"] = "dv_00000000_" + "x" * 43
    return out


@pytest.fixture
def records(world: World, plan: Plan, task: Task) -> Records:
    return build(world, plan, task)


def get(key: str, path: str, **data: Any) -> Any:
    headers = {"HTTP_X_API_KEY": key} if key else {}
    return Client().get(path, data=data, **headers)


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


def post_plan(key: str, commune: str, **extra: Any) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    headers = {"HTTP_X_API_KEY": key} if key else {}
    data = {"commune": commune, "file": SimpleUploadedFile("kh.txt", PLAN_TEXT.encode()), **extra}
    return Client().post("/api/plans/import", data=data, **headers)


def post_petition(key: str, commune: str, **extra: Any) -> Any:
    headers = {"HTTP_X_API_KEY": key} if key else {}
    body = {
        "commune": commune,
        "forwarded_by": "Thanh tra tỉnh Lạng Sơn",
        "received_on": "2026-03-02",
        "kind": "recommendation",
        "subject": "Đường vào thôn hỏng",
        "content": "Đề nghị sửa đường.",
        "petitioner": {"name": "Trần Thị Bình", "address": "Thôn Đoàn Kết"},
        **extra,
    }
    return Client().post("/api/petitions", data=body, content_type="application/json", **headers)


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
