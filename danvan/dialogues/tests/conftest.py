"""Dialogues shared by this app's tests: one of Hồng Phong at each step, and one of the other
commune. Today is Monday 15/06/2026."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine

from danvan.conftest import World
from danvan.dialogues import services
from danvan.dialogues.models import Commitment, Dialogue, Question

TODAY = date(2026, 6, 15)


@dataclass
class Dia:
    draft: Dialogue  # to be held 30/06/2026, not announced yet
    announced: Dialogue  # announced 01/06, held 12/06 (today is after): attendance can be recorded
    held: Dialogue  # held 10/06 with a question and a commitment, results not published
    question: Question
    commitment: Commitment
    published: Dialogue  # held 05/06 and published, with an answered question
    other: Dialogue  # the other commune's


def make(world: World, commune: Any = None, **over: Any) -> Dialogue:
    commune = commune or world.commune
    fields: dict[str, Any] = {
        "kind": Dialogue.Kind.YEARLY,
        "title": "Hội nghị trao đổi, đối thoại giữa UBND xã với Nhân dân năm 2026",
        "topic": "Tình hình hoạt động của UBND xã; đường giao thông nông thôn.",
        "held_on": date(2026, 6, 30),
        "starts_at": None,
        "place": "Hội trường UBND xã",
        "chairs": "Chủ tịch UBND xã; Phó Chủ tịch HĐND xã",
        "co_organiser": world.front_unit if commune == world.commune else None,
        "villages": [],
        "agenda": "Báo cáo của UBND xã\nNhân dân phát biểu\nLãnh đạo trả lời",
        "petition_code": "",
        "invited": "Các thôn Đoàn Kết; đại diện các hộ dân",
    }
    fields.update(over)
    by = world.chairman if commune == world.commune else world.outsider
    if commune != world.commune:
        fields["kind"] = Dialogue.Kind.TOPIC
    return services.dialogue_create(commune=commune, by=by, **fields)


def held(world: World, d: Dialogue, *, notice_on: date) -> Dialogue:
    services.dialogue_announce(dialogue=d, by=world.officer_b, notice_on=notice_on)
    return services.attendance_record(
        dialogue=d,
        by=world.officer_b,
        attendance_total=120,
        officials_present="Chủ tịch UBND xã, Chủ tịch Ủy ban MTTQ xã",
        village_counts={world.village: 80},
    )


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def dia(world: World, frozen: Any) -> Dia:
    draft = make(world)
    announced = make(world, title="Đối thoại về đất đai", held_on=date(2026, 6, 12))
    announced = services.dialogue_announce(
        dialogue=announced, by=world.officer_b, notice_on=date(2026, 6, 1)
    )
    h = held(world, make(world, held_on=date(2026, 6, 10)), notice_on=date(2026, 6, 1))
    q = services.question_add(
        dialogue=h,
        by=world.officer_b,
        text="Đường thôn Đoàn Kết xuống cấp, khi nào sửa?",
        asker_name="Nguyễn Văn Hỏi",
        village=world.village,
        answer="UBND xã sẽ sửa trong quý III.",
        answered_by="Chủ tịch UBND xã",
    )
    c = services.commitment_add(
        dialogue=h,
        by=world.chairman,
        title="Sửa đường thôn Đoàn Kết",
        owner_unit=world.office_a,
        due_on=date(2026, 9, 30),
        question=q,
    )
    p = held(world, make(world, held_on=date(2026, 6, 5)), notice_on=date(2026, 5, 25))
    services.question_add(
        dialogue=p,
        by=world.officer_b,
        text="Xin hỗ trợ giống cây trồng.",
        asker_name="Trần Thị Bí Mật",
        village=world.village,
        answer="Đã có kế hoạch hỗ trợ.",
        answered_by="Phó Chủ tịch UBND xã",
    )
    p = services.dialogue_publish(
        dialogue=p, by=world.chairman, summary="Hội nghị thành công.", published_on=TODAY
    )
    other = make(world, world.other_commune, held_on=date(2026, 6, 30))
    return Dia(draft, announced, h, q, c, p, other)
