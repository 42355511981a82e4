"""A consultation of Hồng Phong in each state, built through the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.conftest import World
from danvan.consultations import services
from danvan.consultations.drafts import DraftPoint
from danvan.consultations.models import MEETING, PORTAL, Comment, Consultation, Decision, Matter
from danvan.core.models import Unit

PDF = b"%PDF-1.4\n%%EOF"
DRAFT_TEXT = (
    "KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2027\n"
    "Điều 1. Mục tiêu chung\nTăng thu nhập bình quân đầu người.\n"
    "Điều 2. Giao thông\nBê tông hóa 5 km đường thôn.\n"
    "Điều 3. Nước sạch\nĐầu tư công trình nước sạch thôn Đoàn Kết.\n"
)


def make(
    world: World,
    *,
    commune: Unit | None = None,
    lead_unit: Unit | None = None,
    title: str = "Dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027",
    opens_on: date | None = None,
    closes_on: date | None = None,
    open_it: bool = False,
    whole_commune: bool = True,
    villages: list[Unit] | None = None,
) -> Consultation:
    today = timezone.localdate()
    commune = commune or world.commune
    by = world.chairman if commune == world.commune else world.outsider
    c = services.consultation_create(
        commune=commune,
        by=by,
        title=title,
        lead_unit=lead_unit or (world.office_a if commune == world.commune else world.other_office),
        matter=Matter.objects.get(item="1"),
        whole_commune=whole_commune,
        villages=villages or [],
        opens_on=opens_on or today - timedelta(days=2),
        closes_on=closes_on or today + timedelta(days=20),
        channels=[PORTAL, MEETING],
    )
    services.points_replace(
        consultation=c,
        by=by,
        points=[
            DraftPoint("Điều 1. Mục tiêu chung", "Tăng thu nhập bình quân đầu người."),
            DraftPoint("Điều 2. Giao thông", "Bê tông hóa 5 km đường thôn."),
        ],
    )
    if open_it:
        # Opened on its first day, as an officer would.
        c.refresh_from_db()
        services.consultation_open(consultation=c, by=by, today=c.opens_on or today)
    c.refresh_from_db()
    return c


@dataclass
class Scene:
    world: World
    draft: Consultation
    open: Consultation  # taking comments today, past its legal minimum; one comment, one group
    closed: Consultation  # past its last day, closed, every comment answered
    other: Consultation  # another commune's, open
    comment: Comment  # on `open`, point 1, from the portal
    group_comment: Comment  # on `open`, entered at a meeting, in `group`
    group_id: int
    hidden: Comment  # on `open`, hidden as abuse
    attachment_id: int  # the full draft of `open`


@pytest.fixture
def scene(world: World, settings: Any, tmp_path: Path) -> Scene:
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    draft = make(world, title="Dự thảo phương án đặt tên thôn mới")
    # Published 21 days ago: its legal minimum (Điều 28(2), 20 days) has run, so it may be
    # closed early with a reason; ten days are left of its announced period.
    opened = make(
        world,
        open_it=True,
        opens_on=today - timedelta(days=21),
        closes_on=today + timedelta(days=10),
    )
    p1, p2 = list(opened.points.all())
    [comment] = services.comments_submit(
        consultation=opened, texts=[(p1, "Nên tăng mục tiêu thu nhập.")], today=today
    )
    entered = services.comment_enter(
        consultation=opened,
        by=world.officer_a,
        text="Ưu tiên đường vào thôn Đoàn Kết.",
        channel=MEETING,
        source="Hội nghị thôn Đoàn Kết",
        village=world.village,
        people=25,
        received_on=today,
        point=p2,
        today=today,
    )
    group = services.group_create(
        consultation=opened, by=world.chairman, title="Đường thôn", comments=[entered], point=p2
    )
    closed = make(
        world,
        title="Dự thảo phương án chuyển đổi cơ cấu cây trồng",
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=5),
    )
    # Opened back then: run the service on its first day.
    services.consultation_open(consultation=closed, by=world.chairman, today=closed.opens_on)
    [old] = services.comments_submit(
        consultation=closed,
        texts=[(None, "Đồng ý chuyển sang trồng cây ăn quả.")],
        today=closed.opens_on,
    )
    services.consultation_close(consultation=closed, by=None, today=today)
    services.comment_answer(comment=old, by=world.chairman, decision=Decision.ACCEPTED)
    [hidden] = services.comments_submit(
        consultation=opened, texts=[(None, "Mua bán đất giá rẻ, gọi 0900…")], today=today
    )
    services.comment_hide(comment=hidden, by=world.chairman, reason="Quảng cáo")
    attachment = services.consultation_attach(
        consultation=opened,
        by=world.chairman,
        file=SimpleUploadedFile("du-thao.pdf", PDF, "application/pdf"),
    )
    other = make(
        world,
        commune=world.other_commune,
        open_it=True,
        title="Dự thảo của xã khác",
        opens_on=today - timedelta(days=21),
        closes_on=today + timedelta(days=10),
    )
    closed.refresh_from_db()
    opened.refresh_from_db()
    return Scene(
        world=world,
        draft=draft,
        open=opened,
        closed=closed,
        other=other,
        comment=comment,
        group_comment=entered,
        group_id=group.pk,
        hidden=hidden,
        attachment_id=attachment.pk,
    )
