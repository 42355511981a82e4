"""Records of voters' recommendations shared by this app's tests: a meeting of Hồng Phong before
the year-end session with recommendations at each step, and one of the other commune."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import World
from danvan.core.models import Attachment, Membership, Role, Unit
from danvan.voters import services
from danvan.voters.models import Field, VoterMeeting, VoterRecommendation

PDF = b"%PDF-1.4\n%%EOF"
TODAY = date(2026, 6, 15)  # a Monday


@dataclass
class Vot:
    meeting: VoterMeeting
    pending: VoterRecommendation  # not classified yet
    assigned: VoterRecommendation  # office A answers by 30/06/2026 (a promise)
    forwarded: VoterRecommendation  # forwarded to the province, chased from 20/06/2026
    minutes: Attachment
    other_village: Unit
    elsewhere: VoterRecommendation  # of another village of Hồng Phong
    other_meeting: VoterMeeting
    other_rec: VoterRecommendation


def pdf(name: str = "bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def meeting_of(world: World, **extra: Any) -> VoterMeeting:
    data: dict[str, Any] = {
        "commune": world.commune,
        "by": world.front,
        "kind": VoterMeeting.Kind.BEFORE,
        "session_label": "Kỳ họp thứ 3 HĐND xã khóa I",
        "session_on": date(2026, 7, 2),
        "held_on": date(2026, 6, 10),
        "place": "Nhà văn hóa thôn Đoàn Kết",
        "chaired_by": world.front_unit,
        "delegates": "Nông Văn An\nHoàng Thị Bích",
        "voters_count": 86,
        "villages": [world.village],
    }
    return services.meeting_create(**(data | extra))


@pytest.fixture
def vot(world: World, frozen: Any, settings: Any, tmp_path: Path) -> Vot:
    settings.MEDIA_ROOT = tmp_path
    meeting = meeting_of(world, files=[pdf()])

    def rec(content: str, village: Unit | None = world.village, m: VoterMeeting = meeting) -> Any:
        return services.recommendation_create(
            meeting=m, by=world.front, content=content, field=Field.INFRASTRUCTURE, village=village
        )

    pending = rec("Đề nghị sửa đoạn đường bị sạt lở.")
    assigned = services.recommendation_assign(
        rec=rec("Đề nghị lắp đèn chiếu sáng đường thôn."),
        by=world.chairman,
        owner_unit=world.office_a,
        due_on=date(2026, 6, 30),
    )
    forwarded = services.recommendation_forward(
        rec=rec("Đề nghị nâng cấp tỉnh lộ qua xã."),
        by=world.officer_b,
        receiving_body="Thường trực HĐND tỉnh",
        forwarded_on=date(2026, 6, 11),
        chase_on=date(2026, 6, 20),
    )
    other_village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Hòa Bình", parent=world.commune
    )
    elsewhere = rec("Đề nghị nạo vét mương thôn Hòa Bình.", other_village)
    other_front = Unit.objects.create(
        kind=Unit.Kind.FRONT, name="Ủy ban MTTQ xã khác", parent=world.other_commune
    )
    Membership.objects.create(user=world.outsider, unit=other_front, role=Role.FRONT)
    other_meeting = services.meeting_create(
        commune=world.other_commune,
        by=world.outsider,
        kind=VoterMeeting.Kind.RESIDENCE,
        held_on=date(2026, 6, 5),
        place="Hội trường xã khác",
        chaired_by=other_front,
        delegates="Đại biểu xã khác",
        voters_count=40,
    )
    other_rec = services.recommendation_create(
        meeting=other_meeting, by=world.outsider, content="Kiến nghị của xã khác.", field="other"
    )
    return Vot(
        meeting=meeting,
        pending=pending,
        assigned=assigned,
        forwarded=forwarded,
        minutes=Attachment.objects.get(owner_type__model="votermeeting", owner_id=meeting.pk),
        other_village=other_village,
        elsewhere=elsewhere,
        other_meeting=other_meeting,
        other_rec=other_rec,
    )
