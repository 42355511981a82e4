"""Records of the movement shared by this app's tests: a model registered by Thôn Đoàn Kết (whose
head is the `village_head` persona), one reviewed, one recognised, and one of the other
commune."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.conftest import World
from danvan.core.models import Unit
from danvan.movement import services
from danvan.movement.models import Field, Kind, Practice

TODAY = date(2026, 6, 15)

REGISTRATION = {
    "situation": "Đường làng xuống cấp, người dân chưa có chỗ sinh hoạt chung.",
    "goals": "Bê tông hóa 1 km đường; đánh giá bằng số mét đường và số hộ tham gia.",
    "content": "Họp dân bàn, dân góp công, xã hỗ trợ xi măng.",
    "place_people": "Thôn Đoàn Kết, 120 hộ.",
    "lead_partners": "Ban công tác Mặt trận thôn chủ trì; Chi hội Phụ nữ, Đoàn Thanh niên phối hợp.",
    "resources": "Xi măng của xã; ngày công của dân.",
    "timeline": "Quý II: họp dân; quý III: thi công; quý IV: nghiệm thu.",
    "outputs": "1 km đường bê tông; biên bản họp thôn; ảnh trước và sau.",
    "sustainability": "Tổ tự quản duy trì; thôn bên học cách làm.",
}


def photo(name: str = "anh.jpg", color: str = "green") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@dataclass
class Mv:
    registered: Practice  # a model of Thôn Đoàn Kết, registered by its head
    reviewed: Practice  # an exemplar reviewed by officer_a
    recognised: Practice  # a model recognised and public, with a photo
    other: Practice  # the other commune's
    other_village: Unit
    photo_id: int


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def register(world: World, by: Any, *, registrant: Unit | None = None, **kw: Any) -> Practice:
    data: dict[str, Any] = {
        "commune": world.commune,
        "by": by,
        "registrant": registrant or world.village,
        "kind": Kind.MODEL,
        "name": "Dân vận khéo trong làm đường giao thông nông thôn",
        "field": Field.objects.get(code="kinh-te"),
        "year": 2026,
        "starts_on": date(2026, 3, 1),
        "village": world.village,
        **REGISTRATION,
    }
    data.update(kw)
    return services.practice_register(**data)


def score_all(practice: Practice, by: Any, points: int | None = None) -> Any:
    criteria = services.criteria_for(practice.kind)
    return services.review_write(
        practice=practice,
        by=by,
        points={
            c.pk: (c.max_points if points is None else min(points, c.max_points)) for c in criteria
        },
    )


@pytest.fixture
def mv(world: World, frozen: Any) -> Mv:
    other_village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Hòa Bình", parent=world.commune
    )
    registered = register(world, world.village_head)
    reviewed = register(
        world,
        world.front,
        registrant=world.front_unit,
        kind=Kind.COLLECTIVE,
        name="Chi hội Phụ nữ thôn Hòa Bình",
        field=Field.objects.get(code="van-hoa-xa-hoi"),
        village=other_village,
    )
    score_all(reviewed, world.officer_a, 15)
    reviewed.refresh_from_db()
    recognised = register(world, world.village_head, name="Tổ tự quản đường làng")
    follow = services.follow_up_add(
        practice=recognised,
        by=world.village_head,
        on=date(2026, 5, 1),
        note="Đã đổ xong 500 m.",
        evidence=[photo()],
    )
    score_all(recognised, world.officer_a)
    score_all(recognised, world.chairman, 16)
    recognised = services.practice_decide(
        practice=recognised,
        by=world.chairman,
        recognised=True,
        decided_on=date(2026, 6, 10),
        decision_number="45/QĐ-UBND",
    )
    other = services.practice_register(
        commune=world.other_commune,
        by=world.outsider,
        registrant=world.other_office,
        kind=Kind.MODEL,
        name="Mô hình của xã khác",
        field=Field.objects.get(code="kinh-te"),
        year=2026,
        starts_on=date(2026, 3, 1),
        **REGISTRATION,
    )
    from danvan.core.models import Attachment

    return Mv(
        registered=registered,
        reviewed=reviewed,
        recognised=recognised,
        other=other,
        other_village=other_village,
        photo_id=Attachment.objects.get(owner_id=follow.pk).pk,
    )
