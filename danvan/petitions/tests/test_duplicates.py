"""Similar earlier petitions offered for linking (issue 4, item 6), and the page that links them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from danvan.conftest import World
from danvan.core.models import AuditEntry, Membership, Role, Unit
from danvan.petitions import services
from danvan.petitions.access import petitions_for
from danvan.petitions.duplicates import similar_petitions
from danvan.petitions.models import Petition

TODAY = date(2026, 11, 20)


def receive(world: World, subject: str, content: str = "", **kw: object) -> Petition:
    kind = kw.pop("kind", "reflection")
    phone = kw.pop("phone", "")
    return services.petition_receive(
        commune=kw.pop("commune", world.commune),  # type: ignore[arg-type]
        by=world.officer_b,
        channel=Petition.Channel.IN_PERSON,
        kind=kind,  # type: ignore[arg-type]
        subject=subject,
        content=content or f"{subject}. Đề nghị xã xem xét.",
        received_on=kw.pop("received_on", TODAY - timedelta(days=10)),  # type: ignore[arg-type]
        identity={"name": "Nguyễn Văn An", "phone": phone},  # type: ignore[dict-item]
        **kw,  # type: ignore[arg-type]
    )


def check(
    world: World, subject: str, content: str = "", **kw: object
) -> list[tuple[Petition, float, list[str]]]:
    return similar_petitions(
        commune=kw.pop("commune", world.commune),  # type: ignore[arg-type]
        subject=subject,
        content=content or subject,
        today=TODAY,
        **kw,  # type: ignore[arg-type]
    )


def test_it_offers_the_same_persons_earlier_petition(world: World) -> None:
    earlier = receive(world, "Đề nghị cấp giấy chứng nhận quyền sử dụng đất", phone="0912 345 678")
    receive(world, "Góp ý lễ hội thôn", phone="0988000111")
    result = check(world, "Hỏi về thủ tục hộ nghèo", petitioner_phone="0912 345 678")
    assert [p.pk for p, _s, _r in result] == [earlier.pk]
    assert "Cùng người gửi (số điện thoại)" in result[0][2]


def test_it_never_uses_a_denouncers_identity(world: World) -> None:
    denunciation = receive(
        world, "Tố cáo cán bộ địa chính nhũng nhiễu", kind="denunciation", phone="0912345678"
    )
    assert denunciation.petitioner_phone == ""  # the phone is in the vault, not on the row
    by_phone = check(world, "Hỏi về lịch tiêm chủng", petitioner_phone="0912345678")
    assert by_phone == []
    # A new denunciation's phone is not a search key either.
    earlier = receive(world, "Hỏi về lịch tiêm chủng", phone="0912345678")
    result = check(
        world, "Tố cáo việc thu tiền", petitioner_phone="0912345678", kind="denunciation"
    )
    assert earlier.pk not in [p.pk for p, _s, _r in result]


def test_it_offers_the_same_village_and_topic_within_90_days(world: World) -> None:
    recent = receive(
        world, "Ô nhiễm từ trại chăn nuôi lợn", village=world.village, topic="environment"
    )
    receive(
        world,
        "Ô nhiễm từ trại chăn nuôi gà",
        village=world.village,
        topic="environment",
        received_on=TODAY - timedelta(days=120),
    )
    result = check(
        world,
        "Khói bụi lò gạch",
        content="Khói bụi lò gạch bay vào nhà dân.",
        village=world.village,
        topic="environment",
    )
    pks = [p.pk for p, _s, _r in result]
    assert recent.pk in pks
    assert any("Cùng thôn, cùng lĩnh vực" in r for _p, _s, rs in result for r in rs)


def test_it_finds_similar_wording_whatever_the_diacritics(world: World) -> None:
    earlier = receive(
        world,
        "Ô nhiễm từ trại chăn nuôi lợn của hộ ông Hoàng Văn Hải",
        content="Mùi hôi nồng nặc, nước thải chảy ra suối Nà Làng.",
    )
    receive(world, "Đề nghị sửa chữa đường liên thôn", content="Đường xuống cấp.")
    result = check(
        world,
        "o nhiem tu trai chan nuoi lon nha ong Hoang Van Hai",
        content="NƯỚC THẢI CHẢY RA SUỐI NÀ LÀNG, mùi hôi.",
    )
    assert result and result[0][0].pk == earlier.pk
    assert any(r.startswith("Nội dung giống") for r in result[0][2])
    assert result[0][1] >= 0.3


def test_it_stays_in_the_commune_and_offers_only_earlier_petitions(world: World) -> None:
    receive(world, "Ô nhiễm từ xưởng chế biến gỗ", commune=world.other_commune)
    first = receive(world, "Ô nhiễm tiếng ồn từ xưởng chế biến gỗ")
    second = receive(world, "Ô nhiễm tiếng ồn từ xưởng chế biến gỗ ban đêm")
    result = similar_petitions(
        commune=world.commune,
        subject=second.subject,
        content=second.content,
        exclude=second.pk,
        today=TODAY,
    )
    assert [p.pk for p, _s, _r in result] == [first.pk]
    assert (
        similar_petitions(
            commune=world.commune, subject=first.subject, content=first.content, exclude=first.pk
        )
        == []
    )


def test_it_shows_only_petitions_the_user_may_see(world: World) -> None:
    earlier = receive(world, "Ô nhiễm từ xưởng chế biến gỗ", phone="0911222333")
    for user, visible in [(world.officer_b, True), (world.officer_a, False)]:
        result = check(
            world, "Ô nhiễm từ xưởng chế biến gỗ", petitioner_phone="0911222333",
            within=petitions_for(user),
        )  # fmt: skip
        assert (earlier.pk in [p.pk for p, _s, _r in result]) is visible


def test_a_common_pair_offers_its_newest_petitions_and_a_rare_one_all_of_its(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite walks a pair's matches oldest first and, when they are more than it keeps,
    newest first: either way the newest are offered."""
    from danvan.petitions import duplicates

    monkeypatch.setattr(duplicates, "PER_PAIR", 2)
    water = [receive(world, f"Thiếu nước sinh hoạt ở xóm {n}") for n in range(4)]
    road = receive(world, "Sửa cầu tràn Khuổi Cáp")
    since = TODAY - timedelta(days=365)
    found = duplicates._text_candidate_ids(world.commune.pk, ["nuoc sinh"], None, since, 2)
    assert found == [water[3].pk, water[2].pk]
    assert duplicates._text_candidate_ids(world.commune.pk, ["cau tran"], None, since, 5) == [
        road.pk
    ]


# --- the page -----------------------------------------------------------------------------------


@pytest.fixture
def pair(world: World) -> tuple[Petition, Petition]:
    with time_machine.travel(TODAY, tick=False):
        first = receive(world, "Ô nhiễm nguồn nước suối Nà Làng", phone="0912000111")
        second = receive(world, "O nhiem nguon nuoc suoi Na Lang", phone="0912000111")
    return first, second


def test_it_lists_similar_petitions_with_a_link_form(
    world: World, pair: tuple[Petition, Petition]
) -> None:
    first, second = pair
    response = world.client(world.officer_b).get(f"/can-bo/don-thu/{second.pk}/tuong-tu/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Đơn số {first.code}" in body
    assert "Cùng người gửi (số điện thoại)" in body
    assert f'action="/can-bo/don-thu/{second.pk}/tuong-tu/lien-ket/"' in body


def test_the_similar_petitions_are_kept_until_a_petition_of_the_commune_changes(
    world: World, pair: tuple[Petition, Petition]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.core.audit import log_action

    first, second = pair
    client = world.client(world.officer_b)
    url = f"/can-bo/don-thu/{second.pk}/tuong-tu/"
    with CaptureQueriesContext(connection) as counted:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as kept:
        body = client.get(url).content.decode()
    assert f"Đơn số {first.code}" in body and len(kept) < len(counted)
    Petition.objects.filter(pk=first.pk).update(subject="Nước suối Nà Làng vẫn đục sau mưa")
    log_action(first, "petitions.classified", by=world.officer_b)  # as every service does
    assert "Nước suối Nà Làng vẫn đục sau mưa" in client.get(url).content.decode()


def test_it_links_a_similar_petition(world: World, pair: tuple[Petition, Petition]) -> None:
    first, second = pair
    response = world.client(world.officer_b).post(
        f"/can-bo/don-thu/{second.pk}/tuong-tu/lien-ket/", {"to": first.pk, "kind": "repeat"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/can-bo/don-thu/{second.pk}/"
    second.refresh_from_db()
    assert (second.linked_to_id, second.link_kind) == (first.pk, "repeat")
    entry = AuditEntry.objects.get(action="petitions.linked", object_id=str(second.pk))
    assert entry.actor == world.officer_b and entry.changes["kind"] == "repeat"


def test_it_refuses_get_on_the_link(world: World, pair: tuple[Petition, Petition]) -> None:
    _first, second = pair
    response = world.client(world.officer_b).get(f"/can-bo/don-thu/{second.pk}/tuong-tu/lien-ket/")
    assert response.status_code == 405


def test_it_refuses_another_commune(world: World, pair: tuple[Petition, Petition]) -> None:
    first, second = pair
    client = world.client(world.outsider)
    assert client.get(f"/can-bo/don-thu/{second.pk}/tuong-tu/").status_code == 404
    response = client.post(
        f"/can-bo/don-thu/{second.pk}/tuong-tu/lien-ket/", {"to": first.pk, "kind": "repeat"}
    )
    assert response.status_code == 404
    second.refresh_from_db()
    assert second.linked_to_id is None


def test_it_refuses_users_without_the_right(world: World, pair: tuple[Petition, Petition]) -> None:
    """Petitions carry personal data: who may not handle them does not even see them (404)."""
    first, second = pair
    for user in (
        world.readonly_a,
        world.front,
        world.village_head,
        world.province_viewer,
        world.officer_a,
    ):
        client = world.client(user)
        assert client.get(f"/can-bo/don-thu/{second.pk}/tuong-tu/").status_code == 404
        response = client.post(
            f"/can-bo/don-thu/{second.pk}/tuong-tu/lien-ket/", {"to": first.pk, "kind": "repeat"}
        )
        assert response.status_code == 404
    assert world.client(None).get(f"/can-bo/don-thu/{second.pk}/tuong-tu/").status_code == 302
    assert not AuditEntry.objects.filter(action="petitions.linked").exists()


def test_it_refuses_to_link_a_petition_of_another_commune(
    world: World, pair: tuple[Petition, Petition]
) -> None:
    _first, second = pair
    elsewhere = receive(world, "Ô nhiễm nguồn nước", commune=world.other_commune)
    # An administrator of both communes sees both petitions, and still may not link them.
    Membership.objects.create(user=world.admin, unit=world.other_commune, role=Role.ADMIN)
    response = world.client(world.admin).post(
        f"/can-bo/don-thu/{second.pk}/tuong-tu/lien-ket/", {"to": elsewhere.pk, "kind": "repeat"}
    )
    assert response.status_code == 400
    assert "Chỉ liên kết với một đơn khác của cùng xã." in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"to": "abc", "kind": "repeat"},
        {"to": "1\x00", "kind": "repeat"},
        {"to": "9" * 40, "kind": "repeat"},
        {"to": "-1", "kind": "repeat"},
        {"to": "999999", "kind": "repeat"},
        {"kind": "<script>alert(1)</script>"},
    ],
)
def test_it_answers_bad_input_in_vietnamese(
    world: World, pair: tuple[Petition, Petition], data: dict[str, str]
) -> None:
    first, second = pair
    data = {"to": str(first.pk), "kind": "x", **data} if "to" not in data and data else data
    response = world.client(world.officer_b).post(
        f"/can-bo/don-thu/{second.pk}/tuong-tu/lien-ket/", data
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Chọn quan hệ" in body or "Không tìm thấy đơn" in body
    assert "<script>alert(1)</script>" not in body
    second.refresh_from_db()
    assert second.linked_to_id is None


def test_it_runs_on_an_empty_village_and_odd_text(world: World) -> None:
    receive(world, "Ô nhiễm")
    for subject in ["", "\x00", "!!!", "x" * 50_000, '" OR "', "NEAR(a b)"]:
        assert isinstance(check(world, subject, content=subject or "-"), list)
    assert Unit.objects.filter(kind=Unit.Kind.VILLAGE).exists()
