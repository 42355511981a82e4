"""The portal's part of the movement: the home page's section of recognised practices."""

from __future__ import annotations

from danvan.conftest import World
from danvan.movement import services
from danvan.movement.tests.conftest import Mv, frozen, mv  # noqa: F401 - the fixtures
from danvan.portal.movement import home_section


def test_the_home_section_lists_the_gallery(world: World, mv: Mv) -> None:  # noqa: F811
    section = home_section(world.commune)
    assert section is not None
    assert [p.name for p in section.data["practices"]] == ["Tổ tự quản đường làng"]
    services.practice_set_public(practice=mv.recognised, by=world.chairman, public=False)
    assert home_section(world.commune) is None
