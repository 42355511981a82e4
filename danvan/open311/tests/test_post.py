"""POST requests: the key (none, wrong, revoked, read-only, another commune's, a province's),
the limit per key, and the portal form's own checks, each refusal in the error list."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client

from danvan.conftest import World
from danvan.core.audit import ACTION_LABELS
from danvan.core.models import AuditEntry
from danvan.open311.tests.conftest import Keys, errors_of
from danvan.petitions.models import Petition
from danvan.testing.storage import read_only_database

URL = "/open311/v2/requests.json"


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()  # the per-key counts of core.apikeys.throttle


def body(key: str, **changes: str) -> dict[str, str]:
    sent = {
        "api_key": key,
        "jurisdiction_id": "06079",
        "service_code": "reflection-environment",
        "description": "Bãi rác tự phát bên suối Khuổi Khe bốc mùi, đề nghị xã cho thu gom.",
        "first_name": "Văn Minh",
        "last_name": "Hoàng",
        "phone": "0912 345 678",
        "email": "minh@example.org",
        "attribute[cam_doan]": "dong_y",
    }
    sent.update(changes)
    return {k: v for k, v in sent.items() if v is not None}


def post(data: dict[str, Any], **extra: Any):  # type: ignore[no-untyped-def]
    return Client().post(URL, data, **extra)


def test_it_files_a_request_from_a_writing_key_of_the_commune(world: World, keys: Keys) -> None:
    r = post(body(keys.writer))
    assert r.status_code == 201
    (answer,) = r.json()
    p = Petition.objects.get(pk=answer["service_request_id"])
    assert (p.commune, p.kind, p.topic) == (world.commune, "reflection", "environment")
    assert p.petitioner_name == "Hoàng Văn Minh" and p.petitioner_email == "minh@example.org"
    assert p.tracking_code in answer["service_notice"]
    assert "no-store" in r["Cache-Control"]  # it carries the receipt's code
    assert f"/don/{p.tracking_code}/" in answer["service_notice"]
    assert p.due_on and f"{p.due_on:%d/%m/%Y}" in answer["service_notice"]
    entry = AuditEntry.objects.get(action="open311.received")
    assert entry.object_id == str(p.pk) and entry.commune_id == world.commune.pk
    assert entry.actor is None and entry.changes["api_key"] == keys.writer.split("_")[1]
    assert ACTION_LABELS["open311.received"] == "Nhận kiến nghị, phản ánh qua Open311"


def test_it_takes_the_keys_one_commune_without_jurisdiction_id(world: World, keys: Keys) -> None:
    r = post(body(keys.other, jurisdiction_id=None))
    assert r.status_code == 201
    assert Petition.objects.get(pk=r.json()[0]["service_request_id"]).commune == world.other_commune


def test_it_files_for_a_commune_of_the_keys_province(world: World, keys: Keys) -> None:
    assert post(body(keys.province)).status_code == 201
    # Xã Hồng Phong of Ninh Bình is not a commune of Lạng Sơn
    (said,) = errors_of(post(body(keys.province, jurisdiction_id="13927")), 403)
    assert "Xã Hồng Phong (Ninh Bình)" in said


@pytest.mark.parametrize(
    ("key", "said"),
    [
        (None, "Thiếu api_key"),
        ("", "Thiếu api_key"),
        ("abc", "không hợp lệ"),
        ("dv_12345678_" + "a" * 43, "không hợp lệ"),
        ("revoked", "không hợp lệ hoặc đã bị thu hồi"),
        ("reader", "chỉ được đọc"),
        ("other", "không được gửi yêu cầu đến Xã Hồng Phong (tỉnh Lạng Sơn)"),
    ],
)
def test_it_refuses_a_key_that_may_not_send_here(
    world: World, keys: Keys, key: str | None, said: str
) -> None:
    raw = getattr(keys, key) if key in ("revoked", "reader", "other") else key
    (description,) = errors_of(post(body("x", api_key=raw)), 403)  # type: ignore[arg-type]
    assert said in description
    assert not Petition.objects.exists()


def test_it_limits_each_key_per_minute(world: World, keys: Keys, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DANVAN_API_REQUESTS_PER_MINUTE = 2
    assert post(body(keys.writer)).status_code == 201
    assert post(body(keys.writer)).status_code == 201
    r = post(body(keys.writer))
    (said,) = errors_of(r, 429)
    assert int(r["Retry-After"]) >= 1 and "quá nhiều" in said
    assert Petition.objects.count() == 2
    assert post(body(keys.province)).status_code == 201  # another key has its own limit


@pytest.mark.parametrize(
    ("changes", "status", "said"),
    [
        ({"service_code": None}, 400, "Thiếu service_code"),
        ({"service_code": "complaint-land"}, 404, "complaint-land"),
        ({"service_code": "denunciation-officials"}, 404, "denunciation-officials"),
        ({"jurisdiction_id": "99999"}, 404, "99999"),
        ({"description": "   "}, 400, "description: Vui lòng nhập “nội dung”."),
        ({"attribute[cam_doan]": None}, 400, "attribute[cam_doan]: Vui lòng đánh dấu ô cam đoan"),
        ({"attribute[cam_doan]": "yes"}, 400, "attribute[cam_doan]: "),
        ({"phone": "gọi tôi"}, 400, "phone: Số điện thoại chưa đúng"),
        ({"email": "minh@"}, 400, "email: Địa chỉ thư điện tử chưa đúng"),
        ({"attribute[tom_tat]": "x" * 301}, 400, "attribute[tom_tat]: Tối đa 300 ký tự"),
        ({"description": "x" * 10001}, 400, "description: Tối đa 10000 ký tự"),
        ({"attribute[thon]": "999999"}, 400, "attribute[thon]: "),
        ({"lat": "21.85"}, 400, "lat và long"),
        ({"lat": "91", "long": "106"}, 400, "lat và long"),
        ({"lat": "nan", "long": "inf"}, 400, "lat và long"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
    ],
)
def test_it_refuses_what_the_portal_form_refuses(
    world: World, keys: Keys, changes: dict[str, str | None], status: int, said: str
) -> None:
    descriptions = errors_of(post(body(keys.writer, **changes)), status)  # type: ignore[arg-type]
    assert any(said in d for d in descriptions), descriptions
    assert not Petition.objects.exists()


def test_it_refuses_a_village_of_another_commune_as_the_form_does(world: World, keys: Keys) -> None:
    from danvan.core.models import Unit

    there = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Bản Mới", parent=world.other_commune
    )
    (said,) = errors_of(post(body(keys.writer, **{"attribute[thon]": str(there.pk)})), 400)
    assert said.startswith(
        "attribute[thon]: Thôn Bản Mới không thuộc Xã Hồng Phong (tỉnh Lạng Sơn)"
    )


def test_it_names_every_problem_at_once(world: World, keys: Keys) -> None:
    said = errors_of(
        post(body(keys.writer, description="", phone="abc", **{"attribute[cam_doan]": ""})), 400
    )
    assert {d.split(":")[0] for d in said} == {"description", "phone", "attribute[cam_doan]"}


def test_it_wants_the_form_encoding_of_the_specification(world: World, keys: Keys) -> None:
    r = Client().post(URL, body(keys.writer), content_type="application/json")
    (said,) = errors_of(r, 400)
    assert "application/x-www-form-urlencoded" in said


def test_it_answers_503_and_files_nothing_when_storage_fails(world: World, keys: Keys) -> None:
    with read_only_database():
        r = post(body(keys.writer))
    (said,) = errors_of(r, 503)
    assert r["Retry-After"] and "Chưa lưu được" in said
    assert not Petition.objects.exists()


def test_it_sends_no_post_to_a_single_request(world: World, keys: Keys) -> None:
    r = Client().post("/open311/v2/requests/1.json", body(keys.writer))
    errors_of(r, 405)
    assert r["Allow"] == "GET, HEAD"


def test_it_refuses_a_body_django_will_not_read(world: World, keys: Keys, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20
    many = body(keys.writer) | {f"attribute[x{i}]": "1" for i in range(30)}
    form = "application/x-www-form-urlencoded"
    (said,) = errors_of(Client().post(URL, urlencode(many), content_type=form), 400)
    assert "Không đọc được" in said
    assert not Petition.objects.exists()


def test_it_takes_the_summary_given_or_the_first_line_of_the_letter(
    world: World, keys: Keys
) -> None:
    given = post(body(keys.writer, **{"attribute[tom_tat]": "Bãi rác bên suối Khuổi Khe"}))
    assert Petition.objects.get(pk=given.json()[0]["service_request_id"]).subject == (
        "Bãi rác bên suối Khuổi Khe"
    )
    long_line = "Bãi rác tự phát " * 40  # 640 characters on one line
    taken = post(body(keys.writer, description=f"{long_line}\nDòng thứ hai."))
    subject = Petition.objects.get(pk=taken.json()[0]["service_request_id"]).subject
    cut = subject.removesuffix("…")
    assert len(subject) <= 300 and subject.endswith("…")
    assert long_line.startswith(cut) and long_line[len(cut)] == " "  # cut between words
