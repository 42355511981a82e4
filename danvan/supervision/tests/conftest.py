"""Records of supervision shared by this app's tests: one board of Hồng Phong with a
supervision and recommendations at each step, and the same for the other commune."""

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
from danvan.core.uploads import attachment_create
from danvan.supervision import services
from danvan.supervision.models import Activity, Board, Recommendation, SubjectKind

PDF = b"%PDF-1.4\n%%EOF"
TODAY = date(2026, 6, 15)  # a Monday


@dataclass
class Sup:
    board: Board
    activity: Activity
    sent: Recommendation  # waiting for an owner
    assigned: Recommendation  # office A answers by 30/06/2026
    answered: Recommendation  # answered and published
    answer_file: Attachment
    other_board: Board
    other_activity: Activity
    other_rec: Recommendation


def pdf(name: str = "bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(date(2026, 6, 15), tick=False) as traveller:
        yield traveller


@pytest.fixture
def sup(world: World, frozen: Any, settings: Any, tmp_path: Path) -> Sup:
    settings.MEDIA_ROOT = tmp_path
    kind = SubjectKind.objects.get(code="dau-tu")
    board = services.board_create(
        commune=world.commune,
        by=world.front,
        kind=Board.Kind.INSPECTION,
        name="Ban Thanh tra nhân dân xã Hồng Phong",
        organiser=world.front_unit,
        term_start=date(2024, 7, 1),
    )
    activity = services.activity_create(
        board=board,
        by=world.front,
        subject_kind=kind,
        subject="Thi công đường bê tông thôn Đoàn Kết",
        village=world.village,
        started_on=date(2026, 6, 1),
        ended_on=date(2026, 6, 3),
        method="site",
        findings="Mặt đường mỏng hơn thiết kế ở đoạn cuối.",
        files=[pdf()],
    )

    def rec(title: str, a: Activity = activity) -> Recommendation:
        return services.recommendation_create(
            activity=a,
            by=world.front,
            title=title,
            content=f"{title}: đề nghị kiểm tra, khắc phục.",
            addressed_to="Chủ tịch UBND xã",
            sent_on=date(2026, 6, 5),
        )

    sent = rec("Kiểm tra độ dày mặt đường")
    assigned = services.recommendation_assign(
        rec=rec("Công khai dự toán công trình"),
        by=world.chairman,
        owner_unit=world.office_a,
        due_on=date(2026, 6, 30),
    )
    answered = services.recommendation_assign(
        rec=rec("Bổ sung biển báo thi công"),
        by=world.chairman,
        owner_unit=world.office_b,
        due_on=date(2026, 6, 30),
    )
    answered = services.recommendation_answer(
        rec=answered,
        by=world.chairman,
        answer="Đã lắp biển báo ngày 10/6.",
        answered_on=date(2026, 6, 12),
        answered_by_body="UBND xã",
        publish=True,
    )
    answer_file = attachment_create(
        file=pdf("van-ban-tra-loi.pdf"), owner=answered, commune=world.commune, by=world.chairman
    )
    other_front = Unit.objects.create(
        kind=Unit.Kind.FRONT, name="Ủy ban MTTQ xã khác", parent=world.other_commune
    )
    Membership.objects.create(user=world.outsider, unit=other_front, role=Role.FRONT)
    other_board = services.board_create(
        commune=world.other_commune,
        by=world.outsider,
        kind=Board.Kind.INVESTMENT,
        name="Ban Giám sát đầu tư của cộng đồng xã khác",
        organiser=other_front,
        term_start=date(2024, 7, 1),
    )
    other_activity = services.activity_create(
        board=other_board,
        by=world.outsider,
        subject_kind=kind,
        subject="Nhà văn hóa xã khác",
        started_on=date(2026, 6, 1),
        ended_on=date(2026, 6, 2),
        method="site",
        findings="Đúng tiến độ.",
    )
    other_rec = rec("Kiến nghị của xã khác", other_activity)
    return Sup(
        board=board,
        activity=activity,
        sent=sent,
        assigned=assigned,
        answered=answered,
        answer_file=answer_file,
        other_board=other_board,
        other_activity=other_activity,
        other_rec=other_rec,
    )
