"""The keys every API test may use, and one record of each kind in the personas' commune."""

from __future__ import annotations

import pytest

from danvan.api.tests.records import Records, build
from danvan.conftest import World
from danvan.core import apikeys
from danvan.plans.models import Plan, Task


@pytest.fixture
def keys(world: World) -> dict[str, str]:
    """Raw keys by who holds them: the personas' commune (06079) belongs to the province (20),
    the other commune does not; `none` sends no key, `garbage` one of a key's shape that no
    key is."""
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
