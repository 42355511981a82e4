"""The province's book (issue 15, item 3): a province viewer or administrator lists and searches
every commune's petitions; the page names no petitioner and opens no case file; its count stops
at a cap and its rows are still exactly the newest matches, whether walked or sorted; an
officer's search over the cases assigned to her finds exactly hers."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from danvan.conftest import World, _user
from danvan.core.models import Role, Unit, User
from danvan.petitions import province, search, services
from danvan.petitions.models import Petition
from danvan.petitions.search import matches

URL = reverse("petitions:province")


def receive(
    world: World, commune: Unit, subject: str, day: int, by: User | None = None
) -> Petition:
    return services.petition_receive(
        commune=commune,
        by=by or world.chairman,
        channel=Petition.Channel.IN_PERSON,
        kind="reflection",
        subject=subject,
        content="Nội dung.",
        received_on=date(2026, 5, 1) + timedelta(days=day),
        identity={"name": "Nguyễn Văn Riêng", "address": "Thôn Bí Mật"},
    )


@pytest.fixture
def province_world(world: World) -> dict[str, object]:
    """Two communes of the province, and one commune of no province (world.other_commune)."""
    second = Unit.objects.create(
        kind=Unit.Kind.COMMUNE, name="Xã Chi Lăng", code="06080", parent=world.province
    )
    leader = _user("leader_2", second, Role.LEADER)
    subjects = [
        "Ô nhiễm nguồn nước suối Nà Làng",
        "Làm rõ trách nhiệm của trưởng thôn",
        "Khói bụi gây ô nhiễm không khí",
        "Đường liên thôn xuống cấp",
        "Ô NHIỄM MÔI TRƯỜNG TỪ TRẠI LỢN",
        "Tranh chấp đất đai",
    ]
    rows = []
    for n, subject in enumerate(subjects):
        here = world.commune if n % 2 == 0 else second
        rows.append(receive(world, here, subject, n, leader if here == second else None))
    outside = _user("leader_x", world.other_commune, Role.LEADER)
    receive(world, world.other_commune, "Ô nhiễm ở tỉnh khác", 10, outside)
    admin = _user("province_admin", world.province, Role.ADMIN)
    return {"second": second, "rows": rows, "admin": admin}


def shown(page: str) -> list[str]:
    return re.findall(r"Số (\d+/\d+): ([^<]+)</td>", page)


def test_only_a_province_seat_opens_the_province_book(
    world: World, province_world: dict[str, object]
) -> None:
    for user in (world.chairman, world.officer_b, world.front, world.outsider, world.operator):
        assert world.client(user).get(URL).status_code == 403, user
    assert world.client(None).get(URL).status_code == 302
    for user in (world.province_viewer, province_world["admin"]):
        assert world.client(user).get(URL).status_code == 200  # type: ignore[arg-type]


def test_it_lists_every_commune_of_the_province_newest_first_and_names_nobody(
    world: World, province_world: dict[str, object]
) -> None:
    page = world.client(world.province_viewer).get(URL).content.decode()
    subjects = [s for _, s in shown(page)]
    assert subjects == [p.subject for p in reversed(province_world["rows"])]  # type: ignore[call-overload]
    assert "Xã Chi Lăng" in page and "6 đơn" in page
    assert "tỉnh khác" not in page
    assert "Nguyễn Văn Riêng" not in page and "Bí Mật" not in page
    assert reverse("petitions:detail", args=[province_world["rows"][0].pk]) not in page  # type: ignore[index]
    # The menu leads there and marks it, not the statistics beside it.
    assert f'href="{URL}" aria-current="true"' in page
    assert page.count('aria-current="true"') == 1


def test_it_searches_the_province_without_diacritics_exactly(
    world: World, province_world: dict[str, object]
) -> None:
    rows: list[Petition] = province_world["rows"]  # type: ignore[assignment]
    client = world.client(world.province_viewer)
    for query in ("o nhiem", "Ô NHIỄM", "duong", "trach nhiem"):
        page = client.get(URL, {"q": query}).content.decode()
        expected = [p.subject for p in reversed(rows) if matches(p.subject, query)]
        assert [s for _, s in shown(page)] == expected, query
        assert f"{len(expected)} đơn" in page
    second: Unit = province_world["second"]  # type: ignore[assignment]
    page = client.get(URL, {"q": "o nhiem", "xa": second.pk}).content.decode()
    assert shown(page) == []  # Chi Lăng's rows are the odd ones: no "ô nhiễm" there
    page = client.get(URL, {"q": "o nhiem", "xa": world.other_commune.pk}).content.decode()
    assert "Lựa chọn không hợp lệ" in page or "không phải là một trong các lựa chọn" in page


def test_an_install_of_one_province_counts_its_searches_exactly(
    world: World, province_world: dict[str, object]
) -> None:
    """Every commune in the province: the book filters nothing, and SQLite counts the phrase
    in its index without the communes' tokens."""
    Unit.objects.filter(pk=world.other_commune.pk).update(parent=world.province)
    every = list(Petition.objects.order_by("-received_on", "-id"))
    client = world.client(world.province_viewer)
    for query in ("o nhiem", "duong", "dat dai", "khong co"):
        page = client.get(URL, {"q": query}).content.decode()
        expected = [p.subject for p in every if matches(p.subject, query)]
        assert [s for _, s in shown(page)] == expected, query
        assert f"{len(expected)} đơn" in page and ("tỉnh khác" in page) == (query == "o nhiem")


def test_above_the_cap_it_says_more_and_still_shows_the_newest_matches(
    world: World, province_world: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows: list[Petition] = province_world["rows"]  # type: ignore[assignment]
    monkeypatch.setattr(province, "COUNT_CAP", 1)
    monkeypatch.setattr("danvan.petitions.views_province.PAGE_SIZE", 1)
    monkeypatch.setattr(province, "planned_rows", lambda qs: 0)  # no estimate: they are counted
    client = world.client(world.province_viewer)
    expected = [p.subject for p in reversed(rows) if matches(p.subject, "o nhiem")]
    for number, subject in enumerate(expected[:2], start=1):
        page = client.get(URL, {"q": "o nhiem", "page": number}).content.decode()
        assert "Hơn 1 đơn" in page
        assert [s for _, s in shown(page)] == [subject]
        assert f"Trang {number}<" in page  # no last page is claimed


def test_postgresql_shows_its_estimate_of_many_matches_and_sqlite_counts(
    world: World, province_world: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows: list[Petition] = province_world["rows"]  # type: ignore[assignment]
    monkeypatch.setattr(province, "COUNT_CAP", 2)
    monkeypatch.setattr(province, "planned_rows", lambda qs: 159_576)
    monkeypatch.setattr(search, "has_known_frequency", lambda q: q == "o nhiem")
    client = world.client(world.province_viewer)
    page = client.get(URL, {"q": "o nhiem"}).content.decode()
    expected = [p.subject for p in reversed(rows) if matches(p.subject, "o nhiem")]
    assert [s for _, s in shown(page)] == expected
    if connection.vendor == "postgresql":
        assert "Khoảng 160.000 đơn (ước tính" in page
    else:  # SQLite keeps no statistics to estimate from
        assert "Khoảng" not in page and "Hơn 2 đơn" in page
    # A term whose frequency the statistics do not hold would be guessed: it is counted.
    page = client.get(URL, {"q": "Ô nhiễm môi trường"}).content.decode()
    assert "Khoảng" not in page and "1 đơn" in page
    # A status filter or one commune is counted, never estimated.
    page = client.get(URL, {"q": "o nhiem", "status": "open"}).content.decode()
    assert "Khoảng" not in page and "Hơn 2 đơn" in page
    page = client.get(URL, {"q": "o nhiem", "xa": world.commune.pk}).content.decode()
    assert "Khoảng" not in page and "Hơn 2 đơn" in page


@pytest.mark.parametrize("dense", [0, 4, 10**9])
def test_the_walk_and_the_sort_give_the_same_rows(
    world: World, province_world: dict[str, object], monkeypatch: pytest.MonkeyPatch, dense: int
) -> None:
    """On SQLite, whether a chunk's matches come from the index (its ids close together) or
    from its texts (spread, or `dense` 0: every chunk), the same rows."""
    monkeypatch.setattr(search, "WALK_CHUNK", 2)  # several chunks, each after the one before
    monkeypatch.setattr(search, "DENSE", dense)
    for day in (4, 4, 4):  # rows of one day: the walk goes on by id
        receive(world, world.commune, "Ô nhiễm bụi than", day)
    communes = {world.commune.pk, province_world["second"].pk}  # type: ignore[attr-defined]
    book = province.book(communes, {}, date(2026, 6, 1))
    for query in ("o nhiem", "duong", "nha van hoa"):
        walked = province.Matches(book, query, communes=communes)
        walked.counted = province.COUNT_CAP + 1  # as if there were many: the rows are walked
        sorted_ = province.Matches(book, query, communes=communes)
        got = [p.pk for p in walked[0:5]]
        assert got == [p.pk for p in sorted_[0 : sorted_.count()]][:5], query


def test_an_officer_searches_exactly_the_cases_assigned_to_her(world: World) -> None:
    rows = [
        receive(world, world.commune, s, n)
        for n, s in enumerate(["Ô nhiễm suối", "Ô nhiễm bụi", "Đường hỏng"])
    ]
    for p in (rows[0], rows[2]):  # the second "ô nhiễm" is not hers
        services.petition_assign(
            petition=p, by=world.chairman, unit=world.office_a, handler=world.officer_a
        )
    page = world.client(world.officer_a).get(reverse("petitions:list"), {"q": "o nhiem"})
    assert [s for _, s in shown_list(page.content.decode())] == ["Ô nhiễm suối"]


def shown_list(page: str) -> list[tuple[str, str]]:
    return re.findall(r">Số (\d+/\d+): ([^<]+)</a>", page)


def test_only_a_term_the_statistics_count_has_a_known_frequency(
    world: World, province_world: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "_mce", (0.0, frozenset()))
    if connection.vendor != "postgresql":  # SQLite keeps no statistics to estimate from
        assert not search.has_known_frequency("Ô NHIỄM")
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE petitions_petition")
    assert search.has_known_frequency("Ô NHIỄM")  # in 3 of 7 rows
    assert not search.has_known_frequency("khong co tu nay")
    assert not search.has_known_frequency("o nhiem, duong")  # two terms: their product is a guess


def test_a_search_is_kept_until_a_petition_of_the_province_changes(
    world: World, province_world: dict[str, object]
) -> None:
    """Its count and page are counted once; a petition received in any commune of the
    province (its service logs an entry) is found by the next request."""
    from django.test.utils import CaptureQueriesContext

    client = world.client(world.province_viewer)
    with CaptureQueriesContext(connection) as counted:
        page = client.get(URL, {"q": "o nhiem"}).content.decode()
    with CaptureQueriesContext(connection) as kept:
        again = client.get(URL, {"q": "o nhiem"}).content.decode()
    assert shown(again) == shown(page) and "3 đơn" in again and len(kept) < len(counted)
    second: Unit = province_world["second"]  # type: ignore[assignment]
    receive(
        world, second, "Ô nhiễm tiếng ồn từ xưởng gỗ", 20, User.objects.get(username="leader_2")
    )
    page = client.get(URL, {"q": "o nhiem"}).content.decode()
    assert "4 đơn" in page and shown(page)[0][1] == "Ô nhiễm tiếng ồn từ xưởng gỗ"
