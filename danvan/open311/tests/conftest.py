"""A commune's book for Open311: public feedback, and what must never show (names, complaints,
denunciations, a sensitive case), and keys of every scope; the reader of the error list."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danvan.conftest import World
from danvan.core import apikeys
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionKind

# Monday 02/11/2026, 09:00 in Vietnam.
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
NAME, PHONE, ADDRESS, EMAIL = "Nguyễn Thị Hoa", "0912 345 678", "Xóm Nà Pàn", "hoa@example.org"
NEIGHBOUR = "Lò Văn Dũng"
SUBJECT = f"Nhà ông {NEIGHBOUR} đổ phế thải xây dựng ra đường thôn Đoàn Kết"
CONTENT = "Phế thải chắn nửa mặt đường từ tuần trước, xe máy phải đi xuống ruộng."
ANSWER = f"Kính gửi bà {NAME}: UBND xã đã yêu cầu hộ ông {NEIGHBOUR} dọn phế thải trong 3 ngày."
DENOUNCER = "Hoàng Văn Tám"
SECRET = "Tố cáo cán bộ địa chính Vi Văn Lực nhận tiền khi làm sổ đỏ"


def parse_xml(content: str | bytes) -> ET.Element:
    """Our own answers and the specification's examples, never a stranger's XML."""
    return ET.fromstring(content)  # noqa: S314


def errors_of(r, status: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The descriptions of the specification's error list this answer is, in JSON or XML, each
    with the answer's status as its code."""
    assert r.status_code == status, r.content
    if r["Content-Type"].startswith("text/xml"):
        root = parse_xml(r.content)
        assert root.tag == "errors"
        return [e.findtext("description") or "" for e in root.findall("error")]
    assert r["Content-Type"] == "application/json; charset=utf-8"
    rows = r.json()
    assert rows and all(row["code"] == status and row["description"] for row in rows)
    return [row["description"] for row in rows]


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass
class Book:
    open: Petition  # a phản ánh being handled
    resolved: Petition  # a kiến nghị answered
    complaint: Petition
    denunciation: Petition
    mixed: Petition
    sensitive: Petition
    elsewhere: Petition  # a phản ánh of the other commune

    def hidden(self) -> list[Petition]:
        return [self.complaint, self.denunciation, self.mixed, self.sensitive]


def receive(world: World, *, commune=None, **fields: object) -> Petition:  # type: ignore[no-untyped-def]
    values: dict[str, object] = {
        "commune": commune or world.commune,
        "by": world.officer_b,
        "channel": Petition.Channel.POST,
        "kind": PetitionKind.REFLECTION,
        "topic": Petition.Topic.CONSTRUCTION,
        "subject": SUBJECT,
        "content": CONTENT,
        "received_on": date(2026, 10, 1),
        "identity": {"name": NAME, "phone": PHONE, "address": ADDRESS, "email": EMAIL},
    }
    values.update(fields)
    return services.petition_receive(**values)  # type: ignore[arg-type]


@pytest.fixture
def book(world: World) -> Book:
    resolved = receive(
        world,
        kind=PetitionKind.RECOMMENDATION,
        topic=Petition.Topic.ENVIRONMENT,
        received_on=date(2026, 10, 1),
    )
    services.petition_assign(
        petition=resolved, by=world.chairman, handler=world.officer_a, unit=world.office_a
    )
    services.petition_accept(petition=resolved, by=world.chairman, accepted_on=date(2026, 10, 5))
    services.petition_resolve(
        petition=resolved,
        by=world.chairman,
        decided_on=date(2026, 10, 30),
        outcome="Yêu cầu hộ gia đình dọn phế thải.",
        public_answer=ANSWER,
    )
    resolved.refresh_from_db()
    return Book(
        open=receive(world, received_on=date(2026, 10, 28)),
        resolved=resolved,
        complaint=receive(world, kind=PetitionKind.COMPLAINT, subject="Khiếu nại " + SUBJECT),
        denunciation=receive(
            world,
            kind=PetitionKind.DENUNCIATION,
            topic=Petition.Topic.OFFICIALS,
            subject=SECRET,
            identity={"name": DENOUNCER, "phone": "0987 654 321"},
        ),
        mixed=receive(world, kind=PetitionKind.MIXED),
        sensitive=receive(world, sensitive=True),
        elsewhere=receive(world, commune=world.other_commune, received_on=date(2026, 10, 20)),
    )


@dataclass
class Keys:
    writer: str  # Hồng Phong, may send
    reader: str  # Hồng Phong, read only
    other: str  # the other commune, may send
    province: str  # Lạng Sơn, may send: Hồng Phong is one of its communes
    revoked: str


@pytest.fixture
def keys(world: World) -> Keys:
    def issue(unit, write: bool) -> str:  # type: ignore[no-untyped-def]
        return apikeys.issue(name="Ứng dụng công dân", unit=unit, can_write=write, by=None)[1]

    revoked_row, revoked = apikeys.issue(
        name="Ứng dụng cũ", unit=world.commune, can_write=True, by=None
    )
    apikeys.revoke(revoked_row, by=None)
    return Keys(
        writer=issue(world.commune, True),
        reader=issue(world.commune, False),
        other=issue(world.other_commune, True),
        province=issue(world.province, True),
        revoked=revoked,
    )
