"""Records of inspections shared by this app's tests: Hồng Phong's plan of the year, an
inspection of office A at each step, an internal one, a commendation, and another commune's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine

from danvan.conftest import World
from danvan.core.models import Unit
from danvan.inspections import services
from danvan.inspections.models import (
    Finding,
    Inspection,
    InspectionPlan,
    Measure,
    MeasureKind,
    Remedy,
    SubjectKind,
)

TODAY = date(2026, 6, 15)  # a Monday


@dataclass
class Insp:
    plan: InspectionPlan
    planned: Inspection  # of office A, in the plan, not started
    concluded: Inspection  # of office A, concluded and public, one finding and its remedy
    finding: Finding
    remedy: Remedy  # office A's, due 30/06/2026
    internal: Inspection  # of office A, concluded, kept internal
    measure: Measure
    other: Inspection  # of the other commune, concluded and public


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def kind(code: str = "ky-luat-ky-cuong") -> SubjectKind:
    return SubjectKind.objects.get(code=code)


def inspection(world: World, commune: Unit, unit: Unit, **extra: Any) -> Inspection:
    fields: dict[str, Any] = {
        "subject_kind": kind(),
        "title": "Việc chấp hành giờ giấc, tiếp nhận và trả hồ sơ đúng hẹn",
        "planned_from": date(2026, 6, 1),
        "planned_to": date(2026, 6, 5),
        "team": "Trưởng đoàn: Nguyễn Văn An; thành viên: Lê Thị Bình",
    }
    fields.update(extra)
    return services.inspection_create(
        commune=commune, by=world.chairman, inspected_unit=unit, **fields
    )


def conclude(i: Inspection, by: Any, **extra: Any) -> Inspection:
    fields: dict[str, Any] = {
        "done_on": date(2026, 6, 5),
        "concluded_on": date(2026, 6, 10),
        "conclusion_number": "05/KL-UBND",
        "conclusion": "Đơn vị chấp hành tốt giờ giấc; còn hồ sơ trả chậm chưa có phiếu xin lỗi.",
    }
    fields.update(extra)
    return services.inspection_conclude(inspection=i, by=by, **fields)


@pytest.fixture
def insp(world: World, frozen: Any) -> Insp:
    plan = services.plan_create(
        commune=world.commune,
        by=world.officer_b,
        year=2026,
        number="15/KH-UBND",
        title="Kế hoạch kiểm tra kỷ luật, kỷ cương hành chính năm 2026",
        issued_on=date(2026, 1, 10),
    )
    planned = inspection(
        world,
        world.commune,
        world.office_a,
        plan=plan,
        planned_from=date(2026, 9, 1),
        planned_to=date(2026, 9, 3),
    )
    concluded = inspection(world, world.commune, world.office_a, plan=plan)
    finding = services.finding_add(
        inspection=concluded,
        by=world.officer_b,
        text="2 hồ sơ trả chậm chưa có phiếu xin lỗi.",
        severity=Finding.Severity.SHORTCOMING,
    )
    concluded = conclude(concluded, world.officer_b)
    remedy = services.remedy_add(
        inspection=concluded,
        by=world.officer_b,
        finding=finding,
        owner_unit=world.office_a,
        owner_person="Trần Văn Cường",
        measure="Lập phiếu xin lỗi cho hồ sơ trả chậm, rà soát sổ theo dõi.",
        due_on=date(2026, 6, 30),
        evidence="Bản chụp phiếu xin lỗi",
    )
    internal = inspection(world, world.commune, world.office_a, subject_kind=kind("cong-vu"))
    internal = conclude(
        internal,
        world.chairman,
        public=False,
        internal_reason="Đang xem xét trách nhiệm cá nhân",
        conclusion_number="",
    )
    measure = services.measure_record(
        commune=world.commune,
        by=world.chairman,
        kind=MeasureKind.objects.get(code="khien-trach"),
        subject="Trần Văn Cường",
        unit=world.office_a,
        decision_number="20/QĐ-UBND",
        decision_on=date(2026, 6, 12),
        reason="Trả hồ sơ chậm nhiều lần.",
        inspection=internal,
    )
    other = inspection(world, world.other_commune, world.other_office)
    other = services.inspection_conclude(
        inspection=other,
        by=world.outsider,
        done_on=date(2026, 6, 5),
        concluded_on=date(2026, 6, 8),
        conclusion="Đơn vị chấp hành tốt.",
    )
    return Insp(
        plan=plan,
        planned=planned,
        concluded=concluded,
        finding=finding,
        remedy=remedy,
        internal=internal,
        measure=measure,
        other=other,
    )
