"""Promises shared by this app's tests: Hồng Phong's promises at each status, one internal,
and one of the other commune. Today is Monday 15/06/2026."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import World
from danvan.core.models import Attachment
from danvan.promises import services
from danvan.promises.models import Outcome, Promise, Source
from danvan.promises.selectors import files_of

PDF = b"%PDF-1.4\n%%EOF"
TODAY = date(2026, 6, 15)


@dataclass
class Proms:
    kept: Promise  # office A's bridge, kept on time, with its evidence
    evidence: Attachment
    open: Promise  # office A's street lights, due 30/09/2026
    late: Promise  # office B's canal, due 01/05/2026, nothing reported
    internal: Promise  # office B's, kept, internal, with a file
    internal_file: Attachment
    other: Promise  # the other commune's


def pdf(name: str = "bien-ban-nghiem-thu.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def make(world: World, title: str, **kw: Any) -> Promise:
    data: dict[str, Any] = {
        "commune": world.commune,
        "source": Source.DIALOGUE,
        "source_label": "Hội nghị đối thoại năm 2026 (12/03/2026)",
        "owner_unit": world.office_a,
        "made_on": date(2026, 3, 12),
        "due_on": date(2026, 9, 30),
        "by": world.chairman,
        "title": title,
    }
    data.update(kw)
    return services.promise_create(**data)


@pytest.fixture
def proms(world: World, frozen: Any, settings: Any, tmp_path: Path) -> Proms:
    settings.MEDIA_ROOT = tmp_path
    kept = make(
        world,
        "Sửa cầu tràn thôn Đoàn Kết",
        content="Gia cố mặt cầu, làm lại lan can.",
        village=world.village,
        due_on=date(2026, 5, 30),
        source_url="/can-bo/doi-thoai/1/",
        public_url="/doi-thoai/1/",
    )
    services.promise_report(
        promise=kept,
        by=world.officer_a,
        outcome=Outcome.KEPT,
        note="Đã gia cố xong, nghiệm thu ngày 20/5.",
        on=date(2026, 5, 20),
        files=[pdf()],
    )
    open_ = make(
        world,
        "Lắp đèn chiếu sáng đường trục xã",
        source=Source.VOTERS,
        source_label="Tiếp xúc cử tri",
    )
    late = make(
        world,
        "Nạo vét kênh mương nội đồng",
        source=Source.QUESTIONING,
        source_label="Kỳ họp thứ 5 HĐND xã",
        owner_unit=world.office_b,
        due_on=date(2026, 5, 1),
    )
    internal = make(
        world,
        "Xử lý cán bộ vi phạm giờ làm việc",
        source=Source.INSPECTION,
        source_label="Kết luận kiểm tra công vụ",
        owner_unit=world.office_b,
        due_on=date(2026, 6, 10),
        public=False,
        internal_reason="Liên quan đến xử lý kỷ luật một người",
    )
    services.promise_report(
        promise=internal,
        by=world.officer_b,
        outcome=Outcome.KEPT,
        note="Đã kiểm điểm.",
        on=date(2026, 6, 1),
        files=[pdf("bien-ban-kiem-diem.pdf")],
    )
    other = services.promise_create(
        commune=world.other_commune,
        source=Source.DIALOGUE,
        source_label="Đối thoại xã khác",
        title="Cam kết của xã khác",
        owner_unit=world.other_office,
        made_on=date(2026, 3, 1),
        due_on=date(2026, 9, 1),
        by=world.outsider,
    )
    return Proms(
        kept=Promise.objects.get(pk=kept.pk),
        evidence=files_of(kept.pk).get(),
        open=open_,
        late=late,
        internal=Promise.objects.get(pk=internal.pk),
        internal_file=files_of(internal.pk).get(),
        other=other,
    )
