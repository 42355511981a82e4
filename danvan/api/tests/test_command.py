"""`danvan api-key create|list|revoke`: the key printed once, bad input in Vietnamese, status 2."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from danvan.conftest import World
from danvan.core import apikeys
from danvan.core.models import ApiKey


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("api-key", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_create_prints_a_working_key_once(world: World) -> None:
    code, out, _ = run(
        "create", "--name", "Cổng một cửa", "--commune", world.commune.code, "--write"
    )
    assert code == 0
    raw = next(line for line in out.splitlines() if line.startswith("dv_"))
    key = apikeys.authenticate(raw)
    assert key is not None and key.can_write and key.communes() == {world.commune.pk}
    assert raw not in str(list(ApiKey.objects.values()))
    code, listed, _ = run("list")
    assert code == 0 and raw not in listed and key.prefix in listed and "Cổng một cửa" in listed


def test_a_read_key_by_default_and_a_province_key(world: World) -> None:
    code, out, _ = run(
        "create", "--name", "Báo cáo tỉnh", "--province", world.province.code, "--json"
    )
    assert code == 0
    data = json.loads(out)
    key = apikeys.authenticate(data["key"])
    assert key is not None and not key.can_write and data["scope"] == "province"
    assert key.communes() == {world.commune.pk}


def test_revoke_stops_the_key(world: World) -> None:
    key, raw = apikeys.issue(name="App", unit=world.commune, by=None)
    code, out, _ = run("revoke", str(key.pk))
    assert code == 0 and "Đã thu hồi" in out
    assert apikeys.authenticate(raw) is None
    assert run("revoke", str(key.pk))[0] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "--name", "X", "--commune", "99999"), "Không có xã nào mang mã 99999."),
        (("create", "--name", "X", "--province", "99"), "Không có tỉnh nào mang mã 99."),
        (("create", "--name", "  ", "--commune", "06079"), "Cần nhập tên hệ thống"),
        (("revoke", "abc"), "Không có khóa API số abc."),
        (("revoke", "12345"), "Không có khóa API số 12345."),
    ],
)
def test_bad_input_is_one_vietnamese_line_and_status_2(
    world: World, args: tuple[str, ...], message: str
) -> None:
    code, _out, err = run(*args)
    assert code == 2 and message in err and "Traceback" not in err
    assert not ApiKey.objects.exists() or args[0] == "revoke"
