"""Notes of public opinion shared by this app's tests: Hồng Phong's two villages (Thôn Đoàn
Kết, whose head is the `village_head` persona, and Thôn Hòa Bình), notes from each and from the
Front and an office, a petition of the commune to link (Thôn Đoàn Kết, environment), and a note
of the other commune."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine

from danvan.conftest import World
from danvan.core.models import Unit
from danvan.opinion import services
from danvan.opinion.models import OpinionNote, OpinionTopic, SourceKind
from danvan.petitions.models import Petition

TODAY = date(2026, 11, 20)  # a Friday


@dataclass
class Op:
    village_note: OpinionNote  # Thôn Đoàn Kết's, urgent and rising, open
    front_note: OpinionNote  # the Front's, about Thôn Hòa Bình
    office_note: OpinionNote  # Phòng VH-XH's, whole commune, handled
    other_village_note: OpinionNote  # reported by Thôn Hòa Bình
    other_commune_note: OpinionNote
    other_village: Unit
    petition: Petition
    other_petition: Petition  # of the other commune


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def topic(code: str) -> OpinionTopic:
    return OpinionTopic.objects.get(code=code)


def source(code: str) -> SourceKind:
    return SourceKind.objects.get(code=code)


def make_petition(commune: Unit, number: int, **kw: Any) -> Petition:
    return Petition.objects.create(
        commune=commune,
        year=2026,
        number=number,
        tracking_code=f"O{commune.pk}N{number}",
        channel="in_person",
        kind="recommendation",
        subject="Ông Nguyễn Văn Tố phản ánh mùi hôi từ trại lợn",
        content="Đề nghị kiểm tra trại lợn gây ô nhiễm.",
        received_on=kw.pop("received_on", date(2026, 11, 10)),
        topic=kw.pop("topic", Petition.Topic.ENVIRONMENT),
        **kw,
    )


@pytest.fixture
def op(world: World, frozen: Any) -> Op:
    other_village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Hòa Bình", parent=world.commune
    )
    village_note = services.note_create(
        commune=world.commune,
        by=world.village_head,
        noted_on=date(2026, 11, 18),
        topic=topic("moi-truong"),
        source_kind=source("thon"),
        reporting_unit=world.village,
        content="Nhiều hộ bức xúc vì mùi hôi từ trại lợn đầu thôn, bàn nhau kéo lên xã.",
        urgency=OpinionNote.Urgency.URGENT,
        trend=OpinionNote.Trend.RISING,
        proposal="Đề nghị xã kiểm tra trại lợn.",
    )
    front_note = services.note_create(
        commune=world.commune,
        by=world.front,
        noted_on=date(2026, 11, 12),
        topic=topic("dat-dai"),
        village=other_village,
        source_kind=source("mat-tran-doan-the"),
        reporting_unit=world.front_unit,
        content="Bà con hỏi về giá bồi thường đất làm đường.",
        trend=OpinionNote.Trend.NEW,
        urgency=OpinionNote.Urgency.ATTENTION,
    )
    office_note = services.note_create(
        commune=world.commune,
        by=world.officer_a,
        noted_on=date(2026, 11, 5),
        topic=topic("an-sinh"),
        source_kind=source("can-bo"),
        reporting_unit=world.office_a,
        content="Người dân phấn khởi vì trợ cấp được chi đúng hạn.",
        trend=OpinionNote.Trend.STEADY,
    )
    services.note_handle(
        note=office_note,
        by=world.chairman,
        handled_on=date(2026, 11, 6),
        handling="Đã thông tin trên loa truyền thanh.",
    )
    other_village_note = services.note_create(
        commune=world.commune,
        by=world.chairman,
        noted_on=date(2026, 11, 15),
        topic=topic("an-ninh-trat-tu"),
        source_kind=source("thon"),
        reporting_unit=other_village,
        content="Thanh niên tụ tập đua xe ban đêm.",
        trend=OpinionNote.Trend.RISING,
    )
    other_office_unit = world.other_office
    other_commune_note = services.note_create(
        commune=world.other_commune,
        by=world.outsider,
        noted_on=date(2026, 11, 10),
        topic=topic("khac"),
        source_kind=source("khac"),
        reporting_unit=other_office_unit,
        content="Tin của xã khác.",
        trend=OpinionNote.Trend.NEW,
    )
    return Op(
        village_note=village_note,
        front_note=front_note,
        office_note=OpinionNote.objects.get(pk=office_note.pk),
        other_village_note=other_village_note,
        other_commune_note=other_commune_note,
        other_village=other_village,
        petition=make_petition(world.commune, 15, village=world.village),
        other_petition=make_petition(world.other_commune, 15),
    )
