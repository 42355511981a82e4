"""Search without diacritics (issue 4, item 7): "o nhiem" finds every "ô nhiễm", "d" finds "đ",
NFD input too, on SQLite (FTS5) and PostgreSQL (trigrams), always what `matches` says."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.conftest import World
from danvan.demo.bench_petitions import check_deadlines, generate_petitions
from danvan.lib.text import fold
from danvan.petitions import search as search_module
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.petitions.search import (
    _phrase_pattern,
    count,
    few_matches,
    matches,
    newest_matches,
    parse,
    phrase_finder,
    search,
)

NFD = "NFD"


def receive(world: World, subject: str, content: str = "Nội dung.", **kw: object) -> Petition:
    return services.petition_receive(
        commune=kw.pop("commune", world.commune),  # type: ignore[arg-type]
        by=world.officer_b,
        channel=Petition.Channel.IN_PERSON,
        kind=kw.pop("kind", "reflection"),  # type: ignore[arg-type]
        subject=subject,
        content=content,
        received_on=date(2026, 5, 4),
        identity={"name": "Nguyễn Văn An"},
        **kw,  # type: ignore[arg-type]
    )


def found(query: str, **kw: object) -> set[int]:
    return set(search(Petition.objects.all(), query, **kw).values_list("pk", flat=True))  # type: ignore[arg-type]


@pytest.fixture
def corpus(world: World) -> dict[str, Petition]:
    texts = {
        "plain": "Ô nhiễm nguồn nước suối Nà Làng",
        "lower": "Phản ánh tình trạng ô nhiễm tiếng ồn",
        "nfd": unicodedata.normalize(NFD, "Khói bụi gây ô nhiễm không khí"),
        "upper": "Ô NHIỄM MÔI TRƯỜNG TỪ TRẠI LỢN",
        "punct": "Rác thải (ô nhiễm) cạnh đường",
        "task": "Đề nghị giao nhiệm vụ cho cán bộ địa chính",
        "duty": "Làm rõ trách nhiệm của trưởng thôn",
        "road": "Đường liên thôn Đoàn Kết xuống cấp",
        "land": "Tranh chấp đất đai với hộ bên cạnh",
    }
    return {k: receive(world, v) for k, v in texts.items()}


def test_it_finds_every_spelling_of_o_nhiem(corpus: dict[str, Petition]) -> None:
    expected = {corpus[k].pk for k in ("plain", "lower", "nfd", "upper", "punct")}
    for query in [
        "o nhiem",
        "ô nhiễm",
        "Ô NHIỄM",
        unicodedata.normalize(NFD, "ô nhiễm"),
        "  O   Nhiem ",
    ]:
        assert found(query) == expected, query


def test_it_does_not_mistake_other_words_for_o_nhiem(corpus: dict[str, Petition]) -> None:
    hits = found("o nhiem")
    assert corpus["task"].pk not in hits  # "giao nhiệm vụ" contains "o nhiem" as letters only
    assert corpus["duty"].pk not in hits
    assert found("nhiem") >= {corpus["task"].pk, corpus["duty"].pk, corpus["plain"].pk}


def test_it_finds_d_for_dd(corpus: dict[str, Petition]) -> None:
    assert corpus["road"].pk in found("duong")
    assert corpus["road"].pk in found("DUONG lien thon")
    assert found("dat dai") == {corpus["land"].pk}
    assert found("đất đai") == found("dat dai")
    assert corpus["task"].pk in found("dia chinh")


def test_it_matches_whole_words(corpus: dict[str, Petition]) -> None:
    assert found("o nhi") == set()  # whole words: a prefix costs the index 3x (see search.py)
    assert found("duo") == set()
    assert found("nhiem moi") == {corpus["upper"].pk}


def test_it_uses_the_querysets_commune_filter(world: World, corpus: dict[str, Petition]) -> None:
    from danvan.petitions.search import _communes_of

    mine = Petition.objects.filter(commune=world.commune)
    assert _communes_of(mine) == {world.commune.pk}  # type: ignore[arg-type]
    several = Petition.objects.filter(commune_id__in={world.commune.pk, world.other_commune.pk})
    assert _communes_of(several) == {world.commune.pk, world.other_commune.pk}  # type: ignore[arg-type]
    assert _communes_of(Petition.objects.filter(status="received")) is None  # type: ignore[arg-type]
    elsewhere = receive(world, "Ô nhiễm ở xã khác", commune=world.other_commune)
    hits = set(search(mine, "o nhiem").values_list("pk", flat=True))  # type: ignore[arg-type]
    assert elsewhere.pk not in hits and corpus["plain"].pk in hits


@pytest.mark.parametrize("query", ["o nhiem", "duong", "dat dai", "o nhiem, suoi", "nowhere", "!"])
def test_its_count_is_the_searchs(world: World, corpus: dict[str, Petition], query: str) -> None:
    """search.count (a book of one commune: counted in the index alone on SQLite) against the
    rows search() finds, with other communes' matches and a filter beside the commune's."""
    receive(world, "Ô nhiễm đường đất đai ở xã khác", commune=world.other_commune)
    corpus["road"].delete()
    books = [
        Petition.objects.filter(commune=world.commune),
        Petition.objects.filter(commune_id__in={world.commune.pk, world.other_commune.pk}),
        Petition.objects.filter(commune=world.commune, kind="reflection"),
        Petition.objects.filter(commune=world.commune, status="accepted"),
        Petition.objects.all(),
    ]
    for book in books:
        rows = search(book, query)  # type: ignore[arg-type]
        assert count(book, query) == rows.count() == len(list(rows))  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["o nhiem", "duong", "dat dai", "o nhiem, suoi", "nowhere", "!"])
def test_few_matches_are_the_searchs_rows_in_order(
    world: World, corpus: dict[str, Petition], query: str
) -> None:
    """search.few_matches (an officer's assigned cases: one read of their order and communes,
    then the index) against search()'s rows sorted, for cases in two communes."""
    elsewhere = receive(world, "Ô nhiễm đường đất đai ở xã khác", commune=world.other_commune)
    Petition.objects.filter(pk=corpus["road"].pk).update(received_on=date(2026, 1, 2))
    picked = [corpus[k].pk for k in ("plain", "upper", "road", "land", "duty")] + [elsewhere.pk]
    order = ["-received_on", "-id"]
    for cases in [
        Petition.objects.filter(pk__in=picked),
        Petition.objects.filter(pk__in=picked, commune=world.commune),
        Petition.objects.filter(pk__in=picked[:2]),
        Petition.objects.none(),
    ]:
        expected = list(search(cases, query).order_by(*order).values_list("pk", flat=True))  # type: ignore[arg-type]
        assert few_matches(cases, query, order=order) == expected  # type: ignore[arg-type]


def test_it_requires_every_comma_separated_phrase(corpus: dict[str, Petition]) -> None:
    assert found("o nhiem, suoi") == {corpus["plain"].pk}
    assert found("o nhiem; trai lon") == {corpus["upper"].pk}


def test_it_stays_within_the_given_communes(world: World, corpus: dict[str, Petition]) -> None:
    elsewhere = receive(world, "Ô nhiễm ở xã khác", commune=world.other_commune)
    assert elsewhere.pk in found("o nhiem")
    assert elsewhere.pk not in found("o nhiem", communes=[world.commune.pk])
    assert found("o nhiem", communes=[world.other_commune.pk]) == {elsewhere.pk}
    assert found("o nhiem", communes=[]) == set()


def test_it_follows_changes_and_deletions(world: World, corpus: dict[str, Petition]) -> None:
    p = corpus["land"]
    p.subject = "Ô nhiễm do xưởng gỗ"
    p.search_text = fold(f"{p.subject} {p.content}")
    p.save()
    assert p.pk in found("o nhiem")
    assert p.pk not in found("dat dai")
    p.save()  # an unrelated save leaves the index as it was
    assert p.pk in found("o nhiem")
    gone = corpus["plain"].pk
    Petition.objects.filter(pk=gone).delete()
    assert gone not in found("o nhiem")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\x00",
        "o\x00nhiem",
        "!!! ??? ---",
        '"',
        'o" OR "x',
        "NEAR(o nhiem) AND * OR NOT",
        "body : o",
        "commune : c1",
        "x" * 100_000,
        "ô " * 5_000,
        "%_%",
        "🙂 ô nhiễm",
    ],
)
def test_it_survives_odd_queries(corpus: dict[str, Petition], query: str) -> None:
    result = found(query)
    if not parse(query):
        assert result == set(Petition.objects.values_list("pk", flat=True))
    else:
        texts = {p.pk: f"{p.subject} {p.content}" for p in Petition.objects.all()}
        assert result == {pk for pk, t in texts.items() if matches(t, query)}


def test_it_agrees_with_the_python_ground_truth_on_generated_petitions(world: World) -> None:
    stats = generate_petitions([world.commune], 400, seed=7, today=date(2026, 11, 26), say=str)
    assert stats.petitions == 400 and stats.nfd > 0
    rows = list(Petition.objects.values_list("pk", "subject", "content", "search_text"))
    assert all(st == fold(f"{s} {c}") for _pk, s, c, st in rows)
    for query in ["o nhiem", "Ô nhiễm", "duong", "đường liên thôn", "trach nhiem", "nhiem", "dat"]:
        truth = {pk for pk, s, c, _st in rows if matches(f"{s} {c}", query)}
        assert truth, query
        assert found(query) == truth, query
    assert check_deadlines(sample=100) == (
        min(100, Petition.objects.open().exclude(step="").count()),
        0,
    )


def test_it_searches_from_the_petition_book(world: World, corpus: dict[str, Petition]) -> None:
    response = world.client(world.officer_b).get("/can-bo/don-thu/", {"q": "o nhiem"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "5 đơn" in body
    assert corpus["task"].subject not in body


def test_it_gives_older_rows_their_folded_text(world: World) -> None:
    """Migration 0004 folds the text of petitions stored before search_text was filled in."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("danvan.petitions.migrations.0004_search_index")
    old = receive(world, "Đường vào thôn Đoàn Kết bị sạt lở")
    Petition.objects.filter(pk=old.pk).update(search_text="")
    assert old.pk not in found("duong")
    migration.fill_search_text(apps, None)
    old.refresh_from_db()
    assert old.search_text == fold(f"{old.subject} {old.content}")
    assert old.pk in found("duong vao thon")


def test_it_treats_an_underscore_as_a_space(world: World) -> None:
    odd = receive(world, "Tệp anh_ô nhiễm_nước gửi kèm")
    assert matches(odd.subject, "o nhiem")
    assert odd.pk in found("o nhiem")
    assert odd.pk in found("o nhiem", communes=[world.commune.pk])
    assert odd.pk in set(
        search(Petition.objects.filter(commune=world.commune), "o nhiem").values_list(
            "pk", flat=True
        )  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "query",
    [
        "o nhiem",
        "Ô nhiễm",
        "duong",
        "đường liên thôn",
        "trach nhiem",
        "nhiem",
        "dat",
        "o nhiem, duong",
        "giao nhiem vu cho",
        "ô " * 5_000,
        "x" * 100_000,
        "🙂 ô nhiễm",
        "40 m2",
    ],
)
def test_it_agrees_with_the_ground_truth_within_one_commune(
    world: World, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One commune is the officer's book: on PostgreSQL the exact terms index of migration 0006
    answers it, elsewhere the same rows as the whole-province search."""
    generate_petitions([world.commune], 300, seed=11, today=date(2026, 11, 26), say=str)
    generate_petitions([world.other_commune], 50, seed=12, today=date(2026, 11, 26), say=str)
    receive(world, "Diện tích 40 m2 bị lấn chiếm", "Tệp anh_ô nhiễm_nước, (đường) x" + "y" * 45)
    mine = Petition.objects.filter(commune=world.commune)
    rows = mine.values_list("pk", "subject", "content")
    truth = {pk for pk, s, c in rows if matches(f"{s} {c}", query)}
    hits = set(search(mine, query).values_list("pk", flat=True))  # type: ignore[arg-type]
    assert hits == truth
    assert search(mine, query).count() == len(truth)
    order = ("-received_on", "-id")
    newest = list(search(mine, query).order_by(*order).values_list("pk", flat=True)[:25])  # type: ignore[arg-type]
    upto = min(25, len(truth))
    walked = newest_matches(mine, query, matches=len(truth), first=0, upto=upto)  # type: ignore[arg-type]
    if query == "duong":
        assert walked is not None  # common enough to walk
    if walked is not None:  # common words: the same rows, read newest first
        assert walked == newest
    if connection.vendor == "sqlite":  # each chunk's texts read, not the index asked
        monkeypatch.setattr(search_module, "DENSE_COMMUNE", 0)
        texts = newest_matches(mine, query, matches=len(truth), first=0, upto=upto)  # type: ignore[arg-type]
        assert texts == walked


PHRASE_TEXT = st.text(alphabet=st.sampled_from("ab _-.,đ\u0301é1"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(["a", "ab", "b", "đé", "1"]), min_size=1, max_size=3),
    text=PHRASE_TEXT,
)
def test_the_walks_finder_says_what_the_phrase_pattern_says(words: list[str], text: str) -> None:
    """search.phrase_finder, the walk's fast form of `matches`' pattern, on texts made of the
    phrase's words, other letters and every kind of separator (an underscore is one)."""
    assert phrase_finder(words)(text) == bool(_phrase_pattern(words).search(text))
