"""Records shared by this app's tests: the forms of the migration, a day to stand on, and a
register (`com`) with a decision of Hồng Phong, a province's decision it recorded, a pending
proposal, and the other commune's decision and proposal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine

from danvan.commendations import services
from danvan.commendations.models import (
    Award,
    AwardForm,
    Decision,
    Proposal,
    RecipientKind,
    Source,
)
from danvan.conftest import World
from danvan.core.models import Unit

TODAY = date(2026, 6, 15)


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def giay_khen(db: None) -> AwardForm:
    return AwardForm.objects.get(code="giay-khen")


@pytest.fixture
def lao_dong(db: None) -> AwardForm:
    return AwardForm.objects.get(code="lao-dong-tien-tien")


@dataclass
class Com:
    decision: Decision  # 45/QĐ-UBND of Hồng Phong, Giấy khen: two awards
    award: Award  # the collective of Thôn Đoàn Kết, for the movement
    person: Award  # a mediator, for mediation
    pending: Proposal  # the Front's proposal, waiting
    province_decision: Decision  # a Bằng khen of the province, recorded
    province_award: Award
    other_decision: Decision  # of the other commune
    other_award: Award
    other_proposal: Proposal


@pytest.fixture
def com(world: World, frozen: Any, giay_khen: AwardForm) -> Com:
    def award(commune: Unit, by: Any, form: AwardForm, number: str, **kw: Any) -> Award:
        args: dict[str, Any] = {
            "commune": commune,
            "by": by,
            "source": Source.MOVEMENT,
            "source_label": "Mô hình “Dân vận khéo” thôn Đoàn Kết",
            "source_url": "",
            "recipient": "Ban công tác Mặt trận thôn Đoàn Kết",
            "recipient_kind": RecipientKind.COLLECTIVE,
            "achievement": "Vận động nhân dân hiến đất làm đường giao thông nông thôn",
            "form": form,
            "decision_number": number,
            "decided_on": date(2026, 6, 1),
            "signer_name": "Hoàng Văn Chủ",
            "signer_title": "Chủ tịch",
        }
        args.update(kw)
        return services.award_record(**args)

    first = award(
        world.commune, world.chairman, giay_khen, "45/QĐ-UBND", recipient_unit=world.village
    )
    person = award(
        world.commune,
        world.chairman,
        giay_khen,
        "45/QĐ-UBND",
        source=Source.MEDIATION,
        source_label="Tổ hòa giải thôn Đoàn Kết",
        recipient="Ông Lường Văn Thắng",
        recipient_kind=RecipientKind.INDIVIDUAL,
        achievement="Tổ trưởng tổ hòa giải, hòa giải thành 12 vụ, việc",
    )
    province = award(
        world.commune,
        world.chairman,
        AwardForm.objects.get(code="bang-khen-tinh"),
        "1234/QĐ-UBND",
        recipient="Ủy ban MTTQ xã",
        signer_title="Chủ tịch UBND tỉnh",
        decided_on=date(2026, 5, 20),
    )
    pending = services.proposal_create(
        commune=world.commune,
        by=world.front,
        source=Source.MOVEMENT,
        source_label="Mô hình “Dân vận khéo” thôn Đoàn Kết",
        source_url="",
        recipient="Chi hội Phụ nữ thôn Đoàn Kết",
        recipient_kind=RecipientKind.COLLECTIVE,
        achievement="Vận động 100% hộ phân loại rác tại nguồn",
        form=giay_khen,
        proposing_unit=world.front_unit,
    )
    other = award(
        world.other_commune, world.outsider, giay_khen, "10/QĐ-UBND", recipient="Thôn Khác"
    )
    other_proposal = services.proposal_create(
        commune=world.other_commune,
        by=world.outsider,
        source=Source.OTHER,
        source_label="",
        source_url="",
        recipient="Văn phòng xã khác",
        recipient_kind=RecipientKind.COLLECTIVE,
        achievement="Hoàn thành xuất sắc nhiệm vụ",
        form=giay_khen,
        proposing_unit=world.other_office,
    )
    return Com(
        decision=first.decision,
        award=first,
        person=person,
        pending=pending,
        province_decision=province.decision,
        province_award=province,
        other_decision=other.decision,
        other_award=other,
        other_proposal=other_proposal,
    )
