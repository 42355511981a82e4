"""A search of the petition book is kept (core.cache.kept) until a record of the commune changes:
the desk's search of its commune's book and an officer's search of the cases assigned to him.
Each kept page is the page the search computes, and the next request after a write counts
again."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from danvan.conftest import World
from danvan.demo.bench_petitions import generate_petitions
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.petitions.search import matches
from danvan.testing.pages import without_tokens

COUNT = re.compile(r">(\d[\d.,]*) đơn<")
LINK = re.compile(r'href="/can-bo/don-thu/(\d+)/"')


def receive(world: World, subject: str, on: date = date(2026, 11, 25)) -> Petition:
    return services.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel=Petition.Channel.IN_PERSON,
        kind="reflection",
        subject=subject,
        content="Nội dung.",
        received_on=on,
        identity={"name": "Nguyễn Văn An"},
    )


def quiet(_line: str) -> None:
    """generate_petitions' progress, unprinted."""


def shown(body: str) -> tuple[int, list[int]]:
    """The count a list page says and the cases it links, in order."""
    found = COUNT.search(body)
    assert found, body[:2000]
    return int(found.group(1).replace(".", "")), [int(pk) for pk in LINK.findall(body)]


def newest_first(rows: list[Petition], query: str) -> list[int]:
    hits = [p for p in rows if matches(f"{p.subject} {p.content}", query)]
    hits.sort(key=lambda p: (p.received_on, p.pk), reverse=True)
    return [p.pk for p in hits]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "o nhiem"},
        {"q": "duong"},
        {"q": "duong", "page": "2"},
        {"q": "duong", "page": "99"},
        {"q": "dat dai"},
        {"q": "trach nhiem", "status": "open"},
        {"q": "o nhiem", "due": "overdue"},
        {"q": "!!!"},
    ],
)
def test_a_kept_search_is_the_page_the_search_computes(world: World, params: dict) -> None:
    generate_petitions([world.commune], 300, seed=11, today=date(2026, 11, 26), say=quiet)
    generate_petitions([world.other_commune], 50, seed=12, today=date(2026, 11, 26), say=quiet)
    client = world.client(world.officer_b)
    url = reverse("petitions:list")
    cache.clear()
    fresh = without_tokens(client.get(url, params).content.decode())
    again = without_tokens(client.get(url, params).content.decode())  # from the cache
    assert again == fresh
    count, links = shown(again)
    if "status" in params or "due" in params or not any(c.isalnum() for c in params["q"]):
        return  # the filters' own tests say which rows; here: the same page twice
    truth = newest_first(list(Petition.objects.filter(commune=world.commune)), params["q"])
    assert count == len(truth)
    page = min(int(params.get("page", 1)), max(1, -(-len(truth) // 25)))
    assert links == truth[(page - 1) * 25 : page * 25]


def test_a_kept_search_counts_a_petition_received_since(world: World) -> None:
    for n in range(3):
        receive(world, f"Ô nhiễm nguồn nước suối số {n}", on=date(2026, 11, 20))
    receive(world, "Đường liên thôn xuống cấp")
    client = world.client(world.officer_b)
    url = reverse("petitions:list")
    first = client.get(url, {"q": "o nhiem"}).content.decode()
    assert shown(first)[0] == 3
    assert shown(client.get(url, {"q": "o nhiem"}).content.decode())[0] == 3
    new = receive(world, "Khói bụi gây ô nhiễm không khí")
    count, links = shown(client.get(url, {"q": "o nhiem"}).content.decode())
    assert count == 4 and links[0] == new.pk


def test_a_kept_search_of_my_cases_follows_an_assignment(world: World) -> None:
    cases = [receive(world, f"Ô nhiễm nguồn nước suối số {n}") for n in range(3)]
    services.petition_assign(
        petition=cases[0], by=world.chairman, handler=world.officer_a, unit=world.office_a
    )
    client = world.client(world.officer_a)  # keeps no book: the cases assigned to him
    url = reverse("petitions:list")
    assert shown(client.get(url, {"q": "o nhiem"}).content.decode()) == (1, [cases[0].pk])
    assert shown(client.get(url, {"q": "o nhiem"}).content.decode()) == (1, [cases[0].pk])
    services.petition_assign(
        petition=cases[2], by=world.chairman, handler=world.officer_a, unit=world.office_a
    )
    count, links = shown(client.get(url, {"q": "o nhiem"}).content.decode())
    assert count == 2 and set(links) == {cases[0].pk, cases[2].pk}
    # Another officer of the same unit is shown the unit's cases, not the first one's page.
    assert shown(client.get(url, {"q": "duong"}).content.decode())[0] == 0


def test_a_kept_search_is_not_shown_to_another_communes_desk(world: World) -> None:
    receive(world, "Ô nhiễm nguồn nước suối")
    url = reverse("petitions:list")
    assert shown(world.client(world.officer_b).get(url, {"q": "o nhiem"}).content.decode())[0]
    other = world.client(world.outsider).get(url, {"q": "o nhiem"})
    assert other.status_code in (403, 404) or shown(other.content.decode())[0] == 0
