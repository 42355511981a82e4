"""The movement's pages as a person uses them: bad input refused in Vietnamese with what was
typed kept, the register's filters and search, the gallery showing nothing internal."""

from __future__ import annotations

import gzip
import io
from datetime import date
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from danvan.commendations.models import AwardForm
from danvan.conftest import World
from danvan.movement import services
from danvan.movement.models import Field, Practice, Status
from danvan.movement.tests.conftest import REGISTRATION, Mv, register
from danvan.testing.pages import kept_as_fresh


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def test_a_registration_with_a_mistake_is_refused_and_nothing_typed_is_lost(
    world: World, mv: Mv
) -> None:
    c = world.client(world.village_head)
    data = {
        "registrant": world.village.pk,
        "kind": "individual",  # an individual exemplar without the person's name
        "name": "Tấm gương bà Hoàng Thị Lan",
        "field": Field.objects.get(code="van-hoa-xa-hoi").pk,
        "year": 2026,
        "starts_on": "01/03/2026",
        "ends_on": "31/02/2026",  # no such day
        **REGISTRATION,
    }
    r = c.post(reverse("movement:register"), data)
    assert r.status_code == 400
    page = _text(r)
    assert "Ngày không hợp lệ" in page
    assert "Chưa lưu được" in page
    assert REGISTRATION["lead_partners"] in page and "Tấm gương bà Hoàng Thị Lan" in page
    data["ends_on"] = ""
    r = c.post(reverse("movement:register"), data)
    assert r.status_code == 400
    assert "Điển hình cá nhân: ghi họ và tên" in _text(r)
    assert REGISTRATION["outputs"] in _text(r)
    data["person_name"] = "Hoàng Thị Lan"
    r = c.post(reverse("movement:register"), data)
    assert r.status_code == 302
    p = Practice.objects.get(name="Tấm gương bà Hoàng Thị Lan")
    assert (p.registrant, p.person_name, p.created_by) == (
        world.village,
        "Hoàng Thị Lan",
        world.village_head,
    )


def test_a_village_head_registers_for_his_village_only(world: World, mv: Mv) -> None:
    c = world.client(world.village_head)
    data = {
        "registrant": world.office_a.pk,
        "kind": "model",
        "name": "Mô hình của phòng khác",
        "field": Field.objects.get(code="kinh-te").pk,
        "year": 2026,
        "starts_on": "01/03/2026",
        **REGISTRATION,
    }
    r = c.post(reverse("movement:register"), data)
    assert r.status_code == 400 and "Chọn trong danh sách" in _text(r)


def test_a_score_above_the_criterions_points_is_refused_in_vietnamese(world: World, mv: Mv) -> None:
    c = world.client(world.officer_a)
    criteria = services.criteria_for("model")
    data = {f"cd-c{k.pk}": k.max_points for k in criteria}
    data[f"cd-c{criteria[0].pk}"] = criteria[0].max_points + 5
    data["cd-comment"] = "Mô hình làm tốt, cần thêm ảnh minh chứng."
    r = c.post(reverse("movement:review", args=[mv.registered.pk]), data)
    assert r.status_code == 400
    assert f"Tối đa {criteria[0].max_points} điểm" in _text(r)
    assert "Mô hình làm tốt, cần thêm ảnh minh chứng." in _text(r)
    assert not mv.registered.reviews.exists()


def test_the_kept_practice_page_is_the_page_written_afresh(
    world: World, mv: Mv, settings: Any
) -> None:
    for user, practice in (
        (world.chairman, mv.recognised),
        (world.chairman, mv.reviewed),
        (world.officer_a, mv.registered),
        (world.village_head, mv.registered),
    ):
        kept_as_fresh(world.client(user), reverse("movement:detail", args=[practice.pk]), settings)
    assert 'name="kt-decision_number"' in _text(
        world.client(world.chairman).get(reverse("movement:detail", args=[mv.recognised.pk]))
    )


def test_the_kept_review_form_shows_the_reviewers_own_scores_since(world: World, mv: Mv) -> None:
    c = world.client(world.officer_a)
    url = reverse("movement:detail", args=[mv.registered.pk])
    criteria = services.criteria_for("model")
    first = _text(c.get(url))
    assert f'name="cd-c{criteria[0].pk}"' in first and "Cần thêm ảnh minh chứng" not in first
    services.review_write(
        practice=mv.registered,
        by=world.officer_a,
        points={k.pk: 1 for k in criteria},
        comment="Cần thêm ảnh minh chứng.",
    )
    again = _text(c.get(url))
    assert "Cần thêm ảnh minh chứng" in again.split('name="cd-comment"')[1]
    other = _text(world.client(world.chairman).get(url))  # another reviewer's form stays blank
    assert "Cần thêm ảnh minh chứng" not in other.split('name="cd-comment"')[1]


def test_the_register_filters_and_searches_without_diacritics(world: World, mv: Mv) -> None:
    c = world.client(world.officer_b)
    url = reverse("movement:index")
    page = _text(c.get(url, {"q": "chi hoi phu nu"}))
    assert "Chi hội Phụ nữ thôn Hòa Bình" in page and "Tổ tự quản đường làng" not in page
    page = _text(c.get(url, {"trang-thai": Status.RECOGNISED}))
    assert "Tổ tự quản đường làng" in page and "Chi hội Phụ nữ" not in page
    page = _text(c.get(url, {"thon": mv.other_village.pk}))
    assert "Chi hội Phụ nữ" in page and "Tổ tự quản" not in page
    assert "Không có mô hình, điển hình nào khớp bộ lọc" in _text(
        c.get(url, {"nam": 2025, "q": "x"})
    )
    assert "Mô hình của xã khác" not in _text(c.get(url))


def test_the_register_costs_few_queries_however_many_rows(world: World, mv: Mv) -> None:
    c = world.client(world.chairman)
    c.get(reverse("movement:index"))
    register(world, world.chairman, name="Mô hình đầu tiên")  # the page is counted again
    with CaptureQueriesContext(connection) as few:
        c.get(reverse("movement:index"))
    for n in range(10):
        register(world, world.chairman, name=f"Mô hình số {n}")
    with CaptureQueriesContext(connection) as many:
        r = c.get(reverse("movement:index"))
    assert "Mô hình số 9" in _text(r)
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as kept:
        assert "Mô hình số 9" in _text(c.get(reverse("movement:index")))
    assert not any("movement_practice" in q["sql"] for q in kept.captured_queries)


def test_the_export_lists_the_year(world: World, mv: Mv) -> None:
    from openpyxl import load_workbook

    r = world.client(world.readonly_a).get(reverse("movement:export"), {"nam": 2026})
    sheet = load_workbook(io.BytesIO(r.content)).active
    names = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert "Tổ tự quản đường làng" in names and "Mô hình của xã khác" not in names


def test_the_chairman_awards_and_finds_the_decision_and_the_certificate(
    world: World, mv: Mv
) -> None:
    c = world.client(world.chairman)
    r = c.post(
        reverse("movement:award", args=[mv.recognised.pk]),
        {
            "kt-form": AwardForm.objects.get(code="giay-khen").pk,
            "kt-decision_number": "60/QĐ-UBND",
            "kt-decided_on": "15/06/2026",
            "kt-achievement": "Thành tích xuất sắc trong phong trào “Dân vận khéo” năm 2026.",
        },
    )
    assert r.status_code == 302
    page = _text(c.get(reverse("movement:detail", args=[mv.recognised.pk])))
    award = Practice.objects.get(pk=mv.recognised.pk).award
    assert award is not None
    assert reverse("commendations:decision_docx", args=[award.decision_id]) in page
    assert reverse("commendations:certificate", args=[award.pk]) in page
    assert "Khen thưởng" in page


def test_the_officers_photo_is_a_resized_webp(world: World, mv: Mv) -> None:
    r = world.client(world.readonly_a).get(
        reverse("movement:photo", args=[mv.recognised.pk, mv.photo_id]), {"w": 320}
    )
    assert r["Content-Type"] == "image/webp"
    assert Image.open(io.BytesIO(b"".join(r.streaming_content))).format == "WEBP"


def test_the_gallery_shows_recognised_practices_and_nothing_internal(world: World, mv: Mv) -> None:
    """Kept until the movement changes in the commune: a replication added after a visit
    shows at the next."""
    anon = world.client(None)
    url = reverse("portal:movement_detail", args=[mv.recognised.pk])
    assert "Chi đoàn thôn Hòa Bình" not in _text(anon.get(url))
    services.replication_add(
        practice=mv.recognised,
        by=world.officer_a,
        adopter="Chi đoàn thôn Hòa Bình",
        village=mv.other_village,
        since=date(2026, 6, 1),
    )
    assert "Chọn xã, phường" in _text(anon.get(reverse("portal:movement")))
    page = _text(anon.get(reverse("portal:movement"), {"xa": world.commune.pk}))
    assert "Tổ tự quản đường làng" in page
    assert "Chi hội Phụ nữ" not in page and "Dân vận khéo trong làm đường" not in page
    assert 'loading="lazy"' in page and "?w=640" in page
    assert len(gzip.compress(page.encode())) < 200_000
    detail = _text(anon.get(reverse("portal:movement_detail", args=[mv.recognised.pk])))
    assert "Chi đoàn thôn Hòa Bình" in detail and "45/QĐ-UBND" in detail
    for internal in ("điểm", "Officer_A", "Chairman", "Phiếu chấm"):
        assert internal not in detail
    other_field = Field.objects.get(code="quoc-phong-an-ninh")
    page = _text(
        anon.get(reverse("portal:movement"), {"xa": world.commune.pk, "linh-vuc": other_field.pk})
    )
    assert "Chưa có mô hình, điển hình nào được công nhận theo lựa chọn này" in page


def test_the_kept_register_form_is_the_form_written_afresh_for_each_writers_units(
    world: World, mv: Mv, settings: Any
) -> None:
    """The blank form lists the units its writer registers for: the chairman's every unit,
    a village head his village only, whoever opened the page first."""
    url = f"{reverse('movement:register')}?xa={world.commune.pk}"
    chairman = kept_as_fresh(world.client(world.chairman), url, settings)
    head = kept_as_fresh(world.client(world.village_head), url, settings)
    office = f'<option value="{world.office_a.pk}">{world.office_a.name}</option>'
    assert office in chairman and office not in head
    village = f'<option value="{world.village.pk}" selected>{world.village.name}</option>'
    assert village in head.split('name="registrant"')[1].split("</select>")[0]
