"""Hotspots (issue 4, item 6): growing clusters by village and topic, thresholds per commune."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from danvan.conftest import World
from danvan.core.models import AuditEntry, Membership, Role, Unit
from danvan.petitions import services
from danvan.petitions.hotspots import clusters
from danvan.petitions.models import HotspotRule, Petition

TODAY = date(2026, 11, 20)


def petitions(
    world: World,
    n: int,
    days_ago: int,
    *,
    topic: str = "environment",
    village: Unit | None = None,
    **kw: object,
) -> list[Petition]:
    return [
        services.petition_receive(
            commune=world.commune,
            by=world.officer_b,
            channel=Petition.Channel.IN_PERSON,
            kind="reflection",
            subject=f"Ô nhiễm nguồn nước lần {i}",
            content="Nước suối đục, có mùi.",
            received_on=TODAY - timedelta(days=days_ago),
            identity={"name": "Nguyễn Văn An"},
            village=village or world.village,
            topic=topic,
            **kw,  # type: ignore[arg-type]
        )
        for i in range(n)
    ]


def shown(world: World, **kw: object) -> dict[tuple[int, str], object]:
    return {(c.village_id, c.topic): c for c in clusters([world.commune.pk], today=TODAY, **kw)}  # type: ignore[arg-type]


def test_it_flags_five_petitions_in_thirty_days_by_default(world: World) -> None:
    petitions(world, 4, days_ago=3)
    assert not shown(world)[(world.village.pk, "environment")].is_hotspot  # type: ignore[attr-defined]
    petitions(world, 1, days_ago=29)
    cluster = shown(world)[(world.village.pk, "environment")]
    assert cluster.is_hotspot and cluster.current == 5 and cluster.threshold == 5  # type: ignore[attr-defined]


def test_it_counts_the_previous_window_to_show_growth(world: World) -> None:
    petitions(world, 2, days_ago=40)
    petitions(world, 6, days_ago=2)
    petitions(world, 3, days_ago=61)  # before both windows: not counted
    c = shown(world)[(world.village.pk, "environment")]
    assert (c.current, c.previous, c.growth, c.growing) == (6, 2, 4, True)  # type: ignore[attr-defined]


def test_it_shows_a_growing_cluster_at_half_the_threshold(world: World) -> None:
    petitions(world, 3, days_ago=1)
    c = shown(world)[(world.village.pk, "environment")]
    assert not c.is_hotspot and c.growing  # type: ignore[attr-defined]
    petitions(world, 4, days_ago=45)  # the previous window had more: no longer growing
    assert (world.village.pk, "environment") not in shown(world)


def test_it_counts_multi_person_petitions_twice(world: World) -> None:
    petitions(world, 3, days_ago=5)
    petitions(world, 1, days_ago=5, signatories=12)
    c = shown(world)[(world.village.pk, "environment")]
    assert (c.current, c.multi_person, c.weighted, c.is_hotspot) == (4, 1, 5, True)  # type: ignore[attr-defined]


def test_it_flags_sensitive_petitions_below_the_threshold(world: World) -> None:
    petitions(world, 1, days_ago=5, topic="social", sensitive=True)
    petitions(world, 4, days_ago=45, topic="social")
    c = shown(world)[(world.village.pk, "social")]
    assert c.sensitive == 1 and not c.is_hotspot  # type: ignore[attr-defined]


def test_it_follows_the_communes_rule(world: World) -> None:
    HotspotRule.objects.create(commune=world.commune, threshold=3, window_days=7)
    petitions(world, 3, days_ago=6)
    petitions(world, 5, days_ago=9)  # previous 7-day window
    c = shown(world)[(world.village.pk, "environment")]
    assert (c.current, c.previous, c.is_hotspot, c.window_days) == (3, 5, True, 7)  # type: ignore[attr-defined]


def test_it_keeps_villages_and_topics_apart(world: World) -> None:
    other_village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Nà Pàn", parent=world.commune
    )
    petitions(world, 3, days_ago=2)
    petitions(world, 3, days_ago=2, village=other_village)
    petitions(world, 3, days_ago=2, topic="land")
    all_ = shown(world, all_clusters=True)
    assert {k: c.current for k, c in all_.items()} == {  # type: ignore[attr-defined]
        (world.village.pk, "environment"): 3,
        (other_village.pk, "environment"): 3,
        (world.village.pk, "land"): 3,
    }
    assert not any(c.is_hotspot for c in all_.values())  # type: ignore[attr-defined]


# --- pages --------------------------------------------------------------------------------------


@pytest.fixture
def hot(world: World) -> list[Petition]:
    return petitions(world, 6, days_ago=2)


def get(
    world: World, user: object, url: str = "/can-bo/don-thu/diem-nong/", **params: str
) -> object:
    with time_machine.travel(TODAY, tick=False):
        return world.client(user).get(url, params)  # type: ignore[arg-type]


def test_it_shows_hotspots_to_leaders_and_the_petition_desk(
    world: World, hot: list[Petition]
) -> None:
    for user in (world.chairman, world.officer_b, world.admin):
        response = get(world, user)
        assert response.status_code == 200, user  # type: ignore[attr-defined]
        body = response.content.decode()  # type: ignore[attr-defined]
        assert "Thôn Đoàn Kết – Môi trường" in body
        assert "Điểm nóng</span>" in body
        assert "Nguyễn Văn An" not in body  # counts only, never who wrote


def test_it_refuses_everyone_else(world: World, hot: list[Petition]) -> None:
    for user in (
        world.officer_a,
        world.readonly_a,
        world.front,
        world.village_head,
        world.province_viewer,
        world.outsider,
    ):
        assert get(world, user).status_code == 403, user  # type: ignore[attr-defined]
    assert get(world, None).status_code == 302  # type: ignore[attr-defined]


def test_it_refuses_another_communes_hotspots(world: World, hot: list[Petition]) -> None:
    assert get(world, world.chairman, xa=str(world.other_commune.pk)).status_code == 404  # type: ignore[attr-defined]
    assert get(world, world.chairman, xa="abc").status_code == 404  # type: ignore[attr-defined]
    assert get(world, world.chairman, xa="9" * 40).status_code == 404  # type: ignore[attr-defined]
    url = f"/can-bo/don-thu/diem-nong/{world.other_commune.pk}/{world.village.pk}/environment/"
    assert get(world, world.chairman, url).status_code == 404  # type: ignore[attr-defined]


def test_it_lists_a_clusters_petitions(world: World, hot: list[Petition]) -> None:
    url = f"/can-bo/don-thu/diem-nong/{world.commune.pk}/{world.village.pk}/environment/"
    response = get(world, world.officer_b, url)
    assert response.status_code == 200  # type: ignore[attr-defined]
    body = response.content.decode()  # type: ignore[attr-defined]
    assert all(f"Số {p.code}:" in body for p in hot)
    bad = f"/can-bo/don-thu/diem-nong/{world.commune.pk}/{world.village.pk}/no-such-topic/"
    assert get(world, world.officer_b, bad).status_code == 404  # type: ignore[attr-defined]
    not_village = f"/can-bo/don-thu/diem-nong/{world.commune.pk}/{world.office_a.pk}/environment/"
    assert get(world, world.officer_b, not_village).status_code == 404  # type: ignore[attr-defined]


# --- the threshold form ---------------------------------------------------------------------------

RULE_URL = "/can-bo/don-thu/diem-nong/nguong/"


def test_it_lets_a_leader_set_the_threshold(world: World) -> None:
    response = world.client(world.chairman).post(
        RULE_URL, {"xa": world.commune.pk, "threshold": "8", "window_days": "14"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/can-bo/don-thu/diem-nong/?xa={world.commune.pk}"
    rule = HotspotRule.objects.get(commune=world.commune)
    assert (rule.threshold, rule.window_days) == (8, 14)
    entry = AuditEntry.objects.get(action="petitions.hotspot_rule_set")
    assert entry.actor == world.chairman and entry.commune_id == world.commune.pk
    assert entry.changes == {"threshold": [5, 8], "window_days": [30, 14]}


def test_it_refuses_get_on_the_threshold(world: World) -> None:
    assert world.client(world.chairman).get(RULE_URL).status_code == 405


def test_it_refuses_the_threshold_of_another_commune(world: World) -> None:
    response = world.client(world.chairman).post(
        RULE_URL, {"xa": world.other_commune.pk, "threshold": "8", "window_days": "14"}
    )
    assert response.status_code == 404
    assert not HotspotRule.objects.exists()


def test_it_refuses_the_threshold_to_non_leaders(world: World) -> None:
    data = {"xa": world.commune.pk, "threshold": "8", "window_days": "14"}
    assert (
        world.client(world.officer_b).post(RULE_URL, data).status_code == 403
    )  # reads, not manages
    for user in (
        world.officer_a,
        world.readonly_a,
        world.front,
        world.outsider,
        world.province_viewer,
    ):
        assert world.client(user).post(RULE_URL, data).status_code == 403
    assert not HotspotRule.objects.exists()
    assert not AuditEntry.objects.filter(action="petitions.hotspot_rule_set").exists()


@pytest.mark.parametrize(
    ("threshold", "window"),
    [
        ("abc", "30"),
        ("5\x00", "30"),
        ("9" * 40, "30"),
        ("-3", "30"),
        ("1", "30"),
        ("5", "0"),
        ("5", "9999"),
        ("", ""),
    ],
)
def test_it_answers_a_bad_threshold_in_vietnamese(
    world: World, threshold: str, window: str
) -> None:
    response = world.client(world.chairman).post(
        RULE_URL, {"xa": world.commune.pk, "threshold": threshold, "window_days": window}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="dv-error"' in body
    assert f'value="{threshold}"' in body or threshold in ("", "5\x00")  # what was typed is kept
    assert not HotspotRule.objects.exists()


def test_it_lets_an_administrator_of_several_communes_pick_one(
    world: World, hot: list[Petition]
) -> None:
    Membership.objects.create(user=world.admin, unit=world.other_commune, role=Role.ADMIN)
    body = get(world, world.admin).content.decode()  # type: ignore[attr-defined]
    assert "Chọn một xã ở trên" in body and 'name="threshold"' not in body
    assert f'<option value="{world.other_commune.pk}"' in body
    one = get(world, world.admin, xa=str(world.commune.pk)).content.decode()  # type: ignore[attr-defined]
    assert 'name="threshold"' in one and "Thôn Đoàn Kết – Môi trường" in one


def test_it_leaves_out_a_small_cluster_with_one_multi_person_petition(world: World) -> None:
    HotspotRule.objects.create(commune=world.commune, threshold=20, window_days=30)
    petitions(world, 2, days_ago=5, signatories=7)  # weighted 4 < 20 / 2
    petitions(world, 3, days_ago=40)
    assert (world.village.pk, "environment") not in shown(world)
    petitions(world, 4, days_ago=5, signatories=7)  # weighted 12 ≥ 10
    assert (world.village.pk, "environment") in shown(world)
