"""Sessions shared by this app's tests: in Hồng Phong, office A (officer_a's Phòng VH-XH)
organises a held session with attendance and one planned; office B (the office that receives
petitions) one whose day has passed unheld; the other commune one of its own. Two documents
of the register."""

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
from danvan.core.models import Attachment, Membership, Role, Unit
from danvan.plans.models import LegalDocument
from danvan.study import services
from danvan.study.models import Audience, Kind, StudySession
from danvan.study.services import AttendanceRow

TODAY = date(2026, 6, 15)


@dataclass
class St:
    law: LegalDocument
    directive: LegalDocument
    held: StudySession  # office A, 10/06, 18 of 20 present, a photo
    photo: Attachment
    planned: StudySession  # office A, 25/06
    late: StudySession  # office B, 12/06, not recorded
    other: StudySession  # the other commune's


def png(name: str = "hoi-nghi.png") -> SimpleUploadedFile:
    """A small real photo (Pillow reads it back to resize it)."""
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def pdf(name: str = "de-cuong.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf"
    )


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def session(world: World, organiser: Unit, day: date, **kw: Any) -> StudySession:
    return services.session_create(
        commune=kw.pop("commune", world.commune),
        by=kw.pop("by", world.chairman),
        title=kw.pop("title", "Hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở"),
        kind=kw.pop("kind", Kind.STUDY),
        audience=kw.pop("audience", Audience.OFFICIALS),
        organiser=organiser,
        place=kw.pop("place", "Hội trường UBND xã"),
        planned_on=day,
        **kw,
    )


@pytest.fixture
def st(world: World, frozen: Any) -> St:
    law = LegalDocument.objects.create(
        doc_type="Luật", number="10/2022/QH15", title="Thực hiện dân chủ ở cơ sở"
    )
    directive = LegalDocument.objects.create(
        doc_type="Chỉ thị",
        number="33/CT-TTg",
        title="Về tiếp tục tăng cường và đổi mới công tác dân vận",
    )
    held = session(
        world, world.office_a, date(2026, 6, 10), presenter="Nguyễn Văn Báo", documents=[law]
    )
    services.session_mark_held(session=held, by=world.officer_a, held_on=date(2026, 6, 10))
    held = services.attendance_record(
        session=held,
        by=world.officer_a,
        rows=[
            AttendanceRow(world.office_a, 12, 11, "01 đồng chí đi công tác"),
            AttendanceRow(world.office_b, 8, 7, "01 ốm"),
        ],
    )
    [photo] = services.materials_add(session=held, by=world.officer_a, uploads=[png()])
    planned = session(
        world,
        world.office_a,
        date(2026, 6, 25),
        title="Tuyên truyền Chỉ thị 33/CT-TTg",
        kind=Kind.OUTREACH,
        documents=[directive],
    )
    late = session(world, world.office_b, date(2026, 6, 12), title="Tập huấn tiếp công dân")
    Membership.objects.get_or_create(
        user=world.outsider, unit=world.other_office, role=Role.OFFICER
    )
    other = session(
        world,
        world.other_office,
        date(2026, 6, 1),
        commune=world.other_commune,
        by=world.outsider,
        title="Buổi của xã khác",
    )
    return St(law, directive, held, photo, planned, late, other)
