"""The one-stop centre of the personas' commune, with its officer and a read-only member."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from danvan.conftest import World, _user
from danvan.core.models import Role, Unit, User


@dataclass
class Centre:
    unit: Unit
    officer: User
    readonly: User


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    # Files kept for their column mapping (onestop.pending) go to a temporary folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def centre(world: World) -> Centre:
    unit = Unit.objects.create(
        kind=Unit.Kind.OFFICE,
        name="Trung tâm Phục vụ hành chính công",
        parent=world.commune,
        one_stop=True,
    )
    return Centre(
        unit=unit,
        officer=_user("hcc", unit, Role.OFFICER),
        readonly=_user("hcc_readonly", unit, Role.READONLY),
    )
