"""The menu offers the petition book only to those the book opens for."""

import pytest
from django.urls import reverse

from danvan.conftest import World

pytestmark = pytest.mark.django_db

PERSONAS = (
    "chairman",
    "officer_a",
    "readonly_a",
    "officer_b",
    "front",
    "village_head",
    "province_viewer",
    "outsider",
)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_menu_links_the_book_only_where_it_opens(world: World, persona: str) -> None:
    client = world.client(getattr(world, persona))
    home = client.get(reverse("plans:tasks")).content.decode()
    offered = f'href="{reverse("petitions:list")}"' in home
    opens = client.get(reverse("petitions:list")).status_code == 200
    assert offered == opens, f"{persona}: menu {offered}, list opens {opens}"
